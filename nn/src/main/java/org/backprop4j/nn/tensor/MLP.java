package org.backprop4j.nn.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.MultilayerPerceptron;
import org.backprop4j.nn.ParameterUpdate;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.Workspace;
import org.backprop4j.tensor.parallel.Workers;

/**
 * A multi-layer perceptron on the tensor engine: one W and b per {@link Layer}, a whole batch per
 * forward pass. Same constructors, same parameters and same flat order as the scalar engine's
 * {@code MLP}: switching engines is changing an import.
 *
 * <pre>{@code
 * MLP n = new MLP(3, List.of(4, 4, 1));
 * Tensor y = n.forward(new double[][] {{2.0, 3.0, -1.0}, {3.0, -1.0, 0.5}});   // 2×1
 * }</pre>
 */
public final class MLP implements MultilayerPerceptron<Tensor>, TensorModel {

    private final Architecture architecture;
    private final List<Layer> layers;
    /** The same layers, for the loops of every step: iterating an array allocates nothing. */
    private final Layer[] layerArray;
    private final List<Tensor> parameters;
    /** The buffers of past steps' graphs, reused by {@link #lossAndBackward}. */
    private final Workspace workspace = new Workspace();
    /** The constants that batches given as arrays are copied into, reused by {@link #lossAndBackward}. */
    private final BatchConstants batches;
    /** The neurons of every layer, which the {@link org.backprop4j.nn.Model} methods read. */
    private final Span span;
    /**
     * The thread inside {@link #loss}, {@link #lossAndBackward} or {@link #update}, or null: they share the buffers
     * above, so a second thread there is refused instead of mixing two steps' numbers.
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
     * A network of any architecture; bit-identical to the scalar engine's {@code MLP} of the same architecture.
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
        this.layerArray = list.toArray(new Layer[0]);
        this.span = Span.of(layerArray);
        List<Tensor> all = new ArrayList<>(2 * layers.size());
        for (Layer layer : layerArray) {
            all.addAll(layer.parameters());
        }
        this.parameters = Collections.unmodifiableList(all);
        this.batches = new BatchConstants(architecture.nin(), architecture.nouts().get(architecture.depth() - 1));
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
     * The network's outputs for a batch.
     *
     * @param batch batch×nin (usually a constant)
     * @return batch×nout of the last layer
     * @throws IllegalArgumentException if the batch is not nin wide, naming both widths
     */
    public Tensor forward(Tensor batch) {
        Objects.requireNonNull(batch, "batch");
        if (batch.cols() != architecture.nin()) {
            throw new IllegalArgumentException("expected " + architecture.nin() + " inputs per row, got " + batch.cols());
        }
        Tensor out = batch;
        for (Layer layer : layerArray) {
            out = layer.forward(out);
        }
        return out;
    }

    /**
     * The network's outputs for a batch of plain rows.
     *
     * @param batch rows of nin values, taken as a constant (no gradient)
     * @return batch×nout
     */
    public Tensor forward(double[][] batch) {
        return forward(Tensor.constant(Objects.requireNonNull(batch, "batch")));
    }

    @Override
    public double[][] predict(double[][] inputs) {
        architecture.checkInputs(inputs);
        return inputs.length == 0 ? new double[0][] : forward(inputs).toArray();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The batch is copied into constants this network keeps for each batch length (the two most
     * recent lengths), and the graph's buffers are recycled for the next call, so a training loop
     * built on this method allocates almost nothing per step once warm.
     */
    @Override
    public double lossAndBackward(double[][] inputs, double[][] targets, Loss loss, double l2) {
        enter("lossAndBackward");
        try {
            fillBatch(inputs, targets, loss, l2);
            return lossAndBackwardOnConstants(batches.inputs(), batches.targets(), loss, l2);
        } finally {
            user.set(null);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>As {@link #lossAndBackward(double[][], double[][], Loss, double)} does, it copies the batch
     * into the constants this network keeps and recycles the graph's buffers for the next call.
     */
    @Override
    public double loss(double[][] inputs, double[][] targets, Loss loss, double l2) {
        enter("loss");
        try {
            fillBatch(inputs, targets, loss, l2);
            try (Workspace.Scope scope = workspace.enter()) {
                Tensor total = lossOf(batches.inputs(), batches.targets(), loss, l2);
                double value = total.item();
                workspace.recycle(total);
                return value;
            }
        } finally {
            user.set(null);
        }
    }

    /** Checks a batch given as arrays, as {@link #lossAndBackward} documents, and copies it into the constants. */
    private void fillBatch(double[][] inputs, double[][] targets, Loss loss, double l2) {
        architecture.checkBatch(inputs, targets);
        Objects.requireNonNull(loss, "loss");
        MultilayerPerceptron.checkL2(l2);
        loss.checkTargets(targets, architecture.nouts().get(architecture.depth() - 1));
        batches.fill(inputs, targets);
    }

    /**
     * One forward and backward pass on a batch already held as constants: the loss plus
     * l2·Σ p², then backward into the parameters' gradients (clearing them is the caller's job).
     * The graph's buffers are recycled for the next call, so a training loop built on this method
     * allocates almost nothing per step once warm. Only the graph this call builds is recycled: inputs
     * or targets computed by the caller's own graph (another model's output, say) receive their
     * gradients and stay usable, and the call then allocates its graph afresh.
     *
     * @param inputs batch×nin
     * @param targets batch×nout, accepted by the loss (see {@link Loss#checkTargets(double[][], int)})
     * @param loss the loss
     * @param l2 the L2 regularisation strength, finite and at least 0; 0 for none
     * @return the loss's value
     * @throws NullPointerException if an argument is null, naming it
     * @throws IllegalArgumentException for a wrong shape, an l2 that is NaN, ±∞ or negative, or targets
     *         the loss refuses, naming the value; the gradients are then unchanged
     * @throws IllegalStateException if another thread is inside this network's {@code lossAndBackward}
     *         or {@code update} (a model is not thread-safe: give each thread its own)
     */
    public double lossAndBackward(Tensor inputs, Tensor targets, Loss loss, double l2) {
        enter("lossAndBackward");
        try {
            return lossAndBackwardOnConstants(inputs, targets, loss, l2);
        } finally {
            user.set(null);
        }
    }

    /**
     * Claims this network for the calling thread, or refuses: a second thread inside
     * {@code loss}, {@code lossAndBackward} or {@code update} would share their buffers. One compare-and-set a call.
     */
    private void enter(String call) {
        Thread current = Thread.currentThread();
        if (!user.compareAndSet(null, current)) {
            Thread other = user.get();
            throw new IllegalStateException(call + " of " + this + " while "
                    + (other == current ? "this thread is already inside it (from an update rule?)"
                            : "another thread, " + (other == null ? "now finished" : other.getName()) + ", is inside it"
                                    + (Workers.isWorker(current) ? " (from an update rule, which a large model's update runs on the library's worker threads?)" : ""))
                    + ": a model is not thread-safe, give each thread its own");
        }
    }

    private double lossAndBackwardOnConstants(Tensor inputs, Tensor targets, Loss loss, double l2) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(loss, "loss");
        MultilayerPerceptron.checkL2(l2);
        if (isComputedWithGradient(inputs) || isComputedWithGradient(targets)) {
            // recycling would reach into the caller's graph and poison its tensors
            Tensor total = lossOf(inputs, targets, loss, l2);
            total.backward();
            return total.item();
        }
        try (Workspace.Scope scope = workspace.enter()) {
            Tensor total = lossOf(inputs, targets, loss, l2);
            total.backward();
            double value = total.item();
            workspace.recycle(total);
            return value;
        }
    }

    private Tensor lossOf(Tensor inputs, Tensor targets, Loss loss, double l2) {
        Tensor total = Losses.of(loss, forward(inputs), targets);
        return l2 == 0 ? total : total.add(Losses.l2(this, l2));
    }

    /** True for a tensor an operation made that takes part in backward: {@link Workspace#recycle} would give back its buffers. */
    private static boolean isComputedWithGradient(Tensor t) {
        return t.requiresGrad() && !t.operands().isEmpty();
    }

    /** @return W and b of every layer: W₀, b₀, W₁, b₁, … */
    @Override
    public List<Tensor> parameters() {
        return parameters;
    }

    /** @return every neuron of every layer */
    Span span() {
        return span;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if another thread is inside this network's {@code lossAndBackward}
     *         or {@code update}, or the rule calls them on this network (they share its buffers)
     */
    @Override
    public void update(ParameterUpdate rule) {
        Objects.requireNonNull(rule, "rule");
        enter("update");
        try {
            TensorModel.super.update(rule);
        } finally {
            user.set(null);
        }
    }

    /** @return e.g. {@code MLP of [Layer of [4 × TANH Neuron(3)], Layer of [1 × TANH Neuron(4)]]}, the same form as the scalar engine's */
    @Override
    public String toString() {
        return "MLP of " + layers;
    }
}
