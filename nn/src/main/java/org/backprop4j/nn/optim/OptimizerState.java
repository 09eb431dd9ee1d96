package org.backprop4j.nn.optim;

import org.backprop4j.nn.Model;

/**
 * One number per parameter that an optimizer carries from step to step (a velocity, a moment),
 * in the model's flat order: zeros on first use, then kept, and refused for a model of another size.
 */
final class OptimizerState {

    private double[] values;

    /**
     * @param model the model about to take a step
     * @return the state, one value per parameter, live
     * @throws IllegalArgumentException if the model's parameter count differs from the first model's
     */
    double[] valuesFor(Model<?> model) {
        int count = model.parameterCount();
        if (values == null) {
            values = new double[count];
        } else if (values.length != count) {
            throw new IllegalArgumentException("this optimizer was used with a model of " + values.length
                    + " parameters, not " + count + ": use one optimizer per model");
        }
        return values;
    }
}
