package org.backprop4j.tensor;

import java.util.Objects;

/**
 * The tensor engine's element-wise kernels over {@code double[]} ranges: activations and their
 * backward maps, the bias broadcast, and the bias-plus-activation pass of a fully connected layer.
 *
 * <p>The transcendental ones ({@code tanh}, {@code sigmoid}, {@code exp}, {@code log}, and the
 * layer pass with tanh or sigmoid) run on the JDK's Vector API ({@code VectorLoops}, through
 * {@link SwitchingLoops}, which runs their {@link ScalarTwins} until the JIT has compiled them) when
 * the JVM was started with {@code --add-modules jdk.incubator.vector}, and as plain scalar loops
 * ({@link ScalarLoops}: {@link FastMath}, {@link Math#exp}, {@link Math#log}) otherwise, or always
 * with {@code -Dbackprop4j.simd=false} or on a processor without fused multiply-add
 * ({@link ScalarTwins#fusedMultiplyAddInHardware}). Which one runs is decided once, when this class
 * initialises; a JVM without the module never loads {@code VectorLoops}, and a JVM with it loads
 * it (and the Vector API's classes) on the warm-up thread, not on the thread of the first kernel. Either way each result is
 * within 2 ulp of {@link StrictMath} and the same from run to run; the vector path's {@code exp}
 * and {@code log} equal {@link StrictMath}'s bit for bit. The arithmetic kernels (ReLU, the
 * backward maps, the bias) are scalar loops on every JVM.
 *
 * <p>Forward maps write {@code y[i]} for i in [from, to) and may run in place ({@code y == x});
 * backward maps add their share into {@code gx[i]}, as every backward rule does.
 */
final class VectorKernels {

    /** {@code -Dbackprop4j.simd=false} keeps every kernel on the scalar loops. */
    static final String PROPERTY = "backprop4j.simd";

    /** The activation applied by the fused layer kernels. */
    enum Activation {
        /** y = z; ∂y/∂z = 1. */
        IDENTITY,
        /** y = tanh z; ∂y/∂z = 1 − y². */
        TANH,
        /** y = σ(z); ∂y/∂z = y(1 − y). */
        SIGMOID,
        /** y = max(0, z); ∂y/∂z = 1 where y &gt; 0, else 0. */
        RELU
    }

    /** The name of the one class that uses {@code jdk.incubator.vector}, compiled on its own. */
    private static final String VECTOR_LOOPS = "org.backprop4j.tensor.VectorLoops";

    /** The loops that run: a constant, so the JIT inlines straight into them. */
    private static final KernelLoops LOOPS = choose();

    /** Whether the kernels run on the Vector API. */
    static final boolean SIMD = LOOPS != ScalarLoops.INSTANCE;

    private VectorKernels() {
    }

    private static KernelLoops choose() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()
                || !ScalarTwins.fusedMultiplyAddInHardware()) {
            return ScalarLoops.INSTANCE;
        }
        return SwitchingLoops.warmingUp(VectorKernels::vectorLoops);
    }

    /** @return a new {@code VectorLoops}, loaded by name: a JVM without the module never loads it */
    private static KernelLoops vectorLoops() {
        try {
            return (KernelLoops) Class.forName(VECTOR_LOOPS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + VECTOR_LOOPS, e);
        }
    }

    /** @return what runs the kernels, e.g. {@code "Vector API (8 lanes)"} or {@code "scalar"} */
    static String path() {
        return LOOPS.name();
    }

    /** @return the transcendental loops that run, for the tests that compare both paths */
    static KernelLoops loops() {
        return LOOPS;
    }

    // ------------------------------------------------------------------ forward maps

    /** y = tanh x on [from, to) ({@link FastMath#tanh}'s formula). */
    static void tanh(double[] x, double[] y, int from, int to) {
        check(x, y, from, to);
        LOOPS.tanh(x, y, from, to);
    }

    /** y = σ(x) = 1/(1 + e⁻ˣ) on [from, to) ({@link FastMath#sigmoid}'s formula). */
    static void sigmoid(double[] x, double[] y, int from, int to) {
        check(x, y, from, to);
        LOOPS.sigmoid(x, y, from, to);
    }

    /** y = eˣ on [from, to). */
    static void exp(double[] x, double[] y, int from, int to) {
        check(x, y, from, to);
        LOOPS.exp(x, y, from, to);
    }

    /** y = ln x on [from, to): −∞ at ±0, NaN below 0. */
    static void log(double[] x, double[] y, int from, int to) {
        check(x, y, from, to);
        LOOPS.log(x, y, from, to);
    }

    /** y = max(0, x) on [from, to) (NaN stays NaN, −0 stays −0). */
    static void relu(double[] x, double[] y, int from, int to) {
        check(x, y, from, to);
        ScalarLoops.INSTANCE.relu(x, y, from, to);
    }

    // ------------------------------------------------------------------ backward maps

    /** gx += g·(1 − y²) on [from, to), y = tanh x. */
    static void tanhBackward(double[] g, double[] y, double[] gx, int from, int to) {
        check(g, y, gx, from, to);
        ScalarLoops.INSTANCE.tanhBackward(g, y, gx, from, to);
    }

    /** gx += g·y(1 − y) on [from, to), y = σ(x). */
    static void sigmoidBackward(double[] g, double[] y, double[] gx, int from, int to) {
        check(g, y, gx, from, to);
        ScalarLoops.INSTANCE.sigmoidBackward(g, y, gx, from, to);
    }

    /** gx += g·y on [from, to), y = eˣ. */
    static void expBackward(double[] g, double[] y, double[] gx, int from, int to) {
        check(g, y, gx, from, to);
        ScalarLoops.INSTANCE.expBackward(g, y, gx, from, to);
    }

    /** gx += g/x on [from, to), the derivative of ln x (note: x, not the output). */
    static void logBackward(double[] g, double[] x, double[] gx, int from, int to) {
        check(g, x, gx, from, to);
        ScalarLoops.INSTANCE.logBackward(g, x, gx, from, to);
    }

    /** gx += g where y &gt; 0 on [from, to), y = max(0, x). */
    static void reluBackward(double[] g, double[] y, double[] gx, int from, int to) {
        check(g, y, gx, from, to);
        ScalarLoops.INSTANCE.reluBackward(g, y, gx, from, to);
    }

    // ------------------------------------------------------------------ bias and the fused layer step

    /** m[i, j] += row[j]: a 1×cols row added to each row of the row-major rows×cols m. */
    static void addRow(double[] row, double[] m, int rows, int cols) {
        checkRows(row, m, rows, cols);
        ScalarLoops.INSTANCE.addRow(row, m, rows, cols);
    }

    /** row[j] += Σᵢ m[i, j]: the backward of {@link #addRow}, summing the rows×cols m down to its columns. */
    static void addColumnSums(double[] m, double[] row, int rows, int cols) {
        checkRows(row, m, rows, cols);
        ScalarLoops.INSTANCE.addColumnSums(m, row, rows, cols);
    }

    /**
     * z[i, j] = act(z[i, j] + bias[j]) in place, in one pass: the bias and activation of
     * act(x·Wᵀ + b) once the product x·Wᵀ is in z.
     */
    static void biasActivation(Activation activation, double[] bias, double[] z, int rows, int cols) {
        Objects.requireNonNull(activation, "activation");
        checkRows(bias, z, rows, cols);
        switch (activation) {
            case TANH:
                LOOPS.biasTanh(bias, z, rows, cols);
                break;
            case SIGMOID:
                LOOPS.biasSigmoid(bias, z, rows, cols);
                break;
            case RELU:
                ScalarLoops.INSTANCE.biasRelu(bias, z, rows, cols);
                break;
            default:
                ScalarLoops.INSTANCE.addRow(bias, z, rows, cols);
        }
    }

    /**
     * The backward of {@link #biasActivation} in one pass: gz = g ⊙ act'(z), written in terms of the
     * output y (gz is overwritten: it is the gradient at the pre-activation, which the two products
     * of the layer's backward then use), and biasGrad[j] += Σᵢ gz[i, j] when biasGrad is not null.
     */
    static void biasActivationBackward(Activation activation, double[] g, double[] y, double[] gz,
                                       double[] biasGrad, int rows, int cols) {
        Objects.requireNonNull(activation, "activation");
        check(g, y, gz, 0, rows * cols);
        if (biasGrad != null && biasGrad.length < cols) {
            throw new IllegalArgumentException("bias gradient of length " + biasGrad.length + " for " + cols + " columns");
        }
        ScalarLoops.INSTANCE.biasActivationBackward(activation, g, y, gz, biasGrad, rows, cols);
    }

    // ------------------------------------------------------------------ argument checks

    private static void check(double[] x, double[] y, int from, int to) {
        Objects.checkFromToIndex(from, to, Math.min(x.length, y.length));
    }

    private static void check(double[] a, double[] b, double[] c, int from, int to) {
        Objects.checkFromToIndex(from, to, Math.min(a.length, Math.min(b.length, c.length)));
    }

    private static void checkRows(double[] row, double[] m, int rows, int cols) {
        if (rows < 0 || cols < 0 || row.length < cols || (long) rows * cols > m.length) {
            throw new IllegalArgumentException("cannot add a row of length " + row.length + " to " + rows + "x" + cols
                    + " in an array of length " + m.length);
        }
    }
}
