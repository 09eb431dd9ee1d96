package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every element-wise kernel writes exactly its range [from, to) and nothing around it, each element
 * with the bits the same loops give it over the whole array, on the loops that run now, on the
 * vector lanes alone, on the scalar loops, on the lanes' scalar twins and on loops switching from
 * the twins to the lanes; a range that is not one is refused naming it.
 */
class KernelRangesTest {

    private static final double GUARD = -12345.5;

    /** One forward map: the loops' method. */
    private record Map(String name, Loop loop) {
    }

    private interface Loop {
        void run(KernelLoops loops, double[] x, double[] y, int from, int to);
    }

    private static final List<Map> MAPS = List.of(
            new Map("tanh", KernelLoops::tanh),
            new Map("sigmoid", KernelLoops::sigmoid),
            new Map("exp", KernelLoops::exp),
            new Map("log", KernelLoops::log));

    /**
     * The loops that run now, the vector lanes alone, the scalar loops, the lanes' scalar twins, and
     * loops that switch from the twins to the lanes, before the switch and after it.
     */
    private static List<KernelLoops> everyLoops() {
        KernelLoops lanes = VectorKernels.loops().lanesOnly();
        SwitchingLoops switched = new SwitchingLoops(lanes, ScalarTwins.INSTANCE);
        switched.useLanes();
        return List.of(VectorKernels.loops(), lanes, ScalarLoops.INSTANCE, ScalarTwins.INSTANCE,
                new SwitchingLoops(lanes, ScalarTwins.INSTANCE), switched);
    }

    private static double[] inputs(int n, boolean positive) {
        SplittableRandom random = new SplittableRandom(n);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = positive ? random.nextDouble(1e-3, 30) : random.nextDouble(-30, 30);
        }
        return x;
    }

    @Test
    void eachMapWritesItsRangeOnly() {
        for (KernelLoops loops : everyLoops()) {
            for (Map map : MAPS) {
                for (int n : new int[] {3, 9, 21, 40}) {
                    double[] x = inputs(n, map.name().equals("log"));
                    double[] whole = new double[n];
                    map.loop().run(loops, x, whole, 0, n);
                    for (int[] range : new int[][] {{1, n - 1}, {0, n - 2}, {2, n}}) {
                        double[] y = new double[n];
                        java.util.Arrays.fill(y, GUARD);
                        map.loop().run(loops, x, y, range[0], range[1]);
                        for (int i = 0; i < n; i++) {
                            double expected = i >= range[0] && i < range[1] ? whole[i] : GUARD;
                            assertEquals(expected, y[i], 0.0, loops.name() + " " + map.name() + " n=" + n + " range ["
                                    + range[0] + ", " + range[1] + ") at " + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void biasActivationsWriteTheirRowsOnly() {
        for (KernelLoops loops : everyLoops()) {
            for (int[] shape : new int[][] {{1, 3}, {3, 5}, {2, 11}, {4, 17}}) {
                int rows = shape[0];
                int cols = shape[1];
                double[] bias = inputs(cols, false);
                double[] z0 = inputs(rows * cols + 2, false);
                double[] tanh = z0.clone();
                double[] sigmoid = z0.clone();
                loops.biasTanh(bias, tanh, rows, cols);
                loops.biasSigmoid(bias, sigmoid, rows, cols);
                double[] pre = new double[rows * cols];
                for (int i = 0; i < pre.length; i++) {
                    pre[i] = z0[i] + bias[i % cols];
                }
                double[] expectedTanh = new double[pre.length];
                double[] expectedSigmoid = new double[pre.length];
                loops.tanh(pre, expectedTanh, 0, pre.length);
                loops.sigmoid(pre, expectedSigmoid, 0, pre.length);
                for (int i = 0; i < z0.length; i++) {
                    boolean inside = i < rows * cols;
                    assertEquals(inside ? expectedTanh[i] : z0[i], tanh[i], 0.0, loops.name() + " biasTanh at " + i);
                    assertEquals(inside ? expectedSigmoid[i] : z0[i], sigmoid[i], 0.0, loops.name() + " biasSigmoid at " + i);
                }
            }
        }
    }

    /** A kernel call on arrays of length 4. */
    private interface Call {
        void run(double[] a, double[] b, double[] c, int from, int to);
    }

    @Test
    void aBackwardRangeIsCheckedAgainstEveryArray() {
        List<Call> calls = List.of(
                (a, b, c, from, to) -> VectorKernels.tanh(a, b, from, to),
                (a, b, c, from, to) -> VectorKernels.sigmoid(a, b, from, to),
                (a, b, c, from, to) -> VectorKernels.exp(a, b, from, to),
                (a, b, c, from, to) -> VectorKernels.log(a, b, from, to),
                (a, b, c, from, to) -> VectorKernels.relu(a, b, from, to),
                VectorKernels::tanhBackward,
                VectorKernels::sigmoidBackward,
                VectorKernels::expBackward,
                VectorKernels::logBackward,
                VectorKernels::reluBackward);
        for (Call call : calls) {
            double[] a = {1, 2, 3, 4};
            double[] b = {1, 2, 3, 4};
            double[] c = {1, 2, 3, 4};
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> call.run(a, b, c, 2, 1));
            assertEquals("Range [2, 1) out of bounds for length 4", e.getMessage());
            e = assertThrows(IndexOutOfBoundsException.class, () -> call.run(a, b, c, 0, 5));
            assertEquals("Range [0, 5) out of bounds for length 4", e.getMessage());
            assertEquals(List.of(1.0, 2.0, 3.0, 4.0), List.of(c[0], c[1], c[2], c[3]), "nothing written");
        }
        for (VectorKernels.Activation activation : VectorKernels.Activation.values()) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> VectorKernels.biasActivationBackward(
                    activation, new double[4], new double[4], new double[4], null, 2, 3));
            assertEquals("Range [0, 6) out of bounds for length 4", e.getMessage());
        }
    }
}
