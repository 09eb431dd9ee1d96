package org.backprop4j.nn;

import java.util.Arrays;
import java.util.List;

import org.backprop4j.scalar.Value;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both engines' lossAndBackward check l2, targets and nulls themselves, naming the value, and change nothing when they refuse. */
class LossAndBackwardArgumentsTest {

    private static final double[][] X = {{1, 2, 3}, {0, 1, -1}};

    private static List<MultilayerPerceptron<?>> networks() {
        Architecture a = Architecture.of(3, List.of(4, 2)).withActivations(Activation.TANH, Activation.IDENTITY);
        return List.of(new org.backprop4j.nn.scalar.MLP(a), new org.backprop4j.nn.tensor.MLP(a));
    }

    private static void assertMessage(Class<? extends Throwable> type, Executable call, String... parts) {
        Throwable e = assertThrows(type, call);
        for (String part : parts) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(part), () -> "'" + e.getMessage() + "' should name " + part);
        }
    }

    /** The call is refused with the message parts, and the network's gradients and parameters are as before. */
    private static void assertRefusedUnchanged(MultilayerPerceptron<?> n, Class<? extends Throwable> type, Executable call, String... parts) {
        n.zeroGrad();
        double[] before = n.parameterValues();
        assertMessage(type, call, parts);
        assertTrue(Arrays.stream(n.gradients()).allMatch(g -> g == 0), n + ": the gradients are untouched");
        assertArrayEquals(before, n.parameterValues());
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, -1, -1e-300, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void l2MustBeFiniteAndNotNegative(double l2) {
        double[][] y = {{1, 0}, {0, 1}};
        for (MultilayerPerceptron<?> n : networks()) {
            assertRefusedUnchanged(n, IllegalArgumentException.class, () -> n.lossAndBackward(X, y, Loss.MEAN_SQUARED, l2),
                    "l2", String.valueOf(l2));
        }
        var tensor = new org.backprop4j.nn.tensor.MLP(3, List.of(2));
        assertRefusedUnchanged(tensor, IllegalArgumentException.class,
                () -> tensor.lossAndBackward(Tensor.constant(X), Tensor.constant(y), Loss.MEAN_SQUARED, l2), "l2", String.valueOf(l2));
        assertMessage(IllegalArgumentException.class, () -> org.backprop4j.nn.tensor.Losses.l2(tensor, l2), String.valueOf(l2));
        var scalar = new org.backprop4j.nn.scalar.MLP(3, List.of(2));
        assertMessage(IllegalArgumentException.class, () -> org.backprop4j.nn.scalar.Losses.l2(scalar, l2), String.valueOf(l2));
    }

    @Test
    void softmaxCrossEntropyNeedsOneHotTargetsOnEveryPath() {
        double[][][] bad = {{{1, 0}, {0.5, 0.5}}, {{1, 0}, {1, 1}}, {{1, 0}, {0, 0}}, {{1, 0}, {2, -1}}};
        for (double[][] y : bad) {
            String row = Arrays.toString(y[1]);
            for (MultilayerPerceptron<?> n : networks()) {
                assertRefusedUnchanged(n, IllegalArgumentException.class, () -> n.lossAndBackward(X, y, Loss.SOFTMAX_CROSS_ENTROPY, 0),
                        "one-hot", "row 1", row);
            }
            var tensor = new org.backprop4j.nn.tensor.MLP(3, List.of(2));
            assertRefusedUnchanged(tensor, IllegalArgumentException.class,
                    () -> tensor.lossAndBackward(Tensor.constant(X), Tensor.constant(y), Loss.SOFTMAX_CROSS_ENTROPY, 0), "one-hot", row);
            assertMessage(IllegalArgumentException.class, () -> org.backprop4j.nn.scalar.Losses.softmaxCrossEntropy(
                    List.of(List.of(Value.of(1), Value.of(2)), List.of(Value.of(0), Value.of(0))), y), "one-hot", row);
        }
    }

    @Test
    void nullsAndMismatchedBatchesAreNamed() {
        double[][] y = {{1, 0}, {0, 1}};
        for (MultilayerPerceptron<?> n : networks()) {
            assertRefusedUnchanged(n, NullPointerException.class, () -> n.lossAndBackward(null, y, Loss.MEAN_SQUARED, 0), "inputs");
            assertRefusedUnchanged(n, NullPointerException.class, () -> n.lossAndBackward(X, null, Loss.MEAN_SQUARED, 0), "targets");
            assertRefusedUnchanged(n, NullPointerException.class, () -> n.lossAndBackward(X, y, null, 0), "loss");
            assertRefusedUnchanged(n, IllegalArgumentException.class,
                    () -> n.lossAndBackward(X, new double[][] {{1, 0}}, Loss.MEAN_SQUARED, 0), "2", "1");
            assertRefusedUnchanged(n, IllegalArgumentException.class,
                    () -> n.lossAndBackward(X, new double[][] {{1, 0}, {1}}, Loss.MEAN_SQUARED, 0), "row 1");
        }
        var tensor = new org.backprop4j.nn.tensor.MLP(3, List.of(2));
        assertRefusedUnchanged(tensor, NullPointerException.class,
                () -> tensor.lossAndBackward(null, Tensor.constant(y), Loss.MEAN_SQUARED, 0), "inputs");
        assertRefusedUnchanged(tensor, NullPointerException.class,
                () -> tensor.lossAndBackward(Tensor.constant(X), null, Loss.MEAN_SQUARED, 0), "targets");
        assertRefusedUnchanged(tensor, IllegalArgumentException.class,
                () -> tensor.lossAndBackward(Tensor.constant(X), Tensor.constant(new double[][] {{1}, {2}}), Loss.MEAN_SQUARED, 0),
                "2x2", "2x1");
        assertMessage(NullPointerException.class, () -> org.backprop4j.nn.scalar.Losses.of(null, List.of(), y), "loss");
        assertMessage(NullPointerException.class, () -> Loss.HINGE.checkTargets((double[][]) null, 1), "targets");
        assertMessage(NullPointerException.class, () -> Loss.HINGE.checkTargets(new double[][] {{1}, null}, 1), "targets row 1");
        assertMessage(IllegalArgumentException.class, () -> Loss.HINGE.checkTargets(new double[3], 2, 2), "2x2", "3");
    }

    @Test
    void aBatchGivenAsArraysIsCopiedSoLaterChangesToTheArraysChangeNothing() {
        var tensor = new org.backprop4j.nn.tensor.MLP(3, List.of(4, 2));
        double[][] x = {{1, 2, 3}, {0, 1, -1}};
        double[][] y = {{1, 0}, {0, 1}};
        double first = tensor.lossAndBackward(x, y, Loss.MEAN_SQUARED, 0);
        x[0][0] = 100;
        double[][] x2 = {{1, 2, 3}, {0, 1, -1}};
        assertEquals(first, tensor.lossAndBackward(x2, y, Loss.MEAN_SQUARED, 0), "the same batch gives the same loss");
        double three = tensor.lossAndBackward(new double[][] {{1, 2, 3}, {0, 1, -1}, {5, 5, 5}}, new double[][] {{1, 0}, {0, 1}, {1, 1}},
                Loss.MEAN_SQUARED, 0);
        double again = tensor.lossAndBackward(new double[][] {{1, 2, 3}, {0, 1, -1}, {5, 5, 5}}, new double[][] {{1, 0}, {0, 1}, {1, 1}},
                Loss.MEAN_SQUARED, 0);
        assertEquals(three, again);
        assertEquals(first, tensor.lossAndBackward(x2, y, Loss.MEAN_SQUARED, 0), "alternating batch lengths reuse their own buffers");
        assertEquals(first, tensor.lossAndBackward(Tensor.constant(x2), Tensor.constant(y), Loss.MEAN_SQUARED, 0));
    }

    @Test
    void bothEnginesRefuseWithTheSameMessage() {
        double[][][] targets = {{{1, 0}, {1}}, {{1, -1}, {0.5, 1}}, {{1, 0}, {1, 1}}, {{1, 0}, {0, 1}}};
        Loss[] losses = {Loss.MEAN_SQUARED, Loss.HINGE, Loss.SOFTMAX_CROSS_ENTROPY, Loss.SUM_OF_SQUARES};
        double[] l2 = {0, 0, 0, -2};
        for (int c = 0; c < targets.length; c++) {
            double[][] y = targets[c];
            Loss loss = losses[c];
            double strength = l2[c];
            List<String> messages = new java.util.ArrayList<>();
            for (MultilayerPerceptron<?> n : networks()) {
                messages.add(assertThrows(IllegalArgumentException.class, () -> n.lossAndBackward(X, y, loss, strength)).getMessage());
            }
            assertEquals(messages.get(0), messages.get(1), "case " + c);
        }
    }
}
