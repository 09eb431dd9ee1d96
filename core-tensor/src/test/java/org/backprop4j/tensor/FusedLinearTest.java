package org.backprop4j.tensor;

import static org.backprop4j.tensor.Gradients.weightedSum;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** act(x·Wᵀ + b) in one operation equals linear then the activation, bit for bit, forward and backward. */
class FusedLinearTest {

    /** A fused layer operation. */
    @FunctionalInterface
    interface Fused {
        Tensor apply(Tensor x, Tensor w, Tensor b);
    }

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of("tanh", (Fused) Tensor::linearTanh, (UnaryOperator<Tensor>) Tensor::tanh, "tanh∘linear"),
                Arguments.of("sigmoid", (Fused) Tensor::linearSigmoid, (UnaryOperator<Tensor>) Tensor::sigmoid, "sigmoid∘linear"),
                Arguments.of("relu", (Fused) Tensor::linearRelu, (UnaryOperator<Tensor>) Tensor::relu, "ReLU∘linear"));
    }

    private static Tensor random(SplittableRandom random, int rows, int cols) {
        return RandomTensors.uniform(random, rows, cols, -2, 2);
    }

    private static void assertSameValues(double[] expected, double[] actual, String what) {
        // bit for bit, except that an accumulated −0 may come out +0
        assertArrayEquals(expected, actual, 0.0, what);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void sameBitsAsLinearThenTheActivation(String name, Fused fused, UnaryOperator<Tensor> activation, String symbol) {
        SplittableRandom random = new SplittableRandom(3);
        for (int[] shape : new int[][] {{1, 1, 1}, {4, 3, 2}, {5, 2, 8}, {7, 3, 10}, {3, 5, 17}, {100, 2, 16}}) {
            Tensor x = random(random, shape[0], shape[1]);
            Tensor w = random(random, shape[2], shape[1]);
            Tensor b = random(random, 1, shape[2]);
            Tensor viaFused = fused.apply(x, w, b);
            assertEquals(symbol, viaFused.op());
            weightedSum(viaFused).backward();
            double[] dx = x.grad().data.clone();
            double[] dw = w.grad().data.clone();
            double[] db = b.grad().data.clone();
            x.zeroGrad();
            w.zeroGrad();
            b.zeroGrad();
            Tensor viaParts = activation.apply(x.linear(w, b));
            weightedSum(viaParts).backward();
            String where = name + " at x " + shape[0] + "x" + shape[1] + ", W " + shape[2] + "x" + shape[1];
            assertArrayEquals(viaParts.data().data, viaFused.data().data, where + ": forward");
            assertSameValues(x.grad().data, dx, where + ": ∂x");
            assertSameValues(w.grad().data, dw, where + ": ∂W");
            assertSameValues(b.grad().data, db, where + ": ∂b");
        }
    }

    /**
     * x.linear(x, b): both backward products write the one gradient of x. At 160×160 a product has
     * 4 million multiply-adds, past the size from which a layer's two backward products run side by
     * side on two threads, which must not happen when they share a buffer (they did: the sum lost a
     * term). The gradient must be ∂x as input plus ∂x as weight, each taken on its own. Each trial takes
     * that reference anew, input and weight apart, whose two backward products do run side by side: so
     * the trials try that split 200 times too (PIT's mutant of it that runs {@code part <= to}, a second ∂W
     * racing the first, is caught here and only here). The message is built only on a failure (25,600 a
     * trial otherwise).
     */
    @Test
    void aLayerWhoseWeightIsItsInputAddsBothProductsIntoOneGradient() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            Fused fused = trial % 2 == 0 ? Tensor::linear : Tensor::linearTanh;
            Tensor x = random(random, 160, 160);
            Tensor b = random(random, 1, 160);
            weightedSum(fused.apply(x, x, b)).backward();
            Tensor input = Tensor.of(160, 160, x.data().data.clone());
            Tensor weight = Tensor.of(160, 160, x.data().data.clone());
            weightedSum(fused.apply(input, weight, Tensor.of(1, 160, b.data().data.clone()))).backward();
            double[] shared = x.grad().data;
            for (int i = 0; i < shared.length; i++) {
                double expected = input.grad().data[i] + weight.grad().data[i];
                int at = i;
                assertEquals(expected, shared[i], 1e-12 * (1 + Math.abs(expected)), () -> "∂x[" + at + "]");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void gradientsAgreeWithCentralDifferences(String name, Fused fused, UnaryOperator<Tensor> activation, String symbol) {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 6; trial++) {
            Tensor x = random(random, 1 + random.nextInt(5), 1 + random.nextInt(4));
            Tensor w = random(random, 1 + random.nextInt(11), x.cols());
            Tensor b = random(random, 1, w.rows());
            Gradients.check(() -> weightedSum(fused.apply(x, w, b)), List.of(x, w, b));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void badShapesAndNullsAreNamed(String name, Fused fused, UnaryOperator<Tensor> activation, String symbol) {
        Tensor x = Tensor.zeros(4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fused.apply(x, Tensor.zeros(2, 4), Tensor.zeros(1, 2)));
        assertTrue(e.getMessage().contains("2x4") && e.getMessage().contains("4x3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fused.apply(x, Tensor.zeros(2, 3), Tensor.zeros(2, 1)));
        assertEquals("weight", assertThrows(NullPointerException.class, () -> fused.apply(x, null, x)).getMessage());
        assertEquals("bias", assertThrows(NullPointerException.class, () -> fused.apply(x, x, null)).getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void inAWorkspaceTheBackwardScratchGoesBack(String name, Fused fused, UnaryOperator<Tensor> activation, String symbol) {
        SplittableRandom random = new SplittableRandom(9);
        Tensor x = random(random, 6, 3);
        Tensor w = random(random, 5, 3);
        Tensor b = random(random, 1, 5);
        Workspace workspace = new Workspace();
        int[] free = new int[4];
        double[] firstGrad = null;
        for (int step = 0; step < free.length; step++) {
            try (Workspace.Scope scope = workspace.enter()) {
                w.zeroGrad();
                Tensor loss = weightedSum(fused.apply(x, w, b));
                loss.backward();
                if (firstGrad == null) {
                    firstGrad = w.grad().data.clone();
                }
                assertArrayEquals(firstGrad, w.grad().data, name + ": step " + step);
                workspace.recycle(loss);
            }
            free[step] = workspace.freeBuffers();
        }
        assertEquals(free[1], free[3], name + ": the pool stops growing once warm");
    }
}
