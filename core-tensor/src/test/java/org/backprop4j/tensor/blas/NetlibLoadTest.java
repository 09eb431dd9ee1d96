package org.backprop4j.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@link NetlibLoad} and {@link AutoProducts} on it, in each state of the load, with loaders that
 * the tests control: while netlib loads, every product is EJML's and right; once it is loaded, the
 * larger products are netlib's, bit for bit; when the load fails, they stay EJML's and the name says
 * why. No test waits on a clock: a loader blocks on a latch until the test lets it go, and the test
 * joins the loading thread.
 */
class NetlibLoadTest {

    /** 40·30·20 = 24,000 multiply-adds: over {@link AutoProducts#SMALL}, so netlib takes it once it is ready. */
    private static final int M = 40;
    private static final int K = 30;
    private static final int N = 20;

    private final SplittableRandom random = new SplittableRandom(19);
    private final DMatrixRMaj a = random(M, K);
    private final DMatrixRMaj b = random(K, N);

    private DMatrixRMaj random(int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextDouble(-1, 1);
        }
        return m;
    }

    private DMatrixRMaj product(Backend backend) {
        DMatrixRMaj c = new DMatrixRMaj(M, N);
        backend.gemm(false, false, 1, a, b, 0, c);
        return c;
    }

    /** A loader that waits until {@code release} is counted down, then gives netlib's best implementation. */
    private static Supplier<NetlibProducts> heldUntil(CountDownLatch release) {
        return () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return NetlibProducts.INSTANCE;
        };
    }

    private static void finish(NetlibLoad load) throws InterruptedException {
        load.thread().join();
    }

    @Test
    void whileNetlibLoadsEveryProductRunsOnEjmlThenOnNetlibOnceItIsReady() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        NetlibLoad load = new NetlibLoad(heldUntil(release), true);
        AutoProducts auto = new AutoProducts(load);
        assertSame(load, auto.load());
        assertSame(EjmlTwinProducts.INSTANCE, auto.backendFor(AutoProducts.TINY - 1));
        assertNull(load.thread(), "a tiny product starts no load");

        DMatrixRMaj whileLoading = product(auto);
        assertArrayEquals(product(MatrixProducts.ejml()).data, whileLoading.data, 0.0, "EJML's product, bit for bit");
        Thread thread = load.thread();
        assertNotNull(thread, "the first product of " + AutoProducts.TINY + " multiply-adds or more started the load");
        assertEquals(NetlibLoad.THREAD_NAME, thread.getName());
        assertTrue(thread.isDaemon(), "the load never keeps the JVM alive");
        assertNull(load.ifReady(0));
        assertSame(EjmlTwinProducts.INSTANCE, auto.backendFor(AutoProducts.SMALL));
        assertSame(EjmlTwinProducts.INSTANCE, auto.backendFor(Long.MAX_VALUE));
        assertSame(thread, load.thread(), "one load, however many products asked");

        release.countDown();
        finish(load);
        assertSame(NetlibProducts.INSTANCE, load.ifReady(0));
        assertNull(load.failure());
        assertSame(NetlibProducts.INSTANCE, auto.backendFor(AutoProducts.SMALL));
        assertSame(AutoProducts.backendFor(AutoProducts.TINY, NetlibProducts.INSTANCE), auto.backendFor(AutoProducts.TINY));
        assertSame(EjmlTwinProducts.INSTANCE, auto.backendFor(AutoProducts.TINY - 1));
        assertArrayEquals(product(NetlibProducts.INSTANCE).data, product(auto).data, 0.0, "netlib's product, bit for bit");
        assertEquals("auto (ejml + " + NetlibProducts.INSTANCE.name() + ")", auto.name());
        assertEquals(auto.name(), auto.toString());
    }

    @Test
    void theBackgroundLoadStartsOnceTheProductsRunOnEjmlAddUpToItsThreshold() throws Exception {
        long startAfter = 3L * M * N * K;
        NetlibLoad load = new NetlibLoad(() -> NetlibProducts.INSTANCE, true, startAfter);
        AutoProducts auto = new AutoProducts(load);
        DMatrixRMaj ejml = product(MatrixProducts.ejml());
        for (int tiny = 0; tiny < 1_000; tiny++) {
            assertSame(EjmlTwinProducts.INSTANCE, auto.backendFor(AutoProducts.TINY - 1));
        }
        assertArrayEquals(ejml.data, product(auto).data, 0.0, "EJML's product, bit for bit");
        assertArrayEquals(ejml.data, product(auto).data, 0.0);
        assertNull(load.thread(), "tiny products count for nothing; two products of " + M * N * K + " are short of " + startAfter);
        assertArrayEquals(ejml.data, product(auto).data, 0.0, "the product that reaches the threshold still runs on EJML");
        assertNotNull(load.thread(), "the third product started the load");
        finish(load);
        assertArrayEquals(product(NetlibProducts.INSTANCE).data, product(auto).data, 0.0, "then netlib's product, bit for bit");
    }

    @Test
    void theLibrarysLoadWaitsForWorkWorthItInTheBackgroundButNotOnTheCaller() {
        NetlibLoad background = new NetlibLoad(() -> NetlibProducts.INSTANCE, true, NetlibLoad.START_AFTER);
        assertNull(background.ifReady(NetlibLoad.START_AFTER - 1));
        assertNull(background.thread(), "one multiply-add short of the threshold");
        assertNull(background.ifReady(1));
        assertNotNull(background.thread());
        NetlibLoad onTheCaller = new NetlibLoad(() -> NetlibProducts.INSTANCE, false, NetlibLoad.START_AFTER);
        assertSame(NetlibProducts.INSTANCE, onTheCaller.ifReady(AutoProducts.TINY), "the first product loads and waits");
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new NetlibLoad(() -> NetlibProducts.INSTANCE, true, -1));
        assertEquals("a load cannot start after -1 multiply-adds", negative.getMessage());
    }

    @Test
    void aLoadThatFailsLeavesEveryProductOnEjmlAndTheNameSaysWhy() throws Exception {
        NetlibLoad load = new NetlibLoad(() -> {
            throw new ExceptionInInitializerError(new IllegalArgumentException("no natives\n  for this platform"));
        }, true);
        AutoProducts auto = new AutoProducts(load);
        DMatrixRMaj first = product(auto);
        finish(load);
        DMatrixRMaj after = product(auto);
        DMatrixRMaj ejml = product(MatrixProducts.ejml());
        assertArrayEquals(ejml.data, first.data, 0.0);
        assertArrayEquals(ejml.data, after.data, 0.0);
        assertNull(load.ifReady(0));
        assertSame(EjmlTwinProducts.INSTANCE, auto.backendFor(Long.MAX_VALUE));
        String reason = "java.lang.ExceptionInInitializerError (java.lang.IllegalArgumentException: no natives for this platform)";
        assertEquals(reason, load.failure());
        assertEquals("auto (ejml only: netlib did not load: " + reason + ")", auto.name());
    }

    @Test
    void aFailureWithoutACauseIsNamedOnOneLine() throws Exception {
        NetlibLoad load = new NetlibLoad(() -> {
            throw new IllegalStateException("the cache\r\nis full");
        }, true);
        assertNull(load.await());
        assertEquals("java.lang.IllegalStateException: the cache is full", load.failure());
        NetlibLoad nothing = new NetlibLoad(() -> null, true);
        assertNull(nothing.await());
        assertEquals("java.lang.NullPointerException: the loaded netlib", nothing.failure());
    }

    @Test
    void theNameWaitsForTheLoadAndStartsItIfNeedBe() {
        NetlibLoad load = new NetlibLoad(() -> NetlibProducts.INSTANCE, true);
        AutoProducts auto = new AutoProducts(load);
        assertEquals("auto (ejml + " + NetlibProducts.INSTANCE.name() + ")", auto.name());
        assertNotNull(load.thread());
        assertSame(NetlibProducts.INSTANCE, load.ifReady(0));
        assertSame(NetlibProducts.INSTANCE, load.await(), "a second wait returns at once");
    }

    @Test
    void withoutTheBackgroundTheFirstProductLoadsNetlibOnItsOwnThread() {
        Thread[] loadedOn = new Thread[1];
        NetlibLoad load = new NetlibLoad(() -> {
            loadedOn[0] = Thread.currentThread();
            return NetlibProducts.INSTANCE;
        }, false);
        AutoProducts auto = new AutoProducts(load);
        assertArrayEquals(product(NetlibProducts.INSTANCE).data, product(auto).data, 0.0, "netlib's product from the first");
        assertSame(Thread.currentThread(), loadedOn[0]);
        assertNull(load.thread(), "no thread started");
        assertSame(NetlibProducts.INSTANCE, auto.backendFor(AutoProducts.SMALL));

        NetlibLoad failing = new NetlibLoad(() -> {
            throw new IllegalStateException("refused");
        }, false);
        assertNull(failing.ifReady(0));
        assertEquals("java.lang.IllegalStateException: refused", failing.failure());
        assertSame(EjmlTwinProducts.INSTANCE, new AutoProducts(failing).backendFor(AutoProducts.SMALL));
    }

    /**
     * The caller, interrupted, calls {@code await} while the load is held: the first wait throws at
     * once, the second blocks (the caller is then WAITING, which lets the releaser go), and the
     * interrupt is put back when the load has ended.
     */
    @Test
    void anInterruptedWaitStillWaitsAndKeepsTheInterrupt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        NetlibLoad load = new NetlibLoad(heldUntil(release), true);
        assertNull(load.ifReady(0));
        Thread caller = Thread.currentThread();
        Thread releaser = new Thread(() -> {
            while (caller.getState() != Thread.State.WAITING) {
                LockSupport.parkNanos(1_000_000);
            }
            release.countDown();
        });
        Thread.currentThread().interrupt();
        releaser.start();
        try {
            assertSame(NetlibProducts.INSTANCE, load.await());
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        }
        releaser.join();
    }

    @Test
    void thePropertyChoosesWhereTheLoadRuns() {
        String saved = System.getProperty(NetlibLoad.PROPERTY);
        try {
            System.setProperty(NetlibLoad.PROPERTY, " FALSE ");
            NetlibLoad onTheCaller = NetlibLoad.ofNetlib();
            assertSame(NetlibProducts.INSTANCE, onTheCaller.ifReady(0));
            assertNull(onTheCaller.thread());
            System.clearProperty(NetlibLoad.PROPERTY);
            NetlibLoad inTheBackground = NetlibLoad.ofNetlib();
            assertSame(NetlibProducts.INSTANCE, inTheBackground.await());
            assertNotNull(inTheBackground.thread(), "by default the load runs on a thread of its own");
        } finally {
            if (saved == null) {
                System.clearProperty(NetlibLoad.PROPERTY);
            } else {
                System.setProperty(NetlibLoad.PROPERTY, saved);
            }
        }
    }

    @Test
    void aLoadNeedsALoaderAndAutoNeedsALoad() {
        assertEquals("loader", assertThrows(NullPointerException.class, () -> new NetlibLoad(null, true)).getMessage());
        assertEquals("netlib", assertThrows(NullPointerException.class, () -> new AutoProducts(null)).getMessage());
    }
}
