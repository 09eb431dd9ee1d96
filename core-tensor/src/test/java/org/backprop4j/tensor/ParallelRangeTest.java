package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.backprop4j.tensor.kernels.Activation;
import org.backprop4j.tensor.kernels.FastMath;
import org.backprop4j.tensor.parallel.Workers;
import org.junit.jupiter.api.Test;

/**
 * Kernels split from their cut-over on, and a split on 1, 2, 3 or 4 threads gives the bits of one
 * call over the whole range: every element-wise operation, the fused layer's bias and activation
 * pass (over elements) and its backward (over columns, each column's bias gradient summed in the
 * order of its rows).
 */
class ParallelRangeTest {

    /**
     * Pools of 1 to 4 threads, made once, as {@link Workers#of} asks: their workers live as long as the
     * JVM, so a pool made for each check would leave hundreds of parked threads behind every run.
     */
    private static final Workers[] POOLS = {Workers.of(1), Workers.of(2), Workers.of(3), Workers.of(4)};

    @Test
    void kernelsSplitFromTheCutoverOfTheirCost() {
        int transcendental = ParallelRange.TRANSCENDENTAL_CUTOVER;
        assertTrue(ParallelRange.splits(TensorOp.Cost.TRANSCENDENTAL, transcendental));
        assertFalse(ParallelRange.splits(TensorOp.Cost.TRANSCENDENTAL, transcendental - 1), "one element short");
        int arithmetic = ParallelRange.ARITHMETIC_CUTOVER;
        assertTrue(ParallelRange.splits(TensorOp.Cost.ARITHMETIC, arithmetic));
        assertFalse(ParallelRange.splits(TensorOp.Cost.ARITHMETIC, arithmetic - 1), "one element short");
        assertTrue(transcendental < arithmetic, "a transcendental element costs more, so it pays sooner");
        assertFalse(ParallelRange.splits(TensorOp.Cost.PRODUCT, Integer.MAX_VALUE - 1), "one call computes a product whole");
        assertTrue(ParallelRange.productsSplit(128, 256, 32));
        assertFalse(ParallelRange.productsSplit(128, 256, 31));
        assertEquals(4, POOLS[3].parts(transcendental, ParallelRange.cutover(TensorOp.Cost.TRANSCENDENTAL)));
    }

    private static double[] values(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextDouble(0.01, 6) * (i % 3 == 0 ? -1 : 1);
        }
        return values;
    }

    @Test
    void anElementwiseKernelSplitOnAnyThreadCountGivesTheBitsOfOneCall() {
        int rows = 3;
        int cols = ParallelRange.ARITHMETIC_CUTOVER / 3 + 7;
        double[] values = values(rows * cols, 5);
        Tensor x = Tensor.constant(rows, cols, values);
        Tensor y = Tensor.constant(rows, cols, values(rows * cols, 6));
        Tensor positive = Tensor.constant(rows, cols, Arrays.stream(values).map(Math::abs).toArray());
        List<UnaryOperator<Tensor>> ops = List.of(Tensor::tanh, Tensor::sigmoid, Tensor::exp, Tensor::log, Tensor::relu,
                t -> t.pow(3), t -> t.pow(0.5), t -> t.add(y), t -> t.mul(y), t -> t.div(y), t -> t.sub(2.5), Tensor::neg);
        for (UnaryOperator<Tensor> op : ops) {
            for (Tensor operand : List.of(x, positive)) {
                Tensor out = op.apply(operand);
                assertTrue(ParallelRange.splits(out.op.cost(), out.size()), out.op() + " is long enough to split");
                Arrays.fill(out.data().data, Double.NaN);
                out.op.forward(out, 0, out.size());
                double[] whole = out.data().data.clone();
                for (Workers pool : POOLS) {
                    Arrays.fill(out.data().data, Double.NaN);
                    ParallelRange.forward(pool, out.op, out, out.size(), out.op.cost());
                    assertArrayEquals(whole, out.data().data, 0.0, out.op() + " on " + pool);
                }
            }
        }
    }

    /**
     * The zeros of a cleared gradient, written by zeroGrad for a matrix grad() handed out and at the next reading for
     * one only lent, split on the pool in place.
     */
    @Test
    void zeroGradWritesPositiveZerosOnAnyThreadCountAtEverySize() {
        int cutover = ParallelRange.ARITHMETIC_CUTOVER;
        for (int size : new int[] {cutover - 1, cutover, 2 * cutover + 7}) {
            assertEquals(size >= cutover, POOLS[1].parts(size, cutover) > 1, "splits from the cut-over on: " + size);
            for (boolean handedOut : new boolean[] {false, true}) {
                Tensor p = Tensor.of(1, size, values(size, size));
                if (handedOut) {
                    p.grad();
                }
                for (Workers pool : POOLS) {
                    p.mul(-1).sum().backward();
                    assertEquals(-1.0, p.borrowGrad().data[size - 1], "a gradient to clear");
                    double[][] grad = new double[1][];
                    Workers.runOn(pool, () -> {
                        p.zeroGrad();
                        grad[0] = Arrays.copyOf(p.borrowGrad().data, size);
                    });
                    assertTrue(Arrays.equals(new double[size], grad[0]),
                            size + " elements on " + pool + (handedOut ? ", handed out" : ", lent") + ": every one +0.0");
                }
            }
        }
    }

    @Test
    void theLayersBiasAndActivationPassSplitOverElementsGivesTheBitsOfTheWholePass() {
        int rows = 130;
        int cols = 129;
        double[] bias = values(cols, 7);
        double[] product = values(rows * cols, 8);
        for (Activation activation : Activation.values()) {
            double[] whole = product.clone();
            FastMath.biasActivation(activation, bias, whole, rows, cols);
            for (Workers pool : POOLS) {
                double[] split = product.clone();
                pool.run((double[] z, int from, int to) -> FastMath.biasActivation(activation, bias, z, cols, from, to),
                        split, split.length, 1);
                assertArrayEquals(whole, split, 0.0, activation + " on " + pool);
            }
        }
    }

    @Test
    void theRangeFormsRefuseBadArgumentsByName() {
        double[] three = {0.1, 0.2, 0.3};
        assertEquals("biasActivation: a bias of length 3 for 4 columns", assertThrows(IllegalArgumentException.class,
                () -> FastMath.biasActivation(Activation.TANH, three, new double[8], 4, 0, 8)).getMessage());
        assertEquals("biasActivation: a bias of length 3 for 0 columns", assertThrows(IllegalArgumentException.class,
                () -> FastMath.biasActivation(Activation.TANH, three, new double[8], 0, 0, 8)).getMessage());
        for (int[] range : new int[][] {{-1, 2}, {3, 2}, {0, 9}}) {
            assertEquals("biasActivation: the range [" + range[0] + ", " + range[1] + ") is not within z (length 8)",
                    assertThrows(IllegalArgumentException.class,
                            () -> FastMath.biasActivation(Activation.RELU, three, new double[8], 3, range[0], range[1])).getMessage());
        }
        FastMath.biasActivation(Activation.RELU, three, new double[8], 3, 8, 8);
        double[] column = {-1, 2};
        FastMath.biasActivation(Activation.RELU, new double[] {0.5}, column, 1, 0, 2);
        assertArrayEquals(new double[] {0, 2.5}, column, 0.0, "one column");
        assertThrows(NullPointerException.class, () -> FastMath.biasActivation(Activation.RELU, null, new double[8], 3, 0, 8));
        assertThrows(NullPointerException.class, () -> FastMath.biasActivation(Activation.RELU, three, null, 3, 0, 8));
        double[] six = new double[6];
        for (int[] columns : new int[][] {{-1, 2}, {2, 1}, {0, 4}}) {
            assertEquals("biasActivationBackward: the columns [" + columns[0] + ", " + columns[1] + ") are not within 3 columns",
                    assertThrows(IllegalArgumentException.class, () -> FastMath.biasActivationBackward(Activation.TANH, six, six, six.clone(),
                            three.clone(), 2, 3, columns[0], columns[1])).getMessage());
        }
        FastMath.biasActivationBackward(Activation.TANH, six, six, six.clone(), three.clone(), 2, 3, 3, 3);
        FastMath.biasActivationBackward(Activation.TANH, six, six, six.clone(), three.clone(), 0, 3, 0, 3);
        FastMath.biasActivationBackward(Activation.TANH, six, six, six.clone(), null, 2, 0, 0, 0);
        FastMath.biasActivationBackward(Activation.TANH, six, six, six.clone(), three.clone(), 0, 3);
        FastMath.biasActivationBackward(Activation.TANH, six, six, six.clone(), null, 2, 0);
        assertEquals("biasActivationBackward: 2x-3 is not a matrix size", assertThrows(IllegalArgumentException.class,
                () -> FastMath.biasActivationBackward(Activation.TANH, six, six, six.clone(), null, 2, -3, 0, 0)).getMessage());
        assertEquals("biasActivationBackward: 65536x65536 is not a matrix size", assertThrows(IllegalArgumentException.class,
                () -> FastMath.biasActivationBackward(Activation.TANH, six, six, six.clone(), null, 65_536, 65_536, 0, 0)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> FastMath.biasActivationBackward(Activation.TANH, six, six, new double[5], null, 2, 3, 0, 3), "a short third array");
        assertEquals("bias gradient of length 2 for 3 columns", assertThrows(IllegalArgumentException.class,
                () -> FastMath.biasActivationBackward(Activation.TANH, six, six, six.clone(), new double[2], 2, 3, 0, 3)).getMessage());
    }

    @Test
    void theLayersBackwardSplitOverColumnsGivesTheBitsOfTheWholePass() {
        int rows = 131;
        int cols = 67;
        double[] g = values(rows * cols, 9);
        g[5] = -0.0;
        g[6] = Double.NaN;
        double[] y = values(rows * cols, 10);
        y[7] = 0.0;
        double[] biasStart = values(cols, 11);
        for (Activation activation : Activation.values()) {
            double[] gz = new double[rows * cols];
            double[] biasGrad = biasStart.clone();
            FastMath.biasActivationBackward(activation, g, y, gz, biasGrad, rows, cols);
            for (Workers pool : POOLS) {
                double[] splitGz = new double[rows * cols];
                double[] splitBias = biasStart.clone();
                pool.run((double[] target, int from, int to) ->
                        FastMath.biasActivationBackward(activation, g, y, target, splitBias, rows, cols, from, to), splitGz, cols, 1);
                assertArrayEquals(gz, splitGz, 0.0, activation + " G' on " + pool);
                assertArrayEquals(biasGrad, splitBias, 0.0, activation + " bias gradient on " + pool);
            }
            double[] noBias = new double[rows * cols];
            FastMath.biasActivationBackward(activation, g, y, noBias, null, rows, cols, 0, cols);
            assertArrayEquals(gz, noBias, 0.0, activation + " with no bias gradient");
        }
    }
}
