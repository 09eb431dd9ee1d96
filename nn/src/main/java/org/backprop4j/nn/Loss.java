package org.backprop4j.nn;

import java.util.Arrays;
import java.util.Objects;

/**
 * The losses both engines compute, over a batch of n predictions p (n×k) and targets t (n×k).
 *
 * <p>Like {@link Activation}, this enum names the maths and states it, and checks targets; it holds
 * no engine code. Each engine's {@code Losses} builds every loss from its own primitive operations
 * (so gradients come from autograd), reached through one exhaustive {@code switch} in
 * {@code Losses.of}.
 */
public enum Loss {
    /** Σᵢⱼ (pᵢⱼ − tᵢⱼ)²: the seed's loss; PyTorch's {@code ((p - t) ** 2).sum()}, at ±∞ and ±1e308 too. */
    SUM_OF_SQUARES,
    /**
     * Σᵢⱼ (pᵢⱼ − tᵢⱼ)² / (n·k); PyTorch's {@code ((p - t) ** 2).mean()}, at ±∞ and ±1e308 too. (PyTorch's
     * fused {@code F.mse_loss} scales by 2/(n·k) before it multiplies by p − t, so where 2·(p − t)
     * overflows, e.g. p = 1e308, t = 0, its gradient is finite and this one ±∞; the loss is +∞ on both.)
     */
    MEAN_SQUARED,
    /**
     * Σᵢⱼ max(0, 1 − tᵢⱼ·pᵢⱼ) / (n·k) for labels tᵢⱼ = ±1: the binary hinge loss averaged over every
     * element, so each of the k outputs is its own ±1 classifier. With one output it is micrograd's
     * max-margin loss, {@code sum(relu(1 - y·score)) / n}; it is PyTorch's
     * {@code torch.clamp(1 - t * p, min=0).mean()} for any k, gradient included: at the kink
     * 1 − tᵢⱼ·pᵢⱼ = 0 (pᵢⱼ = tᵢⱼ) the derivative by pᵢⱼ is clamp's −tᵢⱼ/(n·k), not the 0 that relu′(0)
     * would give (micrograd's demo and {@code torch.relu} give 0 there).
     */
    HINGE,
    /**
     * Σᵢ (log Σⱼ e^{pᵢⱼ} − Σⱼ tᵢⱼ·pᵢⱼ) / n for logits p and one-hot t: softmax cross-entropy,
     * computed stably by subtracting each row's maximum first; PyTorch's
     * {@code F.cross_entropy(p, t.argmax(1))}. A logit of −∞ off the target adds nothing (its 0·(−∞)
     * is never formed), so rows such as [−∞, 2, 1] and [1e308, −1e308] are finite; a row holding +∞
     * or NaN, or only −∞, is NaN, as in PyTorch. (PyTorch's probability-target form
     * {@code F.cross_entropy(p, t)} is NaN for any −∞ logit off the target.)
     */
    SOFTMAX_CROSS_ENTROPY;

    /**
     * Checks that targets fit this loss: labels ±1 for {@link #HINGE}, one-hot rows of at least two
     * columns for {@link #SOFTMAX_CROSS_ENTROPY}, any values for the squared losses.
     *
     * @param targets the targets, one row per sample
     * @param outputs the model's output width
     * @throws NullPointerException if targets or a row is null, naming it
     * @throws IllegalArgumentException for softmax cross-entropy over one output, or naming the first row that
     *         does not fit, and its values
     */
    public void checkTargets(double[][] targets, int outputs) {
        Objects.requireNonNull(targets, "targets");
        checkWidth(outputs);
        for (int i = 0; i < targets.length; i++) {
            double[] t = targets[i];
            if (t == null) {
                throw new NullPointerException("targets row " + i);
            }
            if (t.length != outputs) {
                throw new IllegalArgumentException(this + ": target row " + i + " has " + t.length
                        + " values, the model has " + outputs + " outputs");
            }
            checkRow(t, 0, outputs, i);
        }
    }

    /**
     * The same check on targets held row by row in one array, as a tensor holds them.
     *
     * @param rowMajor rows·cols targets, row by row
     * @param rows the number of rows
     * @param cols the number of targets per row
     * @throws NullPointerException if rowMajor is null
     * @throws IllegalArgumentException if the array is shorter than rows·cols, for softmax cross-entropy over one
     *         column, or naming the first row that does not fit
     */
    public void checkTargets(double[] rowMajor, int rows, int cols) {
        Objects.requireNonNull(rowMajor, "rowMajor");
        if (rows < 0 || cols < 0 || (long) rows * cols > rowMajor.length) {
            throw new IllegalArgumentException(rows + "x" + cols + " targets need " + (long) rows * cols
                    + " values, the array has " + rowMajor.length);
        }
        checkWidth(cols);
        for (int i = 0; i < rows; i++) {
            checkRow(rowMajor, i * cols, cols, i);
        }
    }

    /** Softmax over one logit is 1 whatever the logit: the loss is 0 and trains nothing, so one output is refused. */
    private void checkWidth(int outputs) {
        if (this == SOFTMAX_CROSS_ENTROPY && outputs == 1) {
            throw new IllegalArgumentException("SOFTMAX_CROSS_ENTROPY needs at least 2 outputs, one per class: over 1 output the"
                    + " softmax is 1 whatever the logit, so the loss is 0 and nothing trains (for two classes use 2 outputs, or"
                    + " HINGE with labels ±1)");
        }
    }

    private void checkRow(double[] values, int from, int cols, int row) {
        if (this == HINGE) {
            for (int j = from; j < from + cols; j++) {
                if (values[j] != 1 && values[j] != -1) {
                    throw new IllegalArgumentException("HINGE needs labels ±1, target row " + row + " column " + (j - from)
                            + " is " + values[j] + " (row " + Arrays.toString(Arrays.copyOfRange(values, from, from + cols)) + ")");
                }
            }
        } else if (this == SOFTMAX_CROSS_ENTROPY) {
            double sum = 0;
            for (int j = from; j < from + cols; j++) {
                if (values[j] != 0 && values[j] != 1) {
                    sum = Double.NaN;
                }
                sum += values[j];
            }
            if (sum != 1) {
                throw new IllegalArgumentException("SOFTMAX_CROSS_ENTROPY needs one-hot targets, row " + row + " is "
                        + Arrays.toString(Arrays.copyOfRange(values, from, from + cols)));
            }
        }
    }
}
