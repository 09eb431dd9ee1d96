package org.backprop4j.nn.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.tensor.Tensor;

/**
 * nout neurons as one matrix: {@code W} (nout×nin, row j = neuron j's weights) and {@code b}
 * (1×nout). On a batch X (batch×nin) it computes act(X·Wᵀ + b) with the tensor engine's fused
 * {@code linear}. Flattened, its parameters are W[0,:], b[0], W[1,:], b[1], … — the scalar
 * engine's order. Like the scalar {@code Layer} it offers {@link #nin()}, {@link #nout()},
 * {@link #activation()}, {@link #neuron(int)} and {@link #neurons()}; {@link #weight()} and
 * {@link #bias()} are this engine's own storage, which the scalar engine keeps in its neurons.
 */
public final class Layer implements TensorModel {

    private final Tensor w;
    private final Tensor b;
    private final Activation activation;
    private final Span span = Span.of(this);
    /** The views {@link #neuron} has made, one per neuron, so neuron j is one model however often it is asked for. */
    private Neuron[] neurons;

    /**
     * A layer of tanh neurons, uniform in [−1, 1) from the default seed (the scalar {@code Layer}'s values).
     *
     * @param nin inputs per neuron, at least 1
     * @param nout neurons, at least 1
     */
    public Layer(int nin, int nout) {
        this(initialParameters(nin, nout), 0, nin, nout, Activation.TANH);
    }

    /** A lone layer's parameters from the default seed, its neuron count checked under its own name. */
    private static double[] initialParameters(int nin, int nout) {
        if (nout < 1) {
            throw new IllegalArgumentException("nout must be at least 1, got " + nout);
        }
        return Architecture.of(nin, List.of(nout)).initialParameters();
    }

    /** A layer whose parameters are {@code values[from ..]} in the flat order. */
    Layer(double[] values, int from, int nin, int nout, Activation activation) {
        this.w = Tensor.zeros(nout, nin);
        this.b = Tensor.zeros(1, nout);
        this.activation = Objects.requireNonNull(activation, "activation");
        setParameterValues(Arrays.copyOfRange(values, from, from + parameterCount()));
    }

    /** {@return the nout×nin weights, live} */
    public Tensor weight() {
        return w;
    }

    /** {@return the 1×nout biases, live} */
    public Tensor bias() {
        return b;
    }

    /** {@return the number of inputs per neuron} */
    public int nin() {
        return w.cols();
    }

    /** {@return the number of neurons} */
    public int nout() {
        return w.rows();
    }

    /** {@return the activation} */
    public Activation activation() {
        return activation;
    }

    /**
     * One neuron of this layer, as a view: the same object at every call, as the scalar layer's
     * neuron is, so an optimizer that stepped it keeps stepping it.
     *
     * @param j a neuron index
     * @return a view of neuron j: row j of W and entry j of b, sharing their storage
     */
    public Neuron neuron(int j) {
        if (j < 0 || j >= nout()) {
            throw new IllegalArgumentException("no neuron " + j + " in a layer of " + nout());
        }
        if (neurons == null) {
            neurons = new Neuron[nout()];
        }
        if (neurons[j] == null) {
            neurons[j] = new Neuron(this, j);
        }
        return neurons[j];
    }

    /** {@return a view of every neuron, in order} */
    public List<Neuron> neurons() {
        List<Neuron> list = new ArrayList<>(nout());
        for (int j = 0; j < nout(); j++) {
            list.add(neuron(j));
        }
        return Collections.unmodifiableList(list);
    }

    /**
     * act(X·Wᵀ + b) for a batch.
     *
     * @param batch batch×nin
     * @return batch×nout
     * @throws IllegalArgumentException if the batch is not nin wide, naming both widths
     */
    public Tensor forward(Tensor batch) {
        Objects.requireNonNull(batch, "batch");
        if (batch.cols() != nin()) {
            throw new IllegalArgumentException("expected " + nin() + " inputs per row, got " + batch.cols());
        }
        return layer(activation, batch, w, b);
    }

    /**
     * act(X·Wᵀ + b) on the tensor engine: the one place each {@link Activation} becomes a
     * {@link Tensor} operation, the layer and its activation in one (the bias and activation in one
     * pass over the product; bit for bit the same as {@code linear} then the activation).
     */
    static Tensor layer(Activation activation, Tensor batch, Tensor w, Tensor b) {
        return switch (activation) {
            case TANH -> batch.linearTanh(w, b);
            case RELU -> batch.linearRelu(w, b);
            case SIGMOID -> batch.linearSigmoid(w, b);
            case IDENTITY -> batch.linear(w, b);
        };
    }

    /**
     * The layer's outputs for a batch of plain rows.
     *
     * @param batch batch rows of nin values, taken as a constant
     * @return batch×nout
     */
    public Tensor forward(double[][] batch) {
        return forward(Tensor.constant(Objects.requireNonNull(batch, "batch")));
    }

    /** @return W and b */
    @Override
    public List<Tensor> parameters() {
        return List.of(w, b);
    }

    /** @return this layer's neurons, every one */
    Span span() {
        return span;
    }

    /** @return e.g. {@code Layer of [4 × TANH Neuron(3)]}, the same form as the scalar engine's */
    @Override
    public String toString() {
        return "Layer of [" + nout() + " × " + activation + " Neuron(" + nin() + ")]";
    }
}
