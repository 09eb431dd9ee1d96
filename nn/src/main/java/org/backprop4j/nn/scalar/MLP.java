package org.backprop4j.nn.scalar;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.MultilayerPerceptron;
import org.backprop4j.scalar.Value;

/**
 * A multi-layer perceptron on the scalar engine: layers of {@link Neuron}s, one {@link Value} per
 * parameter and per arithmetic operation, exactly the original's structure.
 *
 * <pre>{@code
 * MLP n = new MLP(3, List.of(4, 4, 1));   // the seed's network
 * Value y = n.forward(2.0, 3.0, -1.0).get(0);
 * }</pre>
 */
public final class MLP implements MultilayerPerceptron<Value>, ValueModel {

    private final Architecture architecture;
    private final List<Layer> layers;
    private final List<Value> parameters;
    /**
     * The thread inside {@link #lossAndBackward}, or null: two threads there would add their
     * gradients into the same parameters at once and lose some, so the second is refused.
     */
    private final AtomicReference<Thread> user = new AtomicReference<>();

    /**
     * The seed's network: tanh on every neuron, uniform in [−1, 1) from {@link Architecture#DEFAULT_SEED}.
     *
     * @param nin the number of inputs
     * @param nouts the width of each layer
     */
    public MLP(int nin, List<Integer> nouts) {
        this(Architecture.of(nin, nouts));
    }

    /**
     * A network of any architecture; the tensor engine's {@code MLP} of the same architecture holds
     * bit-identical parameters.
     *
     * @param architecture sizes, activations, initialisation and seed
     */
    public MLP(Architecture architecture) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        double[] values = architecture.initialParameters();
        List<Layer> list = new ArrayList<>();
        for (int layer = 0; layer < architecture.depth(); layer++) {
            list.add(new Layer(values, architecture.offsetOf(layer), architecture.inputsOf(layer),
                    architecture.nouts().get(layer), architecture.activationOf(layer)));
        }
        this.layers = Collections.unmodifiableList(list);
        List<Value> all = new ArrayList<>(values.length);
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
        }
        this.parameters = Collections.unmodifiableList(all);
    }

    @Override
    public Architecture architecture() {
        return architecture;
    }

    /** {@return the layers, input to output} */
    public List<Layer> layers() {
        return layers;
    }

    /**
     * The network's outputs for one input. The inputs are used as given, so outputs can be
     * differentiated with respect to them: with {@code Value x = Value.of(0.5)},
     * {@code u = forward(List.of(x)).get(0)} gives u′ = {@code u.gradient(x)} and u″ =
     * {@code u.gradient(x).gradient(x)}, graphs that can go into a loss and through {@code backward()}
     * to the parameters (a physics-informed loss).
     *
     * @param x nin inputs
     * @return the last layer's outputs
     * @throws IllegalArgumentException if x does not have nin values, naming both widths
     */
    public List<Value> forward(List<Value> x) {
        Objects.requireNonNull(x, "x");
        if (x.size() != architecture.nin()) {
            throw new IllegalArgumentException("expected " + architecture.nin() + " inputs, got " + x.size());
        }
        List<Value> out = x;
        for (Layer layer : layers) {
            out = layer.forward(out);
        }
        return out;
    }

    /**
     * The network's outputs for one input of plain numbers (wrapped as leaves).
     *
     * @param x nin inputs
     * @return the last layer's outputs
     */
    public List<Value> forward(double... x) {
        return forward(values(x));
    }

    @Override
    public double[][] predict(double[][] inputs) {
        architecture.checkInputs(inputs);
        double[][] out = new double[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            List<Value> outputs = forward(inputs[i]);
            out[i] = new double[outputs.size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = outputs.get(j).data();
            }
        }
        return out;
    }

    @Override
    public double lossAndBackward(double[][] inputs, double[][] targets, Loss loss, double l2) {
        Thread current = Thread.currentThread();
        if (!user.compareAndSet(null, current)) {
            Thread other = user.get();
            throw new IllegalStateException("lossAndBackward of " + this + " while another thread, "
                    + (other == null ? "now finished" : other.getName()) + ", is inside it: a model is not thread-safe, give each thread its own");
        }
        try {
            Value total = lossOf(inputs, targets, loss, l2);
            total.backward();
            return total.data();
        } finally {
            user.set(null);
        }
    }

    @Override
    public double loss(double[][] inputs, double[][] targets, Loss loss, double l2) {
        return lossOf(inputs, targets, loss, l2).data();
    }

    /** The checked batch's loss plus l2·Σ p², a graph not yet differentiated. */
    private Value lossOf(double[][] inputs, double[][] targets, Loss loss, double l2) {
        architecture.checkBatch(inputs, targets);
        Objects.requireNonNull(loss, "loss");
        MultilayerPerceptron.checkL2(l2);
        loss.checkTargets(targets, architecture.nouts().get(architecture.depth() - 1));
        List<List<Value>> predictions = new ArrayList<>(inputs.length);
        for (double[] x : inputs) {
            predictions.add(forward(x));
        }
        Value total = Losses.of(loss, predictions, targets);
        return l2 == 0 ? total : total.add(Losses.l2(this, l2));
    }

    @Override
    public List<Value> parameters() {
        return parameters;
    }

    /** @return e.g. {@code MLP of [Layer of [4 × TANH Neuron(3)], Layer of [1 × TANH Neuron(4)]]}, the same form as the tensor engine's */
    @Override
    public String toString() {
        return "MLP of " + layers;
    }

    /** Wraps plain inputs as leaves. */
    static List<Value> values(double[] x) {
        Objects.requireNonNull(x, "x");
        List<Value> list = new ArrayList<>(x.length);
        for (double v : x) {
            list.add(Value.of(v));
        }
        return list;
    }
}
