/**
 * Optimizers that turn gradients into parameter updates on any {@link org.backprop4j.nn.Model}:
 * {@link org.backprop4j.nn.optim.Optimizer#sgd SGD} with a {@link org.backprop4j.nn.optim.LearningRate schedule},
 * momentum and Adam, each keeping its per-parameter state in the model's flat parameter order for the
 * one model it steps (another is refused with a {@link org.backprop4j.nn.optim.ForeignModelException}).
 */
package org.backprop4j.nn.optim;
