package org.backprop4j.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Init;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.Model;
import org.backprop4j.nn.ParameterUpdate;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.tensor.MLP;
import org.backprop4j.tensor.parallel.Workers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SGD, momentum and Adam on the tensor engine give, step after step, exactly the bits of a plain
 * loop over the flat parameters written here from the optimizers' formulas, on 1, 2, 3 and 4 threads,
 * for a network large enough that its update is split over threads (50,826 parameters), and for a
 * layer and a neuron of it (a neuron's run starts part-way into its layer); and an update that is
 * refused — a NaN or ±∞ gradient, a learning rate that overflows, a rule that throws part-way — changes
 * no parameter and no optimizer state, whichever thread's range it happens in.
 */
class OptimizerBitsTest {

    private static final int STEPS = 4;

    /** One optimizer's formula, on flat arrays: the reference the engine's update must match bit for bit. */
    private interface Reference {
        void step(double[] p, double[] g, int t);
    }

    private static MLP network() {
        return new MLP(Architecture.of(64, List.of(256, 128, 10)).withActivations(Activation.TANH, Activation.IDENTITY)
                .withInit(Init.GLOROT).withSeed(7));
    }

    private static void backward(MLP mlp) {
        mlp.zeroGrad();
        mlp.lossAndBackward(DataSets.gaussian(32, 64, 1), DataSets.gaussian(32, 10, 2), Loss.MEAN_SQUARED, 0);
    }

    static Stream<Arguments> optimizers() {
        return Stream.of("sgd", "momentum", "adam").flatMap(name -> Stream.of("network", "layer", "neuron")
                .flatMap(model -> IntStream.rangeClosed(1, 4).mapToObj(threads -> Arguments.of(name, model, threads))));
    }

    private static Optimizer optimizer(String name) {
        return switch (name) {
            case "sgd" -> Optimizer.sgd(0.05);
            case "momentum" -> Optimizer.momentum(0.05, 0.9);
            default -> Optimizer.adam(LearningRate.constant(0.01), 0.9, 0.999, 1e-8);
        };
    }

    /** The optimizer's formula, with its own state arrays, as the factories' Javadoc states it. */
    private static Reference reference(String name, int n) {
        double[] v = new double[n];
        double[] m = new double[n];
        return switch (name) {
            case "sgd" -> (p, g, t) -> {
                for (int i = 0; i < n; i++) {
                    p[i] = p[i] - 0.05 * g[i];
                }
            };
            case "momentum" -> (p, g, t) -> {
                for (int i = 0; i < n; i++) {
                    v[i] = 0.9 * v[i] + g[i];
                    p[i] = p[i] - 0.05 * v[i];
                }
            };
            default -> (p, g, t) -> {
                double c1 = 1 - Math.pow(0.9, t);
                double c2 = 1 - Math.pow(0.999, t);
                for (int i = 0; i < n; i++) {
                    m[i] = 0.9 * m[i] + (1 - 0.9) * g[i];
                    v[i] = 0.999 * v[i] + (1 - 0.999) * g[i] * g[i];
                    p[i] = p[i] - 0.01 * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8);
                }
            };
        };
    }

    private static Model<?> part(MLP mlp, String model) {
        return switch (model) {
            case "network" -> mlp;
            case "layer" -> mlp.layers().get(1);
            default -> mlp.layers().get(1).neuron(77);
        };
    }

    @ParameterizedTest(name = "{0} on the {1}, {2} threads")
    @MethodSource("optimizers")
    void everyStepHasTheBitsOfThePlainLoop(String name, String which, int threads) {
        Workers.runOn(Workers.of(threads), () -> {
            MLP mlp = network();
            Model<?> model = part(mlp, which);
            Optimizer optimizer = optimizer(name);
            double[] p = model.parameterValues();
            Reference reference = reference(name, p.length);
            for (int t = 1; t <= STEPS; t++) {
                backward(mlp);
                reference.step(p, model.gradients(), t);
                optimizer.step(model);
                assertBitsEqual(p, model.parameterValues(), name + " step " + t);
            }
        });
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3, 4})
    void aNonFiniteGradientAnywhereChangesNothingAndTheNextGoodStepIsTheFirst(int threads) {
        Workers.runOn(Workers.of(threads), () -> {
            for (String name : List.of("sgd", "momentum", "adam")) {
                for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                    // a weight of the first layer, the bias of a middle neuron, the last weight of all
                    for (int[] at : new int[][] {{0, 3, 0}, {1, 0, 200}, {2, 9, 127}}) {
                        MLP mlp = network();
                        Optimizer optimizer = optimizer(name);
                        double[] p = mlp.parameterValues();
                        Reference reference = reference(name, p.length);
                        backward(mlp);
                        reference.step(p, mlp.gradients(), 1);
                        optimizer.step(mlp);
                        backward(mlp);
                        double[] before = mlp.parameterValues();
                        double[] good = mlp.gradients();
                        double[] grad = (at[2] == 200 ? mlp.layers().get(at[0]).bias() : mlp.layers().get(at[0]).weight()).grad().data;
                        int index = at[2] == 200 ? at[1] : at[1] * mlp.layers().get(at[0]).nin() + at[2];
                        grad[index] = bad;
                        String what = name + ", gradient " + bad + " at " + Arrays.toString(at);
                        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> optimizer.step(mlp), what);
                        assertTrue(e.getMessage().startsWith("the update gives parameter "), e.getMessage());
                        assertTrue(e.getMessage().endsWith("parameters must stay finite, so none has changed"), e.getMessage());
                        assertBitsEqual(before, mlp.parameterValues(), what);
                        assertEquals(1, optimizer.steps(), what);
                        grad[index] = good[flatIndex(mlp, at)];
                        reference.step(p, good, 2);
                        optimizer.step(mlp);
                        assertBitsEqual(p, mlp.parameterValues(), what + ", then a good step");
                    }
                }
            }
        });
    }

    private static int flatIndex(MLP mlp, int[] at) {
        int k = 0;
        for (int l = 0; l < at[0]; l++) {
            k += mlp.layers().get(l).parameterCount();
        }
        int width = mlp.layers().get(at[0]).nin() + 1;
        return k + at[1] * width + (at[2] == 200 ? width - 1 : at[2]);
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3, 4})
    void aLearningRateThatOverflowsNamesTheFirstParameterAndChangesNothing(int threads) {
        Workers.runOn(Workers.of(threads), () -> {
            MLP mlp = network();
            backward(mlp);
            // gradients of at most 2 in size and a rate at which those above 4/3 (and only they) overflow
            mlp.scaleGradients(2 / Arrays.stream(mlp.gradients()).map(Math::abs).max().orElseThrow());
            double[] before = mlp.parameterValues();
            double[] g = mlp.gradients();
            double rate = 0.75 * Double.MAX_VALUE;
            int first = IntStream.range(0, g.length).filter(i -> !Double.isFinite(before[i] - rate * g[i])).findFirst().orElseThrow();
            assertTrue(first > 0, "a parameter before the first that overflows");
            Optimizer huge = Optimizer.sgd(rate);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> huge.step(mlp));
            assertTrue(e.getMessage().startsWith("the update gives parameter " + first + " "), e.getMessage());
            assertTrue(e.getMessage().contains("(it is " + before[first] + ")"), e.getMessage());
            assertBitsEqual(before, mlp.parameterValues(), "after the refused step");
            assertEquals(0, huge.steps());
        });
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3, 4})
    void anElementwiseRuleThatThrowsPartWayChangesNothing(int threads) {
        Workers.runOn(Workers.of(threads), () -> {
            MLP mlp = network();
            backward(mlp);
            int n = mlp.parameterCount();
            // the first weight, a bias, a weight in the middle of a row of the second layer, the last parameter
            for (int at : new int[] {0, 64, 64 * 257 + 1000 + 5, n - 1}) {
                for (Supplier<Model<?>> model : List.<Supplier<Model<?>>>of(() -> mlp, () -> mlp.layers().get(0), () -> mlp.layers().get(1).neuron(5))) {
                    Model<?> m = model.get();
                    if (at >= m.parameterCount()) {
                        continue;
                    }
                    double[] before = mlp.parameterValues();
                    IllegalStateException e = assertThrows(IllegalStateException.class,
                            () -> m.update((ParameterUpdate.Elementwise) (i, p, g) -> {
                                if (i == at) {
                                    throw new IllegalStateException("refused at " + at);
                                }
                                return p + 1;
                            }));
                    assertEquals("refused at " + at, e.getMessage());
                    assertBitsEqual(before, mlp.parameterValues(), m + ", refused at " + at);
                }
            }
        });
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3, 4})
    void aCheckedExceptionThrownUndeclaredPartWayChangesNothing(int threads) {
        Workers.runOn(Workers.of(threads), () -> {
            MLP mlp = network();
            backward(mlp);
            double[] before = mlp.parameterValues();
            int at = mlp.parameterCount() / 2 + 3;
            IOException e = assertThrows(IOException.class, () -> mlp.update((ParameterUpdate.Elementwise) (i, p, g) -> {
                if (i == at) {
                    OptimizerBitsTest.<RuntimeException>throwUndeclared(new IOException("disk gone at " + at));
                }
                return p + 1;
            }));
            assertEquals("disk gone at " + at, e.getMessage());
            assertBitsEqual(before, mlp.parameterValues(), "after the rule threw");
        });
    }

    /** Throws a checked exception from code that does not declare it, as Kotlin or a sneaky throw can. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void throwUndeclared(Throwable thrown) throws E {
        throw (E) thrown;
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3, 4})
    void anElementwiseRuleOfTheCallersOwnSeesEveryFlatIndexOnce(int threads) {
        Workers.runOn(Workers.of(threads), () -> {
            MLP mlp = network();
            backward(mlp);
            for (Model<?> m : List.<Model<?>>of(mlp, mlp.layers().get(2), mlp.layers().get(1).neuron(127))) {
                double[] before = m.parameterValues();
                double[] g = m.gradients();
                int[] seen = new int[before.length];
                m.update((ParameterUpdate.Elementwise) (i, p, grad) -> {
                    seen[i]++;
                    assertEquals(Double.doubleToRawLongBits(before[i]), Double.doubleToRawLongBits(p), "value " + i);
                    assertEquals(Double.doubleToRawLongBits(g[i]), Double.doubleToRawLongBits(grad), "gradient " + i);
                    return p * 0.5 + i;
                });
                double[] after = m.parameterValues();
                for (int i = 0; i < before.length; i++) {
                    assertEquals(1, seen[i], m + ": calls for index " + i);
                    assertEquals(before[i] * 0.5 + i, after[i], 0, m + " parameter " + i);
                }
            }
        });
    }

    private static void assertBitsEqual(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                assertArrayEquals(expected, actual, what + ": parameter " + i + " differs");
                assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]), what + ": parameter " + i);
            }
        }
    }
}
