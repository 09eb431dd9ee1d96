package org.backprop4j.nn.tensor;

import java.util.Locale;
import java.util.Objects;

import org.backprop4j.tensor.Tensor;

/**
 * The constants that hold a batch given as arrays, refilled step after step instead of allocated:
 * one inputs and one targets tensor per batch length, for the two most recent lengths (a training
 * loop has at most two: full batches and the shorter last one of an epoch).
 */
final class BatchConstants {

    private final int nin;
    private final int nout;
    private Tensor inputs;
    private Tensor targets;
    private Tensor previousInputs;
    private Tensor previousTargets;

    BatchConstants(int nin, int nout) {
        this.nin = nin;
        this.nout = nout;
    }

    /**
     * Copies a batch into the constants of its length, after checking it whole.
     *
     * @param x n ≥ 1 rows of nin inputs
     * @param y n rows of nout targets
     * @throws NullPointerException if an array or row is null, naming it
     * @throws IllegalArgumentException if the row counts differ or are 0, or a row has the wrong width, naming it
     */
    void fill(double[][] x, double[][] y) {
        check(x, y);
        int n = x.length;
        if (inputs == null || inputs.rows() != n) {
            if (previousInputs != null && previousInputs.rows() == n) {
                Tensor t = previousInputs;
                previousInputs = inputs;
                inputs = t;
                t = previousTargets;
                previousTargets = targets;
                targets = t;
            } else {
                previousInputs = inputs;
                previousTargets = targets;
                inputs = Tensor.constant(n, nin, new double[n * nin]);
                targets = Tensor.constant(n, nout, new double[n * nout]);
            }
        }
        double[] xs = inputs.data().data;
        double[] ys = targets.data().data;
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[i], 0, xs, i * nin, nin);
            System.arraycopy(y[i], 0, ys, i * nout, nout);
        }
    }

    /** @return the inputs of the last batch filled, n×nin */
    Tensor inputs() {
        return inputs;
    }

    /** @return the targets of the last batch filled, n×nout */
    Tensor targets() {
        return targets;
    }

    private void check(double[][] x, double[][] y) {
        Objects.requireNonNull(x, "inputs");
        Objects.requireNonNull(y, "targets");
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("a batch needs as many input rows as target rows, at least one; got "
                    + x.length + " and " + y.length);
        }
        for (int i = 0; i < x.length; i++) {
            checkRow(x[i], "inputs", i, nin, "the network expects %d inputs");
            checkRow(y[i], "targets", i, nout, "the network has %d outputs");
        }
    }

    /** Checks one row; {@code expected} is a format of the width, built only for the message of a wrong row. */
    private static void checkRow(double[] row, String name, int i, int width, String expected) {
        if (row == null) {
            throw new NullPointerException(name + " row " + i);
        }
        if (row.length != width) {
            throw new IllegalArgumentException(name + " row " + i + " has " + row.length + " values, "
                    + String.format(Locale.ROOT, expected, width));
        }
    }
}
