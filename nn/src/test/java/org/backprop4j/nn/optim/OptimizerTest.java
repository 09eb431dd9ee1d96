package org.backprop4j.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.backprop4j.nn.scalar.Neuron;
import org.backprop4j.scalar.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each optimizer against updates computed by hand on a neuron with known gradients. */
class OptimizerTest {

    /** A 2-input neuron with parameters (1, −2, 0.5) and gradients (0.1, −0.2, 0.3). */
    private static Neuron neuron() {
        Neuron n = new Neuron(2);
        n.setParameterValues(new double[] {1, -2, 0.5});
        setGradients(n, 0.1, -0.2, 0.3);
        return n;
    }

    private static void setGradients(Neuron n, double... g) {
        List<Value> p = n.parameters();
        for (int i = 0; i < g.length; i++) {
            p.get(i).setGrad(g[i]);
        }
    }

    @Test
    void sgdSubtractsRateTimesGradient() {
        Neuron n = neuron();
        Optimizer sgd = Optimizer.sgd(0.5);
        sgd.step(n);
        assertArrayEquals(new double[] {1 - 0.05, -2 + 0.1, 0.5 - 0.15}, n.parameterValues(), 1e-15);
        assertEquals(1, sgd.steps());
    }

    @Test
    void sgdFollowsItsSchedule() {
        Neuron n = neuron();
        Optimizer sgd = Optimizer.sgd(LearningRate.linear(1.0, 0.1, 100));
        sgd.step(n);
        sgd.step(n);
        // rates 1.0 then 0.991
        assertEquals(1 - 0.1 - 0.0991, n.parameterValues()[0], 1e-15);
        assertEquals(0.1, LearningRate.linear(1.0, 0.1, 100).at(100), 1e-15);
        assertEquals(0.1, LearningRate.linear(1.0, 0.1, 100).at(5000), 1e-15);
    }

    @Test
    void momentumAccumulatesVelocity() {
        Neuron n = neuron();
        Optimizer momentum = Optimizer.momentum(0.1, 0.9);
        momentum.step(n);
        // v = g; p = 1 - 0.1 * 0.1
        assertEquals(0.99, n.parameterValues()[0], 1e-15);
        momentum.step(n);
        // v = 0.9 * 0.1 + 0.1 = 0.19; p = 0.99 - 0.019
        assertEquals(0.971, n.parameterValues()[0], 1e-15);
    }

    @Test
    void adamTakesBiasCorrectedSteps() {
        Neuron n = neuron();
        Optimizer adam = Optimizer.adam(0.01);
        adam.step(n);
        // first step: m̂ = g, v̂ = g², so each parameter moves by lr · g / (|g| + ε) ≈ lr · sign(g)
        double[] p = n.parameterValues();
        assertEquals(1 - 0.01 * 0.1 / (0.1 + 1e-8), p[0], 1e-15);
        assertEquals(-2 + 0.01 * 0.2 / (0.2 + 1e-8), p[1], 1e-15);
        setGradients(n, 0.3, -0.2, 0.3);
        adam.step(n);
        double m = 0.9 * 0.1 * 0.1 + 0.1 * 0.3;
        double v = 0.999 * 0.001 * 0.01 + 0.001 * 0.09;
        double mhat = m / (1 - 0.81);
        double vhat = v / (1 - 0.999 * 0.999);
        assertEquals(p[0] - 0.01 * mhat / (Math.sqrt(vhat) + 1e-8), n.parameterValues()[0], 1e-15);
    }

    @Test
    void badSettingsAndMixedModelsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(0));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Optimizer.momentum(0.1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(LearningRate.constant(0.1), 0.9, 1.5, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> LearningRate.linear(1, 0.1, 0));
        Optimizer adam = Optimizer.adam(0.1);
        adam.step(neuron());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adam.step(new Neuron(5)));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("6"), e.getMessage());
    }

    /** Every hyperparameter of every optimizer that is NaN, infinite or out of range is refused, naming it and the value. */
    @Test
    void everyHyperparameterOutOfRangeIsRefusedWithItsValue() {
        LearningRate rate = LearningRate.constant(0.1);
        double[] notPositive = {Double.POSITIVE_INFINITY, Double.NaN, 0, -0.0, -1e-8, Double.NEGATIVE_INFINITY};
        for (double epsilon : notPositive) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam(rate, 0.9, 0.999, epsilon));
            assertTrue(e.getMessage().contains("epsilon") && e.getMessage().contains(String.valueOf(epsilon)), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(epsilon));
            assertTrue(e.getMessage().contains("rate") && e.getMessage().contains(String.valueOf(epsilon)), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> Optimizer.momentum(epsilon, 0.9));
            assertTrue(e.getMessage().contains(String.valueOf(epsilon)), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> Optimizer.adam(epsilon));
            assertTrue(e.getMessage().contains(String.valueOf(epsilon)), e.getMessage());
        }
        double[] notAFraction = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1, -1e-300, 1.5};
        for (double beta : notAFraction) {
            for (Executable call : List.<Executable>of(() -> new Adam(rate, beta, 0.999, 1e-8), () -> new Adam(rate, 0.9, beta, 1e-8),
                    () -> Optimizer.momentum(0.1, beta), () -> new Momentum(rate, beta))) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
                assertTrue(e.getMessage().contains(String.valueOf(beta)), e.getMessage());
            }
        }
        Neuron n = new Neuron(2);
        setGradients(n, 1, 1, 1);
        double[] before = n.parameterValues();
        new Adam(rate, 0.9, 0.999, Double.MIN_VALUE).step(n);
        assertTrue(n.parameterValues()[0] < before[0], "the smallest positive epsilon still moves the parameters");
    }

    /** A schedule of the caller's own is checked at every step: NaN, ±∞ or negative is refused, changing nothing; 0 stands still. */
    @Test
    void aScheduleGivingANonFiniteOrNegativeRateIsRefusedAtThatStep() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1e-3}) {
            LearningRate schedule = step -> step == 1 ? bad : 0.1;
            for (Optimizer optimizer : List.of(Optimizer.sgd(schedule), new Momentum(schedule, 0.9), new Adam(schedule, 0.9, 0.999, 1e-8))) {
                Neuron n = neuron();
                optimizer.step(n);
                double[] before = n.parameterValues();
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> optimizer.step(n), optimizer.toString());
                assertTrue(e.getMessage().contains("learning rate at step 1 is " + bad), e.getMessage());
                assertArrayEquals(before, n.parameterValues(), "a refused step changes no parameter");
                assertEquals(1, optimizer.steps(), "nor the optimizer's step count");
            }
        }
        Neuron n = neuron();
        double[] before = n.parameterValues();
        Optimizer.sgd(step -> 0.0).step(n);
        assertArrayEquals(before, n.parameterValues(), "a rate of 0 stands still");
    }

    @Test
    void anOptimizerStepsOneModelEvenAmongModelsOfTheSameSize() {
        for (Optimizer optimizer : List.of(Optimizer.sgd(0.1), Optimizer.momentum(0.1, 0.9), Optimizer.adam(0.1))) {
            Neuron first = neuron();
            Neuron second = neuron();
            optimizer.step(first);
            optimizer.step(first);
            double[] before = second.parameterValues();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> optimizer.step(second), optimizer.toString());
            assertTrue(e.getMessage().contains("one optimizer per model"), e.getMessage());
            assertArrayEquals(before, second.parameterValues(), "the refused model is untouched");
            assertEquals(2, optimizer.steps());
        }
    }

    @Test
    void aRefusedStepLeavesTheOptimizerAsItWas() {
        List<java.util.function.Supplier<Optimizer>> makers = List.of(() -> Optimizer.sgd(0.1), () -> Optimizer.momentum(0.1, 0.9),
                () -> Optimizer.adam(0.1));
        for (java.util.function.Supplier<Optimizer> make : makers) {
            Neuron skipping = neuron();
            Neuron clean = neuron();
            Optimizer skipper = make.get();
            Optimizer reference = make.get();
            skipper.step(skipping);
            reference.step(clean);
            setGradients(skipping, 0.3, Double.POSITIVE_INFINITY, 0.3);
            double[] before = skipping.parameterValues();
            assertThrows(IllegalArgumentException.class, () -> skipper.step(skipping), skipper + " refuses an infinite gradient");
            assertArrayEquals(before, skipping.parameterValues(), skipper + ": the refused step moved a parameter");
            assertEquals(1, skipper.steps(), skipper + ": the refused step was counted");
            setGradients(skipping, 0.3, -0.2, 0.3);
            setGradients(clean, 0.3, -0.2, 0.3);
            skipper.step(skipping);
            reference.step(clean);
            assertArrayEquals(clean.parameterValues(), skipping.parameterValues(),
                    skipper + ": after a refused step the next one must start from the last good state (velocities, moments, step count)");
        }
    }
}
