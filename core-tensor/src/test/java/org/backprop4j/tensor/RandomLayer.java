package org.backprop4j.tensor;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The operands of one fully connected layer x·Wᵀ + b, all parameters, of seeded random values:
 * x is batch×inputs, w outputs×inputs and bias 1×outputs.
 */
record RandomLayer(Tensor x, Tensor w, Tensor bias) {

    /** Draws x, w and bias, in that order, each element uniformly from [{@code low}, {@code high}) ({@link RandomTensors#uniform}). */
    static RandomLayer uniform(SplittableRandom random, int batch, int inputs, int outputs, double low, double high) {
        Tensor x = RandomTensors.uniform(random, batch, inputs, low, high);
        Tensor w = RandomTensors.uniform(random, outputs, inputs, low, high);
        Tensor bias = RandomTensors.uniform(random, 1, outputs, low, high);
        return new RandomLayer(x, w, bias);
    }

    /** The layer's output through tanh: {@code x.linearTanh(w, bias)}, tanh(x·Wᵀ + b). */
    Tensor linearTanh() {
        return x.linearTanh(w, bias);
    }

    /** x, w and bias: what a gradient check varies. */
    List<Tensor> parameters() {
        return List.of(x, w, bias);
    }
}
