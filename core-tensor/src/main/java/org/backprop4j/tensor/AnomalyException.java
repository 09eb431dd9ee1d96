package org.backprop4j.tensor;

/**
 * Thrown while {@link Anomaly} detection is on, by the first operation whose result or gradient
 * holds a NaN or ±∞. Its message names the operation, the shapes and the operands; its cause, when
 * there is one, carries the stack trace of the code that created the offending tensor.
 */
public final class AnomalyException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    AnomalyException(String message, Throwable creationSite) {
        super(message);
        if (creationSite != null) {
            initCause(creationSite);
        }
    }
}
