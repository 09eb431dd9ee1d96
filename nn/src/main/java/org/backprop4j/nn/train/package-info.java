/**
 * The training loop on either engine: {@link org.backprop4j.nn.train.Trainer} runs epochs of
 * mini-batches through a {@link org.backprop4j.nn.MultilayerPerceptron}, records a
 * {@link org.backprop4j.nn.train.History}, and stops with a {@link org.backprop4j.nn.train.TrainingException}
 * before a non-finite step reaches the parameters; {@link org.backprop4j.nn.train.Metrics} scores predictions.
 */
package org.backprop4j.nn.train;
