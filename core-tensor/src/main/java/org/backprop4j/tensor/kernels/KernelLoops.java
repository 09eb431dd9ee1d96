package org.backprop4j.tensor.kernels;

/**
 * The transcendental loops behind {@link FastMath}: {@link ScalarLoops}, or on the Vector API
 * {@code VectorLoops} (the lanes), {@link ScalarTwins} (the same bits one element at a time) and
 * {@link SwitchingLoops} (the twins until the lanes are compiled). Arguments are checked by
 * {@link FastMath}; each method's contract is that of the {@link FastMath} method of the
 * same name ({@code biasTanh} and {@code biasSigmoid} are {@link FastMath#biasActivation}). The two
 * arithmetic loops among them are here because C2 does not vectorise them by itself: {@code addColumnSums}
 * (the sums run down the columns, and the array summed into might be the one summed), so on narrow
 * layers the lanes add a column block a row at a time where scalar code adds one element; and
 * {@code finiteAfterDescent}, a sum whose order C2 must keep, so the lanes sum a vector of terms at a
 * time where scalar code sums four.
 */
interface KernelLoops {

    /** @return what runs the loops, e.g. {@code "Vector API (8 lanes)"} or {@code "scalar"} */
    String name();

    /** @return these loops without a scalar stand-in while the JIT warms up: the lanes alone (the tests hold every lane to them) */
    default KernelLoops lanesOnly() {
        return this;
    }

    void tanh(double[] x, double[] y, int from, int to);

    void sigmoid(double[] x, double[] y, int from, int to);

    void exp(double[] x, double[] y, int from, int to);

    void log(double[] x, double[] y, int from, int to);

    void biasTanh(double[] bias, double[] z, int rows, int cols);

    void biasSigmoid(double[] bias, double[] z, int rows, int cols);

    /** row[j] += m[from + 0·cols + j] + m[from + 1·cols + j] + …: the column sums of the rows×cols matrix that starts at m[from]. */
    void addColumnSums(double[] m, int from, double[] row, int rows, int cols);

    /**
     * gz = g ⊙ act'(y) over the row-major rows×cols matrices, and biasGrad[j] += Σᵢ gz[i, j] (each column added down its
     * rows in order) when biasGrad is not null: {@link FastMath}'s whole-matrix {@code biasActivationBackward}.
     */
    void biasActivationBackward(Activation activation, double[] g, double[] y, double[] gz, double[] biasGrad, int rows, int cols);

    boolean finiteAfterDescent(double[] values, double[] gradients, double rate, int from, int to);
}
