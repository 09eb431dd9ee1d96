package org.backprop4j.nn.tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.EuclideanNorm;
import org.backprop4j.nn.Model;
import org.backprop4j.nn.ParameterUpdate;
import org.backprop4j.tensor.Tensor;

/**
 * One neuron of a tensor {@link Layer}: a view of row j of its W and entry j of its b, sharing
 * their storage, so changing one changes the other. As a {@link Model} it is exactly that neuron,
 * like the scalar engine's {@code Neuron} of the same seed: nin + 1 parameters W[j,:] then b[j],
 * their gradients, norm and scaling, and {@link #parameters()} whose L2 is that neuron's Σ p².
 */
public final class Neuron implements Model<Tensor> {

    private final Layer layer;
    private final int j;

    /**
     * A tanh neuron with weights and bias uniform in [−1, 1) from the default seed (the scalar
     * {@code Neuron}'s values), as the only neuron of a layer of its own.
     *
     * @param nin the number of inputs, at least 1
     */
    public Neuron(int nin) {
        this(new Layer(nin, 1), 0);
    }

    Neuron(Layer layer, int j) {
        this.layer = layer;
        this.j = j;
    }

    /** @return the number of inputs */
    public int nin() {
        return layer.nin();
    }

    /** @return the activation */
    public Activation activation() {
        return layer.activation();
    }

    /**
     * This neuron's output for each row of a batch.
     *
     * @param batch batch×nin
     * @return batch×1: act(x·w + b) per row
     */
    public Tensor forward(Tensor batch) {
        Objects.requireNonNull(batch, "batch");
        if (layer.nout() == 1) {
            return layer.forward(batch);
        }
        return layer.forward(batch).column(j);
    }

    /**
     * @param batch batch rows of nin values, taken as a constant
     * @return batch×1
     */
    public Tensor forward(double[][] batch) {
        return forward(Tensor.constant(Objects.requireNonNull(batch, "batch")));
    }

    @Override
    public int parameterCount() {
        return nin() + 1;
    }

    /**
     * This neuron's weights (1×nin) and bias (1×1). Alone in its layer, they are the layer's W and b
     * themselves. In a wider layer, which stores every neuron in one W and one b, they are row j of
     * W and entry j of b selected by differentiable operations: their values are this neuron's, and
     * a backward pass through them (an L2 penalty, say) adds into this neuron's entries of the
     * layer's gradients only. Being computed, they are read-only: write parameters through
     * {@link #setParameterValues} or {@link #update}.
     *
     * @return the weights, then the bias
     */
    @Override
    public List<Tensor> parameters() {
        if (layer.nout() == 1) {
            return layer.parameters();
        }
        return List.of(layer.weight().transpose().column(j).transpose(), layer.bias().column(j));
    }

    @Override
    public double[] parameterValues() {
        double[] out = new double[parameterCount()];
        copyParameterValues(out);
        return out;
    }

    @Override
    public void copyParameterValues(double[] into) {
        Model.checkLength(this, into, "into");
        row(layer.weight().data().data, layer.bias().data().data, into);
    }

    @Override
    public void setParameterValues(double[] values) {
        Model.checkParameterValues(this, values);
        System.arraycopy(values, 0, layer.weight().data().data, j * nin(), nin());
        layer.bias().data().data[j] = values[nin()];
    }

    @Override
    public double[] gradients() {
        double[] out = new double[parameterCount()];
        row(layer.weight().grad().data, layer.bias().grad().data, out);
        return out;
    }

    @Override
    public void zeroGrad() {
        Arrays.fill(layer.weight().grad().data, j * nin(), (j + 1) * nin(), 0.0);
        layer.bias().grad().data[j] = 0;
    }

    @Override
    public double gradientNorm() {
        return new EuclideanNorm().add(layer.weight().grad().data, j * nin(), (j + 1) * nin())
                .add(layer.bias().grad().data, j, j + 1).value();
    }

    @Override
    public void scaleGradients(double factor) {
        Model.checkFactor(factor);
        Layer.scale(layer.weight().grad().data, j * nin(), (j + 1) * nin(), factor);
        Layer.scale(layer.bias().grad().data, j, j + 1, factor);
    }

    @Override
    public void update(ParameterUpdate rule) {
        Objects.requireNonNull(rule, "rule");
        double[] wv = layer.weight().data().data;
        double[] wg = layer.weight().grad().data;
        double[] bv = layer.bias().data().data;
        int nin = nin();
        double[] next = new double[nin + 1];
        for (int i = 0; i < nin; i++) {
            int k = j * nin + i;
            next[i] = rule.apply(i, wv[k], wg[k]);
        }
        next[nin] = rule.apply(nin, bv[j], layer.bias().grad().data[j]);
        Model.checkUpdate(this, next);
        System.arraycopy(next, 0, wv, j * nin, nin);
        bv[j] = next[nin];
    }

    private void row(double[] weights, double[] biases, double[] out) {
        System.arraycopy(weights, j * nin(), out, 0, nin());
        out[nin()] = biases[j];
    }

    /** @return e.g. {@code TANH Neuron(3)}, the same form as the scalar engine's */
    @Override
    public String toString() {
        return layer.activation() + " Neuron(" + nin() + ")";
    }
}
