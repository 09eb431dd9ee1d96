package org.backprop4j.scalar;

/**
 * The operations an engine offers, over its own number type {@code T}: plain {@code double},
 * {@link Value}, or a tensor element-wise. The {@link Catalogue} is written once against this
 * interface and run through every engine (minitorch's way of proving engines agree).
 *
 * @param <T> the engine's number type
 */
public interface Arithmetic<T> {

    /** @return a sum */
    T add(T a, T b);

    /** @return a sum with a constant */
    T add(T a, double c);

    /** @return a difference */
    T sub(T a, T b);

    /** @return a difference with a constant */
    T sub(T a, double c);

    /** @return a product */
    T mul(T a, T b);

    /** @return a product with a constant */
    T mul(T a, double c);

    /** @return a quotient */
    T div(T a, T b);

    /** @return a quotient by a constant */
    T div(T a, double c);

    /** @return the negation */
    T neg(T a);

    /** @return a to a constant power */
    T pow(T a, double exponent);

    /** @return e to the a */
    T exp(T a);

    /** @return the natural logarithm */
    T log(T a);

    /** @return the hyperbolic tangent */
    T tanh(T a);

    /** @return max(0, a) */
    T relu(T a);

    /** @return the logistic sigmoid */
    T sigmoid(T a);
}
