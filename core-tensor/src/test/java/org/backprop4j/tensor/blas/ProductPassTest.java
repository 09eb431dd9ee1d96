package org.backprop4j.tensor.blas;

import static org.backprop4j.tensor.blas.RandomMatrices.gaussian;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.backprop4j.tensor.parallel.RangeKernel;
import org.backprop4j.tensor.parallel.Workers;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * A product with a pass over its result ({@link MatrixProducts#gemm(boolean, boolean, double, DMatrixRMaj, DMatrixRMaj,
 * double, DMatrixRMaj, RangeKernel, Object, int)}): on every backend and on pools of 1 to 4 threads, c holds the bits of
 * the product followed by one pass over every element, whether the product runs as one call or in bands (each band's
 * pass after it) and whether the pass itself splits; a pass called from inside a split, one that throws, and a null
 * pass are handled as the contract says.
 */
class ProductPassTest {

    /**
     * {rows, cols, inner} straddling the bundled OpenBLAS's and netlib Java's band cut-over ({@link RowBands#OPENBLAS_CUTOVER}
     * multiply-adds a band, on multiples of 24 rows): 48×100 by 219 is one band on every pool, 96×100 by 219 two bands of
     * 1,051,200 multiply-adds (just over), 200×64 by 300 three, 300×64 by 300 four; 20×30 by 7 is small enough for
     * OpenBLAS's transposed copy of B.
     */
    private static final int[][] SHAPES = {{48, 100, 219}, {96, 100, 219}, {200, 64, 300}, {300, 64, 300}, {20, 30, 7}};

    /** A pass that changes every element it is given and would change it again if given it twice: c ← c/2 + 1. */
    private static final RangeKernel<DMatrixRMaj> HALVE_PLUS_ONE = (c, from, to) -> {
        for (int k = from; k < to; k++) {
            c.data[k] = c.data[k] * 0.5 + 1;
        }
    };

    private static List<MatrixProducts> backends() {
        return List.of(MatrixProducts.ejml(), MatrixProducts.netlib(), MatrixProducts.named("netlib-java"), MatrixProducts.named("auto"));
    }

    @Test
    void everyElementGoesThroughThePassOnceAfterTheProductOnEveryThreadCount() {
        SplittableRandom random = new SplittableRandom(23);
        int banded = 0;
        for (MatrixProducts products : backends()) {
            for (int[] shape : SHAPES) {
                for (boolean transposeB : new boolean[] {true, false}) {
                    DMatrixRMaj a = gaussian(random, shape[0], shape[2]);
                    DMatrixRMaj b = transposeB ? gaussian(random, shape[1], shape[2]) : gaussian(random, shape[2], shape[1]);
                    DMatrixRMaj start = gaussian(random, shape[0], shape[1]);
                    for (double beta : new double[] {0, 1}) {
                        DMatrixRMaj expected = start.copy();
                        Workers.runOn(ThreadCountSweep.POOLS[0], () -> products.gemm(false, transposeB, 1, a, b, beta, expected));
                        HALVE_PLUS_ONE.forward(expected, 0, expected.getNumElements());
                        for (Workers pool : ThreadCountSweep.POOLS) {
                            for (int cutover : new int[] {1, Integer.MAX_VALUE}) {
                                DMatrixRMaj actual = start.copy();
                                Workers.runOn(pool, () -> products.gemm(false, transposeB, 1, a, b, beta, actual, HALVE_PLUS_ONE, actual, cutover));
                                ThreadCountSweep.sameBits(expected, actual, products + ", " + shape[0] + "x" + shape[1] + " by " + shape[2]
                                        + (transposeB ? "ᵀ" : "") + ", β " + beta + ", pass cut-over " + cutover + ", " + pool);
                            }
                            if (RowBands.OPENBLAS.count(shape[0], shape[1], shape[2], pool.threads()) > 1) {
                                banded++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(banded >= 4 * 2 * 2 * 5, "the shapes must cut products into bands on pools of 2, 3 and 4, not only " + banded);
    }

    @Test
    void aProductWithAPassCalledFromInsideASplitRunsWholeWithTheSameBits() {
        MatrixProducts products = MatrixProducts.netlib();
        SplittableRandom random = new SplittableRandom(29);
        DMatrixRMaj a = gaussian(random, 300, 300);
        DMatrixRMaj b = gaussian(random, 64, 300);
        DMatrixRMaj expected = new DMatrixRMaj(300, 64);
        Workers.runOn(ThreadCountSweep.POOLS[0], () -> products.gemm(false, true, 1, a, b, 0, expected));
        HALVE_PLUS_ONE.forward(expected, 0, expected.getNumElements());
        DMatrixRMaj[] actual = {new DMatrixRMaj(300, 64), new DMatrixRMaj(300, 64)};
        RangeKernel<DMatrixRMaj[]> twoProducts = (results, from, to) -> {
            for (int i = from; i < to; i++) {
                products.gemm(false, true, 1, a, b, 0, results[i], HALVE_PLUS_ONE, results[i], 1);
            }
        };
        Workers.runOn(ThreadCountSweep.POOLS[3], () -> Workers.shared().run(twoProducts, actual, 2, 2));
        ThreadCountSweep.sameBits(expected, actual[0], "the product of part 0");
        ThreadCountSweep.sameBits(expected, actual[1], "the product of part 1");
    }

    @Test
    void whatAPassThrowsReachesTheCallerOnceEveryBandHasEnded() {
        MatrixProducts products = MatrixProducts.netlib();
        SplittableRandom random = new SplittableRandom(31);
        DMatrixRMaj a = gaussian(random, 300, 300);
        DMatrixRMaj b = gaussian(random, 64, 300);
        IllegalStateException thrown = new IllegalStateException("the pass failed");
        RangeKernel<DMatrixRMaj> failing = (c, from, to) -> {
            throw thrown;
        };
        for (Workers pool : ThreadCountSweep.POOLS) {
            DMatrixRMaj c = new DMatrixRMaj(300, 64);
            assertSame(thrown, assertThrows(IllegalStateException.class,
                    () -> Workers.runOn(pool, () -> products.gemm(false, true, 1, a, b, 0, c, failing, c, 1))), pool.toString());
        }
    }

    @Test
    void aNullPassOrBadShapesAreRefusedBeforeAnythingRuns() {
        DMatrixRMaj a = new DMatrixRMaj(4, 3);
        DMatrixRMaj c = new DMatrixRMaj(4, 2);
        for (MatrixProducts products : backends()) {
            assertEquals("pass", assertThrows(NullPointerException.class,
                    () -> products.gemm(false, true, 1, a, new DMatrixRMaj(2, 3), 0, c, null, c, 1)).getMessage());
            c.data[0] = 7;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> products.gemm(false, true, 1, a, new DMatrixRMaj(2, 4), 0, c, HALVE_PLUS_ONE, c, 1));
            assertTrue(e.getMessage().contains("4x3") && e.getMessage().contains("2x4"), products + ": " + e.getMessage());
            assertEquals(7, c.data[0], products + ": a refused product runs no pass");
        }
    }
}
