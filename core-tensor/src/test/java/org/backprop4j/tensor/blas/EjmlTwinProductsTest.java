package org.backprop4j.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.ejml.EjmlParameters;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The EJML twin gives every product EJML's bits: the same numbers, signed zeros and infinities, and NaN
 * where EJML gives NaN (a NaN's sign and payload are whatever the processor and the JIT's operand order
 * make them, in EJML as anywhere, so NaNs are compared as NaN).
 */
class EjmlTwinProductsTest {

    private static final double[] ALPHAS = {1, -1, 0.5, -2.25, 0};
    private static final double[] BETAS = {0, 1, -1, 0.75};

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    /** Mostly numbers in [-3, 3), with ±0 often and now and then a NaN or an infinity. */
    private static DMatrixRMaj random(SplittableRandom random, int rows, int cols, boolean special) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            int kind = random.nextInt(40);
            m.data[i] = kind == 0 ? -0.0 : kind == 1 ? 0.0 : special && kind == 2 ? Double.NaN
                    : special && kind == 3 ? Double.NEGATIVE_INFINITY : random.nextDouble(-3, 3);
        }
        return m;
    }

    private static void sameBits(DMatrixRMaj expected, DMatrixRMaj actual, String what) {
        for (int i = 0; i < expected.getNumElements(); i++) {
            assertEquals(Double.doubleToLongBits(expected.data[i]), Double.doubleToLongBits(actual.data[i]),
                    what + " element " + i + ": EJML " + expected.data[i] + ", twin " + actual.data[i]);
        }
    }

    /** Runs one product on EJML and on the twin from the same start and compares the bits. */
    private static void compare(SplittableRandom random, boolean ta, boolean tb, int m, int k, int n, double alpha, double beta,
                                boolean special) {
        DMatrixRMaj a = ta ? random(random, k, m, special) : random(random, m, k, special);
        DMatrixRMaj b = tb ? random(random, n, k, special) : random(random, k, n, special);
        DMatrixRMaj expected = random(random, m, n, special);
        DMatrixRMaj actual = expected.copy();
        EjmlProducts.INSTANCE.gemm(ta, tb, alpha, a, b, beta, expected);
        EjmlTwinProducts.INSTANCE.gemm(ta, tb, alpha, a, b, beta, actual);
        sameBits(expected, actual, m + "x" + k + "x" + n + " ta=" + ta + " tb=" + tb + " alpha=" + alpha + " beta=" + beta);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyShapeTransposeAndScaleGivesEjmlsBits(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int trial = 0; trial < 60; trial++) {
            int flags = random.nextInt(4);
            int limit = 2 * EjmlParameters.MULT_COLUMN_SWITCH + 3;
            compare(random, (flags & 1) != 0, (flags & 2) != 0, random.nextInt(limit), random.nextInt(limit), random.nextInt(limit),
                    ALPHAS[random.nextInt(ALPHAS.length)], BETAS[random.nextInt(BETAS.length)], seed % 2 == 1);
        }
    }

    @Test
    void eachOfEjmlsLoopsIsMatchedOnEitherSideOfItsSwitch() {
        SplittableRandom random = new SplittableRandom(11);
        int s = EjmlParameters.MULT_COLUMN_SWITCH;
        int[] widths = {0, 1, 3, 4, 5, s - 1, s, s + 1, 2 * s + 3};
        for (int flags = 0; flags < 4; flags++) {
            for (int wide : widths) {
                for (int other : widths) {
                    for (double beta : BETAS) {
                        boolean ta = (flags & 1) != 0;
                        boolean tb = (flags & 2) != 0;
                        compare(random, ta, tb, 7, wide, other, 1, beta, false);
                        compare(random, ta, tb, wide, 6, other, -0.5, beta, false);
                        compare(random, ta, tb, other, wide, 5, 2, beta, true);
                    }
                }
            }
        }
    }

    @Test
    void termsThatAreAllNegativeZeroSumToPositiveZero() {
        DMatrixRMaj a = new DMatrixRMaj(3, 20);
        DMatrixRMaj b = new DMatrixRMaj(20, 17);
        a.fill(-0.0);
        b.fill(1.0);
        for (boolean ta : new boolean[] {false, true}) {
            DMatrixRMaj left = ta ? new DMatrixRMaj(20, 3) : a;
            left.fill(-0.0);
            DMatrixRMaj c = new DMatrixRMaj(3, 17);
            c.fill(-0.0);
            EjmlTwinProducts.INSTANCE.gemm(ta, false, 1, left, b, 0, c);
            for (double v : c.data) {
                assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(v), "β = 0 gives +0, as every backend");
            }
        }
    }

    @Test
    void badOperandsAreRefusedAsByEveryBackend() {
        DMatrixRMaj a = new DMatrixRMaj(2, 3);
        DMatrixRMaj b = new DMatrixRMaj(4, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EjmlTwinProducts.INSTANCE.gemm(false, false, 1, a, b, 0, new DMatrixRMaj(2, 2)));
        assertTrue(e.getMessage().contains("2x3") && e.getMessage().contains("4x2"), e.getMessage());
        assertEquals("b", assertThrows(NullPointerException.class,
                () -> EjmlTwinProducts.INSTANCE.gemm(false, true, 1, a, null, 1, new DMatrixRMaj(2, 2))).getMessage());
        DMatrixRMaj square = new DMatrixRMaj(2, 2);
        assertThrows(IllegalArgumentException.class, () -> EjmlTwinProducts.INSTANCE.gemm(true, false, 1, square, square, 0, square));
        assertEquals("ejml", EjmlTwinProducts.INSTANCE.name(), "it runs EJML's arithmetic");
        assertEquals("ejml", EjmlTwinProducts.INSTANCE.toString());
    }
}
