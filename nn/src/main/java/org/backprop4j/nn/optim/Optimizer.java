package org.backprop4j.nn.optim;

import java.util.Objects;

import org.backprop4j.nn.Model;

/**
 * Updates a model's parameters from their gradients, in place, one step at a time. An optimizer
 * keeps per-parameter state (momentum, moments) for one model: use one optimizer per model. The
 * factories below make every optimizer there is (SGD, momentum, Adam); their classes are this
 * package's own.
 */
public interface Optimizer {

    /**
     * Takes one step on the model's current gradients. An optimizer steps one model: the first it is
     * given, whose velocities, moments and step count it keeps.
     *
     * @param model the model
     * @throws NullPointerException if model is null
     * @throws ForeignModelException if the optimizer has already stepped another model (even one of the
     *         same size), naming both: nothing has changed
     * @throws IllegalArgumentException if {@link Model#update} refuses the step, or the schedule's rate
     *         for it is NaN, ±∞ or negative: then no parameter has changed, and neither has the optimizer
     *         (its velocities, moments and step count are those of its last completed step, so a caller
     *         may skip a bad batch and go on)
     */
    void step(Model<?> model);

    /**
     * Checks, without stepping, that this optimizer may step the model: the optimizers made here refuse
     * a model other than the first they stepped (its velocities and moments are that model's) with a
     * {@link ForeignModelException}. The {@code Trainer} calls it before its first step, so such a mistake
     * is refused before any training. The default checks only for null: an optimizer of your own that
     * steps through one of these (one that logs each step, say) should pass this call on to it, or the
     * {@code Trainer} learns of the mistake only at the first step, which the built-in optimizer refuses
     * with the same exception, changing nothing (the data and the network's shape are then checked,
     * and the first batch's loss and gradients computed, before it). An optimizer of your own that keeps
     * state for one model may throw a {@link ForeignModelException} too: the {@code Trainer} lets it
     * through, from here or from {@link #step}, as it is.
     *
     * @param model the model
     * @throws NullPointerException if model is null
     * @throws ForeignModelException if this optimizer has already stepped another model, naming both
     */
    default void checkModel(Model<?> model) {
        Objects.requireNonNull(model, "model");
    }

    /** {@return the number of steps taken} */
    int steps();

    /**
     * Plain gradient descent, the seed's {@code p -= lr · grad}.
     *
     * @param rate the learning rate
     * @return the optimizer
     */
    static Optimizer sgd(double rate) {
        return new Sgd(LearningRate.constant(rate));
    }

    /**
     * Gradient descent with a schedule.
     *
     * @param schedule the learning rate per step
     * @return the optimizer
     */
    static Optimizer sgd(LearningRate schedule) {
        return new Sgd(schedule);
    }

    /**
     * Gradient descent with momentum: v = μ·v + g, p -= lr·v (PyTorch's form).
     *
     * @param rate the learning rate
     * @param momentum μ in [0, 1)
     * @return the optimizer
     */
    static Optimizer momentum(double rate, double momentum) {
        return new Momentum(LearningRate.constant(rate), momentum);
    }

    /**
     * Gradient descent with momentum and a schedule: v = μ·v + g, p -= lr(t)·v.
     *
     * @param schedule the learning rate per step; a step whose rate is NaN, ±∞ or negative is refused,
     *        changing nothing
     * @param momentum μ in [0, 1)
     * @return the optimizer
     * @throws NullPointerException if schedule is null
     * @throws IllegalArgumentException if μ is outside [0, 1) or NaN, naming it
     */
    static Optimizer momentum(LearningRate schedule, double momentum) {
        return new Momentum(schedule, momentum);
    }

    /**
     * Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e−8.
     *
     * @param rate the learning rate
     * @return the optimizer
     */
    static Optimizer adam(double rate) {
        return new Adam(LearningRate.constant(rate), 0.9, 0.999, 1e-8);
    }

    /**
     * Adam (Kingma and Ba, 2015) with a schedule and its own constants: m = β₁m + (1 − β₁)g,
     * v = β₂v + (1 − β₂)g², p -= lr(t) · m̂ / (√v̂ + ε) with m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ).
     *
     * @param schedule the learning rate per step; a step whose rate is NaN, ±∞ or negative is refused,
     *        changing nothing
     * @param beta1 β₁ in [0, 1)
     * @param beta2 β₂ in [0, 1)
     * @param epsilon ε &gt; 0, finite
     * @return the optimizer
     * @throws NullPointerException if schedule is null
     * @throws IllegalArgumentException if β₁ or β₂ is outside [0, 1) or NaN, or ε is not finite and
     *         positive, naming them
     */
    static Optimizer adam(LearningRate schedule, double beta1, double beta2, double epsilon) {
        return new Adam(schedule, beta1, beta2, epsilon);
    }
}
