package org.backprop4j.nn.optim;

import org.backprop4j.nn.Model;

/**
 * What an optimizer carries from step to step for the one model it steps: that model, and one
 * number per parameter (a velocity, a moment) in the model's flat order, zeros on first use. Another
 * model is refused, even one of the same size: its parameters would be moved by the first model's
 * velocities and moments.
 */
final class OptimizerState {

    private Model<?> owner;
    private double[] values;

    /**
     * Binds the optimizer to the model at its first step, and refuses any other model after that.
     *
     * @param model the model about to take a step
     * @throws IllegalArgumentException if the optimizer has already stepped another model
     */
    void checkOwner(Model<?> model) {
        if (owner == null) {
            owner = model;
        } else if (owner != model) {
            throw new IllegalArgumentException("this optimizer already steps another model (" + owner + ", "
                    + owner.parameterCount() + " parameters), so it cannot step " + model + " (" + model.parameterCount()
                    + " parameters): use one optimizer per model");
        }
    }

    /**
     * @param model the model about to take a step
     * @return the state, one value per parameter, live
     * @throws IllegalArgumentException if the optimizer has already stepped another model
     */
    double[] valuesFor(Model<?> model) {
        checkOwner(model);
        if (values == null) {
            values = new double[model.parameterCount()];
        }
        return values;
    }
}
