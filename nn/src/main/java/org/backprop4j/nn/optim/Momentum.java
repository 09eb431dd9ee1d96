package org.backprop4j.nn.optim;

import java.util.Objects;

import org.backprop4j.nn.Model;

/** Gradient descent with momentum: v ← μ·v + g, p ← p − lr(t)·v. */
public final class Momentum implements Optimizer {

    private final LearningRate schedule;
    private final double momentum;
    private final OptimizerState velocity = new OptimizerState();
    private int steps;

    /**
     * @param schedule the learning rate per step; a step whose rate is NaN, ±∞ or negative is refused,
     *        changing nothing
     * @param momentum μ in [0, 1)
     */
    public Momentum(LearningRate schedule, double momentum) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = momentum;
    }

    @Override
    public void step(Model<?> model) {
        Objects.requireNonNull(model, "model");
        double[] v = velocity.values(model);
        double[] next = velocity.next(model);
        double rate = OptimizerState.rate(schedule, steps);
        model.update((i, p, g) -> {
            next[i] = momentum * v[i] + g;
            return p - rate * next[i];
        });
        velocity.commit(model);
        steps++;
    }

    @Override
    public int steps() {
        return steps;
    }

    /** @return the schedule, μ and the steps taken, e.g. {@code Momentum(lr constant 0.1, μ 0.9, 12 steps)} */
    @Override
    public String toString() {
        return "Momentum(lr " + schedule + ", μ " + momentum + ", " + steps + " steps)";
    }
}
