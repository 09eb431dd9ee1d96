package org.backprop4j.nn.train;

import java.util.Objects;

/** Scores of predictions against targets. */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The share of rows classified right, with positives above 0: {@code accuracy(predictions, targets, 0)},
     * right for scores against labels ±1 (hinge) and for one-hot targets (softmax cross-entropy).
     *
     * @param predictions n rows of outputs
     * @param targets n rows of targets
     * @return a fraction in [0, 1]
     * @see #accuracy(double[][], double[][], double)
     */
    public static double accuracy(double[][] predictions, double[][] targets) {
        return accuracy(predictions, targets, 0);
    }

    /**
     * The share of rows classified right. Rows must all have one width, the same for predictions
     * and targets, and it decides the rule:
     * <ul>
     * <li><b>one column</b> (a binary classifier): a value is positive when it is greater than
     * {@code threshold}, and a row is right when prediction and target are both positive or both not.
     * Use 0 for scores against labels ±1 (tanh, identity, hinge) and 0.5 for probabilities against
     * labels 0/1 (sigmoid);</li>
     * <li><b>several columns</b> (one class per column): a row is right when its largest prediction
     * is in the column of its largest target ({@link #argmax}), which must be in one column only (a
     * target row of ties, such as all zeros, names no class); the threshold plays no part.</li>
     * </ul>
     *
     * @param predictions n ≥ 1 rows of outputs, none NaN
     * @param targets n rows of targets, none NaN
     * @param threshold the boundary of a positive value in one-column rows, finite
     * @return a fraction in [0, 1]
     * @throws NullPointerException if an array or a row is null, naming it
     * @throws IllegalArgumentException if there are no rows, a different number of predictions and
     *         targets, an empty row, a row of another width than row 0 or than its target, a NaN, a
     *         several-column target row whose largest value is tied, or a threshold that is not finite;
     *         naming the row
     */
    public static double accuracy(double[][] predictions, double[][] targets, double threshold) {
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(targets, "targets");
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, got " + threshold);
        }
        if (predictions.length != targets.length || predictions.length == 0) {
            throw new IllegalArgumentException("accuracy needs as many predictions as targets, at least one; got "
                    + predictions.length + " and " + targets.length);
        }
        int right = 0;
        for (int i = 0; i < predictions.length; i++) {
            double[] p = checkRow(predictions, i, "predictions");
            double[] t = checkRow(targets, i, "targets");
            if (p.length != t.length || p.length != predictions[0].length) {
                throw new IllegalArgumentException("row " + i + " has " + p.length + " predictions and " + t.length
                        + " targets; every row must be as wide as row 0 (" + predictions[0].length + ")");
            }
            boolean correct = p.length == 1
                    ? (p[0] > threshold) == (t[0] > threshold)
                    : argmax(p) == targetClass(t, i);
            if (correct) {
                right++;
            }
        }
        return (double) right / predictions.length;
    }

    /**
     * The column of a several-column target row's largest value, which must be there alone: a row
     * whose largest value is tied (all zeros, [0.5, 0.5]) names no class, and scoring it as its first
     * column would count predictions of that column as right.
     */
    private static int targetClass(double[] t, int row) {
        int best = argmax(t);
        for (int j = best + 1; j < t.length; j++) {
            if (t[j] == t[best]) {
                throw new IllegalArgumentException("targets row " + row + " has its largest value " + t[best] + " in columns "
                        + best + " and " + j + ": a target row must name one class");
            }
        }
        return best;
    }

    private static double[] checkRow(double[][] rows, int i, String name) {
        double[] row = rows[i];
        if (row == null) {
            throw new NullPointerException(name + " row " + i);
        }
        if (row.length == 0) {
            throw new IllegalArgumentException(name + " row " + i + " is empty");
        }
        for (int j = 0; j < row.length; j++) {
            if (Double.isNaN(row[j])) {
                throw new IllegalArgumentException(name + " row " + i + " column " + j + " is NaN");
            }
        }
        return row;
    }

    /**
     * The index of the largest value in a row.
     *
     * @param values a non-empty row without NaN
     * @return the index of its largest value, the first on ties
     * @throws NullPointerException if values is null
     * @throws IllegalArgumentException if values is empty or holds a NaN, naming its index
     */
    public static int argmax(double[] values) {
        Objects.requireNonNull(values, "values");
        if (values.length == 0) {
            throw new IllegalArgumentException("argmax of an empty row");
        }
        int best = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                throw new IllegalArgumentException("argmax of a row with NaN at index " + i);
            }
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
