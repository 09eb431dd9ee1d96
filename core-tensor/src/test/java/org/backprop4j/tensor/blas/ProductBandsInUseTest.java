package org.backprop4j.tensor.blas;

import static org.backprop4j.tensor.blas.RandomMatrices.gaussian;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.backprop4j.tensor.parallel.RangeKernel;
import org.backprop4j.tensor.parallel.Workers;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Banded products in use: the benchmark configurations' products give the unsplit call's bits on 1
 * to 4 threads; two user threads at once keep their own bits; a product inside a split runs whole; what
 * a band throws reaches the caller; bad operands are refused before any band starts. Quick, so the
 * mutation run keeps it (the long sweeps are {@link ProductBandsTest}'s).
 */
class ProductBandsInUseTest {

    /**
     * netlib's best, first: {@link NetlibProducts} settles which native library netlib's JNI opens
     * before netlib initialises (a test that asked for {@link JavaBLAS} first would leave netlib on the
     * system's {@code libblas.so.3}, a multi-threaded OpenBLAS whose bits follow its own partition).
     */
    private static final NetlibProducts BEST = NetlibProducts.INSTANCE;

    /**
     * Products of the benchmark configurations' layers (moons' and medium's forward x·Wᵀ, ∂x = G·W
     * and ∂W = Gᵀ·x). 256×128 by 128 splits in two or three bands; 256×128 by 64 is just short of
     * splitting, and a rule that read 256 as its inner length would cut it into bands that OpenBLAS
     * runs on its small-matrix kernels, whose bits differ.
     */
    private static final int[][] CONFIGURATION_SHAPES = {{256, 128, 64}, {128, 64, 256}, {256, 128, 128}};

    @Test
    void theConfigurationsProductsGiveTheUnsplitBitsOnEveryThreadCount() {
        for (NetlibProducts backend : List.of(BEST, NetlibProducts.JAVA)) {
            int split = ThreadCountSweep.sameBitsOnEveryThreadCount(backend, CONFIGURATION_SHAPES);
            if (backend.bands() != RowBands.NEVER) {
                assertTrue(split >= 40, backend.name() + ": the shapes must include products that split, not only " + split);
            }
        }
    }

    @Test
    void productsFromTwoUserThreadsAtOnceKeepTheirOwnBits() throws Exception {
        NetlibProducts backend = BEST;
        SplittableRandom random = new SplittableRandom(3);
        DMatrixRMaj[][] operands = new DMatrixRMaj[2][];
        DMatrixRMaj[] expected = new DMatrixRMaj[2];
        for (int user = 0; user < 2; user++) {
            operands[user] = new DMatrixRMaj[] {gaussian(random, 200, 300), gaussian(random, 250, 300)};
            expected[user] = new DMatrixRMaj(200, 250);
            backend.gemmRows(false, true, 1, operands[user][0], operands[user][1], 0, expected[user], 0, 200);
        }
        Workers pool = ThreadCountSweep.POOLS[3];
        CountDownLatch start = new CountDownLatch(1);
        Queue<String> mismatches = new ConcurrentLinkedQueue<>();
        ExecutorService users = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int user = 0; user < 2; user++) {
                int u = user;
                done.add(users.submit(() -> {
                    start.await();
                    for (int round = 0; round < 200 && mismatches.isEmpty(); round++) {
                        DMatrixRMaj c = new DMatrixRMaj(200, 250);
                        Workers.runOn(pool, () -> backend.gemm(false, true, 1, operands[u][0], operands[u][1], 0, c));
                        if (!Arrays.equals(expected[u].data, c.data)) {
                            mismatches.add("user " + u + ", round " + round);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(300, TimeUnit.SECONDS);
            }
        } finally {
            users.shutdownNow();
        }
        assertEquals(List.of(), List.copyOf(mismatches), "products that differ from the unsplit call's");
    }

    @Test
    void aProductCalledFromInsideASplitRunsWholeWithTheSameBits() {
        NetlibProducts backend = BEST;
        SplittableRandom random = new SplittableRandom(4);
        DMatrixRMaj a = gaussian(random, 256, 128);
        DMatrixRMaj b = gaussian(random, 128, 784);
        DMatrixRMaj[] expected = {gaussian(random, 256, 784), gaussian(random, 256, 784)};
        DMatrixRMaj[] actual = {expected[0].copy(), expected[1].copy()};
        for (DMatrixRMaj c : expected) {
            backend.gemmRows(false, false, 1, a, b, 1, c, 0, 256);
        }
        RangeKernel<DMatrixRMaj[]> twoProducts = (results, from, to) -> {
            for (int i = from; i < to; i++) {
                backend.gemm(false, false, 1, a, b, 1, results[i]);
            }
        };
        Workers.runOn(ThreadCountSweep.POOLS[1], () -> Workers.shared().run(twoProducts, actual, 2, 2));
        ThreadCountSweep.sameBits(expected[0], actual[0], "the product of part 0");
        ThreadCountSweep.sameBits(expected[1], actual[1], "the product of part 1");
    }

    @Test
    void whatABandThrowsReachesTheCallerAndTheNextProductIsWhole() {
        JavaBLAS java = SteadyJavaBlas.get();
        // netlib's Java dgemm, except that the band that starts past row 0 fails
        BLAS failing = (BLAS) Proxy.newProxyInstance(BLAS.class.getClassLoader(), new Class<?>[] {BLAS.class}, (proxy, method, args) -> {
            if (method.getName().equals("dgemm") && args.length == 16 && (int) args[14] > 0) {
                throw new IllegalStateException("band at offset " + args[14] + " failed");
            }
            try {
                return method.invoke(java, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        NetlibProducts backend = NetlibProducts.on(failing, RowBands.NETLIB_JAVA);
        SplittableRandom random = new SplittableRandom(5);
        DMatrixRMaj a = gaussian(random, 192, 128);
        DMatrixRMaj b = gaussian(random, 128, 128);
        DMatrixRMaj c = new DMatrixRMaj(192, 128);
        assertEquals(2, RowBands.NETLIB_JAVA.count(192, 128, 128, 2), "the product splits in two");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Workers.runOn(ThreadCountSweep.POOLS[1], () -> backend.gemm(false, false, 1, a, b, 0, c)));
        assertEquals("band at offset " + 96 * 128 + " failed", e.getMessage());
        // on one thread the product is one call, from row 0, which this BLAS computes; and so it is
        // inside another split, where the pool is busy
        DMatrixRMaj whole = new DMatrixRMaj(192, 128);
        Workers.runOn(ThreadCountSweep.POOLS[0], () -> backend.gemm(false, false, 1, a, b, 0, whole));
        DMatrixRMaj[] inside = {new DMatrixRMaj(192, 128), new DMatrixRMaj(192, 128)};
        RangeKernel<DMatrixRMaj[]> twoProducts = (results, from, to) -> {
            for (int i = from; i < to; i++) {
                DMatrixRMaj result = results[i];
                Workers.runOn(ThreadCountSweep.POOLS[1], () -> backend.gemm(false, false, 1, a, b, 0, result));
            }
        };
        Workers.runOn(ThreadCountSweep.POOLS[1], () -> Workers.shared().run(twoProducts, inside, 2, 1));
        assertArrayEquals(whole.data, inside[0].data, "a product inside a split is one call");
        assertArrayEquals(whole.data, inside[1].data, "on either thread");
        DMatrixRMaj expected = new DMatrixRMaj(192, 128);
        MatrixProducts.ejml().gemm(false, false, 1, a, b, 0, expected);
        for (int i = 0; i < expected.data.length; i++) {
            assertEquals(expected.data[i], whole.data[i], 1e-12 * Math.max(1, Math.abs(expected.data[i])), "after a failed split, result " + i);
        }
    }

    @Test
    void badOperandsAreRefusedBeforeAnyBandStarts() {
        for (NetlibProducts backend : List.of(BEST, NetlibProducts.JAVA)) {
            DMatrixRMaj a = new DMatrixRMaj(192, 128);
            DMatrixRMaj c = new DMatrixRMaj(192, 128);
            Arrays.fill(c.data, 7);
            Workers.runOn(ThreadCountSweep.POOLS[3], () -> {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> backend.gemm(false, false, 1, a, new DMatrixRMaj(127, 128), 0, c));
                assertEquals("gemm: cannot put 192x128 · 127x128 into 192x128", e.getMessage());
                assertEquals("b", assertThrows(NullPointerException.class, () -> backend.gemm(false, false, 1, a, null, 0, c)).getMessage());
                e = assertThrows(IllegalArgumentException.class, () -> backend.gemm(false, false, 1, a, new DMatrixRMaj(128, 128), 0, a));
                assertEquals("gemm: the result must not share storage with an operand", e.getMessage());
            });
            double[] sevens = new double[192 * 128];
            Arrays.fill(sevens, 7);
            assertArrayEquals(sevens, c.data, "c untouched by a refused product");
        }
    }
}
