package org.backprop4j.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bias gradient's column sums and the tanh/sigmoid bias passes at every width around a vector's
 * length (1 to 17, 31, 33, 64, 65) with NaN, ±∞, ±0, huge and tiny values in the columns: on every path
 * (the lanes, the switching loops, the scalar loops, the scalar twins) each column sum is that column
 * added down its rows in order, and each biased activation is x + bias[j] mapped
 * by that path's own element-wise loop, bit for bit (NaN compared as NaN); what lies past rows × cols is untouched.
 */
class LaneWidthEdgesTest {

    private static final int[] WIDTHS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 31, 33, 64, 65};
    private static final int[] HEIGHTS = {0, 1, 2, 3, 7, 37};

    private static double special(SplittableRandom random) {
        switch (random.nextInt(12)) {
            case 0:
                return Double.NaN;
            case 1:
                return Double.POSITIVE_INFINITY;
            case 2:
                return Double.NEGATIVE_INFINITY;
            case 3:
                return -0.0;
            case 4:
                return 0.0;
            case 5:
                return random.nextBoolean() ? Double.MAX_VALUE : -Double.MAX_VALUE;
            case 6:
                return Double.MIN_VALUE * random.nextInt(-3, 4);
            default:
                return random.nextDouble(-1e3, 1e3) * Math.pow(10, random.nextInt(-20, 20));
        }
    }

    private static double[] values(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = special(random);
        }
        return v;
    }

    private static void sameBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual), what + ": expected " + expected + ", got " + actual);
    }

    /** A check at one shape, rows × cols. */
    private interface ShapeCheck {
        void check(int rows, int cols);
    }

    /** Runs the check at every width, each at every height. */
    private static void atEveryShape(ShapeCheck check) {
        for (int cols : WIDTHS) {
            for (int rows : HEIGHTS) {
                check.check(rows, cols);
            }
        }
    }

    /** start[j] + m[0, j] + m[1, j] + … in row order: each column of the rows × cols matrix m added down onto start. */
    private static double[] columnSums(double[] start, double[] m, int rows, int cols) {
        double[] sums = start.clone();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                sums[j] += m[i * cols + j];
            }
        }
        return sums;
    }

    @Test
    void columnSumsAddDownEachColumnOnEveryPathAtEveryWidth() {
        SplittableRandom random = new SplittableRandom(71);
        for (KernelLoops loops : VectorKernelsTest.paths()) {
            atEveryShape((rows, cols) -> {
                double[] m = values(random, rows * cols + 5);
                double[] row = values(random, cols + 3);
                double[] expected = columnSums(row, m, rows, cols);
                loops.addColumnSums(m, 0, row, rows, cols);
                for (int j = 0; j < row.length; j++) {
                    sameBits(expected[j], row[j], loops.name() + " " + rows + "x" + cols + " column " + j);
                }
            });
        }
    }

    @Test
    void biasedTanhAndSigmoidEqualTheirPathsElementwiseMapAtEveryWidth() {
        SplittableRandom random = new SplittableRandom(73);
        for (KernelLoops loops : VectorKernelsTest.paths()) {
            atEveryShape((rows, cols) -> {
                double[] bias = values(random, cols + 2);
                double[] z = values(random, rows * cols + 4);
                double[] biased = z.clone();
                for (int k = 0; k < rows * cols; k++) {
                    biased[k] += bias[k % cols];
                }
                double[] tanhOfEach = biased.clone();
                double[] sigmoidOfEach = biased.clone();
                loops.tanh(biased, tanhOfEach, 0, rows * cols);
                loops.sigmoid(biased, sigmoidOfEach, 0, rows * cols);
                double[] tanh = z.clone();
                double[] sigmoid = z.clone();
                loops.biasTanh(bias, tanh, rows, cols);
                loops.biasSigmoid(bias, sigmoid, rows, cols);
                for (int k = 0; k < z.length; k++) {
                    String what = loops.name() + " " + rows + "x" + cols + " element " + k + " of x " + biased[k];
                    sameBits(tanhOfEach[k], tanh[k], "tanh " + what);
                    sameBits(sigmoidOfEach[k], sigmoid[k], "sigmoid " + what);
                }
            });
        }
    }

    @Test
    void theBackwardBiasPassSumsWhatItWritesAtEveryWidth() {
        SplittableRandom random = new SplittableRandom(79);
        for (Activation activation : Activation.values()) {
            atEveryShape((rows, cols) -> {
                double[] g = values(random, rows * cols);
                double[] y = values(random, rows * cols);
                double[] gz = new double[rows * cols];
                double[] biasGrad = values(random, cols);
                double[] before = biasGrad.clone();
                FastMath.biasActivationBackward(activation, g, y, gz, biasGrad, rows, cols);
                double[] expected = columnSums(before, gz, rows, cols);
                for (int j = 0; j < cols; j++) {
                    sameBits(expected[j], biasGrad[j], activation + " " + rows + "x" + cols + " column " + j);
                }
            });
        }
    }

    /** g·act'(y) as the unfused map writes it: tanh (1 − y·y)·g, σ y·(1 − y)·g, ReLU g where y &gt; 0 else +0, the identity g. */
    private static double local(Activation activation, double g, double y) {
        switch (activation) {
            case TANH:
                return (1 - y * y) * g;
            case SIGMOID:
                return y * (1 - y) * g;
            case RELU:
                return y > 0 ? g : 0.0;
            default:
                return g;
        }
    }

    /**
     * The fused backward pass (G ⊙ act' with the column sums added block by block, or row by row on the lanes) against
     * the unfused composition, the whole map and then the column sums in a second pass, on every path and activation, at
     * every width and height, wider than a block (300: one row a block) and taller (600×1), with and without a bias
     * gradient: the same bits in gz and in every sum; nothing past rows × cols written.
     */
    @Test
    void theFusedBackwardPassGivesTheBitsOfTheMapThenTheColumnSumsOnEveryPath() {
        SplittableRandom random = new SplittableRandom(83);
        for (KernelLoops loops : VectorKernelsTest.paths()) {
            for (Activation activation : Activation.values()) {
                ShapeCheck check = (rows, cols) -> {
                    double[] g = values(random, rows * cols + 3);
                    double[] y = values(random, rows * cols + 3);
                    double[] start = values(random, cols + 2);
                    double[] expectedGz = values(random, rows * cols + 3);
                    double[] gz = expectedGz.clone();
                    double[] noBiasGz = expectedGz.clone();
                    for (int k = 0; k < rows * cols; k++) {
                        expectedGz[k] = local(activation, g[k], y[k]);
                    }
                    double[] expectedSums = columnSums(start, expectedGz, rows, cols);
                    double[] sums = start.clone();
                    loops.biasActivationBackward(activation, g, y, gz, sums, rows, cols);
                    loops.biasActivationBackward(activation, g, y, noBiasGz, null, rows, cols);
                    String what = loops.name() + " " + activation + " " + rows + "x" + cols;
                    for (int k = 0; k < gz.length; k++) {
                        sameBits(expectedGz[k], gz[k], what + " gz[" + k + "]");
                        sameBits(expectedGz[k], noBiasGz[k], what + " gz[" + k + "] with no bias gradient");
                    }
                    for (int j = 0; j < sums.length; j++) {
                        sameBits(expectedSums[j], sums[j], what + " column " + j);
                    }
                };
                atEveryShape(check);
                check.check(5, 300);
                check.check(600, 1);
                check.check(256, 128);
            }
        }
    }
}
