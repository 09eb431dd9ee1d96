package org.backprop4j.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's decision on a fake clock that only the loops move: rounds and runs counted, the
 * time limit honoured at its boundary, a lost round starting the streak again, every exercise
 * required to win; its exercises call every loop on whole vectors and tails; its thread.
 */
class WarmUpTest {

    /** Where the fake clock starts: far from 0, so a sum of two readings is no duration. */
    private static final long START = 5_000_000_000L;

    private static final long PER_TIMING = WarmUp.RUNS_PER_TIMING;

    /** A time limit far beyond what the rounds of these tests take, so that a warm-up that never ends fails fast. */
    private static final long AMPLE = 1_000_000;

    private final AtomicLong clock = new AtomicLong(START);

    /** An exercise that calls {@code tanh} once on whichever loops it is given. */
    private static final Consumer<KernelLoops> ONE_CALL = loops -> loops.tanh(new double[1], new double[1], 0, 1);

    private WarmUp warmUp(KernelLoops lanes, KernelLoops twins, List<Consumer<KernelLoops>> exercises, long limit) {
        return new WarmUp(lanes, twins, exercises, clock::get, limit);
    }

    @Test
    void fasterLanesWinAfterThreeRoundsOfTwentyRunsEach() {
        RecordingLoops lanes = new RecordingLoops("lanes", clock, 1);
        RecordingLoops twins = new RecordingLoops("twins", clock, 2);
        assertTrue(warmUp(lanes, twins, List.of(ONE_CALL), AMPLE).lanesWin());
        assertEquals(WarmUp.ROUNDS_IN_A_ROW * PER_TIMING, lanes.count("tanh"));
        assertEquals(WarmUp.ROUNDS_IN_A_ROW * PER_TIMING, twins.count("tanh"));
        assertEquals(3, WarmUp.ROUNDS_IN_A_ROW);
        assertEquals(20, WarmUp.RUNS_PER_TIMING);
    }

    @Test
    void eachRoundRunsTheLanesThenTheTwinsTwentyTimesEach() {
        List<String> order = new ArrayList<>();
        RecordingLoops lanes = new RecordingLoops("lanes", clock, 1);
        RecordingLoops twins = new RecordingLoops("twins", clock, 2);
        Consumer<KernelLoops> exercise = loops -> {
            order.add(loops.name());
            loops.exp(new double[1], new double[1], 0, 1);
        };
        assertTrue(warmUp(lanes, twins, List.of(exercise), AMPLE).lanesWin());
        List<String> round = new ArrayList<>();
        round.addAll(java.util.Collections.nCopies(20, "lanes"));
        round.addAll(java.util.Collections.nCopies(20, "twins"));
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            expected.addAll(round);
        }
        assertEquals(expected, order);
    }

    @Test
    void aTieIsNoWinAndTheLimitEndsTheWarmUpOnceExceeded() {
        // each round takes 2 · 20 ns; a round may start while at most 80 ns have passed
        RecordingLoops lanes = new RecordingLoops("lanes", clock, 1);
        RecordingLoops twins = new RecordingLoops("twins", clock, 1);
        assertFalse(warmUp(lanes, twins, List.of(ONE_CALL), 2 * 2 * PER_TIMING).lanesWin());
        assertEquals(3 * PER_TIMING, lanes.count("tanh"), "rounds started at 0, 40 and 80 ns");
        assertEquals(START + 3 * 2 * PER_TIMING, clock.get());
    }

    @Test
    void aLimitOfZeroStillRunsTheFirstRound() {
        RecordingLoops lanes = new RecordingLoops("lanes", clock, 2);
        RecordingLoops twins = new RecordingLoops("twins", clock, 1);
        assertFalse(warmUp(lanes, twins, List.of(ONE_CALL), 0).lanesWin());
        assertEquals(PER_TIMING, lanes.count("tanh"));
        assertEquals(PER_TIMING, twins.count("tanh"));
    }

    @Test
    void slowerLanesNeverWin() {
        RecordingLoops lanes = new RecordingLoops("lanes", clock, 3);
        RecordingLoops twins = new RecordingLoops("twins", clock, 2);
        assertFalse(warmUp(lanes, twins, List.of(ONE_CALL), 1_000).lanesWin());
        // rounds of 100 ns start at 0, 100, …, 1000 ns
        assertEquals(11 * PER_TIMING, lanes.count("tanh"));
    }

    @Test
    void aLostRoundStartsTheStreakAgain() {
        // the lanes win rounds 1 and 2, lose round 3, then win 4, 5 and 6
        boolean[] lanesWinRound = {true, true, false, true, true, true, false, false};
        RecordingLoops twins = new RecordingLoops("twins", clock, 2);
        AtomicInteger calls = new AtomicInteger();
        RecordingLoops lanes = new RecordingLoops("lanes", clock,
                method -> lanesWinRound[calls.getAndIncrement() / WarmUp.RUNS_PER_TIMING] ? 1 : 3);
        assertTrue(warmUp(lanes, twins, List.of(ONE_CALL), AMPLE).lanesWin());
        assertEquals(6 * PER_TIMING, twins.count("tanh"));
    }

    @Test
    void theLanesMustWinEveryExerciseAndEveryExerciseRunsEachRound() {
        // the lanes are faster at tanh, slower at exp
        RecordingLoops lanes = new RecordingLoops("lanes", clock, method -> method.equals("exp") ? 5 : 0);
        RecordingLoops twins = new RecordingLoops("twins", clock, 1);
        Consumer<KernelLoops> exp = loops -> loops.exp(new double[1], new double[1], 0, 1);
        assertFalse(warmUp(lanes, twins, List.of(exp, ONE_CALL), 140).lanesWin());
        // rounds of 20·5 + 20·1 + 20·0 + 20·1 = 140 ns start at 0 and 140 ns
        assertEquals(2 * PER_TIMING, lanes.count("exp"));
        assertEquals(2 * PER_TIMING, lanes.count("tanh"), "tanh still runs after exp was lost");
        assertTrue(warmUp(lanes, twins, List.of(ONE_CALL), AMPLE).lanesWin(), "the lanes win at tanh alone");
    }

    @Test
    void theExercisesCallEveryLoopOnWholeVectorsAndTails() {
        RecordingLoops loops = new RecordingLoops("recording");
        List<Consumer<KernelLoops>> exercises = WarmUp.exercises();
        assertEquals(4, exercises.size());
        for (Consumer<KernelLoops> exercise : exercises) {
            exercise.accept(loops);
        }
        int n = WarmUp.ROWS * WarmUp.COLS;
        assertEquals(List.of(
                new RecordingLoops.Call("tanh", 0, n, n),
                new RecordingLoops.Call("biasTanh", WarmUp.ROWS, WarmUp.COLS, n),
                new RecordingLoops.Call("sigmoid", 0, n, n),
                new RecordingLoops.Call("biasSigmoid", WarmUp.ROWS, WarmUp.COLS, n),
                new RecordingLoops.Call("exp", 0, n, n),
                new RecordingLoops.Call("exp", 0, n, n),
                new RecordingLoops.Call("log", 0, n, n)), loops.calls());
        // each row: at least one whole vector of the widest species (2,048 bits, 32 doubles), and a tail for any lane count
        assertTrue(WarmUp.COLS > 32 && WarmUp.COLS % 2 == 1, "columns " + WarmUp.COLS);
        assertTrue(WarmUp.ROWS > 1, "rows " + WarmUp.ROWS);
    }

    @Test
    void theExercisesInputsLieOnBothSidesOfEveryBranch() {
        RecordingLoops loops = new RecordingLoops("recording");
        WarmUp.exercises().get(0).accept(loops);
        double[] x = loops.arguments().get(0);
        double[] bias = Arrays.copyOf(loops.arguments().get(1), WarmUp.COLS);
        Set<String> seen = new TreeSet<>();
        for (double v : x) {
            assertTrue(Double.isFinite(v) && Math.abs(v) < 6, "input " + v);
            seen.add((v < 0 ? "negative" : "positive") + (Math.abs(v) < 1 ? " below 1" : " from 1")
                    + (Math.abs(v) < Math.log(2) / 2 ? ", unreduced" : ", reduced"));
        }
        assertEquals(Set.of("negative below 1, reduced", "negative below 1, unreduced", "negative from 1, reduced",
                "positive below 1, reduced", "positive below 1, unreduced", "positive from 1, reduced"), seen);
        for (double b : bias) {
            assertTrue(Math.abs(b) < 0.5, "bias " + b);
        }
    }

    @Test
    void theThreadIsADaemonAtTheLowestPriorityNamedForWhatItDoes() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        Thread thread = WarmUp.start(ran::countDown);
        assertEquals("backprop4j-vector-warm-up", thread.getName());
        assertTrue(thread.isDaemon());
        assertEquals(Thread.MIN_PRIORITY, thread.getPriority());
        assertTrue(ran.await(60, TimeUnit.SECONDS), "the thread was started and ran the warm-up");
        thread.join(60_000);
        assertEquals(Thread.State.TERMINATED, thread.getState());
    }

    @Test
    void badArgumentsAreRefused() {
        RecordingLoops loops = new RecordingLoops("loops");
        List<Consumer<KernelLoops>> none = List.of();
        assertEquals("lanes", assertThrows(NullPointerException.class,
                () -> new WarmUp(null, loops, none, clock::get, 1)).getMessage());
        assertEquals("twins", assertThrows(NullPointerException.class,
                () -> new WarmUp(loops, null, none, clock::get, 1)).getMessage());
        assertEquals("nanos", assertThrows(NullPointerException.class,
                () -> new WarmUp(loops, loops, none, null, 1)).getMessage());
        assertEquals("exercises", assertThrows(NullPointerException.class,
                () -> new WarmUp(loops, loops, null, clock::get, 1)).getMessage());
        assertEquals("time limit of -1 ns", assertThrows(IllegalArgumentException.class,
                () -> new WarmUp(loops, loops, none, clock::get, -1)).getMessage());
    }

    @Test
    void anInterruptEndsThePauseAndIsKept() {
        Thread.currentThread().interrupt();
        WarmUp.pause(60_000);
        assertTrue(Thread.interrupted(), "the interrupt is kept");
    }
}
