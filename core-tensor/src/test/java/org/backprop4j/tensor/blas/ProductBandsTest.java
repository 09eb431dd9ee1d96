package org.backprop4j.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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

    /** {α, β}: each of 0, 1 and another value, for α and for β. */
    private static final double[][] ALPHA_BETA = {{1, 0}, {1, 1}, {-0.75, 0}, {1.5, -0.5}, {0, 0.5}, {0, 0}, {1, 2.5}};

    @Test
    void netlibsBestGivesTheUnsplitBitsOnEveryThreadCount() {
        int split = sameBitsOnEveryThreadCount(NetlibProducts.INSTANCE, SHAPES);
        if (NetlibProducts.INSTANCE.bands() != RowBands.NEVER) {
            assertTrue(split >= 40, "the shapes must include products that split, not only " + split);
        }
    }

    @Test
    void netlibsJavaGivesTheUnsplitBitsOnEveryThreadCount() {
        int split = sameBitsOnEveryThreadCount(NetlibProducts.JAVA, SHAPES);
        assertTrue(split >= 40, "the shapes must include products that split, not only " + split);
    }

    /**
     * Checks every shape, transpose combination and α, β on 1 to 4 threads against the unsplit call.
     *
     * @return how many (shape, transposes, α, β, threads) products were cut into two bands or more
     */
    private static int sameBitsOnEveryThreadCount(NetlibProducts backend, int[][] shapes) {
        SplittableRandom random = new SplittableRandom(19);
        int split = 0;
        for (int[] shape : shapes) {
            int rows = shape[0];
            int cols = shape[1];
            int inner = shape[2];
            for (int flags = 0; flags < 4; flags++) {
                boolean ta = (flags & 1) != 0;
                boolean tb = (flags & 2) != 0;
                DMatrixRMaj a = ta ? random(random, inner, rows) : random(random, rows, inner);
                DMatrixRMaj b = tb ? random(random, cols, inner) : random(random, inner, cols);
                DMatrixRMaj start = random(random, rows, cols);
                for (double[] alphaBeta : ALPHA_BETA) {
                    DMatrixRMaj unsplit = start.copy();
                    backend.gemmRows(ta, tb, alphaBeta[0], a, b, alphaBeta[1], unsplit, 0, rows);
                    for (Workers pool : POOLS) {
                        DMatrixRMaj banded = start.copy();
                        Workers.runOn(pool, () -> backend.gemm(ta, tb, alphaBeta[0], a, b, alphaBeta[1], banded));
                        sameBits(unsplit, banded, backend.name() + ", " + rows + "x" + cols + " by " + inner + (ta ? ", aᵀ" : "")
                                + (tb ? ", bᵀ" : "") + ", α " + alphaBeta[0] + ", β " + alphaBeta[1] + ", " + pool);
                        if (backend.bands().count(rows, cols, inner, pool.threads()) > 1) {
                            split++;
                        }
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

    private static DMatrixRMaj random(SplittableRandom random, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextGaussian();
        }
        return m;
    }
}
