package org.backprop4j.nn.optim;

import org.backprop4j.nn.Model;
import org.backprop4j.nn.ParameterUpdate;

/** Gradient descent: p ← p − lr(t)·g. */
final class Sgd extends ScheduledOptimizer {

    /**
     * @param schedule the learning rate per step; a step whose rate is NaN, ±∞ or negative is refused,
     *        changing nothing
     */
    Sgd(LearningRate schedule) {
        super("Sgd", schedule, new OptimizerState());
    }

    @Override
    void update(Model<?> model, double rate, int step) {
        model.update(new ParameterUpdate.Descent(rate));
    }

    @Override
    String settings() {
        return "";
    }
}
