package org.backprop4j.nn.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Init;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.Model;
import org.backprop4j.nn.ParameterUpdate;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.tensor.parallel.Workers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gradient descent's rule ({@link ParameterUpdate.Descent}, which {@code Optimizer.sgd} steps with),
 * updated by a tensor model in two passes that keep no old value, gives exactly the bits of the same
 * formula as a plain rule and as an element-wise rule of the caller's own (the pass that keeps every
 * old value), on 1 to 4 threads, for a network large enough that its update is split (50,826
 * parameters), a layer and a neuron; and refuses, changing nothing, an update that makes a
 * parameter NaN or ±∞ wherever that parameter is (in any thread's range), while values near the
 * largest double that stay finite are accepted.
 */
class DescentUpdateTest {

    private static final double RATE = 0.05;
    private static final int STEPS = 6;

    private static MLP network() {
        return new MLP(Architecture.of(64, List.of(256, 128, 10)).withActivations(Activation.TANH, Activation.IDENTITY)
                .withInit(Init.GLOROT).withSeed(11));
    }

    private static void backward(MLP mlp, int step) {
        mlp.zeroGrad();
        mlp.lossAndBackward(DataSets.gaussian(32, 64, step), DataSets.gaussian(32, 10, 100 + step), Loss.MEAN_SQUARED, 0);
    }

    /** The network, a layer of it, or a neuron part-way into its layer. */
    private static Model<?> part(MLP mlp, String which) {
        return switch (which) {
            case "network" -> mlp;
            case "layer" -> mlp.layers().get(1);
            default -> mlp.layers().get(1).neuron(77);
        };
    }

    /** Trains a fresh network for {@link #STEPS} steps, updating the part named by the rule given, and returns every parameter. */
    private static double[] train(String which, ParameterUpdate rule) {
        MLP mlp = network();
        for (int step = 1; step <= STEPS; step++) {
            backward(mlp, step);
            part(mlp, which).update(rule);
        }
        return mlp.parameterValues();
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3, 4})
    void descentHasTheBitsOfThePlainPassAndOfThePassThatKeepsOldValues(int threads) {
        Workers.runOn(Workers.of(threads), () -> {
            for (String which : List.of("network", "layer", "neuron")) {
                double[] plain = train(which, (i, p, g) -> p - RATE * g);
                double[] keepingOld = train(which, (ParameterUpdate.Elementwise) (i, p, g) -> p - RATE * g);
                double[] descent = train(which, new ParameterUpdate.Descent(RATE));
                assertBitsEqual(plain, keepingOld, which + ", the pass keeping old values");
                assertBitsEqual(plain, descent, which + ", descent");
            }
        });
    }

    @Test
    void aTrainingRunWithSgdGivesTheSameBitsOnOneToFourThreads() {
        List<double[]> runs = new ArrayList<>();
        for (int threads = 1; threads <= 4; threads++) {
            Workers.runOn(Workers.of(threads), () -> {
                MLP mlp = network();
                Optimizer sgd = Optimizer.sgd(RATE);
                for (int step = 1; step <= 3 * STEPS; step++) {
                    backward(mlp, step);
                    sgd.step(mlp);
                }
                runs.add(mlp.parameterValues());
            });
        }
        for (int i = 1; i < runs.size(); i++) {
            assertBitsEqual(runs.get(0), runs.get(i), (i + 1) + " threads against 1");
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3, 4})
    void aParameterMadeNaNOrInfiniteByTheCallerIsRefusedWhereverItIsAndNothingChanges(int threads) {
        Workers.runOn(Workers.of(threads), () -> {
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                // the first weight, a bias half-way, the last weight of the first layer, the very last parameter
                for (int[] at : new int[][] {{0, 0, 0}, {0, 128, -1}, {0, 255, 63}, {2, 9, -1}}) {
                    MLP mlp = network();
                    backward(mlp, 1);
                    Layer layer = mlp.layers().get(at[0]);
                    int index = at[2] < 0 ? at[1] : at[1] * layer.nin() + at[2];
                    (at[2] < 0 ? layer.bias() : layer.weight()).data().data[index] = bad;
                    int flat = flatIndex(mlp, at);
                    double[] before = mlp.parameterValues();
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> mlp.update(new ParameterUpdate.Descent(RATE)), bad + " at " + flat);
                    assertEquals("the update gives parameter " + flat + " " + bad + " (it is " + bad
                            + "); parameters must stay finite, so none has changed", e.getMessage());
                    assertBitsEqual(before, mlp.parameterValues(), bad + " at " + flat);
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
        return k + at[1] * width + (at[2] < 0 ? width - 1 : at[2]);
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3, 4})
    void aRateOfNaNOrInfinityIsRefusedAtTheFirstParameterAndChangesNothing(int threads) {
        Workers.runOn(Workers.of(threads), () -> {
            MLP mlp = network();
            backward(mlp, 1);
            double[] before = mlp.parameterValues();
            for (double rate : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> mlp.update(new ParameterUpdate.Descent(rate)), "rate " + rate);
                assertTrue(e.getMessage().startsWith("the update gives parameter 0 "), e.getMessage());
                assertBitsEqual(before, mlp.parameterValues(), "rate " + rate);
            }
            mlp.update(new ParameterUpdate.Descent(0));
            assertBitsEqual(before, mlp.parameterValues(), "rate 0");
        });
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3, 4})
    void valuesNearTheLargestDoubleThatStayFiniteAreAcceptedThoughTheirSumOverflows(int threads) {
        Workers.runOn(Workers.of(threads), () -> {
            MLP mlp = network();
            backward(mlp, 1);
            // a whole row of the first layer, and the last row of the second, at 1.5e308: any two of them sum to +∞
            double[] w0 = mlp.layers().get(0).weight().data().data;
            double[] w1 = mlp.layers().get(1).weight().data().data;
            for (int i = 0; i < 64; i++) {
                w0[5 * 64 + i] = 1.5e308;
            }
            for (int i = 127 * 256; i < 128 * 256; i++) {
                w1[i] = -1.5e308;
            }
            double[] p = mlp.parameterValues();
            double[] g = mlp.gradients();
            mlp.update(new ParameterUpdate.Descent(RATE));
            for (int i = 0; i < p.length; i++) {
                p[i] = p[i] - RATE * g[i];
            }
            assertBitsEqual(p, mlp.parameterValues(), "after the update");
        });
    }

    @Test
    void aRefusedDescentLeavesTheNextGoodOneTheBitsOfAFirst() {
        MLP refused = network();
        MLP fresh = network();
        backward(refused, 1);
        backward(fresh, 1);
        assertThrows(IllegalArgumentException.class, () -> refused.update(new ParameterUpdate.Descent(Double.POSITIVE_INFINITY)));
        refused.update(new ParameterUpdate.Descent(RATE));
        fresh.update(new ParameterUpdate.Descent(RATE));
        assertBitsEqual(fresh.parameterValues(), refused.parameterValues(), "after a refused update");
    }

    @Test
    void theRuleGivesValueMinusRateTimesGradientOneAtATimeAndInARun() {
        ParameterUpdate.Descent rule = new ParameterUpdate.Descent(0.1);
        double[] values = {1.0, -0.0, 0.0, 3e-320, Double.MAX_VALUE, -2.5};
        double[] gradients = {0.5, 0.0, -0.0, -1e-310, -Double.MAX_VALUE, Double.NaN};
        double[] run = values.clone();
        rule.applyInPlace(40, run, gradients, 1, 4);
        assertEquals(Double.doubleToRawLongBits(values[0]), Double.doubleToRawLongBits(run[0]), "before the run");
        assertEquals(Double.doubleToRawLongBits(values[5]), Double.doubleToRawLongBits(run[5]), "after the run");
        for (int i = 0; i < values.length; i++) {
            double one = rule.apply(i, values[i], gradients[i]);
            assertEquals(Double.doubleToRawLongBits(values[i] - 0.1 * gradients[i]), Double.doubleToRawLongBits(one), "apply " + i);
            if (i >= 1 && i < 5) {
                assertEquals(Double.doubleToRawLongBits(one), Double.doubleToRawLongBits(run[i]), "applyInPlace " + i);
            }
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(rule.apply(0, -0.0, 0.0)), "−0 − 0.1·0");
        assertEquals(0.1, rule.rate());
    }

    @Test
    void aRunOutsideTheArraysOrANullArrayIsRefusedBeforeAnythingIsWritten() {
        ParameterUpdate.Descent rule = new ParameterUpdate.Descent(0.1);
        double[] values = {1, 2, 3, 4};
        double[] gradients = {1, 1, 1};
        assertEquals("values", assertThrows(NullPointerException.class, () -> rule.applyInPlace(0, null, gradients, 0, 1)).getMessage());
        assertEquals("gradients", assertThrows(NullPointerException.class, () -> rule.applyInPlace(0, values, null, 0, 1)).getMessage());
        for (int[] run : new int[][] {{-1, 2}, {0, -1}, {1, 3}, {0, 4}, {4, 1}, {Integer.MAX_VALUE, 2}, {2, Integer.MAX_VALUE}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> rule.applyInPlace(0, values, gradients, run[0], run[1]), run[0] + ", " + run[1]);
            assertEquals("a run of " + run[1] + " parameters from " + run[0] + " does not lie inside 4 values and 3 gradients", e.getMessage());
            assertBitsEqual(new double[] {1, 2, 3, 4}, values, "values after a refused run");
        }
        rule.applyInPlace(0, values, gradients, 3, 0);
        rule.applyInPlace(0, values, gradients, 0, 3);
        assertBitsEqual(new double[] {0.9, 1.9, 2.9, 4}, values, "values after the run [0, 3)");
    }

    @Test
    void theScalarEngineAppliesTheRuleOneParameterAtATime() {
        Architecture architecture = Architecture.of(3, List.of(4, 4, 1));
        org.backprop4j.nn.scalar.MLP scalar = new org.backprop4j.nn.scalar.MLP(architecture);
        double[][] inputs = {{2, 3, -1}, {3, -1, 0.5}};
        double[][] targets = {{1}, {-1}};
        scalar.lossAndBackward(inputs, targets, Loss.SUM_OF_SQUARES, 0);
        double[] p = scalar.parameterValues();
        double[] g = scalar.gradients();
        scalar.update(new ParameterUpdate.Descent(RATE));
        Function<Integer, Double> expected = i -> p[i] - RATE * g[i];
        double[] after = scalar.parameterValues();
        for (int i = 0; i < p.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected.apply(i)), Double.doubleToRawLongBits(after[i]), "parameter " + i);
        }
    }

    private static void assertBitsEqual(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    what + ": parameter " + i + " (" + expected[i] + " against " + actual[i] + ")");
        }
    }
}
