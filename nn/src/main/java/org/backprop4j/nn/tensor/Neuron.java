package org.backprop4j.nn.tensor;

import java.util.List;
import java.util.Objects;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Model;
import org.backprop4j.tensor.Tensor;

/**
 * One neuron of a tensor {@link Layer}: a view of row j of its W and entry j of its b, sharing
 * their storage, so changing one changes the other. As a {@link Model} it is exactly that neuron,
 * like the scalar engine's {@code Neuron} of the same seed: nin + 1 parameters W[j,:] then b[j],
 * their gradients, norm and scaling, and {@link #parameters()} whose L2 is that neuron's Σ p².
 */
public final class Neuron implements TensorModel {

    private final Layer layer;
    private final int j;
    private final Span span;

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
        this.span = Span.neuron(layer, j);
    }

    /** {@return the number of inputs} */
    public int nin() {
        return layer.nin();
    }

    /** {@return the activation} */
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
     * The neuron's outputs for a batch of plain rows.
     *
     * @param batch batch rows of nin values, taken as a constant
     * @return batch×1
     */
    public Tensor forward(double[][] batch) {
        return forward(Tensor.constant(Objects.requireNonNull(batch, "batch")));
    }

    /**
     * This neuron's weights (1×nin) and bias (1×1). Alone in its layer, they are the layer's W and b
     * themselves. In a wider layer, which stores every neuron in one W and one b, they are row j of
     * W and entry j of b selected by differentiable operations: their values are this neuron's, and
     * a backward pass through them (an L2 penalty, say) adds into this neuron's entries of the
     * layer's gradients only. Being computed, they are read-only: write parameters through
     * {@link #setParameterValues} or {@link #update}. Being new tensors, no forward graph contains them,
     * so {@code Tensor.gradient} with respect to them is zeros (the output does not depend on these
     * copies), where the scalar engine's neuron, whose parameters are its own leaves, gives the
     * derivative: for that, differentiate with respect to the layer's {@code weight()} and {@code bias()}
     * and read row j of the first and entry j of the second.
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

    /** @return this neuron's row of its layer */
    Span span() {
        return span;
    }

    /** @return e.g. {@code TANH Neuron(3)}, the same form as the scalar engine's */
    @Override
    public String toString() {
        return layer.activation() + " Neuron(" + nin() + ")";
    }
}
