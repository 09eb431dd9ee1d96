package org.backprop4j.nn.scalar;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.scalar.Value;

/** nout neurons that all see the same inputs. */
public final class Layer implements ValueModel {

    private final List<Neuron> neurons;

    /**
     * A layer of tanh neurons, uniform in [−1, 1) from the default seed.
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
        List<Neuron> list = new ArrayList<>(nout);
        for (int j = 0; j < nout; j++) {
            list.add(new Neuron(values, from + j * (nin + 1), nin, activation));
        }
        this.neurons = Collections.unmodifiableList(list);
    }

    /** {@return the neurons, in order} */
    public List<Neuron> neurons() {
        return neurons;
    }

    /**
     * One neuron of this layer.
     *
     * @param j a neuron index
     * @return neuron j
     * @throws IllegalArgumentException if j is not in [0, nout)
     */
    public Neuron neuron(int j) {
        if (j < 0 || j >= neurons.size()) {
            throw new IllegalArgumentException("no neuron " + j + " in a layer of " + neurons.size());
        }
        return neurons.get(j);
    }

    /** {@return the number of inputs per neuron} */
    public int nin() {
        return neurons.get(0).nin();
    }

    /** {@return the number of neurons} */
    public int nout() {
        return neurons.size();
    }

    /** {@return the activation of every neuron} */
    public Activation activation() {
        return neurons.get(0).activation();
    }

    /**
     * Every neuron's output for one input.
     *
     * @param x nin inputs
     * @return nout outputs
     */
    public List<Value> forward(List<Value> x) {
        Objects.requireNonNull(x, "x");
        List<Value> out = new ArrayList<>(neurons.size());
        for (Neuron n : neurons) {
            out.add(n.forward(x));
        }
        return out;
    }

    /**
     * The layer's outputs for plain inputs.
     *
     * @param x nin plain inputs
     * @return nout outputs
     */
    public List<Value> forward(double... x) {
        return forward(MLP.values(x));
    }

    @Override
    public List<Value> parameters() {
        List<Value> all = new ArrayList<>(neurons.size() * (neurons.get(0).nin() + 1));
        for (Neuron n : neurons) {
            all.addAll(n.parameters());
        }
        return Collections.unmodifiableList(all);
    }

    /** @return e.g. {@code Layer of [4 × TANH Neuron(3)]}, the same form as the tensor engine's */
    @Override
    public String toString() {
        return "Layer of [" + neurons.size() + " × " + neurons.get(0) + "]";
    }
}
