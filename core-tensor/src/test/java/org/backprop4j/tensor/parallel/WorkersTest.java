package org.backprop4j.tensor.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A split covers its range exactly once, in contiguous parts, on as many threads as the pool has;
 * below the cut-over, or while the pool is busy, the caller runs the whole range; what a part throws
 * reaches the caller; an idle pool's workers are parked, not running.
 *
 * <p>Each test makes pools of its own, unlike the tests of what runs on a pool (which make theirs once):
 * a worker runs the {@code work()} loop it started in for the rest of its life, so only workers started
 * by the test run the loop as the code is now, which is what a mutation test changes.
 */
class WorkersTest {

    /** Writes each element's own index, and counts the calls: every element written exactly once. */
    private static final RangeKernel<int[]> MARK = (counts, from, to) -> {
        for (int i = from; i < to; i++) {
            counts[i]++;
        }
    };

    @Test
    void everyElementIsWrittenOnceWhateverTheThreadsAndTheLength() {
        for (int threads = 1; threads <= 5; threads++) {
            Workers pool = Workers.of(threads);
            for (int n : new int[] {0, 1, 2, 3, 4, 5, 7, 100, 1_001}) {
                int[] counts = new int[n];
                pool.run(MARK, counts, n, 1);
                int[] once = new int[n];
                Arrays.fill(once, 1);
                assertArrayEquals(once, counts, threads + " threads, " + n + " elements");
            }
        }
    }

    @Test
    void partsAreTheThreadCountFromTheCutoverOnAndOneBelowIt() {
        Workers four = Workers.of(4);
        assertEquals(1, four.parts(99, 100), "one element short of the cut-over");
        assertEquals(4, four.parts(100, 100));
        assertEquals(3, four.parts(3, 1), "never more parts than elements");
        assertEquals(2, four.parts(2, 1));
        assertEquals(1, four.parts(1, 1));
        assertEquals(1, Workers.of(1).parts(1_000_000, 1));
    }

    @Test
    void aSplitRunsOnTheThreadsOfThePool() {
        Workers pool = Workers.of(3);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        // each part waits until it has seen two other threads, or a second: the parts of a split run at once.
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        RangeKernel<Object> kernel = (target, from, to) -> {
            seen.add(Thread.currentThread().getName());
            threads.add(Thread.currentThread());
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (seen.size() < 3 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        };
        pool.run(kernel, new Object(), 3, 1);
        assertEquals(Set.of(Thread.currentThread().getName(), "backprop4j-worker-of-3-1", "backprop4j-worker-of-3-2"), seen);
        // again once the workers have parked: the next split wakes them
        threads.remove(Thread.currentThread());
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING) && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        seen.clear();
        pool.run(kernel, new Object(), 3, 1);
        assertEquals(3, seen.size(), "the parked workers woke: " + seen);
    }

    /**
     * A part a worker takes ends before the split returns, split after split: each part waits (a
     * second at most) until both threads are in, and the worker's part then takes 100 ms longer.
     */
    @Test
    void aSplitReturnsOnlyWhenEveryPartHasEndedSplitAfterSplit() {
        Workers pool = Workers.of(2);
        Thread caller = Thread.currentThread();
        for (int round = 0; round < 3; round++) {
            Set<Thread> in = ConcurrentHashMap.newKeySet();
            boolean[] ended = new boolean[2];
            pool.run((boolean[] target, int from, int to) -> {
                in.add(Thread.currentThread());
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                while (in.size() < 2 && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                if (Thread.currentThread() != caller) {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                for (int i = from; i < to; i++) {
                    target[i] = true;
                }
            }, ended, 2, 1);
            assertArrayEquals(new boolean[] {true, true}, ended, "round " + round + ", on " + in);
        }
    }

    @Test
    void aPoolOfNThreadsHasNMinusOneWorkersNamedInOrder() throws Exception {
        Workers pool = Workers.of(7);
        pool.run(MARK, new int[70], 70, 1);
        Set<String> names = ConcurrentHashMap.newKeySet();
        Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("backprop4j-worker-of-7-")).forEach(names::add);
        assertEquals(Set.of("backprop4j-worker-of-7-1", "backprop4j-worker-of-7-2", "backprop4j-worker-of-7-3",
                "backprop4j-worker-of-7-4", "backprop4j-worker-of-7-5", "backprop4j-worker-of-7-6"), names);
    }

    @Test
    void runOnPutsAPoolInPlaceOnItsThreadOnlyAndPutsBackWhatWasThere() {
        Workers shared = Workers.shared();
        Workers two = Workers.of(2);
        Workers three = Workers.of(3);
        Workers[] seen = new Workers[4];
        Workers.runOn(two, () -> {
            seen[0] = Workers.shared();
            Workers.runOn(three, () -> seen[1] = Workers.shared());
            seen[2] = Workers.shared();
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> Workers.runOn(three, () -> {
                        throw new IllegalStateException("inside");
                    }));
            assertEquals("inside", thrown.getMessage());
            seen[3] = Workers.shared();
        });
        assertSame(two, seen[0]);
        assertSame(three, seen[1]);
        assertSame(two, seen[2], "the outer pool is back");
        assertSame(two, seen[3], "back after a throw too");
        assertSame(shared, Workers.shared(), "the shared pool is back");
        int[] counts = new int[6];
        Workers.runOn(two, () -> Workers.shared().run(MARK, counts, counts.length, 1));
        assertEquals(6, Arrays.stream(counts).sum(), "the work ran");
        assertThrows(NullPointerException.class, () -> Workers.runOn(null, () -> { }));
        assertThrows(NullPointerException.class, () -> Workers.runOn(two, null));
    }

    /**
     * Within {@link Workers#runOn}, a part on the pool's worker sees that pool as the shared one too, so a
     * split it starts runs whole on the worker (the pool is busy) rather than on the shared pool's
     * threads. Each part waits (ten seconds at most) until both threads are in, so one part runs on the
     * worker.
     */
    @Test
    void aSplitStartedOnAWorkerStaysOnThatWorkersPool() {
        Workers two = Workers.of(2);
        Set<Thread> in = ConcurrentHashMap.newKeySet();
        Set<Workers> pools = ConcurrentHashMap.newKeySet();
        Set<String> innerThreads = ConcurrentHashMap.newKeySet();
        int[] inner = new int[8];
        Thread caller = Thread.currentThread();
        Workers shared = Workers.shared();
        Workers.runOn(two, () -> two.run((Object target, int from, int to) -> {
            in.add(Thread.currentThread());
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (in.size() < 2 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            pools.add(Workers.shared());
            if (Thread.currentThread() != caller) {
                Workers.shared().run((int[] counts, int f, int t) -> {
                    innerThreads.add(Thread.currentThread().getName());
                    MARK.forward(counts, f, t);
                }, inner, inner.length, 1);
            }
        }, new Object(), 2, 1));
        assertEquals(2, in.size(), "both threads took a part");
        assertEquals(Set.of(two), pools);
        assertEquals(Set.of("backprop4j-worker-of-2-1"), innerThreads, "the worker's split ran whole on the worker");
        int[] once = new int[8];
        Arrays.fill(once, 1);
        assertArrayEquals(once, inner);
        assertSame(shared, Workers.shared(), "the shared pool is back on the caller");
    }

    @Test
    void belowTheCutoverTheCallerRunsTheWholeRange() {
        Workers pool = Workers.of(4);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        int[] ranges = new int[2];
        pool.run((Object target, int from, int to) -> {
            seen.add(Thread.currentThread().getName());
            ranges[0] = from;
            ranges[1] = to;
        }, new Object(), 99, 100);
        assertEquals(Set.of(Thread.currentThread().getName()), seen);
        assertArrayEquals(new int[] {0, 99}, ranges);
    }

    @Test
    void aSplitAskedForInsideASplitRunsWholeOnItsThread() {
        Workers pool = Workers.of(2);
        int[] inner = new int[10];
        pool.run((Object target, int from, int to) -> {
            if (from == 0) {
                pool.run(MARK, inner, inner.length, 1);
            }
        }, new Object(), 2, 1);
        int[] once = new int[10];
        Arrays.fill(once, 1);
        assertArrayEquals(once, inner);
    }

    @Test
    void whatAPartThrowsReachesTheCallerAndThePoolGoesOn() {
        Workers pool = Workers.of(3);
        IllegalStateException thrown = new IllegalStateException("part 2 failed");
        IllegalStateException caught = assertThrows(IllegalStateException.class, () -> pool.run((Object target, int from, int to) -> {
            if (from == 20) {
                throw thrown;
            }
        }, new Object(), 30, 1));
        assertSame(thrown, caught);
        AssertionError error = assertThrows(AssertionError.class, () -> pool.run((Object target, int from, int to) -> {
            throw new AssertionError("every part");
        }, new Object(), 30, 1));
        assertEquals("every part", error.getMessage());
        int[] counts = new int[30];
        pool.run(MARK, counts, 30, 1);
        assertEquals(30, Arrays.stream(counts).sum(), "the next split runs every part");
    }

    @Test
    void aCheckedExceptionThrownUncheckedReachesTheCallerOnceEveryPartHasEnded() {
        Workers pool = Workers.of(3);
        Thread caller = Thread.currentThread();
        AtomicInteger ended = new AtomicInteger();
        IOException thrown = new IOException("a kernel written in Kotlin, or with a sneaky throw");
        IOException caught = assertThrows(IOException.class, () -> pool.run((Object target, int from, int to) -> {
            try {
                if (Thread.currentThread() != caller) {
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ended.incrementAndGet();
            }
            throw WorkersTest.<RuntimeException>unchecked(thrown);
        }, new Object(), 30, 1));
        assertSame(thrown, caught);
        assertEquals(3, ended.get(), "the caller waited for every part");
        int[] counts = new int[30];
        pool.run(MARK, counts, 30, 1);
        assertEquals(30, Arrays.stream(counts).sum(), "the next split runs every part");
    }

    /** Throws any exception, checked or not, without declaring it: what Kotlin or Lombok's sneaky throw do. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E unchecked(Throwable t) throws E {
        throw (E) t;
    }

    @Test
    void anIdlePoolsWorkersAreParked() throws Exception {
        Workers pool = Workers.of(3);
        pool.run(MARK, new int[100], 100, 1);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            boolean allParked = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("backprop4j-worker-of-3-"))
                    .allMatch(t -> t.getState() == Thread.State.WAITING && t.isDaemon());
            if (allParked) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("a worker of an idle pool is not parked");
    }

    @Test
    void badCountsAndLengthsAreRefused() {
        assertEquals(256, Workers.of(256).threads(), "the cap itself");
        for (int bad : new int[] {0, -1, 257, 10_000}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workers.of(bad));
            assertEquals("a pool needs 1 to 256 threads, not " + bad, e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workers.of(2).run(MARK, new int[0], -1, 1));
        assertEquals("cannot split -1 elements", e.getMessage());
        assertThrows(NullPointerException.class, () -> Workers.of(2).run(null, new int[0], 0, 1));
        assertEquals("Workers(1 thread)", Workers.of(1).toString());
        assertEquals("Workers(4 threads)", Workers.of(4).toString());
    }
    @Test
    void onlyAPoolsWorkersAreWorkers() {
        assertEquals(false, Workers.isWorker(Thread.currentThread()));
        assertEquals(false, Workers.isWorker(new Thread(() -> { }, "backprop4j-worker-1")), "a name is not a worker");
        Thread caller = Thread.currentThread();
        Workers pool = Workers.of(4);
        Set<Thread> others = ConcurrentHashMap.newKeySet();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        // the caller may take every part of a split while the workers wake: split until a worker has run one
        while (others.isEmpty() && System.nanoTime() < until) {
            boolean[] right = new boolean[64];
            pool.run((boolean[] target, int from, int to) -> {
                Thread running = Thread.currentThread();
                if (running != caller) {
                    others.add(running);
                }
                for (int i = from; i < to; i++) {
                    target[i] = Workers.isWorker(running) == (running != caller);
                }
            }, right, right.length, 1);
            boolean[] all = new boolean[right.length];
            Arrays.fill(all, true);
            assertArrayEquals(all, right, "a part the caller takes is not on a worker, any other part is");
        }
        assertEquals(false, others.isEmpty(), "no part of 10 s of splits ran on the pool's workers");
        assertThrows(NullPointerException.class, () -> Workers.isWorker(null));
    }
}
