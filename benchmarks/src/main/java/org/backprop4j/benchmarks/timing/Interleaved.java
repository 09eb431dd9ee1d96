package org.backprop4j.benchmarks.timing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.benchmarks.peer.StepPeer;
import org.backprop4j.benchmarks.step.Side;

/**
 * Times the sides of one configuration against each other on the same machine at the same moment:
 * each side warms up in turn (a peer's sides no longer than {@link StepPeer#warmUpLimitMillis()}),
 * then every round runs each side once, one after the other, for about the same time, in reversed
 * order every other round. A ratio of two sides is then a ratio of
 * neighbouring measurements, and its spread over the rounds says how far the machine moved.
 *
 * @param warmupMillis how long each Java side steps before it is timed, in turns of at most {@link #WARMUP_TURN_MILLIS}
 * @param roundMillis about how long each side runs per round
 * @param rounds how many rounds
 */
public record Interleaved(long warmupMillis, long roundMillis, int rounds) {

    /** Warm-up runs in turns of this long, side after side, so every side's code compiles before any is timed. */
    public static final long WARMUP_TURN_MILLIS = 500;

    /**
     * @throws IllegalArgumentException unless every figure is at least 1
     */
    public Interleaved {
        if (warmupMillis < 1 || roundMillis < 1 || rounds < 1) {
            throw new IllegalArgumentException("warm-up, round length and rounds must each be at least 1, got " + warmupMillis
                    + " ms, " + roundMillis + " ms and " + rounds);
        }
    }

    /**
     * What the rounds measured.
     *
     * @param micros µs per step of each side, one per round
     * @param tensorBytes the tensor engine's bytes allocated per step, median over the rounds (NaN if not timed)
     */
    public record Result(Map<Side, double[]> micros, double tensorBytes) {
    }

    /**
     * Warms up every side of the peers, then times them in interleaved rounds.
     *
     * @param peers the peers of one configuration (on one backend), each with the configuration loaded
     * @return each side's µs per step per round
     * @throws IOException if a peer fails
     */
    public Result run(List<StepPeer> peers) throws IOException {
        Map<Side, StepPeer> peerOf = new EnumMap<>(Side.class);
        Map<Side, Double> nanosPerStep = new EnumMap<>(Side.class);
        for (long warmed = 0; warmed < warmupMillis; warmed += WARMUP_TURN_MILLIS) {
            long turn = Math.min(WARMUP_TURN_MILLIS, warmupMillis - warmed);
            for (StepPeer peer : peers) {
                if (warmed < peer.warmUpLimitMillis()) {
                    for (Side side : peer.sides()) {
                        peerOf.put(side, peer);
                        nanosPerStep.put(side, peer.warm(side, turn).nanosPerStep());
                    }
                }
            }
        }
        Map<Side, double[]> micros = new EnumMap<>(Side.class);
        for (Side side : nanosPerStep.keySet()) {
            micros.put(side, new double[rounds]);
        }
        double[] bytes = new double[rounds];
        List<Side> order = new ArrayList<>(nanosPerStep.keySet());
        for (int round = 0; round < rounds; round++) {
            Collections.reverse(order);
            for (Side side : order) {
                long steps = Math.max(1, Math.round(roundMillis * 1e6 / nanosPerStep.get(side)));
                StepPeer.Timed timed = peerOf.get(side).time(side, steps);
                micros.get(side)[round] = timed.nanos() / 1e3 / steps;
                if (side == Side.TENSOR) {
                    bytes[round] = timed.bytes() / steps;
                }
            }
        }
        return new Result(micros, micros.containsKey(Side.TENSOR) ? Spread.of(bytes).median() : Double.NaN);
    }
}
