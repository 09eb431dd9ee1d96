package org.backprop4j.tensor.blas;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Brings netlib's best implementation up once, for {@link AutoProducts}: by default on a background
 * thread, so that the products asked for meanwhile need not wait for the bundled OpenBLAS to be
 * extracted and loaded (about 0.2 s of a fresh JVM: JavaCPP, then netlib's JNI); the caller runs
 * them elsewhere (EJML) until {@link #ifReady(long)} gives the implementation.
 *
 * <p>The background load starts only once the products run elsewhere meanwhile add up to
 * {@value #START_AFTER} multiply-adds: the load costs about 0.17 s of CPU time, and EJML about
 * 0.4–0.5 ns a multiply-add more than OpenBLAS (at {@code moons}: 75 against 31 µs of CPU a step;
 * at {@code medium}: 7.9 against 1.1 ms), so by then EJML has cost about what the load would have
 * (the rent-or-buy rule: never more than twice the better of the two). A short job of small
 * products never loads the native library; a job of large products starts it within its first
 * few products. With
 * {@code -D}{@value #PROPERTY}{@code =false} the first caller loads it on its own thread and waits,
 * as every caller of {@link MatrixProducts#netlib()} does.
 *
 * <p>The load ends in one of two states, kept for the life of the JVM: ready, with netlib (which
 * itself runs Java code, and says why in its name, when the native library does not load), or
 * failed, with the reason (netlib's class did not initialise).
 */
final class NetlibLoad {

    /** The system property that, set to {@code false}, loads netlib on the thread of the first product. */
    static final String PROPERTY = "backprop4j.blas.background";

    /** Multiply-adds run elsewhere after which a background load starts: 2²⁸, about 0.12 s of EJML's extra cost. */
    static final long START_AFTER = 1L << 28;

    /** The name of the thread a background load runs on. */
    static final String THREAD_NAME = "backprop4j-blas-load";

    private final Supplier<NetlibProducts> loader;
    private final boolean inBackground;
    private final long startAfter;
    private final AtomicLong ranElsewhere = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch settled = new CountDownLatch(1);

    /** netlib once loaded; null until then, and for good if the load failed. */
    private volatile NetlibProducts netlib;
    /** Why the load failed, on one line; null unless it did. */
    private volatile String failure;
    /** The thread of a background load, once started. */
    private volatile Thread thread;

    /**
     * A load that starts at the first call of {@link #ifReady(long)}.
     *
     * @param loader brings netlib up (for the library's own load, {@code () -> NetlibProducts.INSTANCE});
     *               it may throw, which makes the load fail
     * @param inBackground whether it runs on a thread of its own rather than on the first caller's
     */
    NetlibLoad(Supplier<NetlibProducts> loader, boolean inBackground) {
        this(loader, inBackground, 0);
    }

    /**
     * @param loader brings netlib up; it may throw, which makes the load fail
     * @param inBackground whether it runs on a thread of its own rather than on the first caller's
     * @param startAfter the multiply-adds that {@link #ifReady(long)} is told of before a background
     *                   load starts (a load on the caller's thread starts at the first call)
     * @throws IllegalArgumentException if startAfter is negative
     */
    NetlibLoad(Supplier<NetlibProducts> loader, boolean inBackground, long startAfter) {
        this.loader = Objects.requireNonNull(loader, "loader");
        if (startAfter < 0) {
            throw new IllegalArgumentException("a load cannot start after " + startAfter + " multiply-adds");
        }
        this.inBackground = inBackground;
        this.startAfter = startAfter;
    }

    /**
     * The load of netlib's own best implementation, in the background after {@value #START_AFTER}
     * multiply-adds unless {@value #PROPERTY} is {@code false}.
     *
     * @return a load, not yet started
     */
    static NetlibLoad ofNetlib() {
        return new NetlibLoad(new NetlibsOwn(), !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim()), START_AFTER);
    }

    /**
     * Brings up {@link NetlibProducts#INSTANCE}. A class, not a lambda, as it is made in a fresh JVM's first
     * step, where a lambda's first use spins a class at run time, several times the cost of loading one.
     */
    private static final class NetlibsOwn implements Supplier<NetlibProducts> {
        @Override
        public NetlibProducts get() {
            return NetlibProducts.INSTANCE;
        }
    }

    /**
     * netlib if it is ready, without waiting for it; a product of {@code multiplyAdds} that the
     * caller runs elsewhere if not. A background load starts at the call that brings the
     * multiply-adds told of so far to {@code startAfter}; a load on the caller's thread
     * ({@code inBackground} false) starts at the first call and is waited for, so it always answers.
     *
     * @param multiplyAdds the size of the product asked for, m·n·k
     * @return netlib, or null while it is not loaded in the background or if the load failed
     */
    NetlibProducts ifReady(long multiplyAdds) {
        NetlibProducts ready = netlib;
        if (ready != null) {
            return ready;
        }
        if (!inBackground) {
            return await();
        }
        if (!started.get() && ranElsewhere.addAndGet(multiplyAdds) >= startAfter) {
            start();
        }
        return null;
    }

    /**
     * Waits (blocked, not spinning) until the load has ended, starting it if need be.
     *
     * @return netlib, or null if the load failed ({@link #failure()} says why)
     */
    NetlibProducts await() {
        start();
        boolean interrupted = false;
        while (settled.getCount() > 0) {
            try {
                settled.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return netlib;
    }

    /** @return why the load failed, e.g. {@code java.lang.ExceptionInInitializerError: …}, or null */
    String failure() {
        return failure;
    }

    /** @return the thread of the background load, or null if none was started */
    Thread thread() {
        return thread;
    }

    private void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        if (inBackground) {
            Thread loading = new Thread(this::load, THREAD_NAME);
            loading.setDaemon(true);
            thread = loading;
            loading.start();
        } else {
            load();
        }
    }

    private void load() {
        try {
            netlib = Objects.requireNonNull(loader.get(), "the loaded netlib");
        } catch (RuntimeException | Error e) {
            String reason = e.getCause() == null ? e.toString() : e + " (" + e.getCause() + ")";
            failure = reason.replaceAll("\\s*\\R\\s*", " ");
        } finally {
            settled.countDown();
        }
    }
}
