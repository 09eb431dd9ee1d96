package org.backprop4j.nn.optim;

import java.util.Objects;

import org.backprop4j.nn.Model;

/** Gradient descent: p ← p − lr(t)·g. */
public final class Sgd implements Optimizer {

    private final LearningRate schedule;
    private int steps;

    /**
     * @param schedule the learning rate per step
     */
    public Sgd(LearningRate schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    @Override
    public void step(Model<?> model) {
        double rate = schedule.at(steps++);
        model.update((i, p, g) -> p - rate * g);
    }

    @Override
    public int steps() {
        return steps;
    }
}
