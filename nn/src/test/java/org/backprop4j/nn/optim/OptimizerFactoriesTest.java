package org.backprop4j.nn.optim;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.MultilayerPerceptron;
import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.data.DataSets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The factories that take a schedule ({@link Optimizer#momentum(LearningRate, double)},
 * {@link Optimizer#adam(LearningRate, double, double, double)}) make every setting reachable without
 * the optimizers' classes: with a constant schedule and Adam's usual constants they step as the short
 * factories do, a schedule changes the steps, and bad settings are refused with the same messages.
 */
class OptimizerFactoriesTest {

    /** The parameters after five steps of the seed's loss on a fresh network. */
    private static double[] afterFiveSteps(Optimizer optimizer, boolean tensor) {
        Architecture a = Architecture.of(3, List.of(4, 1));
        MultilayerPerceptron<?> n = tensor ? new org.backprop4j.nn.tensor.MLP(a) : new org.backprop4j.nn.scalar.MLP(a);
        DataSet seed = DataSets.seed();
        for (int step = 0; step < 5; step++) {
            n.zeroGrad();
            n.lossAndBackward(seed.inputs(), seed.targets(), Loss.SUM_OF_SQUARES, 0);
            optimizer.step(n);
        }
        assertEquals(5, optimizer.steps());
        return n.parameterValues();
    }

    private static void assertSameSteps(Supplier<Optimizer> expected, Supplier<Optimizer> actual) {
        for (boolean tensor : new boolean[] {false, true}) {
            assertArrayEquals(afterFiveSteps(expected.get(), tensor), afterFiveSteps(actual.get(), tensor), 0.0);
        }
        assertEquals(expected.get().toString(), actual.get().toString());
    }

    @Test
    void aConstantScheduleStepsAsTheRateDoes() {
        assertSameSteps(() -> Optimizer.momentum(0.05, 0.9), () -> Optimizer.momentum(LearningRate.constant(0.05), 0.9));
        assertSameSteps(() -> Optimizer.adam(0.01), () -> Optimizer.adam(LearningRate.constant(0.01), 0.9, 0.999, 1e-8));
        assertSameSteps(() -> Optimizer.sgd(0.05), () -> Optimizer.sgd(LearningRate.constant(0.05)));
    }

    @Test
    void aScheduleAndOtherConstantsChangeTheSteps() {
        LearningRate falling = LearningRate.linear(0.05, 0.01, 5);
        for (boolean tensor : new boolean[] {false, true}) {
            double[] constant = afterFiveSteps(Optimizer.momentum(0.05, 0.9), tensor);
            double[] scheduled = afterFiveSteps(Optimizer.momentum(falling, 0.9), tensor);
            assertFalse(Arrays.equals(constant, scheduled), "the schedule changes momentum's steps");
            double[] adam = afterFiveSteps(Optimizer.adam(0.01), tensor);
            double[] otherBetas = afterFiveSteps(Optimizer.adam(LearningRate.constant(0.01), 0.5, 0.9, 1e-8), tensor);
            assertFalse(Arrays.equals(adam, otherBetas), "β₁ and β₂ change Adam's steps");
        }
        assertTrue(Optimizer.adam(falling, 0.5, 0.9, 1e-6).toString().contains("β₁ 0.5, β₂ 0.9, ε 1.0E-6"));
        assertTrue(Optimizer.momentum(falling, 0.5).toString().startsWith("Momentum(lr " + falling + ", μ 0.5"));
    }

    @Test
    void badSettingsAreRefusedAndNamed() {
        LearningRate rate = LearningRate.constant(0.01);
        assertEquals("momentum must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> Optimizer.momentum(rate, 1)).getMessage());
        assertEquals("beta1 and beta2 must be in [0, 1), got 0.9 and 1.0",
                assertThrows(IllegalArgumentException.class, () -> Optimizer.adam(rate, 0.9, 1, 1e-8)).getMessage());
        assertEquals("epsilon must be finite and positive, got NaN",
                assertThrows(IllegalArgumentException.class, () -> Optimizer.adam(rate, 0.9, 0.999, Double.NaN)).getMessage());
        assertEquals("schedule", assertThrows(NullPointerException.class, () -> Optimizer.momentum(null, 0.9)).getMessage());
        assertEquals("schedule", assertThrows(NullPointerException.class, () -> Optimizer.adam(null, 0.9, 0.999, 1e-8)).getMessage());
    }
}
