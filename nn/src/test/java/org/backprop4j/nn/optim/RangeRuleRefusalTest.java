package org.backprop4j.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A user's element-wise rule that overrides the range form ({@code applyInPlace}) and misbehaves
 * inside its range: it writes part of a row and throws, or writes a NaN into the middle of a row.
 * Either way the tensor model's parameters are as they were, on 1-4 threads.
 */
class RangeRuleRefusalTest {

    private static MLP network() {
        MLP mlp = new MLP(Architecture.of(64, List.of(256, 128, 10)).withActivations(Activation.TANH, Activation.IDENTITY)
                .withInit(Init.GLOROT).withSeed(7));
        mlp.zeroGrad();
        mlp.lossAndBackward(DataSets.gaussian(32, 64, 1), DataSets.gaussian(32, 10, 2), Loss.MEAN_SQUARED, 0);
        return mlp;
    }

    /** Adds 1 to every parameter but the one at a flat index; its range form writes the run up to that index, then acts there. */
    private record PlusOne(int at, DoubleUnaryOperator atTheIndex) implements ParameterUpdate.Elementwise {

        @Override
        public double apply(int index, double value, double gradient) {
            return index == at ? atTheIndex.applyAsDouble(value) : value + 1;
        }

        @Override
        public void applyInPlace(int index, double[] values, double[] gradients, int from, int count) {
            for (int n = 0; n < count; n++) {
                values[from + n] = index + n == at ? atTheIndex.applyAsDouble(values[from + n]) : values[from + n] + 1;
            }
        }
    }

    /** A check of one model's update: the network, the model (the network, a layer or a neuron), where to misbehave, the network's parameters before. */
    private interface ModelCheck {
        void check(MLP mlp, Model<?> m, int at, double[] before);
    }

    /**
     * On a pool of the given threads, runs the check on a new network for the network itself, its
     * second layer and one of that layer's neurons, each misbehaving just past the middle of its own parameters.
     */
    private static void onEachModel(int threads, ModelCheck check) {
        Workers.runOn(Workers.of(threads), () -> {
            MLP mlp = network();
            for (Model<?> m : List.<Model<?>>of(mlp, mlp.layers().get(1), mlp.layers().get(1).neuron(100))) {
                check.check(mlp, m, m.parameterCount() / 2 + 1, mlp.parameterValues());
            }
        });
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3, 4})
    void aRangeRuleThatThrowsMidRowChangesNothing(int threads) {
        onEachModel(threads, (mlp, m, at, before) -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.update(new PlusOne(at, value -> {
                throw new IllegalStateException("no update at " + at);
            })));
            assertEquals("no update at " + at, e.getMessage());
            assertArrayEquals(before, mlp.parameterValues(), 0.0, m + ": a throw mid-row");
        });
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {1, 2, 3, 4})
    void aRangeRuleThatWritesANaNMidRowIsRefusedAndChangesNothing(int threads) {
        onEachModel(threads, (mlp, m, at, before) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.update(new PlusOne(at, value -> Double.NaN)));
            assertTrue(e.getMessage().startsWith("the update gives parameter " + at + " "), e.getMessage());
            assertArrayEquals(before, mlp.parameterValues(), 0.0, m + ": a NaN mid-row");
            m.update(new PlusOne(at, value -> value + 1));
            double[] after = mlp.parameterValues();
            double[] own = m.parameterValues();
            assertEquals(m.parameterCount(), own.length);
            int changed = 0;
            for (int i = 0; i < after.length; i++) {
                if (after[i] != before[i]) {
                    changed++;
                }
            }
            assertEquals(m.parameterCount(), changed, m + ": a good update after the refusal changes each parameter once");
        });
    }
}
