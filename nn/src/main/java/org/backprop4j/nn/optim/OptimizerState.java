package org.backprop4j.nn.optim;

import org.backprop4j.nn.Model;

/** Per-parameter optimizer state, allocated once for the first model and checked against each later one. */
final class OptimizerState {

    private OptimizerState() {
    }

    /** The existing state if it fits the model, a new zero array on first use. */
    static double[] forModel(double[] state, Model<?> model) {
        int count = model.parameterCount();
        if (state == null) {
            return new double[count];
        }
        if (state.length != count) {
            throw new IllegalArgumentException("this optimizer was used with a model of " + state.length
                    + " parameters, not " + count + ": use one optimizer per model");
        }
        return state;
    }
}
