package org.backprop4j.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Times the sides of one configuration against each other on the same machine at the same moment:
 * each side warms up in turn, then every round runs each side once, one after the other, for about
 * the same time, in reversed order every other round. A ratio of two sides is then a ratio of
 * neighbouring measurements, and its spread over the rounds says how far the machine moved.
 *
 * @param warmupMillis how long each Java side steps before it is timed, in turns of at most {@link #WARMUP_TURN_MILLIS}
 * @param roundMillis about how long each side runs per round
 * @param rounds how many rounds
 */
record Interleaved(long warmupMillis, long roundMillis, int rounds) {

    /** Warm-up runs in turns of this long, side after side, so every side's code compiles before any is timed. */
    static final long WARMUP_TURN_MILLIS = 500;
    /** PyTorch has no JIT to wait for: its warm-up stops after this long (or the Java sides', if shorter). */
    static final long TORCH_WARMUP_MILLIS = 1_000;

    /**
     * @throws IllegalArgumentException unless every figure is at least 1
     */
    Interleaved {
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
    record Result(Map<Side, double[]> micros, double tensorBytes) {
    }

    /**
     * @param java a step server serving the Java sides
     * @param javaSides the sides it serves
     * @param torch the PyTorch peer with the configuration loaded, or null
     * @return each side's µs per step per round
     * @throws IOException if a peer fails
     */
    Result run(Peer java, List<Side> javaSides, PyTorch torch) throws IOException {
        Map<Side, Double> nanosPerStep = new EnumMap<>(Side.class);
        for (long warmed = 0; warmed < warmupMillis; warmed += WARMUP_TURN_MILLIS) {
            long turn = Math.min(WARMUP_TURN_MILLIS, warmupMillis - warmed);
            for (Side side : javaSides) {
                String[] words = java.ask("warm " + side + " " + turn).split(" ");
                nanosPerStep.put(side, Double.parseDouble(words[1]) / Double.parseDouble(words[0]));
            }
            if (torch != null && warmed < TORCH_WARMUP_MILLIS) {
                long[] warm = torch.warm(turn);
                nanosPerStep.put(Side.PYTORCH, (double) warm[1] / warm[0]);
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
                double nanos;
                if (side == Side.PYTORCH) {
                    nanos = torch.time(steps);
                } else {
                    String[] words = java.ask("time " + side + " " + steps).split(" ");
                    nanos = Double.parseDouble(words[0]);
                    if (side == Side.TENSOR) {
                        bytes[round] = Double.parseDouble(words[1]) / steps;
                    }
                }
                micros.get(side)[round] = nanos / 1e3 / steps;
            }
        }
        return new Result(micros, javaSides.contains(Side.TENSOR) ? Spread.of(bytes).median() : Double.NaN);
    }
}
