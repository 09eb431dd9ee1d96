package org.backprop4j.nn.tensor;

import java.util.List;
import java.util.Objects;

import org.backprop4j.nn.Model;
import org.backprop4j.nn.ParameterUpdate;
import org.backprop4j.tensor.Tensor;

/**
 * One neuron of a tensor {@link Layer}: a view of row j of its W and entry j of its b, sharing
 * their storage, so changing one changes the other. Its flat parameters are W[j,:] then b[j].
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
        return forward(Tensor.constant(batch));
    }

    @Override
    public int parameterCount() {
        return nin() + 1;
    }

    /** @return the layer's W and b, which this neuron is a view into */
    @Override
    public List<Tensor> parameters() {
        return layer.parameters();
    }

    @Override
    public double[] parameterValues() {
        return row(layer.weight().data().data, layer.bias().data().data);
    }

    @Override
    public void setParameterValues(double[] values) {
        Model.checkParameterValues(this, values);
        System.arraycopy(values, 0, layer.weight().data().data, j * nin(), nin());
        layer.bias().data().data[j] = values[nin()];
    }

    @Override
    public double[] gradients() {
        return row(layer.weight().grad().data, layer.bias().grad().data);
    }

    @Override
    public void zeroGrad() {
        double[] wg = layer.weight().grad().data;
        for (int i = 0; i < nin(); i++) {
            wg[j * nin() + i] = 0;
        }
        layer.bias().grad().data[j] = 0;
    }

    @Override
    public void update(ParameterUpdate rule) {
        double[] wv = layer.weight().data().data;
        double[] wg = layer.weight().grad().data;
        int nin = nin();
        for (int i = 0; i < nin; i++) {
            int k = j * nin + i;
            wv[k] = rule.apply(i, wv[k], wg[k]);
        }
        double[] bv = layer.bias().data().data;
        bv[j] = rule.apply(nin, bv[j], layer.bias().grad().data[j]);
    }

    private double[] row(double[] weights, double[] biases) {
        double[] out = new double[nin() + 1];
        System.arraycopy(weights, j * nin(), out, 0, nin());
        out[nin()] = biases[j];
        return out;
    }

    @Override
    public String toString() {
        return "Neuron " + j + " of " + layer;
    }
}
