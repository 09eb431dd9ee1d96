package org.backprop4j.nn;

/** One optimizer step for one parameter, applied in place by {@link Model#update}. */
@FunctionalInterface
public interface ParameterUpdate {

    /**
     * @param index the parameter's flat index
     * @param value its current value
     * @param gradient its gradient
     * @return its new value
     */
    double apply(int index, double value, double gradient);
}
