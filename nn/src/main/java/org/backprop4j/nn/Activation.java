package org.backprop4j.nn;

/**
 * The function a neuron applies to w·x + b; the same on both engines.
 *
 * <p>Like {@link Loss}, this enum names the maths and states it; it holds no engine code. Each
 * engine computes it from its own primitives in one exhaustive {@code switch} (the scalar
 * {@code Neuron}, the tensor {@code Layer}), so adding a constant fails to compile until every
 * engine handles it.
 */
public enum Activation {
    /** tanh x, the original's only activation; derivative 1 − tanh² x. */
    TANH,
    /**
     * max(0, x); derivative 1 for x &gt; 0, else 0: 0 at the kink x = 0 (as PyTorch's {@code relu}), and 0
     * at x = NaN, where PyTorch 1.13's {@code relu} passes the gradient (1). The value there is NaN on
     * both, so the loss is NaN and a {@code Trainer} stops before the gradient is used; the engines keep
     * the one rule "1 only where the result is positive".
     */
    RELU,
    /** σ(x) = 1 / (1 + e⁻ˣ); derivative σ(x)(1 − σ(x)). */
    SIGMOID,
    /** x unchanged: a linear neuron, for regression and logits; derivative 1. */
    IDENTITY
}
