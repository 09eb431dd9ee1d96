package org.backprop4j.nn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Init;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.tensor.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A tensor model's {@code zeroGrad()} and the gradients a user reaches through a parameter's
 * {@code grad()}: whatever the user writes into them between {@code zeroGrad()} and the next
 * backward pass is added to, as documented, and a model whose gradients nobody else reached trains
 * to the same bits as one whose every gradient matrix was handed out.
 */
class ZeroGradTest {

    private static final Architecture ARCHITECTURE = Architecture.of(5, List.of(7, 3))
            .withActivations(Activation.TANH, Activation.IDENTITY).withInit(Init.GLOROT).withSeed(11);
    private static final double[][] X = {{0.5, -1, 2, 0.25, -0.75}, {1, 1, 1, -2, 0.5}, {-0.3, 0.8, -1.5, 0.9, 0.1}};
    private static final double[][] Y = {{1, 0, -1}, {0.5, 0.25, 0}, {-1, 2, 0.5}};

    /** The first layer's W gradient after one step on a fresh network. */
    private static double[] gradient() {
        MLP mlp = new MLP(ARCHITECTURE);
        mlp.lossAndBackward(X, Y, Loss.MEAN_SQUARED, 0);
        return mlp.layers().get(0).weight().grad().data.clone();
    }

    private static double[] written(int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = (i % 3 - 1) * 0.125 + i;
        }
        return values;
    }

    private static void assertEarlierPlusGradient(double[] earlier, double[] actual) {
        double[] g = gradient();
        for (int i = 0; i < g.length; i++) {
            assertEquals(earlier[i] + g[i], actual[i], 0.0, "element " + i);
        }
    }

    @Test
    void whatAUserWritesAfterZeroGradThroughAMatrixHeldFromBeforeIsAddedTo() {
        MLP mlp = new MLP(ARCHITECTURE);
        mlp.lossAndBackward(X, Y, Loss.MEAN_SQUARED, 0);
        DMatrixRMaj held = mlp.layers().get(0).weight().grad();
        mlp.zeroGrad();
        double[] earlier = written(held.data.length);
        System.arraycopy(earlier, 0, held.data, 0, earlier.length);
        mlp.lossAndBackward(X, Y, Loss.MEAN_SQUARED, 0);
        assertEarlierPlusGradient(earlier, held.data);
    }

    @Test
    void whatAUserWritesAfterZeroGradThroughGradIsAddedTo() {
        MLP mlp = new MLP(ARCHITECTURE);
        mlp.lossAndBackward(X, Y, Loss.MEAN_SQUARED, 0);
        mlp.zeroGrad();
        double[] earlier = written(7 * 5);
        System.arraycopy(earlier, 0, mlp.layers().get(0).weight().grad().data, 0, earlier.length);
        mlp.lossAndBackward(X, Y, Loss.MEAN_SQUARED, 0);
        assertEarlierPlusGradient(earlier, mlp.layers().get(0).weight().grad().data);
    }

    /** The first, a middle and the last neuron of the 7: a neuron's span never clears its whole layer. */
    @ParameterizedTest(name = "neuron {0}")
    @ValueSource(ints = {0, 2, 6})
    void aNeuronsZeroGradClearsItsRowAloneAndTheNextPassAddsToTheRest(int neuron) {
        MLP mlp = new MLP(ARCHITECTURE);
        mlp.lossAndBackward(X, Y, Loss.MEAN_SQUARED, 0);
        double[] bias = mlp.layers().get(0).bias().grad().data.clone();
        mlp.layers().get(0).neuron(neuron).zeroGrad();
        mlp.lossAndBackward(X, Y, Loss.MEAN_SQUARED, 0);
        double[] g = gradient();
        double[] actual = mlp.layers().get(0).weight().grad().data;
        for (int i = 0; i < g.length; i++) {
            assertEquals(i / 5 == neuron ? g[i] : 2 * g[i], actual[i], 0.0, "element " + i);
        }
        double[] biasAfter = mlp.layers().get(0).bias().grad().data;
        for (int j = 0; j < bias.length; j++) {
            assertEquals(j == neuron ? bias[j] : 2 * bias[j], biasAfter[j], 0.0, "bias " + j);
        }
    }

    @Test
    void aModelWhoseGradientsNobodyReachedTrainsToTheBitsOfOneWhoseGradientsWereHandedOut() {
        MLP untouched = new MLP(ARCHITECTURE);
        MLP handedOut = new MLP(ARCHITECTURE);
        handedOut.lossAndBackward(X, Y, Loss.MEAN_SQUARED, 0);
        for (Tensor p : handedOut.parameters()) {
            p.grad();
        }
        handedOut.zeroGrad();
        Optimizer first = Optimizer.momentum(0.05, 0.9);
        Optimizer second = Optimizer.momentum(0.05, 0.9);
        for (int step = 0; step < 20; step++) {
            for (MLP mlp : new MLP[] {untouched, handedOut}) {
                mlp.zeroGrad();
                mlp.lossAndBackward(X, Y, Loss.MEAN_SQUARED, 0);
                mlp.gradientNorm();
                (mlp == untouched ? first : second).step(mlp);
            }
        }
        assertArrayEquals(handedOut.parameterValues(), untouched.parameterValues(), 0.0);
        assertArrayEquals(handedOut.gradients(), untouched.gradients(), 0.0);
    }
}
