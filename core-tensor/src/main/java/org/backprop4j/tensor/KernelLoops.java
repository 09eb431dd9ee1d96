package org.backprop4j.tensor;

/**
 * The loops behind {@link VectorKernels}, one implementation per JVM: {@link ScalarLoops}, or
 * {@code VectorLoops} on the Vector API. Arguments are checked by {@link VectorKernels}; each
 * method's contract is that of the {@link VectorKernels} method of the same name.
 */
interface KernelLoops {

    /** @return what runs the loops, e.g. {@code "Vector API (8 lanes)"} or {@code "scalar"} */
    String name();

    void tanh(double[] x, double[] y, int from, int to);

    void sigmoid(double[] x, double[] y, int from, int to);

    void exp(double[] x, double[] y, int from, int to);

    void log(double[] x, double[] y, int from, int to);

    void relu(double[] x, double[] y, int from, int to);

    void tanhBackward(double[] g, double[] y, double[] gx, int from, int to);

    void sigmoidBackward(double[] g, double[] y, double[] gx, int from, int to);

    void expBackward(double[] g, double[] y, double[] gx, int from, int to);

    void logBackward(double[] g, double[] x, double[] gx, int from, int to);

    void reluBackward(double[] g, double[] y, double[] gx, int from, int to);

    void addRow(double[] row, double[] m, int rows, int cols);

    void addColumnSums(double[] m, double[] row, int rows, int cols);

    void biasActivation(VectorKernels.Activation activation, double[] bias, double[] z, int rows, int cols);

    void biasActivationBackward(VectorKernels.Activation activation, double[] g, double[] y, double[] gz,
                                double[] biasGrad, int rows, int cols);
}
