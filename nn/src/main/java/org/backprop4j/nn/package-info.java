/**
 * What both engines share: {@link org.backprop4j.nn.Architecture} (sizes, activations,
 * initialisation, seed), {@link org.backprop4j.nn.Model} (the flat parameter view),
 * {@link org.backprop4j.nn.MultilayerPerceptron} (what a trainer trains), {@link org.backprop4j.nn.Activation},
 * {@link org.backprop4j.nn.Init}, {@link org.backprop4j.nn.Loss} and {@link org.backprop4j.nn.EuclideanNorm}
 * (the overflow-safe norm behind {@link org.backprop4j.nn.Model#gradientNorm()}).
 *
 * <p>{@code Activation} and {@code Loss} name and state the maths only; each engine computes them
 * from its own primitives, reached the same way for both: one exhaustive {@code switch} per enum in
 * the engine's package.
 *
 * <p>The models live in {@code org.backprop4j.nn.scalar} and {@code org.backprop4j.nn.tensor}, with
 * the same class names: switch engines by switching the import. Optimizers are in
 * {@code org.backprop4j.nn.optim}, training in {@code org.backprop4j.nn.train}, data sets in
 * {@code org.backprop4j.nn.data}, checkpoints in {@code org.backprop4j.nn.io}.
 */
package org.backprop4j.nn;
