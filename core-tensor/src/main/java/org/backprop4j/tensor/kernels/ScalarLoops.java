package org.backprop4j.tensor.kernels;

/**
 * The {@link FastMath} kernels one element at a time, on {@link Activation}'s formulas. The transcendental ones
 * ({@link KernelLoops}) run when the JVM has no Vector API; the arithmetic ones run always: they
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

    void addRow(double[] row, double[] m, int rows, int cols) {
        for (int r = 0, k = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++, k++) {
                m[k] += row[j];
            }
        }
    }

    void addColumnSums(double[] m, double[] row, int rows, int cols) {
        for (int r = 0, k = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++, k++) {
                row[j] += m[k];
            }
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

    /** gz = g ⊙ act'(y), written; biasGrad[j] += Σᵢ gz[i, j] when biasGrad is not null; one loop per activation. */
    void biasActivationBackward(Activation activation, double[] g, double[] y, double[] gz,
                                double[] biasGrad, int rows, int cols) {
        int n = rows * cols;
        switch (activation) {
            case TANH:
                for (int k = 0; k < n; k++) {
                    gz[k] = Activation.tanhDerivative(y[k]) * g[k];
                }
                break;
            case SIGMOID:
                for (int k = 0; k < n; k++) {
                    gz[k] = Activation.sigmoidDerivative(y[k]) * g[k];
                }
                break;
            case RELU:
                for (int k = 0; k < n; k++) {
                    gz[k] = y[k] > 0 ? g[k] : 0.0;
                }
                break;
            default:
                System.arraycopy(g, 0, gz, 0, n);
        }
        if (biasGrad != null) {
            addColumnSums(gz, biasGrad, rows, cols);
        }
    }
}
