package org.backprop4j.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        KernelLoops lanes = FastMath.loops().lanesOnly();
        SwitchingLoops switched = new SwitchingLoops(lanes, ScalarTwins.INSTANCE);
        switched.useLanes();
        return List.of(FastMath.loops(), lanes, ScalarLoops.INSTANCE, ScalarTwins.INSTANCE,
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
                (a, b, c, from, to) -> FastMath.tanh(a, b, from, to),
                (a, b, c, from, to) -> FastMath.sigmoid(a, b, from, to),
                (a, b, c, from, to) -> FastMath.exp(a, b, from, to),
                (a, b, c, from, to) -> FastMath.log(a, b, from, to),
                (a, b, c, from, to) -> FastMath.relu(a, b, from, to),
                FastMath::tanhBackward,
                FastMath::sigmoidBackward,
                FastMath::expBackward,
                FastMath::logBackward,
                FastMath::reluBackward);
        for (Call call : calls) {
            double[] a = {1, 2, 3, 4};
            double[] b = {1, 2, 3, 4};
            double[] c = {1, 2, 3, 4};
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.run(a, b, c, 2, 1));
            assertTrue(e.getMessage().contains("the range [2, 1) is not within"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> call.run(a, b, c, 0, 5));
            assertTrue(e.getMessage().contains("the range [0, 5) is not within"), e.getMessage());
            assertEquals(List.of(1.0, 2.0, 3.0, 4.0), List.of(c[0], c[1], c[2], c[3]), "nothing written");
        }
        for (Call backward : calls.subList(calls.size() - 5, calls.size())) {
            double[] shortC = {1, 2, 3};
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> backward.run(new double[4], new double[4], shortC, 0, 4));
            assertTrue(e.getMessage().contains("and gx (length 3)"), e.getMessage());
            assertThrows(NullPointerException.class, () -> backward.run(new double[4], new double[4], null, 0, 1));
        }
        for (Activation activation : Activation.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FastMath.biasActivationBackward(
                    activation, new double[4], new double[4], new double[4], null, 2, 3));
            assertTrue(e.getMessage().contains("the range [0, 6) is not within"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> FastMath.biasActivationBackward(
                    activation, new double[4], new double[4], new double[4], null, 65536, 65536));
            assertTrue(e.getMessage().contains("65536x65536 is not a matrix size"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> FastMath.biasActivationBackward(
                    activation, new double[4], new double[4], new double[4], null, 1, Integer.MAX_VALUE));
            assertTrue(e.getMessage().contains("the range [0, 2147483647) is not within g (length 4)"),
                    "1x(2^31 - 1) is a matrix size, too big for the arrays: " + e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> FastMath.biasActivationBackward(
                    activation, new double[4], new double[4], new double[4], null, 1, Integer.MAX_VALUE, 0, 1));
            assertTrue(e.getMessage().contains("the range [0, 2147483647) is not within g (length 4)"),
                    "the column form too: " + e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> FastMath.biasActivationBackward(
                    activation, new double[4], new double[4], new double[4], null, -1, 2));
        }
    }
}
