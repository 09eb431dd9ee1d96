package org.backprop4j.nn;

import org.backprop4j.scalar.Value;
import org.backprop4j.tensor.Tensor;

/** The function a neuron applies to w·x + b; the same on both engines. */
public enum Activation {
    /** tanh, the original's only activation. */
    TANH {
        @Override
        public Value apply(Value x) {
            return x.tanh();
        }

        @Override
        public Tensor apply(Tensor x) {
            return x.tanh();
        }
    },
    /** max(0, x). */
    RELU {
        @Override
        public Value apply(Value x) {
            return x.relu();
        }

        @Override
        public Tensor apply(Tensor x) {
            return x.relu();
        }
    },
    /** 1 / (1 + e⁻ˣ). */
    SIGMOID {
        @Override
        public Value apply(Value x) {
            return x.sigmoid();
        }

        @Override
        public Tensor apply(Tensor x) {
            return x.sigmoid();
        }
    },
    /** x unchanged: a linear neuron, for regression and logits. */
    IDENTITY {
        @Override
        public Value apply(Value x) {
            return x;
        }

        @Override
        public Tensor apply(Tensor x) {
            return x;
        }
    };

    /**
     * @param x the neuron's pre-activation
     * @return the activation applied on the scalar engine
     */
    public abstract Value apply(Value x);

    /**
     * @param x a layer's pre-activations, element-wise
     * @return the activation applied on the tensor engine
     */
    public abstract Tensor apply(Tensor x);
}
