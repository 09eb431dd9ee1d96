package org.backprop4j.nn;

/**
 * The losses both engines compute, over a batch of n predictions p (n×k) and targets t (n×k).
 * Each engine builds them from its own primitive operations, so their gradients come from autograd.
 */
public enum Loss {
    /** Σᵢⱼ (pᵢⱼ − tᵢⱼ)²: the seed's loss. */
    SUM_OF_SQUARES,
    /** Σᵢⱼ (pᵢⱼ − tᵢⱼ)² / (n·k). */
    MEAN_SQUARED,
    /** Σᵢ max(0, 1 − tᵢ·pᵢ) / n for one output and labels ±1: micrograd's max-margin loss. */
    HINGE,
    /**
     * Σᵢ (log Σⱼ e^{pᵢⱼ} − Σⱼ tᵢⱼ·pᵢⱼ) / n for logits p and one-hot t: softmax cross-entropy,
     * computed stably by subtracting each row's maximum first.
     */
    SOFTMAX_CROSS_ENTROPY;

    /**
     * Checks that targets fit this loss: one column of ±1 for {@link #HINGE}, one-hot rows for
     * {@link #SOFTMAX_CROSS_ENTROPY}.
     *
     * @param targets the targets
     * @param outputs the model's output width
     * @throws NullPointerException if targets or a row is null, naming the row
     * @throws IllegalArgumentException naming the first row that does not fit
     */
    public void checkTargets(double[][] targets, int outputs) {
        java.util.Objects.requireNonNull(targets, "targets");
        for (int i = 0; i < targets.length; i++) {
            double[] t = targets[i];
            if (t == null) {
                throw new NullPointerException("targets row " + i);
            }
            if (t.length != outputs) {
                throw new IllegalArgumentException(this + ": target row " + i + " has " + t.length
                        + " values, the model has " + outputs + " outputs");
            }
            if (this == HINGE && (outputs != 1 || (t[0] != 1 && t[0] != -1))) {
                throw new IllegalArgumentException("HINGE needs one output and labels ±1, target row " + i + " is "
                        + java.util.Arrays.toString(t));
            }
            if (this == SOFTMAX_CROSS_ENTROPY) {
                double sum = 0;
                for (double v : t) {
                    if (v != 0 && v != 1) {
                        sum = Double.NaN;
                    }
                    sum += v;
                }
                if (sum != 1) {
                    throw new IllegalArgumentException("SOFTMAX_CROSS_ENTROPY needs one-hot targets, row " + i + " is "
                            + java.util.Arrays.toString(t));
                }
            }
        }
    }
}
