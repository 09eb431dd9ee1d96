package org.backprop4j.nn.optim;

import org.backprop4j.nn.Model;
import org.backprop4j.nn.ParameterUpdate;

/**
 * Adam (Kingma and Ba, 2015): m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
 * p ← p − lr(t) · m̂ / (√v̂ + ε) with m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ).
 */
final class Adam extends ScheduledOptimizer {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final OptimizerState m;
    private final OptimizerState v;

    /**
     * @param schedule the learning rate per step; a step whose rate is NaN, ±∞ or negative is refused,
     *        changing nothing
     * @param beta1 β₁ in [0, 1)
     * @param beta2 β₂ in [0, 1)
     * @param epsilon ε &gt; 0, finite
     * @throws IllegalArgumentException if β₁ or β₂ is outside [0, 1) or NaN, or ε is not finite and positive
     */
    Adam(LearningRate schedule, double beta1, double beta2, double epsilon) {
        this(schedule, beta1, beta2, epsilon, new OptimizerState(), new OptimizerState());
    }

    private Adam(LearningRate schedule, double beta1, double beta2, double epsilon, OptimizerState m, OptimizerState v) {
        super("Adam", schedule, m, v);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1), got " + beta1 + " and " + beta2);
        }
        if (!(epsilon > 0) || epsilon == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("epsilon must be finite and positive, got " + epsilon
                    + (epsilon == Double.POSITIVE_INFINITY ? " (an infinite epsilon makes every step 0)" : ""));
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.m = m;
        this.v = v;
    }

    @Override
    void update(Model<?> model, double rate, int step) {
        double[] first = m.values(model);
        double[] second = v.values(model);
        double[] nextFirst = m.next(model);
        double[] nextSecond = v.next(model);
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        model.update(new Rule(rate, beta1, beta2, epsilon, c1, c2, first, second, nextFirst, nextSecond));
    }

    /**
     * m′ ← β₁m + (1 − β₁)g and v′ ← β₂v + (1 − β₂)g² into {@code nextFirst} and {@code nextSecond},
     * p ← p − rate · (m′/c1) / (√(v′/c2) + ε), for one parameter or a run of them in one loop.
     *
     * @param c1 1 − β₁ᵗ
     * @param c2 1 − β₂ᵗ
     */
    private record Rule(double rate, double beta1, double beta2, double epsilon, double c1, double c2, double[] first,
            double[] second, double[] nextFirst, double[] nextSecond) implements ParameterUpdate.Elementwise {

        @Override
        public double apply(int index, double value, double gradient) {
            nextFirst[index] = beta1 * first[index] + (1 - beta1) * gradient;
            nextSecond[index] = beta2 * second[index] + (1 - beta2) * gradient * gradient;
            return value - rate * (nextFirst[index] / c1) / (Math.sqrt(nextSecond[index] / c2) + epsilon);
        }

        @Override
        public void applyInPlace(int index, double[] values, double[] gradients, int from, int count) {
            double keep1 = 1 - beta1;
            double keep2 = 1 - beta2;
            for (int n = 0; n < count; n++) {
                double g = gradients[from + n];
                double m = beta1 * first[index + n] + keep1 * g;
                double v = beta2 * second[index + n] + keep2 * g * g;
                nextFirst[index + n] = m;
                nextSecond[index + n] = v;
                values[from + n] = values[from + n] - rate * (m / c1) / (Math.sqrt(v / c2) + epsilon);
            }
        }
    }

    @Override
    String settings() {
        return ", β₁ " + beta1 + ", β₂ " + beta2 + ", ε " + epsilon;
    }
}
