package org.backprop4j.nn;

import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.train.History;
import org.backprop4j.nn.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both engines, same architecture and seed: identical parameters, and loss and gradients equal to 1e−12. */
class CrossEngineTest {

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("seed", Architecture.of(3, List.of(4, 4, 1)), Loss.SUM_OF_SQUARES, DataSets.seed().inputs(),
                        DataSets.seed().targets()),
                Arguments.of("moons", Architecture.of(2, List.of(16, 16, 1)).withActivations(Activation.TANH, Activation.IDENTITY),
                        Loss.MEAN_SQUARED, DataSets.moons(100, 0.1, 5).inputs(), DataSets.moons(100, 0.1, 5).targets()),
                Arguments.of("medium", Architecture.of(64, List.of(128, 128, 10)).withActivations(Activation.TANH, Activation.IDENTITY)
                        .withInit(Init.GLOROT), Loss.MEAN_SQUARED, DataSets.gaussian(6, 64, 1), DataSets.gaussian(6, 10, 2)),
                Arguments.of("large", Architecture.of(784, List.of(256, 256, 10)).withActivations(Activation.TANH, Activation.IDENTITY)
                        .withInit(Init.GLOROT), Loss.MEAN_SQUARED, DataSets.gaussian(2, 784, 3), DataSets.gaussian(2, 10, 4)),
                Arguments.of("relu softmax", Architecture.of(5, List.of(7, 3)).withActivations(Activation.RELU, Activation.IDENTITY),
                        Loss.SOFTMAX_CROSS_ENTROPY, DataSets.gaussian(9, 5, 5), oneHot(9, 3)),
                Arguments.of("sigmoid hinge", Architecture.of(4, List.of(6, 1)).withActivations(Activation.SIGMOID, Activation.TANH),
                        Loss.HINGE, DataSets.gaussian(8, 4, 6), labels(8)));
    }

    private static double[][] oneHot(int rows, int classes) {
        double[][] t = new double[rows][classes];
        for (int i = 0; i < rows; i++) {
            t[i][(i * 7) % classes] = 1;
        }
        return t;
    }

    private static double[][] labels(int rows) {
        double[][] t = new double[rows][1];
        for (int i = 0; i < rows; i++) {
            t[i][0] = i % 3 == 0 ? 1 : -1;
        }
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void sameParametersLossAndGradients(String name, Architecture architecture, Loss loss, double[][] x, double[][] y) {
        org.backprop4j.nn.scalar.MLP scalar = new org.backprop4j.nn.scalar.MLP(architecture);
        org.backprop4j.nn.tensor.MLP tensor = new org.backprop4j.nn.tensor.MLP(architecture);
        assertArrayEquals(scalar.parameterValues(), tensor.parameterValues(), "bit-identical parameters");
        assertEquals(architecture.parameterCount(), scalar.parameterCount());
        double scalarLoss = scalar.lossAndBackward(x, y, loss, 1e-3);
        double tensorLoss = tensor.lossAndBackward(x, y, loss, 1e-3);
        assertEquals(scalarLoss, tensorLoss, 1e-12 * Math.abs(scalarLoss));
        assertAgree(name, scalar.gradients(), tensor.gradients(), 1e-12);
    }

    @Test
    void twentyStepsOfTheSeedLoopFollowTheSameTrajectory() {
        org.backprop4j.nn.scalar.MLP scalar = new org.backprop4j.nn.scalar.MLP(3, List.of(4, 4, 1));
        org.backprop4j.nn.tensor.MLP tensor = new org.backprop4j.nn.tensor.MLP(3, List.of(4, 4, 1));
        History a = new Trainer(scalar, Loss.SUM_OF_SQUARES, Optimizer.sgd(0.05)).epochs(20).fit(DataSets.seed());
        History b = new Trainer(tensor, Loss.SUM_OF_SQUARES, Optimizer.sgd(0.05)).epochs(20).fit(DataSets.seed());
        for (int k = 0; k < 20; k++) {
            assertEquals(a.stepLosses().get(k), b.stepLosses().get(k), 1e-10 * a.stepLosses().get(k), "step " + k);
        }
        assertTrue(a.finalLoss() < a.stepLosses().get(0) / 4, "the loss falls");
        assertAgree("parameters", scalar.parameterValues(), tensor.parameterValues(), 1e-10);
    }

    /** Each element agrees to {@code limit} relative to the larger value, floored at 1e−3 of the largest magnitude. */
    private static void assertAgree(String what, double[] a, double[] b, double limit) {
        assertEquals(a.length, b.length, what + " lengths");
        double floor = 1e-3 * DoubleStream.concat(Arrays.stream(a), Arrays.stream(b)).map(Math::abs).max().orElse(0);
        for (int i = 0; i < a.length; i++) {
            double scale = Math.max(Math.max(Math.abs(a[i]), Math.abs(b[i])), floor);
            assertTrue(Math.abs(a[i] - b[i]) <= limit * scale, what + " element " + i + ": " + a[i] + " vs " + b[i]);
        }
    }
}
