package org.backprop4j.tensor.kernels;

/**
 * The scalar twins of the Vector API lanes ({@code VectorLoops}): the same formulas one element at
 * a time, giving the same bits as the lanes for every input, NaN's sign included. {@code exp} and
 * {@code log} are {@link StrictMath}'s (fdlibm's, as the lanes compute them); {@code tanh} and
 * {@code sigmoid} are {@link Activation}'s formulas on {@link StrictMath#exp} (where
 * {@link ScalarLoops} uses the intrinsic {@link Math#exp}, which may differ by an ulp).
 *
 * <p>They run while the lanes are not yet compiled ({@link SwitchingLoops}), and the lanes run
 * {@link #tanh(double)} and {@link #sigmoid(double)} on the elements past their last whole vector.
 */
final class ScalarTwins implements KernelLoops {

    /** The one instance. */
    static final ScalarTwins INSTANCE = new ScalarTwins();

    /** Below |x| = 1 tanh is the Padé approximant ({@link Activation#PADE_LIMIT}). */
    static final double PADE_LIMIT = Activation.PADE_LIMIT;

    /** Below |x| = 2⁻²⁷, tanh x = x in double precision ({@link Activation#TANH_TINY}). */
    static final double TANH_TINY = Activation.TANH_TINY;

    private ScalarTwins() {
    }

    @Override
    public String name() {
        return "scalar twins";
    }

    @Override
    public void tanh(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = tanh(x[i]);
        }
    }

    @Override
    public void sigmoid(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = sigmoid(x[i]);
        }
    }

    @Override
    public void exp(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = StrictMath.exp(x[i]);
        }
    }

    @Override
    public void log(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = StrictMath.log(x[i]);
        }
    }

    @Override
    public void biasTanh(double[] bias, double[] z, int rows, int cols) {
        for (int r = 0, k = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++, k++) {
                z[k] = tanh(z[k] + bias[j]);
            }
        }
    }

    @Override
    public void biasSigmoid(double[] bias, double[] z, int rows, int cols) {
        for (int r = 0, k = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++, k++) {
                z[k] = sigmoid(z[k] + bias[j]);
            }
        }
    }

    /**
     * tanh x: {@link Activation#tanhBelowOne} below |x| = 1, else ±(1 − 2/(e^{2|x|} + 1)) on {@link StrictMath#exp}, the sign taken from x's
     * sign bit so that a NaN with its sign set keeps it.
     */
    static double tanh(double x) {
        double a = Math.abs(x);
        if (a < PADE_LIMIT) {
            return Activation.tanhBelowOne(x);
        }
        double d = 2.0 / (StrictMath.exp(a + a) + 1.0);
        return Double.doubleToRawLongBits(x) < 0 ? -(1.0 - d) : 1.0 - d;
    }

    /** σ(x) = 1/(1 + t) for x ≥ 0 and t/(1 + t) below, with t = e^{−|x|} on {@link StrictMath#exp}. */
    static double sigmoid(double x) {
        double t = StrictMath.exp(-Math.abs(x));
        return (x >= 0 ? 1.0 : t) / (t + 1.0);
    }
}
