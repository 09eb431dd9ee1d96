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
        model.update((ParameterUpdate.Elementwise) (i, p, g) -> {
            next[i] = momentum * v[i] + g;
            return p - rate * next[i];
        });
    }

    @Override
    String settings() {
        return ", μ " + momentum;
    }
}
