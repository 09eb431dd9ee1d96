package org.backprop4j.nn.optim;

import org.backprop4j.nn.Model;

/**
 * What an optimizer carries from step to step for the one model it steps: that model, and one
 * number per parameter (a velocity, a moment) in the model's flat order, zeros on first use. Another
 * model is refused, even one of the same size: its parameters would be moved by the first model's
 * velocities and moments.
 *
 * <p>A step is all or nothing, as {@link Model#update} is: the rule writes the step's new values
 * into {@link #next}, computed from {@link #values}, and they replace the values only when
 * {@link #commit} is called after the update succeeded. A step the model refuses (a NaN or ±∞
 * parameter) therefore leaves the state as it was, so the next step starts from the last good one.
 */
final class OptimizerState {

    private Model<?> owner;
    private double[] values;
    private double[] next;

    /**
     * Refuses a model other than the one this state belongs to (the first to complete a step).
     *
     * @param model the model about to take a step
     * @throws ForeignModelException if the optimizer has already stepped another model, naming both
     */
    void checkOwner(Model<?> model) {
        if (owner != null && owner != model) {
            throw new ForeignModelException(owner, model);
        }
    }

    /**
     * @param model the model about to take a step
     * @return the state after the last completed step, one value per parameter (read only: a step
     *     writes {@link #next})
     * @throws ForeignModelException if the optimizer has already stepped another model
     */
    double[] values(Model<?> model) {
        checkOwner(model);
        if (values == null || values.length != model.parameterCount()) {
            values = new double[model.parameterCount()];
            next = new double[values.length];
        }
        return values;
    }

    /**
     * @param model the model about to take a step (call {@link #values} first)
     * @return where the step writes its new values, one per parameter
     */
    double[] next(Model<?> model) {
        values(model);
        return next;
    }

    /**
     * Binds this state to the model once its update has succeeded, and makes the step's new values
     * (if it wrote any) the current ones.
     *
     * @param model the model that took the step
     */
    void commit(Model<?> model) {
        owner = model;
        if (values != null) {
            double[] done = next;
            next = values;
            values = done;
        }
    }

    /**
     * The schedule's learning rate at a step, checked: a schedule of the caller's own may return
     * anything, and a rate that is NaN, ±∞ or negative would make the step NaN or climb the loss.
     *
     * @param schedule the schedule
     * @param step the step, counted from 0
     * @return the rate, finite and at least 0
     * @throws IllegalArgumentException naming the step, the rate and the schedule, in words that begin
     *     "the learning rate at step" (the {@code Trainer} reads them to advise fixing the schedule)
     */
    static double rate(LearningRate schedule, int step) {
        double rate = schedule.at(step);
        if (!(rate >= 0) || rate == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("the learning rate at step " + step + " is " + rate + " (" + schedule
                    + "): it must be finite and at least 0");
        }
        return rate;
    }
}
