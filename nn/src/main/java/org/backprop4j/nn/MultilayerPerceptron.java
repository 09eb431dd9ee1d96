package org.backprop4j.nn;

/**
 * A whole multilayer perceptron on either engine, built from an {@link Architecture}: it maps a batch
 * of inputs to outputs and computes a batch loss with its gradients. This is what
 * {@link org.backprop4j.nn.train.Trainer} trains; {@link Model} is the parameter view every part of it shares.
 *
 * @param <P> the engine's parameter type
 */
public interface MultilayerPerceptron<P> extends Model<P> {

    /** @return the architecture the network was built from */
    Architecture architecture();

    /**
     * The outputs for a batch of inputs, without keeping a graph. An empty batch has no outputs:
     * {@code predict(new double[0][])} is an empty array on both engines.
     *
     * @param inputs n rows of {@code nin} values, n ≥ 0
     * @return n rows of outputs
     * @throws NullPointerException if inputs or a row is null, naming the row
     * @throws IllegalArgumentException if a row's width is not nin, naming the row and both widths
     *         (the same message on both engines: see {@link Architecture#checkInputs})
     */
    double[][] predict(double[][] inputs);

    /**
     * One forward and backward pass: the loss of the batch plus l2·Σ p² over every parameter,
     * then backward, adding the gradients into the parameters' (clearing them is the caller's job).
     *
     * @param inputs n rows of {@code nin} values (constants)
     * @param targets n rows of targets (constants)
     * @param loss the loss
     * @param l2 the L2 regularisation strength, 0 for none
     * @return the loss's value
     * @throws NullPointerException if an argument or a row is null, naming it
     * @throws IllegalArgumentException for an empty batch, a different number of target rows, or an input
     *         row whose width is not nin (naming the row and both widths): {@link Architecture#checkBatch},
     *         the same messages on both engines
     */
    double lossAndBackward(double[][] inputs, double[][] targets, Loss loss, double l2);
}
