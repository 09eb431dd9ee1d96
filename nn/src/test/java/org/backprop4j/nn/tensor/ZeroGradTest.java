package org.backprop4j.nn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Init;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.parallel.Workers;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

    /** A network whose products split across threads and whose first weight gradient (76,800 values) is zeroed in parts. */
    private static final Architecture WIDE = Architecture.of(300, List.of(256, 3))
            .withActivations(Activation.TANH, Activation.IDENTITY).withInit(Init.GLOROT).withSeed(5);
    private static final Workers[] POOLS = {Workers.of(1), Workers.of(2), Workers.of(3), Workers.of(4)};

    static Stream<Arguments> optimizersAndPools() {
        List<Supplier<Optimizer>> optimizers = List.of(() -> Optimizer.sgd(0.05), () -> Optimizer.momentum(0.05, 0.9),
                () -> Optimizer.adam(0.01));
        List<String> names = List.of("SGD", "momentum", "Adam");
        Stream.Builder<Arguments> arguments = Stream.builder();
        for (int o = 0; o < optimizers.size(); o++) {
            for (Workers pool : POOLS) {
                arguments.add(Arguments.of(names.get(o), optimizers.get(o), pool));
            }
        }
        return arguments.build();
    }

    private static void assertSameBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]), what + ", element " + i);
        }
    }

    /**
     * After zeroGrad, a backward overwrites the gradients nobody reached with its first contribution: the losses,
     * gradients and parameters of every step are the bits of a model whose gradient matrices were handed out (so
     * zeroGrad writes zeros and backward adds into them), and the gradients read as +0.0 after each zeroGrad.
     */
    @ParameterizedTest(name = "{0} on {2}")
    @MethodSource("optimizersAndPools")
    void aWideModelTrainsToTheBitsOfExplicitZeros(String name, Supplier<Optimizer> optimizer, Workers pool) {
        MLP untouched = new MLP(WIDE);
        MLP handedOut = new MLP(WIDE);
        for (Tensor p : handedOut.parameters()) {
            p.grad();
        }
        Optimizer first = optimizer.get();
        Optimizer second = optimizer.get();
        double[] zeros = new double[untouched.parameterCount()];
        Workers.runOn(pool, () -> {
            for (int step = 0; step < 3; step++) {
                double[][] x = DataSets.gaussian(64, 300, 30 + step);
                double[][] y = DataSets.gaussian(64, 3, 40 + step);
                double[] losses = new double[2];
                for (MLP mlp : new MLP[] {untouched, handedOut}) {
                    mlp.zeroGrad();
                    if (step == 1) {
                        assertSameBits(zeros, mlp.gradients(), name + ": gradients after zeroGrad");
                        assertEquals(0.0, mlp.gradientNorm(), name + ": gradient norm after zeroGrad");
                    }
                    losses[mlp == untouched ? 0 : 1] = mlp.lossAndBackward(x, y, Loss.MEAN_SQUARED, 0);
                    (mlp == untouched ? first : second).step(mlp);
                }
                assertEquals(losses[1], losses[0], 0.0, name + ": loss of step " + step);
                assertSameBits(handedOut.gradients(), untouched.gradients(), name + ": gradients of step " + step);
                assertSameBits(handedOut.parameterValues(), untouched.parameterValues(), name + ": parameters after step " + step);
            }
            untouched.zeroGrad();
            assertSameBits(zeros, untouched.gradients(), name + ": gradients after the last zeroGrad");
        });
    }

    /**
     * An update right after zeroGrad, with no backward between: the updates borrow the cleared gradients on the
     * calling thread before they split, so every range reads zeros and SGD, momentum and Adam leave every parameter
     * as it was (p − rate·0 = p; Adam's first step on a zero gradient moves by 0 / (0 + ε) = 0).
     */
    @ParameterizedTest(name = "{0} on {2}")
    @MethodSource("optimizersAndPools")
    void anUpdateRightAfterZeroGradMovesNothing(String name, Supplier<Optimizer> optimizer, Workers pool) {
        MLP mlp = new MLP(WIDE);
        double[] before = mlp.parameterValues();
        Workers.runOn(pool, () -> {
            mlp.lossAndBackward(DataSets.gaussian(64, 300, 50), DataSets.gaussian(64, 3, 51), Loss.MEAN_SQUARED, 0);
            mlp.zeroGrad();
            optimizer.get().step(mlp);
        });
        assertSameBits(before, mlp.parameterValues(), name + ": parameters after a step on cleared gradients");
        assertSameBits(new double[before.length], mlp.gradients(), name + ": the gradients");
    }
}
