package org.backprop4j.tensor.parallel;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a {@link RangeKernel} over [0, n) in contiguous parts on several threads at once: the calling
 * thread and the pool's daemon workers, which take parts as they come (a part the workers are too
 * busy to take, the caller takes itself) and, a tenth of a millisecond after the last split, park,
 * so no thread spins while the engine is idle. Part p of k is [⌊n·p/k⌋, ⌊n·(p+1)/k⌋); since a kernel computes each element by the
 * same code whatever its range, results are bit-identical for every thread count.
 *
 * <p>{@link #shared()} is the engine's pool, of {@link Threads#count()} threads. A pool runs one
 * split at a time: a split asked for while it is busy (from another thread, or from inside a kernel
 * it runs) runs whole on its caller's thread. A split allocates nothing.
 */
public final class Workers {

    /** The low 16 bits of the ticket: the next part to take. */
    private static final long NEXT = 0xFFFFL;
    /** The shift of the part count, the next 16 bits; the generation is in the high 32. */
    private static final int PARTS_SHIFT = 16;
    /**
     * How long the caller spins for the parts still running before it parks, in nanoseconds: a part
     * lasts tens of microseconds, and a parked caller takes as long again to wake (on the project's
     * VM a 20 µs spin made every split lose to one thread at {@code medium} and {@code large}).
     */
    private static final long SPIN_NANOS = 1_000_000;
    /**
     * How long a worker that has ended its parts waits for the next split before it parks, in
     * nanoseconds: a training step starts a split every few tens of microseconds, and a parked worker
     * wakes too late to take its part. After that the worker parks, so none spins while the engine
     * is idle.
     */
    private static final long LINGER_NANOS = 100_000;

    private final int threads;
    private final String name;
    private final AtomicBoolean busy = new AtomicBoolean();
    /** generation (32 bits) | parts (16 bits) | next part (16 bits) of the split under way. */
    private final AtomicLong ticket = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private Thread[] workers;

    /** The split under way, written before its ticket is published and cleared after it ends. */
    private RangeKernel<Object> kernel;
    private Object target;
    private int n;
    private volatile Thread waiter;
    private volatile Throwable failure;

    private Workers(int threads, String name) {
        this.threads = threads;
        this.name = name;
    }

    private static final class Shared {
        static final Workers POOL = new Workers(Threads.count(), "backprop4j-worker");
    }

    /**
     * The pool {@link #runOn} puts in place of the shared one on its thread, or null; on a worker, the
     * worker's own pool, so that a split a part starts (a layer's product, say) finds that pool busy and
     * runs whole, as on the shared pool, instead of going to the shared pool's threads.
     */
    private static final ThreadLocal<Workers> IN_PLACE = new ThreadLocal<>();

    /**
     * The pool the engine splits its work on.
     *
     * @return the engine's pool, of {@link Threads#count()} threads (workers start at its first
     *         split); within {@link #runOn}, the pool it names; on a pool's worker, that pool
     * @throws IllegalArgumentException if {@value Threads#PROPERTY} is invalid, as {@link Threads#count()}
     */
    public static Workers shared() {
        Threads.count();
        Workers inPlace = IN_PLACE.get();
        return inPlace != null ? inPlace : Shared.POOL;
    }

    /**
     * Runs {@code work} on this thread with every split the engine starts from it on {@code pool}
     * instead of the shared pool: one JVM can so compare thread counts, or keep one job on fewer
     * threads than the rest.
     *
     * @param pool the pool to split on
     * @param work what to run
     * @throws NullPointerException if pool or work is null
     */
    public static void runOn(Workers pool, Runnable work) {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(work, "work");
        Workers before = IN_PLACE.get();
        IN_PLACE.set(pool);
        try {
            work.run();
        } finally {
            if (before == null) {
                IN_PLACE.remove();
            } else {
                IN_PLACE.set(before);
            }
        }
    }

    /**
     * Whether a thread is one of a pool's workers: code the engine hands to a split (an update rule of
     * a large model, say) may run there rather than on the thread that called the engine.
     *
     * @param thread the thread
     * @return true for a worker of any pool, false for every other thread
     * @throws NullPointerException if thread is null
     */
    public static boolean isWorker(Thread thread) {
        return Objects.requireNonNull(thread, "thread") instanceof Worker;
    }

    /** A pool's worker thread, a class of its own so that {@link #isWorker} can tell it from the rest. */
    private static final class Worker extends Thread {
        Worker(Runnable work, String name) {
            super(work, name);
        }
    }

    /**
     * A pool of its own, for comparing thread counts in one JVM. Its threads − 1 workers are daemon
     * threads that park when idle but are never stopped: they live as long as the JVM, so make a pool
     * once and keep it, not one for each job.
     *
     * @param threads the threads a split runs on, the caller's included, from 1 to {@value Threads#MAX}
     * @return a pool whose workers start at its first split
     * @throws IllegalArgumentException if threads is outside 1 to {@value Threads#MAX}
     */
    public static Workers of(int threads) {
        if (threads < 1 || threads > Threads.MAX) {
            throw new IllegalArgumentException("a pool needs 1 to " + Threads.MAX + " threads, not " + threads);
        }
        return new Workers(threads, "backprop4j-worker-of-" + threads);
    }

    /** {@return the threads a split runs on, the caller's included} */
    public int threads() {
        return threads;
    }

    /**
     * The number of parts a split of n elements runs in.
     *
     * @param n the elements
     * @param cutover the fewest elements worth splitting
     * @return 1 below the cut-over (or for one thread), else the thread count, at most n
     */
    public int parts(int n, int cutover) {
        return n < cutover || n < 2 ? 1 : Math.min(threads, n);
    }

    /**
     * Computes the elements [0, n) of {@code target} with {@code kernel}: in one call on this thread
     * below the cut-over (or when the pool is busy), else in {@link #parts} parts at once.
     *
     * @param kernel the loop
     * @param target what it writes into
     * @param n the number of elements
     * @param cutover the fewest elements worth splitting
     * @param <T> the target's type
     * @throws IllegalArgumentException if n is negative
     * @throws NullPointerException if kernel is null
     * @throws RuntimeException or {@link Error}: the first that a part threw, once every part has ended (a
     *                          checked exception a kernel throws undeclared, as Kotlin can, is rethrown as it is)
     */
    @SuppressWarnings("unchecked")
    public <T> void run(RangeKernel<T> kernel, T target, int n, int cutover) {
        Objects.requireNonNull(kernel, "kernel");
        if (n < 0) {
            throw new IllegalArgumentException("cannot split " + n + " elements");
        }
        int parts = parts(n, cutover);
        if (parts == 1 || !busy.compareAndSet(false, true)) {
            kernel.forward(target, 0, n);
            return;
        }
        try {
            start();
            this.kernel = (RangeKernel<Object>) kernel;
            this.target = target;
            this.n = n;
            failure = null;
            done.set(0);
            waiter = Thread.currentThread();
            long generation = (ticket.get() >>> 32) + 1;
            ticket.set(generation << 32 | (long) parts << PARTS_SHIFT);
            for (int w = 0; w < parts - 1; w++) {
                LockSupport.unpark(workers[w]);
            }
            takeParts();
            awaitParts(parts);
        } finally {
            this.kernel = null;
            this.target = null;
            busy.set(false);
        }
        Throwable thrown = failure;
        if (thrown != null) {
            failure = null;
            throw Workers.<RuntimeException>rethrow(thrown);
        }
    }

    /** Throws what a part threw as it is, checked or not, as the kernel on one thread would have. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E rethrow(Throwable thrown) throws E {
        throw (E) thrown;
    }

    /** Starts the workers at the first split. */
    private synchronized void start() {
        if (workers != null) {
            return;
        }
        Thread[] started = new Thread[threads - 1];
        for (int w = 0; w < started.length; w++) {
            Thread worker = new Worker(this::work, name + "-" + (w + 1));
            worker.setDaemon(true);
            started[w] = worker;
            worker.start();
        }
        workers = started;
    }

    /**
     * A worker's life: take the parts of each split, wait {@link #LINGER_NANOS} for the next, then park;
     * the splits its parts start go to this pool. An interrupt (a thread-group interrupt, a framework's
     * shutdown) is cleared before parking, or the worker would spin on a core for good.
     */
    private void work() {
        IN_PLACE.set(this);
        while (true) {
            takeParts();
            long lingerUntil = System.nanoTime() + LINGER_NANOS;
            while (nothingToTake() && System.nanoTime() < lingerUntil) {
                Thread.onSpinWait();
            }
            if (nothingToTake()) {
                Thread.interrupted();   // a worker takes no interrupts: one left pending would make every park return at once
                LockSupport.park(this);   // a split published after this check unparks us: park then returns at once
            }
        }
    }

    /** @return whether the split under way (if any) has no part left to take */
    private boolean nothingToTake() {
        long t = ticket.get();
        return (int) (t & NEXT) >= (int) (t >>> PARTS_SHIFT & NEXT);
    }

    /** Takes and runs parts of the split under way until none is left. */
    private void takeParts() {
        while (true) {
            long t = ticket.get();
            int next = (int) (t & NEXT);
            int parts = (int) (t >>> PARTS_SHIFT & NEXT);
            if (next >= parts) {
                return;
            }
            if (ticket.compareAndSet(t, t + 1)) {
                runPart(next, parts);
            }
        }
    }

    private void runPart(int part, int parts) {
        try {
            int from = (int) ((long) n * part / parts);
            int to = (int) ((long) n * (part + 1) / parts);
            kernel.forward(target, from, to);
        } catch (Throwable e) {   // checked ones too, which Kotlin or a sneaky throw can raise: a part must always end
            if (failure == null) {
                failure = e;
            }
        } finally {
            if (done.incrementAndGet() == parts) {
                LockSupport.unpark(waiter);
            }
        }
    }

    /** Waits until every part has ended: a short spin, then parked. */
    private void awaitParts(int parts) {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (done.get() < parts) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    @Override
    public String toString() {
        return "Workers(" + threads + " thread" + (threads == 1 ? "" : "s") + ")";
    }
}
