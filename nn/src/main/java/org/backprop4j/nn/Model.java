package org.backprop4j.nn;

import java.util.List;

/**
 * What every model — {@code Neuron}, {@code Layer}, {@code MLP}, on either engine — offers: its
 * parameters as one flat vector in the one order (layer by layer, neuron by neuron, each neuron's
 * weights then its bias), their gradients, and an in-place update for optimizers.
 *
 * <p>Models are not thread-safe; separate models share nothing and may train on separate threads.
 *
 * @param <P> the engine's parameter type: {@code Value} or {@code Tensor}
 */
public interface Model<P> {

    /** @return the number of parameters */
    int parameterCount();

    /** @return a copy of the parameters, in the flat order */
    double[] parameterValues();

    /**
     * Replaces every parameter.
     *
     * @param values {@link #parameterCount()} finite values in the flat order
     * @throws NullPointerException if values is null
     * @throws IllegalArgumentException if the length is wrong (naming both lengths) or a value is NaN or ±∞
     */
    void setParameterValues(double[] values);

    /** @return a copy of the gradients, in the flat order */
    double[] gradients();

    /** Sets every parameter's gradient to 0. */
    void zeroGrad();

    /** @return the engine's own parameter objects: each {@code Value}, or each layer's W and b */
    List<P> parameters();

    /**
     * Updates every parameter in place: {@code p[i] = rule.apply(i, p[i], grad[i])}, with i the flat index.
     *
     * @param rule the update
     */
    void update(ParameterUpdate rule);

    /**
     * Checks a replacement parameter vector.
     *
     * @param model the model it is for
     * @param values the values
     * @throws NullPointerException if values is null
     * @throws IllegalArgumentException if the length is wrong or a value is not finite
     */
    static void checkParameterValues(Model<?> model, double[] values) {
        if (values == null) {
            throw new NullPointerException("values");
        }
        if (values.length != model.parameterCount()) {
            throw new IllegalArgumentException("expected " + model.parameterCount() + " parameter values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("parameter " + i + " must be finite, got " + values[i]);
            }
        }
    }
}
