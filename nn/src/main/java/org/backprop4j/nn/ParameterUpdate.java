package org.backprop4j.nn;

import java.util.Objects;

/** One optimizer step for one parameter, applied in place by {@link Model#update}. */
@FunctionalInterface
public interface ParameterUpdate {

    /**
     * An update whose new value for parameter i depends on nothing but i, the value and the gradient
     * (and on state it reads and writes at index i alone), so that a model may apply it to disjoint
     * ranges of parameters on several threads at once: a tensor model does from
     * {@code UpdatePass.CUTOVER} parameters on, on {@code backprop4j.threads} threads, with the same
     * result bit for bit. The optimizers of {@code org.backprop4j.nn.optim} give such rules; any other
     * rule is applied on the calling thread, one parameter after another in the flat order. While an
     * element-wise rule runs, a tensor model's other parameters may already hold their new values (the model puts
     * the old ones back if the update is refused), so the rule must not read them.
     */
    @FunctionalInterface
    interface Elementwise extends ParameterUpdate {

        /**
         * Applies the rule in place to a run of consecutive parameters, flat indices index … index + count − 1,
         * whose values and gradients lie at [from, from + count) of the two arrays:
         * {@code values[from + n] = apply(index + n, values[from + n], gradients[from + n])} for n in
         * [0, count), in order. A tensor model calls it once per row of a layer's W (having kept the
         * row's old values, so that it can put them back if the update is refused). An override must
         * give exactly the bits of {@link #apply} for each parameter (the optimizers' rules override it
         * with one loop that the JIT can vectorise); this default calls {@link #apply} once per parameter.
         *
         * @param index the flat index of the run's first parameter
         * @param values the parameter values: [from, from + count) is read and overwritten
         * @param gradients their gradients, read at [from, from + count): a tensor model's own gradient
         *        matrix, lent for this call ({@code Tensor.borrowGrad}), so keep no reference to it
         * @param from where the run starts in values and gradients
         * @param count the number of parameters in the run
         */
        default void applyInPlace(int index, double[] values, double[] gradients, int from, int count) {
            for (int n = 0; n < count; n++) {
                values[from + n] = apply(index + n, values[from + n], gradients[from + n]);
            }
        }
    }

    /**
     * Gradient descent's rule, p ← p − rate·g, which {@code Optimizer.sgd} steps with. A tensor model
     * knows its arithmetic, so it does not keep every old value to put back (as it does for any other
     * element-wise rule): it updates in two passes, the first computing every new value and checking
     * that none is NaN or ±∞ while writing nothing, the second writing them, on
     * {@code backprop4j.threads} threads from {@code UpdatePass.CUTOVER} parameters on. The new values
     * are exactly {@link #apply}'s, whatever the thread count; a refused update changes nothing.
     *
     * @param rate the learning rate (any number: an update that makes a parameter NaN or ±∞, as a rate
     *        of NaN or ±∞ does, is refused)
     */
    record Descent(double rate) implements Elementwise {

        /**
         * {@return value − rate · gradient}
         *
         * @param index the parameter's flat index (unused)
         * @param value its current value
         * @param gradient its gradient
         */
        @Override
        public double apply(int index, double value, double gradient) {
            return value - rate * gradient;
        }

        /**
         * {@code values[from + n] = values[from + n] − rate · gradients[from + n]} for n in [0, count),
         * in one loop: the bits of {@link #apply}.
         *
         * @param index the flat index of the run's first parameter (unused)
         * @param values the parameter values: [from, from + count) is read and overwritten
         * @param gradients their gradients, read at [from, from + count)
         * @param from where the run starts in values and gradients
         * @param count the number of parameters in the run
         * @throws NullPointerException if values or gradients is null, naming it
         * @throws IllegalArgumentException if the run does not lie inside both arrays, naming it and their
         *         lengths; nothing is written
         */
        @Override
        public void applyInPlace(int index, double[] values, double[] gradients, int from, int count) {
            Objects.requireNonNull(values, "values");
            Objects.requireNonNull(gradients, "gradients");
            if (from < 0 || count < 0 || from > values.length - count || from > gradients.length - count) {
                throw new IllegalArgumentException("a run of " + count + " parameters from " + from + " does not lie inside "
                        + values.length + " values and " + gradients.length + " gradients");
            }
            for (int n = 0; n < count; n++) {
                values[from + n] = values[from + n] - rate * gradients[from + n];
            }
        }
    }

    /**
     * A parameter's new value, from its index, value and gradient.
     *
     * @param index the parameter's flat index
     * @param value its current value
     * @param gradient its gradient
     * @return its new value
     */
    double apply(int index, double value, double gradient);
}
