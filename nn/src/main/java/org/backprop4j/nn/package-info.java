/**
 * One neural-network API over both engines: {@link org.backprop4j.nn.Architecture},
 * {@link org.backprop4j.nn.Model}, losses, optimizers, data sets and the {@link org.backprop4j.nn.Trainer}.
 * The models live in {@code org.backprop4j.nn.scalar} and {@code org.backprop4j.nn.tensor}, with the
 * same class names: switch engines by switching the import.
 */
package org.backprop4j.nn;
