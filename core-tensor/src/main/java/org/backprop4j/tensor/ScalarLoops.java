package org.backprop4j.tensor;

/**
 * The {@link VectorKernels} loops one element at a time: what runs when the JVM has no Vector API,
 * and the reference the vector loops are tested against.
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
            y[i] = FastMath.tanh(x[i]);
        }
    }

    @Override
    public void sigmoid(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = FastMath.sigmoid(x[i]);
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

    @Override
    public void relu(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = x[i] < 0 ? 0.0 : x[i];
        }
    }

    @Override
    public void tanhBackward(double[] g, double[] y, double[] gx, int from, int to) {
        for (int i = from; i < to; i++) {
            gx[i] += (1 - y[i] * y[i]) * g[i];
        }
    }

    @Override
    public void sigmoidBackward(double[] g, double[] y, double[] gx, int from, int to) {
        for (int i = from; i < to; i++) {
            gx[i] += y[i] * (1 - y[i]) * g[i];
        }
    }

    @Override
    public void expBackward(double[] g, double[] y, double[] gx, int from, int to) {
        for (int i = from; i < to; i++) {
            gx[i] += y[i] * g[i];
        }
    }

    @Override
    public void logBackward(double[] g, double[] x, double[] gx, int from, int to) {
        for (int i = from; i < to; i++) {
            gx[i] += g[i] / x[i];
        }
    }

    @Override
    public void reluBackward(double[] g, double[] y, double[] gx, int from, int to) {
        for (int i = from; i < to; i++) {
            if (y[i] > 0) {
                gx[i] += g[i];
            }
        }
    }

    @Override
    public void addRow(double[] row, double[] m, int rows, int cols) {
        for (int r = 0, k = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++, k++) {
                m[k] += row[j];
            }
        }
    }

    @Override
    public void addColumnSums(double[] m, double[] row, int rows, int cols) {
        for (int r = 0, k = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++, k++) {
                row[j] += m[k];
            }
        }
    }

    @Override
    public void biasActivation(VectorKernels.Activation activation, double[] bias, double[] z, int rows, int cols) {
        switch (activation) {
            case TANH:
                for (int r = 0, k = 0; r < rows; r++) {
                    for (int j = 0; j < cols; j++, k++) {
                        z[k] = FastMath.tanh(z[k] + bias[j]);
                    }
                }
                break;
            case SIGMOID:
                for (int r = 0, k = 0; r < rows; r++) {
                    for (int j = 0; j < cols; j++, k++) {
                        z[k] = FastMath.sigmoid(z[k] + bias[j]);
                    }
                }
                break;
            case RELU:
                for (int r = 0, k = 0; r < rows; r++) {
                    for (int j = 0; j < cols; j++, k++) {
                        double s = z[k] + bias[j];
                        z[k] = s < 0 ? 0.0 : s;
                    }
                }
                break;
            default:
                addRow(bias, z, rows, cols);
        }
    }

    @Override
    public void biasActivationBackward(VectorKernels.Activation activation, double[] g, double[] y, double[] gz,
                                       double[] biasGrad, int rows, int cols) {
        for (int r = 0, k = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++, k++) {
                double local = switch (activation) {
                    case TANH -> (1 - y[k] * y[k]) * g[k];
                    case SIGMOID -> y[k] * (1 - y[k]) * g[k];
                    case RELU -> y[k] > 0 ? g[k] : 0.0;
                    case IDENTITY -> g[k];
                };
                gz[k] = local;
                if (biasGrad != null) {
                    biasGrad[j] += local;
                }
            }
        }
    }
}
