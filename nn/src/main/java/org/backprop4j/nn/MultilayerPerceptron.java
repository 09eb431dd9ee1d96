package org.backprop4j.nn;

/**
 * The contract of a whole network, which each engine's class {@code MLP} (the scalar
 * {@code org.backprop4j.nn.scalar.MLP}, the tensor {@code org.backprop4j.nn.tensor.MLP}, built from
 * an {@link Architecture}) implements: map a batch of inputs to outputs, and compute a batch loss,
 * with its gradients or forward only. Code that works with either engine names this type; code
 * that builds a network names the engine's {@code MLP}. This is what {@link org.backprop4j.nn.train.Trainer} trains and
 * {@link org.backprop4j.nn.io.Checkpoint} saves.
 *
 * <p>{@link Model}, which this extends, is only the parameter view (values, gradients, update)
 * that a network shares with its parts ({@code Layer}, {@code Neuron}); this interface adds what
 * only a whole network has: an architecture, inputs and outputs, a loss.
 *
 * @param <P> the engine's parameter type
 */
public interface MultilayerPerceptron<P> extends Model<P> {

    /** {@return the architecture the network was built from} */
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
     * Every argument is checked before anything is computed or changed; the targets are checked
     * by the loss ({@link Loss#checkTargets(double[][], int)}).
     *
     * @param inputs n ≥ 1 rows of {@code nin} values (data, not parameters)
     * @param targets n rows of targets (data), one per output
     * @param loss the loss
     * @param l2 the L2 regularisation strength, finite and at least 0; 0 for none
     * @return the loss's value
     * @throws NullPointerException if an argument or a row is null, naming it
     * @throws IllegalArgumentException for an empty batch, a different number of target rows, or an input
     *         row whose width is not nin (naming the row and both widths: {@link Architecture#checkBatch},
     *         the same messages on both engines); for l2 NaN, ±∞ or negative; or for targets the loss
     *         does not accept (hinge labels other than ±1, rows that are not one-hot for softmax
     *         cross-entropy), naming the value
     * @throws IllegalStateException if another thread is inside this network's {@code lossAndBackward}
     *         (or, on the tensor engine, its {@code update}) at the same time: a model is not thread-safe,
     *         and a second thread there is refused rather than given a wrong loss or wrong gradients
     */
    double lossAndBackward(double[][] inputs, double[][] targets, Loss loss, double l2);

    /**
     * The loss of a batch plus l2·Σ p² over every parameter, forward only: the number
     * {@link #lossAndBackward} returns for the same arguments, bit for bit, without its backward pass,
     * so the gradients are left as they are (a validation loss, say). The arguments are checked as
     * {@link #lossAndBackward} checks them, with the same messages.
     *
     * @param inputs n ≥ 1 rows of {@code nin} values
     * @param targets n rows of targets, one per output, that the loss accepts
     * @param loss the loss
     * @param l2 the L2 regularisation strength, finite and at least 0; 0 for none
     * @return the loss's value
     * @throws NullPointerException if an argument or a row is null, naming it
     * @throws IllegalArgumentException for the arguments {@link #lossAndBackward} refuses, with its messages
     * @throws IllegalStateException on the tensor engine, if another thread is inside this network's
     *         {@code loss}, {@code lossAndBackward} or {@code update} at the same time (they share its buffers)
     */
    double loss(double[][] inputs, double[][] targets, Loss loss, double l2);

    /**
     * Checks an L2 regularisation strength, as {@link #lossAndBackward} and the trainer do.
     *
     * @param l2 the strength
     * @return l2
     * @throws IllegalArgumentException if it is NaN, ±∞ or negative, naming it
     */
    static double checkL2(double l2) {
        if (!(l2 >= 0) || l2 == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("l2 must be finite and at least 0, got " + l2);
        }
        return l2;
    }
}
