package org.backprop4j.nn.optim;

import org.backprop4j.nn.Model;
import org.backprop4j.nn.ParameterUpdate;

/** Gradient descent with momentum: v ← μ·v + g, p ← p − lr(t)·v. */
final class Momentum extends ScheduledOptimizer {

    private final double momentum;
    private final OptimizerState velocity;

    /**
     * @param schedule the learning rate per step; a step whose rate is NaN, ±∞ or negative is refused,
     *        changing nothing
     * @param momentum μ in [0, 1)
     */
    Momentum(LearningRate schedule, double momentum) {
        this(schedule, momentum, new OptimizerState());
    }

    private Momentum(LearningRate schedule, double momentum, OptimizerState velocity) {
        super("Momentum", schedule, velocity);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = momentum;
        this.velocity = velocity;
    }

    @Override
    void update(Model<?> model, double rate, int step) {
        double[] v = velocity.values(model);
        double[] next = velocity.next(model);
        model.update(new Rule(rate, momentum, v, next));
    }

    /**
     * v′ ← μ·v + g into {@code next}, p ← p − rate·v′, for one parameter or a run of them in one loop.
     *
     * @param velocity v, by flat index
     * @param next v′, by flat index
     */
    private record Rule(double rate, double momentum, double[] velocity, double[] next) implements ParameterUpdate.Elementwise {

        @Override
        public double apply(int index, double value, double gradient) {
            next[index] = momentum * velocity[index] + gradient;
            return value - rate * next[index];
        }

        @Override
        public void applyInPlace(int index, double[] values, double[] gradients, int from, int count) {
            for (int n = 0; n < count; n++) {
                double v = momentum * velocity[index + n] + gradients[from + n];
                next[index + n] = v;
                values[from + n] = values[from + n] - rate * v;
            }
        }
    }

    @Override
    String settings() {
        return ", μ " + momentum;
    }
}
