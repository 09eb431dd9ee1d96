package org.backprop4j.nn.optim;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.scalar.MLP;
import org.junit.jupiter.api.Test;

/** The edges of each optimizer's settings, its step count, and a linear schedule's last rate. */
class OptimizerSettingsTest {

    private static final LearningRate RATE = LearningRate.constant(0.01);

    @Test
    void momentumIsInZeroToOneWithZeroIncluded() {
        assertDoesNotThrow(() -> new Momentum(RATE, 0));
        for (double bad : new double[] {1, -0.1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Momentum(RATE, bad));
            assertEquals("momentum must be in [0, 1), got " + bad, e.getMessage());
        }
    }

    @Test
    void adamsBetasAreInZeroToOneAndEpsilonIsFiniteAndPositive() {
        assertDoesNotThrow(() -> new Adam(RATE, 0, 0, Double.MIN_VALUE));
        double[][] bad = {{1, 0.9}, {0.9, 1}, {-0.1, 0.9}, {0.9, -0.1}};
        for (double[] betas : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam(RATE, betas[0], betas[1], 1e-8));
            assertEquals("beta1 and beta2 must be in [0, 1), got " + betas[0] + " and " + betas[1], e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam(RATE, 0.9, 0.999, 0));
        assertEquals("epsilon must be finite and positive, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Adam(RATE, 0.9, 0.999, Double.POSITIVE_INFINITY));
        assertEquals("epsilon must be finite and positive, got Infinity (an infinite epsilon makes every step 0)", e.getMessage());
    }

    @Test
    void eachOptimizerCountsItsSteps() {
        MLP mlp = new MLP(Architecture.of(3, List.of(2, 1)));
        Momentum momentum = new Momentum(RATE, 0.9);
        Adam adam = new Adam(RATE, 0.9, 0.999, 1e-8);
        MLP other = new MLP(Architecture.of(3, List.of(2, 1)));
        for (int step = 0; step < 3; step++) {
            mlp.zeroGrad();
            mlp.lossAndBackward(DataSets.seed().inputs(), DataSets.seed().targets(), Loss.SUM_OF_SQUARES, 0);
            momentum.step(mlp);
            other.zeroGrad();
            other.lossAndBackward(DataSets.seed().inputs(), DataSets.seed().targets(), Loss.SUM_OF_SQUARES, 0);
            adam.step(other);
        }
        assertEquals(3, momentum.steps());
        assertEquals(3, adam.steps());
    }

    @Test
    void aLinearScheduleEndsExactlyOnItsLastRate() {
        LearningRate ramp = LearningRate.linear(1.0, 0.1, 3);
        assertEquals(1.0, ramp.at(0));
        assertEquals(0.1, ramp.at(3), 0.0, "not 1.0 + (0.1 - 1.0) * 3 / 3 = 0.09999999999999998");
        assertEquals(0.1, ramp.at(4), 0.0);
        assertEquals("from must be finite and positive, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> LearningRate.linear(0, 0.1, 3)).getMessage());
        assertEquals("to must be finite and positive, got NaN",
                assertThrows(IllegalArgumentException.class, () -> LearningRate.linear(1, Double.NaN, 3)).getMessage());
    }
}
