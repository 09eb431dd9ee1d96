package org.backprop4j.nn.scalar;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.scalar.Value;

/**
 * One neuron: act(w·x + b), built from {@link Value} operations exactly as the original:
 * {@code sum((wi*xi for wi, xi in zip(self.w, x)), self.b)}, then the activation.
 */
public final class Neuron implements ValueModel {

    private final Value[] w;
    private final Value b;
    private final Activation activation;

    /**
     * A tanh neuron with weights and bias uniform in [−1, 1) from the default seed.
     *
     * @param nin the number of inputs, at least 1
     */
    public Neuron(int nin) {
        this(Architecture.of(nin, List.of(1)).initialParameters(), 0, nin, Activation.TANH);
    }

    /** A neuron whose weights and bias are {@code values[from .. from + nin]}. */
    Neuron(double[] values, int from, int nin, Activation activation) {
        this.w = new Value[nin];
        for (int i = 0; i < nin; i++) {
            w[i] = Value.of(values[from + i]);
        }
        this.b = Value.of(values[from + nin]);
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    /** {@return the number of inputs} */
    public int nin() {
        return w.length;
    }

    /** {@return the activation} */
    public Activation activation() {
        return activation;
    }

    /**
     * The neuron's output for one input.
     *
     * @param x nin inputs
     * @return act(Σ wᵢxᵢ + b)
     * @throws IllegalArgumentException if x does not have nin values
     */
    public Value forward(List<Value> x) {
        Objects.requireNonNull(x, "x");
        if (x.size() != w.length) {
            throw new IllegalArgumentException("expected " + w.length + " inputs, got " + x.size());
        }
        Value act = b;
        for (int i = 0; i < w.length; i++) {
            Value xi = x.get(i);
            if (xi == null) {
                throw new NullPointerException("x[" + i + "]");
            }
            act = act.add(w[i].mul(xi));
        }
        return activate(activation, act);
    }

    /** The activation on the scalar engine: the one place each {@link Activation} becomes {@link Value} operations. */
    static Value activate(Activation activation, Value x) {
        return switch (activation) {
            case TANH -> x.tanh();
            case RELU -> x.relu();
            case SIGMOID -> x.sigmoid();
            case IDENTITY -> x;
        };
    }

    /**
     * The neuron's output for one input of plain numbers (wrapped as leaves, like {@code MLP.forward}).
     *
     * @param x nin inputs
     * @return act(Σ wᵢxᵢ + b)
     */
    public Value forward(double... x) {
        return forward(MLP.values(x));
    }

    @Override
    public List<Value> parameters() {
        List<Value> all = new ArrayList<>(w.length + 1);
        Collections.addAll(all, w);
        all.add(b);
        return Collections.unmodifiableList(all);
    }

    /** @return e.g. {@code TANH Neuron(3)}, the same form as the tensor engine's */
    @Override
    public String toString() {
        return activation + " Neuron(" + w.length + ")";
    }
}
