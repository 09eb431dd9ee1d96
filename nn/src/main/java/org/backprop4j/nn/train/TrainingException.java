package org.backprop4j.nn.train;

/**
 * Training stopped: the loss or the gradients became NaN or ±∞, or an update would have made a
 * parameter NaN or ±∞. The parameters are as before the failing step, which the message names.
 */
public final class TrainingException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    /**
     * A training failure, described by its message.
     *
     * @param message what went wrong and where
     */
    public TrainingException(String message) {
        super(message);
    }
}
