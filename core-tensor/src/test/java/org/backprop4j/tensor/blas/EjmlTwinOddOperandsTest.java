package org.backprop4j.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.ejml.EjmlParameters;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The EJML twin against EJML itself on what a hostile caller passes: α and β of ±0, NaN, ±∞ and
 * values that overflow; one-row, one-column, empty, very wide and very tall operands on either side
 * of {@code MULT_COLUMN_SWITCH}; matrices whose arrays are longer than their shape; and a result that
 * shares storage with an operand. Every product must give EJML's bits (NaN compared as NaN) or be
 * refused as EJML's reference backend refuses it.
 */
class EjmlTwinOddOperandsTest {

    private static final double[] SCALES = {0.0, -0.0, 1, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300,
        Double.MIN_VALUE};

    private static DMatrixRMaj random(SplittableRandom random, int rows, int cols, int spare) {
        DMatrixRMaj m = new DMatrixRMaj(rows * cols + spare, 1);
        for (int i = 0; i < m.data.length; i++) {
            int kind = random.nextInt(30);
            m.data[i] = kind == 0 ? -0.0 : kind == 1 ? Double.POSITIVE_INFINITY : kind == 2 ? 1e200 : random.nextDouble(-3, 3);
        }
        m.reshape(rows, cols, true);
        return m;
    }

    private static void compare(SplittableRandom random, boolean ta, boolean tb, int m, int k, int n, double alpha, double beta) {
        int spare = random.nextInt(3);
        DMatrixRMaj a = ta ? random(random, k, m, spare) : random(random, m, k, spare);
        DMatrixRMaj b = tb ? random(random, n, k, spare) : random(random, k, n, spare);
        DMatrixRMaj expected = random(random, m, n, spare);
        DMatrixRMaj actual = expected.copy();
        actual.data = expected.data.clone();
        EjmlProducts.INSTANCE.gemm(ta, tb, alpha, a, b, beta, expected);
        EjmlTwinProducts.INSTANCE.gemm(ta, tb, alpha, a, b, beta, actual);
        String what = m + "x" + k + "x" + n + " ta=" + ta + " tb=" + tb + " alpha=" + alpha + " beta=" + beta;
        for (int i = 0; i < expected.data.length; i++) {
            assertEquals(Double.doubleToLongBits(expected.data[i]), Double.doubleToLongBits(actual.data[i]),
                    what + " element " + i + " (of " + m * n + "): EJML " + expected.data[i] + ", twin " + actual.data[i]);
        }
    }

    @Test
    void everySpecialAlphaAndBetaGivesEjmlsBits() {
        SplittableRandom random = new SplittableRandom(3);
        int s = EjmlParameters.MULT_COLUMN_SWITCH;
        int[][] shapes = {{1, 1, 1}, {1, 7, s + 2}, {s + 2, 7, 1}, {3, 0, s}, {0, 4, 3}, {2, s - 1, s}, {5, 5, 5}};
        for (int flags = 0; flags < 4; flags++) {
            for (int[] shape : shapes) {
                for (double alpha : SCALES) {
                    for (double beta : SCALES) {
                        compare(random, (flags & 1) != 0, (flags & 2) != 0, shape[0], shape[1], shape[2], alpha, beta);
                    }
                }
            }
        }
    }

    @Test
    void veryWideAndVeryTallOperandsGiveEjmlsBits() {
        SplittableRandom random = new SplittableRandom(5);
        int[][] shapes = {{1, 1, 3000}, {3000, 1, 1}, {1, 3000, 1}, {2, 1500, 3}, {1, 2, 1000}, {700, 3, 2}, {1, 1, 0}, {0, 0, 0}};
        for (int flags = 0; flags < 4; flags++) {
            for (int[] shape : shapes) {
                for (double beta : new double[] {0, 1, -0.5}) {
                    compare(random, (flags & 1) != 0, (flags & 2) != 0, shape[0], shape[1], shape[2], 1.5, beta);
                }
            }
        }
    }

    @Test
    void aResultSharingAnOperandsArrayIsRefusedBeforeAnythingIsWritten() {
        DMatrixRMaj a = new DMatrixRMaj(3, 3);
        a.fill(2);
        DMatrixRMaj view = new DMatrixRMaj(3, 3);
        view.data = a.data;
        for (double beta : new double[] {0, 1, 0.5}) {
            assertThrows(IllegalArgumentException.class, () -> EjmlTwinProducts.INSTANCE.gemm(false, false, 1, a, a.copy(), beta, view));
            assertThrows(IllegalArgumentException.class, () -> EjmlTwinProducts.INSTANCE.gemm(true, false, 1, a.copy(), a, beta, a));
            for (double v : a.data) {
                assertEquals(2, v, 0.0, "nothing written before the refusal, beta " + beta);
            }
        }
    }
}
