package org.backprop4j.nn.tensor;

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
     * Copies a batch into the constants of its length. The batch must have been checked (as
     * {@code MLP.lossAndBackward} does first): n ≥ 1 rows, every row present and of the right width.
     *
     * @param x n rows of nin inputs
     * @param y n rows of nout targets
     */
    void fill(double[][] x, double[][] y) {
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
}
