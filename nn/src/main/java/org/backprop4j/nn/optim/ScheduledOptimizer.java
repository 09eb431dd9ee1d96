package org.backprop4j.nn.optim;

import java.util.Objects;

import org.backprop4j.nn.Model;

/**
 * What every optimizer here does around its own rule: refuse a model other than its own, read the
 * schedule's rate for the step (refusing a NaN, ±∞ or negative one), let the rule update the model,
 * and only once the model has accepted the update make the step's state current and count the step.
 */
abstract class ScheduledOptimizer implements Optimizer {

    private final String name;
    private final LearningRate schedule;
    private final OptimizerState[] states;
    private int steps;

    /**
     * @param name the optimizer's name, for {@link #toString()}
     * @param schedule the learning rate per step
     * @param states the state the rule keeps per parameter, at least one (it also remembers the model)
     */
    ScheduledOptimizer(String name, LearningRate schedule, OptimizerState... states) {
        this.name = name;
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.states = states;
    }

    @Override
    public final void checkModel(Model<?> model) {
        Objects.requireNonNull(model, "model");
        for (OptimizerState state : states) {
            state.checkOwner(model);
        }
    }

    @Override
    public final void step(Model<?> model) {
        checkModel(model);
        double rate = OptimizerState.rate(schedule, steps);
        update(model, rate, steps + 1);
        for (OptimizerState state : states) {
            state.commit(model);
        }
        steps++;
    }

    /**
     * Updates the model by this optimizer's rule ({@link Model#update}, all or nothing), writing its
     * new state into {@link OptimizerState#next}.
     *
     * @param model the model, already checked to be this optimizer's
     * @param rate the step's learning rate, finite and at least 0
     * @param step the step being taken, counted from 1
     */
    abstract void update(Model<?> model, double rate, int step);

    /** @return the rule's own constants for {@link #toString()}, each after ", ", or "" */
    abstract String settings();

    @Override
    public final int steps() {
        return steps;
    }

    /** @return the name, schedule, constants and steps taken, e.g. {@code Momentum(lr constant 0.1, μ 0.9, 12 steps)} */
    @Override
    public final String toString() {
        return name + "(lr " + schedule + settings() + ", " + steps + " steps)";
    }
}
