package org.backprop4j.scalar;

/**
 * Thrown while {@link Anomaly} detection is on, by the first operation whose result or gradient is
 * NaN or ±∞. Its message names the operation and its operands; its cause, when there is one,
 * carries the stack trace of the code that created the offending node.
 */
public final class AnomalyException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming the operation and its operands
     * @param creationSite where the offending node was created, or null when that is the current stack
     */
    AnomalyException(String message, Throwable creationSite) {
        super(message);
        if (creationSite != null) {
            initCause(creationSite);
        }
    }
}
