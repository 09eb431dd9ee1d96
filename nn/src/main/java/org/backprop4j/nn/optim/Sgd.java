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
        model.update(new Rule(rate));
    }

    /** p ← p − rate·g, for one parameter or a run of them in one loop. */
    private record Rule(double rate) implements ParameterUpdate.Elementwise {

        @Override
        public double apply(int index, double value, double gradient) {
            return value - rate * gradient;
        }

        @Override
        public void applyInPlace(int index, double[] values, double[] gradients, int from, int count) {
            for (int n = 0; n < count; n++) {
                values[from + n] = values[from + n] - rate * gradients[from + n];
            }
        }
    }

    @Override
    String settings() {
        return "";
    }
}
