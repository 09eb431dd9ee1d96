package org.backprop4j.nn.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.EuclideanNorm;
import org.backprop4j.nn.Model;
import org.backprop4j.nn.ParameterUpdate;
import org.backprop4j.tensor.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * nout neurons as one matrix: {@code W} (nout×nin, row j = neuron j's weights) and {@code b}
 * (1×nout). On a batch X (batch×nin) it computes act(X·Wᵀ + b) with the tensor engine's fused
 * {@code linear}. Flattened, its parameters are W[0,:], b[0], W[1,:], b[1], … — the scalar
 * engine's order. Like the scalar {@code Layer} it offers {@link #nin()}, {@link #nout()},
 * {@link #activation()}, {@link #neuron(int)} and {@link #neurons()}; {@link #weight()} and
 * {@link #bias()} are this engine's own storage, which the scalar engine keeps in its neurons.
 */
public final class Layer implements Model<Tensor> {

    private final Tensor w;
    private final Tensor b;
    private final Activation activation;
    /** The values an update computes before writing any, allocated at the first update. */
    private double[] nextValues;

    /**
     * A layer of tanh neurons, uniform in [−1, 1) from the default seed (the scalar {@code Layer}'s values).
     *
     * @param nin inputs per neuron, at least 1
     * @param nout neurons, at least 1
     */
    public Layer(int nin, int nout) {
        this(Architecture.of(nin, List.of(nout)).initialParameters(), 0, nin, nout, Activation.TANH);
    }

    /** A layer whose parameters are {@code values[from ..]} in the flat order. */
    Layer(double[] values, int from, int nin, int nout, Activation activation) {
        this.w = Tensor.zeros(nout, nin);
        this.b = Tensor.zeros(1, nout);
        this.activation = Objects.requireNonNull(activation, "activation");
        setFrom(values, from);
    }

    /** @return the nout×nin weights, live */
    public Tensor weight() {
        return w;
    }

    /** @return the 1×nout biases, live */
    public Tensor bias() {
        return b;
    }

    /** @return the number of inputs per neuron */
    public int nin() {
        return w.cols();
    }

    /** @return the number of neurons */
    public int nout() {
        return w.rows();
    }

    /** @return the activation */
    public Activation activation() {
        return activation;
    }

    /**
     * @param j a neuron index
     * @return a view of neuron j: row j of W and entry j of b, sharing their storage
     */
    public Neuron neuron(int j) {
        if (j < 0 || j >= nout()) {
            throw new IllegalArgumentException("no neuron " + j + " in a layer of " + nout());
        }
        return new Neuron(this, j);
    }

    /** @return a view of every neuron, in order */
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
     * @param batch batch rows of nin values, taken as a constant
     * @return batch×nout
     */
    public Tensor forward(double[][] batch) {
        return forward(Tensor.constant(Objects.requireNonNull(batch, "batch")));
    }

    @Override
    public int parameterCount() {
        return nout() * (nin() + 1);
    }

    @Override
    public List<Tensor> parameters() {
        return List.of(w, b);
    }

    @Override
    public double[] parameterValues() {
        double[] out = new double[parameterCount()];
        copyOut(w.data(), b.data(), out, 0);
        return out;
    }

    @Override
    public void setParameterValues(double[] values) {
        Model.checkParameterValues(this, values);
        setFrom(values, 0);
    }

    @Override
    public double[] gradients() {
        double[] out = new double[parameterCount()];
        copyOut(w.grad(), b.grad(), out, 0);
        return out;
    }

    @Override
    public void zeroGrad() {
        w.zeroGrad();
        b.zeroGrad();
    }

    @Override
    public void copyParameterValues(double[] into) {
        Model.checkLength(this, into, "into");
        copyOut(w.data(), b.data(), into, 0);
    }

    @Override
    public double gradientNorm() {
        return addGradients(new EuclideanNorm()).value();
    }

    /** Adds every gradient of W and b to the norm. */
    EuclideanNorm addGradients(EuclideanNorm norm) {
        return norm.add(w.grad().data, 0, nout() * nin()).add(b.grad().data, 0, nout());
    }

    @Override
    public void scaleGradients(double factor) {
        Model.checkFactor(factor);
        scale(w.grad().data, 0, nout() * nin(), factor);
        scale(b.grad().data, 0, nout(), factor);
    }

    /** {@code values[from .. to) *= factor}. */
    static void scale(double[] values, int from, int to, double factor) {
        for (int i = from; i < to; i++) {
            values[i] *= factor;
        }
    }

    @Override
    public void update(ParameterUpdate rule) {
        Objects.requireNonNull(rule, "rule");
        if (nextValues == null) {
            nextValues = new double[parameterCount()];
        }
        computeUpdate(rule, 0, nextValues);
        Model.checkUpdate(this, nextValues);
        setFrom(nextValues, 0);
    }

    /**
     * Computes the rule for every parameter into {@code next}, flat indices starting at {@code offset},
     * without changing any parameter; returns the next offset.
     */
    int computeUpdate(ParameterUpdate rule, int offset, double[] next) {
        double[] wv = w.data().data;
        double[] wg = w.grad().data;
        double[] bv = b.data().data;
        double[] bg = b.grad().data;
        int nin = nin();
        int k = offset;
        for (int j = 0, wk = 0; j < nout(); j++) {
            for (int i = 0; i < nin; i++, wk++, k++) {
                next[k] = rule.apply(k, wv[wk], wg[wk]);
            }
            next[k] = rule.apply(k, bv[j], bg[j]);
            k++;
        }
        return k;
    }

    /** Writes W and b (or their gradients) into {@code out} from {@code offset} in the flat order. */
    int copyOut(DMatrixRMaj weights, DMatrixRMaj biases, double[] out, int offset) {
        int nin = nin();
        int k = offset;
        for (int j = 0; j < nout(); j++) {
            System.arraycopy(weights.data, j * nin, out, k, nin);
            k += nin;
            out[k++] = biases.data[j];
        }
        return k;
    }

    /** Reads W and b from {@code values} starting at {@code from} in the flat order; returns the next index. */
    int setFrom(double[] values, int from) {
        int nin = nin();
        int k = from;
        for (int j = 0; j < nout(); j++) {
            System.arraycopy(values, k, w.data().data, j * nin, nin);
            k += nin;
            b.data().data[j] = values[k++];
        }
        return k;
    }

    /** @return e.g. {@code Layer of [4 × TANH Neuron(3)]}, the same form as the scalar engine's */
    @Override
    public String toString() {
        return "Layer of [" + nout() + " × " + activation + " Neuron(" + nin() + ")]";
    }
}
