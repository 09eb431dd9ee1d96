package org.backprop4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The scalar and the tensor engine run one hostile sequence of gradient calls — backward twice without
 * zeroGrad, a refused call in the middle, a neuron's zeroGrad, a scaling, a norm, an optimizer step,
 * zeroGrad — and read the same gradients after each (to 1e−12), as PyTorch's accumulate-until-zeroed
 * rule says; parameters shared between a network and the layer a user took out of it accumulate the
 * gradients of both graphs.
 */
class GradientSequencesAcrossEnginesTest {

    private static final Architecture ARCHITECTURE = Architecture.of(4, List.of(6, 5, 2))
            .withActivations(Activation.TANH, Activation.IDENTITY).withInit(Init.GLOROT).withSeed(17);
    private static final double[][] X = {{0.5, -1, 2, 0.25}, {1, 1, 1, -2}, {-0.3, 0.8, -1.5, 0.9}, {0.1, 0.2, 0.3, 0.4}};
    private static final double[][] Y = {{1, 0}, {0.5, 0.25}, {-1, 2}, {0, 0}};

    private static void assertAgree(String what, double[] a, double[] b) {
        assertEquals(a.length, b.length, what + " lengths");
        double floor = 1e-3 * DoubleStream.concat(Arrays.stream(a), Arrays.stream(b)).map(Math::abs).max().orElse(0);
        for (int i = 0; i < a.length; i++) {
            double scale = Math.max(Math.max(Math.abs(a[i]), Math.abs(b[i])), floor);
            assertTrue(Math.abs(a[i] - b[i]) <= 1e-12 * scale, what + " element " + i + ": " + a[i] + " vs " + b[i]);
        }
    }

    @Test
    void bothEnginesReadTheSameGradientsThroughoutAHostileSequence() {
        org.backprop4j.nn.scalar.MLP scalar = new org.backprop4j.nn.scalar.MLP(ARCHITECTURE);
        org.backprop4j.nn.tensor.MLP tensor = new org.backprop4j.nn.tensor.MLP(ARCHITECTURE);
        Optimizer scalarStep = Optimizer.adam(0.01);
        Optimizer tensorStep = Optimizer.adam(0.01);
        double[] single = null;
        for (int round = 0; round < 3; round++) {
            scalar.zeroGrad();
            tensor.zeroGrad();
            assertArrayEquals(new double[scalar.parameterCount()], tensor.gradients(), 0.0, "zeros after zeroGrad");
            scalar.lossAndBackward(X, Y, Loss.MEAN_SQUARED, 1e-3);
            tensor.lossAndBackward(X, Y, Loss.MEAN_SQUARED, 1e-3);
            single = tensor.gradients();
            assertAgree("one pass, round " + round, scalar.gradients(), single);

            double[][] wrongWidth = {{1, 2, 3}};
            assertThrows(IllegalArgumentException.class, () -> tensor.lossAndBackward(wrongWidth, Y, Loss.MEAN_SQUARED, 0));
            assertThrows(IllegalArgumentException.class, () -> scalar.lossAndBackward(wrongWidth, Y, Loss.MEAN_SQUARED, 0));
            assertArrayEquals(single, tensor.gradients(), 0.0, "a refused call adds nothing");

            scalar.lossAndBackward(X, Y, Loss.MEAN_SQUARED, 1e-3);
            tensor.lossAndBackward(X, Y, Loss.MEAN_SQUARED, 1e-3);
            double[] twice = tensor.gradients();
            for (int i = 0; i < twice.length; i++) {
                assertEquals(single[i] + single[i], twice[i], 0.0, "a second pass adds the same gradient, element " + i);
            }
            assertAgree("two passes, round " + round, scalar.gradients(), twice);

            scalar.layers().get(1).neuron(3).zeroGrad();
            tensor.layers().get(1).neuron(3).zeroGrad();
            scalar.scaleGradients(0.5);
            tensor.scaleGradients(0.5);
            scalar.lossAndBackward(X, Y, Loss.MEAN_SQUARED, 1e-3);
            tensor.lossAndBackward(X, Y, Loss.MEAN_SQUARED, 1e-3);
            assertAgree("after a neuron's zeroGrad and a scaling, round " + round, scalar.gradients(), tensor.gradients());
            assertEquals(scalar.gradientNorm(), tensor.gradientNorm(), 1e-12 * scalar.gradientNorm());
            scalarStep.step(scalar);
            tensorStep.step(tensor);
            assertAgree("parameters after a step, round " + round, scalar.parameterValues(), tensor.parameterValues());
        }
    }

    @Test
    void aLayerTakenOutOfANetworkSharesItsParametersAndTheirGradients() {
        org.backprop4j.nn.tensor.MLP network = new org.backprop4j.nn.tensor.MLP(ARCHITECTURE);
        org.backprop4j.nn.tensor.Layer first = network.layers().get(0);
        org.backprop4j.nn.tensor.MLP alone = new org.backprop4j.nn.tensor.MLP(ARCHITECTURE);

        network.lossAndBackward(X, Y, Loss.MEAN_SQUARED, 0);
        first.zeroGrad();
        network.zeroGrad();
        Tensor layerLoss = first.forward(X).sum();
        layerLoss.backward();
        network.lossAndBackward(X, Y, Loss.MEAN_SQUARED, 0);

        alone.lossAndBackward(X, Y, Loss.MEAN_SQUARED, 0);
        org.backprop4j.nn.tensor.Layer other = alone.layers().get(0);
        double[] fromNetwork = other.weight().grad().data.clone();
        other.zeroGrad();
        other.forward(X).sum().backward();
        double[] fromLayer = other.weight().grad().data;
        double[] shared = first.weight().grad().data;
        for (int i = 0; i < shared.length; i++) {
            assertEquals(fromLayer[i] + fromNetwork[i], shared[i], 0.0, "the layer's graph, then the network's, element " + i);
        }
    }
}
