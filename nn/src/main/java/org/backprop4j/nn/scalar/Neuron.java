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

    private final List<Value> w;
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
        List<Value> weights = new ArrayList<>(nin);
        for (int i = 0; i < nin; i++) {
            weights.add(Value.of(values[from + i]));
        }
        this.w = Collections.unmodifiableList(weights);
        this.b = Value.of(values[from + nin]);
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    /** @return the number of inputs */
    public int nin() {
        return w.size();
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
        if (x.size() != w.size()) {
            throw new IllegalArgumentException("expected " + w.size() + " inputs, got " + x.size());
        }
        Value act = b;
        for (int i = 0; i < w.size(); i++) {
            Value xi = x.get(i);
            if (xi == null) {
                throw new NullPointerException("x[" + i + "]");
            }
            act = act.add(w.get(i).mul(xi));
        }
        return activation.apply(act);
    }

    /**
     * The neuron's output for one input of plain numbers (wrapped as constants).
     *
     * @param x nin inputs
     * @return act(Σ wᵢxᵢ + b)
     */
    public Value forward(double... x) {
        return forward(MLP.values(x));
    }

    @Override
    public List<Value> parameters() {
        List<Value> all = new ArrayList<>(w);
        all.add(b);
        return Collections.unmodifiableList(all);
    }

    @Override
    public String toString() {
        return activation + "Neuron(" + w.size() + ")";
    }
}
