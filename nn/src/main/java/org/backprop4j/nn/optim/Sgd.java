package org.backprop4j.nn.optim;

import java.util.Objects;

import org.backprop4j.nn.Model;

/** Gradient descent: p ← p − lr(t)·g. */
public final class Sgd implements Optimizer {

    private final LearningRate schedule;
    private final OptimizerState state = new OptimizerState();
    private int steps;

    /**
     * @param schedule the learning rate per step; a step whose rate is NaN, ±∞ or negative is refused,
     *        changing nothing
     */
    public Sgd(LearningRate schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    @Override
    public void step(Model<?> model) {
        Objects.requireNonNull(model, "model");
        state.checkOwner(model);
        double rate = OptimizerState.rate(schedule, steps);
        model.update((i, p, g) -> p - rate * g);
        state.commit(model);
        steps++;
    }

    @Override
    public int steps() {
        return steps;
    }

    /** @return the schedule and the steps taken, e.g. {@code Sgd(lr constant 0.05, 12 steps)} */
    @Override
    public String toString() {
        return "Sgd(lr " + schedule + ", " + steps + " steps)";
    }
}
