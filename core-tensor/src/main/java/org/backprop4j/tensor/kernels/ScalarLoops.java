package org.backprop4j.tensor.kernels;

/**
 * The {@link FastMath} kernels one element at a time, on {@link Activation}'s formulas. The transcendental ones
 * ({@link KernelLoops}) and the column sums run when the JVM has no Vector API (and the column sums while its lanes
 * warm up); the other arithmetic ones run always: they
 * cost a fraction of a nanosecond an element, C2 vectorises several of them by itself, and a
 * Vector API loop would only add the slow start of code the JIT has not compiled yet.
 */
final class ScalarLoops implements KernelLoops {

    /** The one instance. */
    static final ScalarLoops INSTANCE = new ScalarLoops();

    private ScalarLoops() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void tanh(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = Activation.tanh(x[i]);
        }
    }

    @Override
    public void sigmoid(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = Activation.sigmoid(x[i]);
        }
    }

    @Override
    public void exp(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = Math.exp(x[i]);
        }
    }

    @Override
    public void log(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = Math.log(x[i]);
        }
    }

    void relu(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = Activation.relu(x[i]);
        }
    }

    void tanhBackward(double[] g, double[] y, double[] gx, int from, int to) {
        for (int i = from; i < to; i++) {
            gx[i] += Activation.tanhDerivative(y[i]) * g[i];
        }
    }

    void sigmoidBackward(double[] g, double[] y, double[] gx, int from, int to) {
        for (int i = from; i < to; i++) {
            gx[i] += Activation.sigmoidDerivative(y[i]) * g[i];
        }
    }

    void expBackward(double[] g, double[] y, double[] gx, int from, int to) {
        for (int i = from; i < to; i++) {
            gx[i] += y[i] * g[i];
        }
    }

    void logBackward(double[] g, double[] x, double[] gx, int from, int to) {
        for (int i = from; i < to; i++) {
            gx[i] += g[i] / x[i];
        }
    }

    void reluBackward(double[] g, double[] y, double[] gx, int from, int to) {
        for (int i = from; i < to; i++) {
            if (y[i] > 0) {
                gx[i] += g[i];
            }
        }
    }

    /** m[i, j] += row[j]; a single column (the output of a one-output layer) in one flat loop, not a loop of one per row. */
    void addRow(double[] row, double[] m, int rows, int cols) {
        if (cols == 1) {
            double b = row[0];
            for (int k = 0; k < rows; k++) {
                m[k] += b;
            }
            return;
        }
        for (int r = 0, k = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++, k++) {
                m[k] += row[j];
            }
        }
    }

    /**
     * row[j] += m[0, j] + m[1, j] + … for the rows×cols matrix m that starts at index from, added one
     * row after another, as a loop over the rows of m would: eight columns at a time, each column's running sum held in a local, so eight sums proceed
     * side by side instead of each element paying a load and a store of row[j] (C2 does not vectorise
     * that loop: row and m might be one array). At {@code moons} (16 wide) this took the column sums
     * from 17% to 9% of a step's Java samples in a JFR profile, and the lanes to 4.5% (before their two-vector blocks).
     */
    @Override
    public void addColumnSums(double[] m, int from, double[] row, int rows, int cols) {
        int j = 0;
        for (; j + 8 <= cols; j += 8) {
            double s0 = row[j];
            double s1 = row[j + 1];
            double s2 = row[j + 2];
            double s3 = row[j + 3];
            double s4 = row[j + 4];
            double s5 = row[j + 5];
            double s6 = row[j + 6];
            double s7 = row[j + 7];
            for (int r = 0, k = from + j; r < rows; r++, k += cols) {
                s0 += m[k];
                s1 += m[k + 1];
                s2 += m[k + 2];
                s3 += m[k + 3];
                s4 += m[k + 4];
                s5 += m[k + 5];
                s6 += m[k + 6];
                s7 += m[k + 7];
            }
            row[j] = s0;
            row[j + 1] = s1;
            row[j + 2] = s2;
            row[j + 3] = s3;
            row[j + 4] = s4;
            row[j + 5] = s5;
            row[j + 6] = s6;
            row[j + 7] = s7;
        }
        for (; j < cols; j++) {
            double s = row[j];
            for (int r = 0, k = from + j; r < rows; r++, k += cols) {
                s += m[k];
            }
            row[j] = s;
        }
    }

    @Override
    public void biasTanh(double[] bias, double[] z, int rows, int cols) {
        for (int r = 0, k = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++, k++) {
                z[k] = Activation.tanh(z[k] + bias[j]);
            }
        }
    }

    @Override
    public void biasSigmoid(double[] bias, double[] z, int rows, int cols) {
        for (int r = 0, k = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++, k++) {
                z[k] = Activation.sigmoid(z[k] + bias[j]);
            }
        }
    }

    void biasRelu(double[] bias, double[] z, int rows, int cols) {
        for (int r = 0, k = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++, k++) {
                z[k] = Activation.relu(z[k] + bias[j]);
            }
        }
    }

    /** z[k] += bias[k mod cols] on the elements [from, to) of a row-major matrix of cols columns. */
    void addBias(double[] bias, double[] z, int cols, int from, int to) {
        for (int k = from, j = from % cols; k < to; k++) {
            z[k] += bias[j];
            if (++j == cols) {
                j = 0;
            }
        }
    }

    /**
     * {@link #biasActivationBackward} on the columns [fromCol, toCol) alone: row by row, gz[i, j] =
     * act'(y[i, j])·g[i, j] and biasGrad[j] += gz[i, j], so each column's sum is added in the order of
     * its rows, as in the whole pass.
     */
    void biasActivationBackwardColumns(Activation activation, double[] g, double[] y, double[] gz,
                                       double[] biasGrad, int rows, int cols, int fromCol, int toCol) {
        for (int r = 0, base = 0; r < rows; r++, base += cols) {
            for (int j = fromCol, k = base + fromCol; j < toCol; j++, k++) {
                double local = local(activation, g[k], y[k]);
                gz[k] = local;
                if (biasGrad != null) {
                    biasGrad[j] += local;
                }
            }
        }
    }

    /** g·act'(y) as the whole pass below writes it (for ReLU, g or 0, never −0 or NaN from 0·g). */
    private static double local(Activation activation, double g, double y) {
        switch (activation) {
            case TANH:
                return Activation.tanhDerivative(y) * g;
            case SIGMOID:
                return Activation.sigmoidDerivative(y) * g;
            case RELU:
                return y > 0 ? g : 0.0;
            default:
                return g;
        }
    }

    /**
     * The whole backward pass of the layer's bias and activation, a block of whole rows of about
     * {@link FastMath#BACKWARD_BLOCK} values at a time: gz = g ⊙ act'(y) on the block ({@link #activationBackward}, a loop
     * C2 vectorises), then the block's rows added into the column sums ({@link #addColumnSums}) while they are in L1, not
     * in a second pass over gz. Each column is still summed down its rows in order: a running sum stored and loaded again
     * between blocks is the same double. Called several times a pass, the map's loop is compiled within a fresh JVM's
     * first steps (called once a pass, it would run interpreted, or from an on-stack replacement, for its first passes),
     * and long enough for C2's vector loop (a row of 16 a call ran in its scalar pre- and post-loops).
     */
    @Override
    public void biasActivationBackward(Activation activation, double[] g, double[] y, double[] gz, double[] biasGrad, int rows,
                                       int cols) {
        if (cols == 0) {
            return;
        }
        int blockRows = Math.max(1, FastMath.BACKWARD_BLOCK / cols);
        for (int r = 0; r < rows; r += blockRows) {
            int count = Math.min(blockRows, rows - r);
            activationBackward(activation, g, y, gz, r * cols, (r + count) * cols);
            if (biasGrad != null) {
                addColumnSums(gz, r * cols, biasGrad, count, cols);
            }
        }
    }

    /** gz = g ⊙ act'(y), written, over the elements [from, to); one loop per activation. */
    void activationBackward(Activation activation, double[] g, double[] y, double[] gz, int from, int to) {
        switch (activation) {
            case TANH:
                for (int k = from; k < to; k++) {
                    gz[k] = Activation.tanhDerivative(y[k]) * g[k];
                }
                break;
            case SIGMOID:
                for (int k = from; k < to; k++) {
                    gz[k] = Activation.sigmoidDerivative(y[k]) * g[k];
                }
                break;
            case RELU:
                for (int k = from; k < to; k++) {
                    gz[k] = y[k] > 0 ? g[k] : 0.0;
                }
                break;
            default:
                System.arraycopy(g, from, gz, from, to - from);
        }
    }

    /**
     * Whether every {@code values[i] − rate·gradients[i]} in [from, to) is finite: their sum is finite
     * only if every one is (a NaN or ±∞ makes it NaN or ±∞), and four partial sums cost a quarter of
     * one; a sum that overflowed is settled element by element.
     */
    @Override
    public boolean finiteAfterDescent(double[] values, double[] gradients, double rate, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            s0 += values[i] - rate * gradients[i];
            s1 += values[i + 1] - rate * gradients[i + 1];
            s2 += values[i + 2] - rate * gradients[i + 2];
            s3 += values[i + 3] - rate * gradients[i + 3];
        }
        for (; i < to; i++) {
            s0 += values[i] - rate * gradients[i];
        }
        return Double.isFinite(s0 + s1 + s2 + s3) || eachFiniteAfterDescent(values, gradients, rate, from, to);
    }

    /** Whether every {@code values[i] − rate·gradients[i]} in [from, to) is finite, one at a time. */
    static boolean eachFiniteAfterDescent(double[] values, double[] gradients, double rate, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Double.isFinite(values[i] - rate * gradients[i])) {
                return false;
            }
        }
        return true;
    }
}
