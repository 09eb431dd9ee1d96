package org.backprop4j.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's decision, on a fake clock that only the loops move: the lanes win only when they are
 * faster at every exercise in {@value WarmUp#ROUNDS_IN_A_ROW} rounds in a row, and a warm-up always
 * ends, by its time limit when they never do. What it decides, not how it gets there: no test counts
 * runs or their order. Its thread, and its refusals.
 */
class WarmUpTest {

    /** Where the fake clock starts: far from 0, so a sum of two readings is no duration. */
    private static final long START = 5_000_000_000L;

    /** A time limit far beyond what the rounds of these tests take. */
    private static final long AMPLE = 1_000_000;

    private final AtomicLong clock = new AtomicLong(START);

    private static final Consumer<KernelLoops> TANH = loops -> loops.tanh(new double[1], new double[1], 0, 1);
    private static final Consumer<KernelLoops> EXP = loops -> loops.exp(new double[1], new double[1], 0, 1);

    private boolean lanesWin(KernelLoops lanes, KernelLoops twins, List<Consumer<KernelLoops>> exercises, long limit) {
        return new WarmUp(lanes, twins, exercises, clock::get, limit).lanesWin();
    }

    @Test
    void fasterLanesWin() {
        assertTrue(lanesWin(new TimedLoops("lanes", clock, 1), new TimedLoops("twins", clock, 2), List.of(TANH), AMPLE));
        assertTrue(lanesWin(new TimedLoops("lanes", clock, 0), new TimedLoops("twins", clock, 1), WarmUp.exercises(), AMPLE),
                "the real exercises");
    }

    @Test
    void lanesThatTieOrLoseNeverWinAndTheWarmUpEndsAtItsLimit() {
        for (long lanesCost : new long[] {2, 3}) {
            clock.set(START);
            assertFalse(lanesWin(new TimedLoops("lanes", clock, lanesCost), new TimedLoops("twins", clock, 2), List.of(TANH), 1_000));
            long elapsed = clock.get() - START;
            assertTrue(elapsed > 1_000 && elapsed < 2_000, "gave up once the limit had passed: " + elapsed + " ns");
        }
    }

    @Test
    void theLimitEndsAWarmUpEvenWhileTheLanesAreWinning() {
        assertFalse(lanesWin(new TimedLoops("lanes", clock, 1), new TimedLoops("twins", clock, 2), List.of(TANH), 0));
        long elapsed = clock.get() - START;
        assertTrue(elapsed > 0, "a limit of 0 still runs one round");
    }

    @Test
    void theLanesMustWinEveryExercise() {
        TimedLoops lanes = new TimedLoops("lanes", clock, method -> method.equals("exp") ? 5 : 0);
        TimedLoops twins = new TimedLoops("twins", clock, 1);
        assertFalse(lanesWin(lanes, twins, List.of(EXP, TANH), 1_000), "slower at exp, faster at tanh");
        assertFalse(lanesWin(lanes, twins, List.of(TANH, EXP), 1_000), "whatever the order of the exercises");
        assertTrue(lanesWin(lanes, twins, List.of(TANH), AMPLE), "faster at tanh alone");
    }

    /** Lanes that win or lose each round as {@code pattern} says, then lose; a round begins where the lanes follow the twins. */
    private boolean lanesWinRounds(boolean... pattern) {
        AtomicInteger round = new AtomicInteger(-1);
        TimedLoops twins = new TimedLoops("twins", clock, 2);
        KernelLoops[] last = {twins};
        TimedLoops lanes = new TimedLoops("lanes", clock, method -> {
            int r = round.get();
            return r < pattern.length && pattern[r] ? 1 : 3;
        });
        Consumer<KernelLoops> exercise = loops -> {
            if (loops == lanes && last[0] == twins) {
                round.incrementAndGet();
            }
            last[0] = loops;
            TANH.accept(loops);
        };
        return lanesWin(lanes, twins, List.of(exercise), 100_000);
    }

    @Test
    void aLostRoundStartsTheStreakAgain() {
        assertTrue(lanesWinRounds(true, true, true));
        assertFalse(lanesWinRounds(true, true, false, true), "two, a loss, then one: never three in a row");
        assertTrue(lanesWinRounds(true, true, false, true, true, true));
        assertFalse(lanesWinRounds(true, false, true, false, true, true));
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
        TimedLoops loops = new TimedLoops("loops", clock, 1);
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
