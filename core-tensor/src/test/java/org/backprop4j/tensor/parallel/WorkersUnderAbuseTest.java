package org.backprop4j.tensor.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A runOn pool used as a hostile caller would use it: splits nested inside the parts of a split,
 * an exception thrown by a nested split on a worker, a caller whose interrupt flag is set, workers someone else interrupted, and several
 * threads splitting on one pool at once. Every element is still written exactly once, what a part
 * throws reaches the caller, the caller's interrupt flag survives, an interrupted worker still parks when idle, and the pool goes on working.
 */
class WorkersUnderAbuseTest {

    /** Each element i of the outer range splits again over a row of its own: counts[i][j]++ once each. */
    private static final RangeKernel<int[][]> NESTED = (counts, from, to) -> {
        for (int i = from; i < to; i++) {
            Workers.shared().run((row, f, t) -> {
                for (int j = f; j < t; j++) {
                    row[j]++;
                }
            }, counts[i], counts[i].length, 1);
        }
    };

    private static void assertOnce(int[][] counts, String what) {
        for (int[] row : counts) {
            int[] once = new int[row.length];
            Arrays.fill(once, 1);
            assertArrayEquals(once, row, what);
        }
    }

    @Test
    void nestedSplitsOnARunOnPoolWriteEveryElementOnce() {
        for (int threads = 1; threads <= 4; threads++) {
            Workers pool = Workers.of(threads);
            int[][] counts = new int[9][33];
            Workers.runOn(pool, () -> pool.run(NESTED, counts, counts.length, 1));
            assertOnce(counts, threads + " threads");
        }
    }

    @Test
    void anExceptionFromANestedSplitOnAWorkerReachesTheCallerAndThePoolGoesOn() {
        Workers pool = Workers.of(3);
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Workers.runOn(pool,
                () -> pool.run((int[] n, int from, int to) -> Workers.shared().run((Object o, int f, int t) -> {
                    throw new IllegalStateException("band " + from);
                }, null, 10, 1), new int[0], 3, 1)));
        assertTrue(thrown.getMessage().startsWith("band "), thrown.getMessage());
        int[][] counts = new int[5][17];
        Workers.runOn(pool, () -> pool.run(NESTED, counts, counts.length, 1));
        assertOnce(counts, "after the exception");
    }

    @Test
    void anInterruptedCallerGetsItsSplitWholeAndKeepsItsInterrupt() {
        Workers pool = Workers.of(3);
        int[][] counts = new int[6][40];
        Thread.currentThread().interrupt();
        try {
            Workers.runOn(pool, () -> pool.run(NESTED, counts, counts.length, 1));
            assertTrue(Thread.currentThread().isInterrupted(), "the split does not swallow the interrupt");
        } finally {
            Thread.interrupted();
        }
        assertOnce(counts, "interrupted caller");
    }

    @Test
    void aWorkerSomeoneInterruptedStillParksWhenItsPoolIsIdle() throws InterruptedException {
        Workers pool = Workers.of(6);
        pool.run(NESTED, new int[6][3], 6, 1);
        List<Thread> workers = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("backprop4j-worker-of-6-")) {
                workers.add(t);
                t.interrupt();   // as a framework's shutdown hook or a thread-group interrupt would
            }
        }
        assertEquals(5, workers.size(), "the pool's workers");
        int[][] counts = new int[12][20];
        Workers.runOn(pool, () -> pool.run(NESTED, counts, counts.length, 1));
        assertOnce(counts, "after the interrupt");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!workers.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
            assertTrue(System.nanoTime() < until, "an interrupted worker of an idle pool spins instead of parking");
            Thread.sleep(10);
        }
    }

    @Test
    void severalThreadsSplittingOnOnePoolAtOnceEachGetTheirWholeRange() throws InterruptedException, ExecutionException {
        Workers pool = Workers.of(3);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[][]>> results = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                results.add(callers.submit(() -> {
                    int[][] counts = new int[7][29];
                    for (int round = 0; round < 50; round++) {
                        Workers.runOn(pool, () -> pool.run(NESTED, counts, counts.length, 1));
                    }
                    return counts;
                }));
            }
            for (Future<int[][]> result : results) {
                for (int[] row : result.get()) {
                    for (int v : row) {
                        assertEquals(50, v, "each element once a round");
                    }
                }
            }
        } finally {
            callers.shutdownNow();
        }
    }
}
