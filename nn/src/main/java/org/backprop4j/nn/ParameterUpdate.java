package org.backprop4j.nn;

/** One optimizer step for one parameter, applied in place by {@link Model#update}. */
@FunctionalInterface
public interface ParameterUpdate {

    /**
     * An update whose new value for parameter i depends on nothing but i, the value and the gradient
     * (and on state it reads and writes at index i alone), so that a model may apply it to disjoint
     * ranges of parameters on several threads at once: a tensor model does from
     * {@code UpdatePass.CUTOVER} parameters on, on {@code backprop4j.threads} threads, with the same
     * result bit for bit. The optimizers of {@code org.backprop4j.nn.optim} give such rules; any other
     * rule is applied on the calling thread, one parameter after another in the flat order.
     */
    @FunctionalInterface
    interface Elementwise extends ParameterUpdate {
    }

    /**
     * @param index the parameter's flat index
     * @param value its current value
     * @param gradient its gradient
     * @return its new value
     */
    double apply(int index, double value, double gradient);
}
