package org.backprop4j.tensor.blas;

import static org.backprop4j.tensor.blas.RandomMatrices.gaussian;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
 * A product cut into bands of rows on 2, 3 and 4 threads gives the bits of the one unsplit
 * one-thread call, element for element ({@link Double#doubleToRawLongBits}), on netlib's best
 * implementation (the bundled OpenBLAS on this machine) and on netlib's Java dgemm: for every
 * transpose combination, α and β of 0, 1 and other values, and shapes from the tiny (never split)
 * through the benchmark configurations' products to tall, wide and odd ones, among them products
 * whose columns leave OpenBLAS's edge tiles, where a band off the 24-row grid changes bits.
 */
class ProductBandsTest {

    /**
     * netlib's best, first: {@link NetlibProducts} settles which native library netlib's JNI opens
     * before netlib initialises (a test that asked for {@link JavaBLAS} first would leave netlib on the
     * system's {@code libblas.so.3}, a multi-threaded OpenBLAS whose bits follow its own partition).
     */
    private static final NetlibProducts BEST = NetlibProducts.INSTANCE;

    /** Pools of 1 to 4 threads, made once: their workers live as long as the JVM. */
    private static final Workers[] POOLS = {Workers.of(1), Workers.of(2), Workers.of(3), Workers.of(4)};

    /**
     * Shapes of c = op(a)·op(b) as {rows, cols, inner}: tiny and odd ones; the products of each layer
     * of moons, medium and large (forward x·Wᵀ, ∂x = G·W, ∂W = Gᵀ·x); tall, wide, and products whose
     * columns (more than 192, not a multiple of 8) end in OpenBLAS's edge tiles; one a single column wide.
     */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {3, 5, 7}, {24, 24, 24}, {49, 31, 17},
        {100, 16, 2}, {100, 2, 16}, {16, 2, 100}, {100, 16, 16}, {16, 16, 100}, {100, 1, 16}, {100, 16, 1},
        {256, 128, 64}, {256, 64, 128}, {128, 64, 256}, {256, 128, 128}, {128, 128, 256}, {256, 10, 128}, {256, 128, 10}, {10, 128, 256},
        {128, 256, 784}, {128, 784, 256}, {256, 784, 128}, {128, 256, 256}, {256, 256, 128}, {128, 10, 256}, {128, 256, 10}, {10, 256, 128},
        {4_000, 7, 300}, {3_001, 3, 500}, {31, 3_000, 40}, {1_000, 2, 1_000}, {2_000, 1, 1_000},
        {600, 250, 100}, {500, 201, 64}, {400, 389, 50}, {300, 785, 30}, {120, 250, 300}, {333, 250, 13},
    };

    /** Fewer for netlib's Java dgemm, which tiles in threes whatever the columns: each kind, and the configurations' largest. */
    private static final int[][] JAVA_SHAPES = {
        {3, 5, 7}, {49, 31, 17}, {100, 16, 16}, {100, 1, 16}, {256, 128, 64}, {128, 64, 256}, {256, 128, 128}, {256, 10, 128},
        {128, 256, 784}, {256, 784, 128}, {4_000, 7, 300}, {31, 3_000, 40}, {1_000, 2, 1_000}, {600, 250, 100}, {333, 250, 13},
    };

    /** {α, β}: each of 0, 1 and another value, for α and for β. */
    private static final double[][] ALPHA_BETA = {{1, 0}, {1, 1}, {-0.75, 0}, {1.5, -0.5}, {0, 0.5}, {0, 0}, {1, 2.5},
        {Double.NaN, 1}, {1, Double.NaN}};

    /** Fewer for the products of more than 10⁷ multiply-adds, which netlib's Java takes a while over. */
    private static final double[][] FEW_ALPHA_BETA = {{1, 0}, {1, 1}, {1.5, -0.5}};

    @Test
    void netlibsBestGivesTheUnsplitBitsOnEveryThreadCount() {
        int split = sameBitsOnEveryThreadCount(BEST, SHAPES);
        if (BEST.bands() != RowBands.NEVER) {
            assertTrue(split >= 40, "the shapes must include products that split, not only " + split);
        }
    }

    @Test
    void netlibsJavaGivesTheUnsplitBitsOnEveryThreadCount() {
        int split = sameBitsOnEveryThreadCount(NetlibProducts.JAVA, JAVA_SHAPES);
        assertTrue(split >= 40, "the shapes must include products that split, not only " + split);
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
        Workers pool = POOLS[3];
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
        Workers.runOn(POOLS[1], () -> Workers.shared().run(twoProducts, actual, 2, 2));
        sameBits(expected[0], actual[0], "the product of part 0");
        sameBits(expected[1], actual[1], "the product of part 1");
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
                () -> Workers.runOn(POOLS[1], () -> backend.gemm(false, false, 1, a, b, 0, c)));
        assertEquals("band at offset " + 96 * 128 + " failed", e.getMessage());
        // on one thread the product is one call, from row 0, which this BLAS computes; and so it is
        // inside another split, where the pool is busy
        DMatrixRMaj whole = new DMatrixRMaj(192, 128);
        Workers.runOn(POOLS[0], () -> backend.gemm(false, false, 1, a, b, 0, whole));
        DMatrixRMaj[] inside = {new DMatrixRMaj(192, 128), new DMatrixRMaj(192, 128)};
        RangeKernel<DMatrixRMaj[]> twoProducts = (results, from, to) -> {
            for (int i = from; i < to; i++) {
                DMatrixRMaj result = results[i];
                Workers.runOn(POOLS[1], () -> backend.gemm(false, false, 1, a, b, 0, result));
            }
        };
        Workers.runOn(POOLS[1], () -> Workers.shared().run(twoProducts, inside, 2, 1));
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
            Workers.runOn(POOLS[3], () -> {
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

    /**
     * Checks every shape, transpose combination and α, β on 1 to 4 threads against the unsplit call.
     *
     * @return how many (shape, transposes, α, β, threads) products were cut into two bands or more
     */
    private static int sameBitsOnEveryThreadCount(NetlibProducts backend, int[][] shapes) {
        SplittableRandom random = new SplittableRandom(19);
        int split = 0;
        for (ProductCase product : ProductCase.everyTranspose(shapes)) {
            boolean ta = product.transposeA();
            boolean tb = product.transposeB();
            DMatrixRMaj a = gaussian(random, product.aRows(), product.aCols());
            DMatrixRMaj b = gaussian(random, product.bRows(), product.bCols());
            DMatrixRMaj start = gaussian(random, product.rows(), product.cols());
            for (double[] alphaBeta : product.multiplyAdds() > 10_000_000 ? FEW_ALPHA_BETA : ALPHA_BETA) {
                // The one-thread call: one dgemm of every row, or for A·Bᵀ with a small B its transposed
                // copy's product (NetlibProducts.TRANSPOSED_COPY_MAX), which never splits.
                DMatrixRMaj unsplit = start.copy();
                Workers.runOn(POOLS[0], () -> backend.gemm(ta, tb, alphaBeta[0], a, b, alphaBeta[1], unsplit));
                for (Workers pool : POOLS) {
                    DMatrixRMaj banded = start.copy();
                    Workers.runOn(pool, () -> backend.gemm(ta, tb, alphaBeta[0], a, b, alphaBeta[1], banded));
                    sameBits(unsplit, banded, backend.name() + ", " + product + ", α " + alphaBeta[0] + ", β " + alphaBeta[1] + ", " + pool);
                    if (backend.bands().count(product.rows(), product.cols(), product.inner(), pool.threads()) > 1) {
                        split++;
                    }
                }
            }
        }
        return split;
    }

    private static void sameBits(DMatrixRMaj expected, DMatrixRMaj actual, String what) {
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < expected.getNumElements(); i++) {
            if (Double.doubleToRawLongBits(expected.data[i]) != Double.doubleToRawLongBits(actual.data[i])) {
                differing.add("(" + i / expected.numCols + ", " + i % expected.numCols + ")");
            }
        }
        if (!differing.isEmpty()) {
            fail(what + ": " + differing.size() + " results differ from the unsplit call's, first at " + differing.subList(0, Math.min(5, differing.size())));
        }
        assertEquals(expected.numRows, actual.numRows);
    }
}
