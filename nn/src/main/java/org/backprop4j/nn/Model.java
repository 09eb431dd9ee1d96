package org.backprop4j.nn;

import java.util.List;
import java.util.Objects;

/**
 * The one view every model — {@code Neuron}, {@code Layer}, {@code MLP}, on either engine — gives of
 * its parameters: one flat vector in the one order (layer by layer, neuron by neuron, each neuron's
 * weights then its bias), and the gradients beside it. Optimizers and the trainer read and write a
 * model only through these methods: count, values, set, gradients, zero, gradient norm, gradient
 * scaling and an in-place update. A model stands for exactly its own parameters: a neuron of a
 * layer answers for that neuron alone.
 *
 * <p>A whole network also implements {@link MultilayerPerceptron}, which adds what a network does
 * with its parameters (predict, the loss forward only or with its gradients).
 *
 * <p>Models are not thread-safe; separate models share nothing and may train on separate threads.
 * A network's {@code lossAndBackward} (and the tensor engine's {@code loss} and {@code update}, which
 * share its buffers) refuses a second thread that enters while another is inside, with an
 * {@link IllegalStateException}, instead of returning another step's numbers; other interleavings
 * (one thread's update between another's loss and step) are not detected.
 *
 * @param <P> the engine's parameter type: {@code Value} or {@code Tensor}
 */
public interface Model<P> {

    /** {@return the number of parameters} */
    int parameterCount();

    /** {@return a copy of the parameters, in the flat order} */
    double[] parameterValues();

    /**
     * Copies the parameters into a caller-owned array, so a loop can read them every step without
     * allocating.
     *
     * @param into an array of exactly {@link #parameterCount()} values, overwritten in the flat order
     * @throws NullPointerException if into is null
     * @throws IllegalArgumentException if its length is not the parameter count, naming both
     */
    void copyParameterValues(double[] into);

    /**
     * Replaces every parameter.
     *
     * @param values {@link #parameterCount()} finite values in the flat order
     * @throws NullPointerException if values is null
     * @throws IllegalArgumentException if the length is wrong (naming both lengths) or a value is NaN or ±∞
     */
    void setParameterValues(double[] values);

    /** {@return a copy of the gradients, in the flat order} */
    double[] gradients();

    /** Sets every parameter's gradient to 0. */
    void zeroGrad();

    /**
     * The Euclidean norm of the gradients, √(Σ gᵢ²), computed without overflow or underflow (see
     * {@link EuclideanNorm}): gradients near 1e300 give their true norm, not ∞.
     *
     * @return the norm; NaN if a gradient is NaN, else +∞ if one is ±∞
     */
    double gradientNorm();

    /**
     * Multiplies every gradient by a factor, in place: {@code g[i] = factor · g[i]} (clipping by norm
     * scales by limit / {@link #gradientNorm()}).
     *
     * @param factor a finite factor
     * @throws IllegalArgumentException if the factor is NaN or ±∞, naming it
     */
    void scaleGradients(double factor);

    /**
     * The engine's own parameter objects, whose gradients autograd fills: each {@code Value}; or a
     * tensor layer's W and b (a tensor neuron of a wider layer answers with its row of W and its
     * entry of b, see its Javadoc).
     *
     * @return the parameter objects, in the flat order
     */
    List<P> parameters();

    /**
     * Updates every parameter in place: {@code p[i] = rule.apply(i, p[i], grad[i])}, with i the flat
     * index. All or nothing: the parameters keep their new values only if the rule returned a finite
     * value for each of them (a rule is computed before any parameter changes, except that a tensor
     * model writes an element-wise rule's values row by row, keeping the old ones, and puts them all
     * back if one is refused). A tensor model applies a
     * {@link ParameterUpdate.Elementwise} rule (the optimizers' rules are) to ranges of parameters on
     * several threads at once when the model is large, with the same result bit for bit; any other rule
     * runs on the calling thread in the flat order.
     *
     * @param rule the update
     * @throws NullPointerException if rule is null
     * @throws IllegalArgumentException if the rule gives NaN or ±∞ for a parameter, naming its index,
     *         the value and the parameter's value; no parameter has changed
     * @throws RuntimeException whatever the rule throws; no parameter has changed
     */
    void update(ParameterUpdate rule);

    /**
     * Checks the new values an update computed, before any is written.
     *
     * @param model the model being updated, not yet changed
     * @param next the new values, in the flat order
     * @throws IllegalArgumentException at the first value that is NaN or ±∞, naming its index
     */
    static void checkUpdate(Model<?> model, double[] next) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(next, "next");
        for (int i = 0; i < next.length; i++) {
            if (!Double.isFinite(next[i])) {
                throw new IllegalArgumentException("the update gives parameter " + i + " " + next[i] + " (it is "
                        + model.parameterValues()[i] + "); parameters must stay finite, so none has changed");
            }
        }
    }

    /**
     * Checks a replacement parameter vector.
     *
     * @param model the model it is for
     * @param values the values
     * @throws NullPointerException if values is null
     * @throws IllegalArgumentException if the length is wrong or a value is not finite
     */
    static void checkParameterValues(Model<?> model, double[] values) {
        Objects.requireNonNull(model, "model");
        checkLength(model, values, "values");
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("parameter " + i + " must be finite, got " + values[i]);
            }
        }
    }

    /**
     * Checks that an array holds one value per parameter.
     *
     * @param model the model it is for
     * @param values the array
     * @param name the array's name, for the messages
     * @throws NullPointerException naming the array if it is null
     * @throws IllegalArgumentException if its length is not the parameter count, naming both
     */
    static void checkLength(Model<?> model, double[] values, String name) {
        Objects.requireNonNull(model, "model");
        if (values == null) {
            throw new NullPointerException(name == null || name.isBlank() ? "values" : name);
        }
        if (values.length != model.parameterCount()) {
            throw new IllegalArgumentException("expected " + model.parameterCount() + " parameter values, got " + values.length);
        }
    }

    /**
     * Checks a gradient scaling factor.
     *
     * @param factor the factor
     * @throws IllegalArgumentException if it is NaN or ±∞
     */
    static void checkFactor(double factor) {
        if (!Double.isFinite(factor)) {
            throw new IllegalArgumentException("the gradient scaling factor must be finite, got " + factor);
        }
    }
}
