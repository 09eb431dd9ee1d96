package org.backprop4j.tensor.kernels;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The tensor engine's element-wise kernels, and its activations one value at a time: the one
 * public entry point of this package. The scalar forms are faster than {@link Math#tanh} (which
 * has no intrinsic on JDK 17 and costs about 18 ns) and within 2 ulp of {@link StrictMath}; their
 * formulas are {@link Activation}'s.
 *
 * <p>The array forms run over {@code double[]} ranges: activations and their backward maps, the
 * bias broadcast, and the bias-plus-activation pass of a fully connected layer. The transcendental
 * ones ({@code tanh}, {@code sigmoid}, {@code exp}, {@code log}, and the layer pass with tanh or
 * sigmoid) run on the JDK's Vector API when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and the processor has fused multiply-add (there tanh
 * and sigmoid on an exp of their own, a polynomial on the reduced argument by fused multiply-adds
 * with 2ᵏ built in the exponent bits, and tanh a shorter Padé approximant below |x| = 0.6, so a
 * result may differ from the scalar form's by an ulp or two;
 * until the JIT has compiled the vector loops, a background warm-up runs their scalar twins, which
 * give the same bits), and as plain scalar loops ({@link Activation}'s formulas, {@link Math#exp},
 * {@link Math#log}) otherwise, or always with {@code -Dbackprop4j.simd=false}. Which one runs is decided once, at the first
 * array kernel; a JVM without the module never loads the vector loops, and a JVM with it loads them
 * (and the Vector API's classes) on the warm-up thread. Either way each result is within 2 ulp of
 * {@link StrictMath} and the same from run to run; the vector path's {@code exp} and {@code log}
 * equal {@link StrictMath}'s bit for bit. The arithmetic kernels (ReLU, the backward maps, the
 * bias) are scalar loops on every JVM, but for the column sums of the bias gradient, which C2 does
 * not vectorise: they run on the lanes where the others do, each column added down its rows in the
 * same order on either path, so with the same bits; and a tanh layer's backward pass, G ⊙ (1 − y²) with
 * those sums in one pass, which the lanes run with the bits of the map followed by the sums.
 *
 * <p>Forward maps write {@code y[i]} for i in [from, to) and may run in place ({@code y == x});
 * backward maps add their share into {@code gx[i]}, as every backward rule does.
 */
public final class FastMath {

    /** {@code -Dbackprop4j.simd=false} keeps every kernel on the scalar loops. */
    static final String PROPERTY = "backprop4j.simd";

    /** The name of the one class that uses {@code jdk.incubator.vector}, compiled on its own. */
    private static final String VECTOR_LOOPS = "org.backprop4j.tensor.kernels.VectorLoops";

    private FastMath() {
    }

    /**
     * The loops that run, chosen at the first array kernel (not at the first scalar call, which
     * starts no warm-up): a constant, so the JIT inlines straight into them.
     */
    private static final class Chosen {
        static final KernelLoops LOOPS = choose();

        private Chosen() {
        }
    }

    private static KernelLoops choose() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()
                || !FusedMultiplyAdd.inHardware()) {
            return ScalarLoops.INSTANCE;
        }
        return SwitchingLoops.warmingUp(new VectorLoopsByName());
    }

    /**
     * Builds a new {@code VectorLoops}, loaded by name: a JVM without the module never loads it. A class, not a
     * lambda, as it is made in a fresh JVM's first step, where a lambda's first use spins a class at run time,
     * several times the cost of loading one.
     */
    private static final class VectorLoopsByName implements Supplier<KernelLoops> {
        @Override
        public KernelLoops get() {
            try {
                return (KernelLoops) Class.forName(VECTOR_LOOPS).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build " + VECTOR_LOOPS, e);
            }
        }
    }

    /** @return the transcendental loops that run, for the tests that compare every implementation */
    static KernelLoops loops() {
        return Chosen.LOOPS;
    }

    /** @return whether the kernels run on the Vector API */
    static boolean simd() {
        return Chosen.LOOPS != ScalarLoops.INSTANCE;
    }

    /**
     * Hyperbolic tangent within 2 ulp of {@link StrictMath#tanh}; ±0, NaN and ±∞ as it.
     *
     * @param x the argument
     * @return tanh x
     */
    public static double tanh(double x) {
        return Activation.tanh(x);
    }

    /**
     * Logistic sigmoid 1 / (1 + e⁻ˣ), without overflow for any x.
     *
     * @param x the argument
     * @return σ(x), in [0, 1]
     */
    public static double sigmoid(double x) {
        return Activation.sigmoid(x);
    }

    /**
     * What runs the array forms and the tensor engine's element-wise kernels.
     *
     * @return {@code "Vector API (8 lanes)"} (or 4 or 2 lanes); {@code "Vector API (8 lanes, warming up)"}
     *         while the JIT has not yet compiled the vector loops and their scalar twins, which give
     *         the same bits, run instead; {@code "Vector API (warming up)"} before the warm-up thread has
     *         built the vector loops (its first second or so, when the twins run too); or {@code "scalar"}
     *         where the scalar loops run (a JVM without the Vector API, a processor without fused
     *         multiply-add, or {@code -Dbackprop4j.simd=false})
     */
    public static String kernels() {
        return Chosen.LOOPS.name();
    }

    // ------------------------------------------------------------------ forward maps

    /**
     * y[i] = tanh x[i] for i in [from, to), on the Vector API when the JVM has it; {@code y} may be {@code x}.
     *
     * @param x the arguments
     * @param y the results, written on [from, to) only
     * @param from the first index
     * @param to one past the last index
     * @throws IllegalArgumentException if [from, to) is not a range of both arrays
     */
    public static void tanh(double[] x, double[] y, int from, int to) {
        checkRange("tanh", x, y, from, to);
        Chosen.LOOPS.tanh(x, y, from, to);
    }

    /**
     * y[i] = σ(x[i]) for i in [from, to), on the Vector API when the JVM has it; {@code y} may be {@code x}.
     *
     * @param x the arguments
     * @param y the results, written on [from, to) only
     * @param from the first index
     * @param to one past the last index
     * @throws IllegalArgumentException if [from, to) is not a range of both arrays
     */
    public static void sigmoid(double[] x, double[] y, int from, int to) {
        checkRange("sigmoid", x, y, from, to);
        Chosen.LOOPS.sigmoid(x, y, from, to);
    }

    /**
     * y[i] = e^{x[i]} for i in [from, to); {@code y} may be {@code x}.
     *
     * @param x the arguments
     * @param y the results, written on [from, to) only
     * @param from the first index
     * @param to one past the last index
     * @throws IllegalArgumentException if [from, to) is not a range of both arrays
     */
    public static void exp(double[] x, double[] y, int from, int to) {
        checkRange("exp", x, y, from, to);
        Chosen.LOOPS.exp(x, y, from, to);
    }

    /**
     * y[i] = ln x[i] for i in [from, to): −∞ at ±0, NaN below 0; {@code y} may be {@code x}.
     *
     * @param x the arguments
     * @param y the results, written on [from, to) only
     * @param from the first index
     * @param to one past the last index
     * @throws IllegalArgumentException if [from, to) is not a range of both arrays
     */
    public static void log(double[] x, double[] y, int from, int to) {
        checkRange("log", x, y, from, to);
        Chosen.LOOPS.log(x, y, from, to);
    }

    /**
     * y[i] = max(0, x[i]) for i in [from, to) (NaN stays NaN, −0 stays −0); {@code y} may be {@code x}.
     *
     * @param x the arguments
     * @param y the results, written on [from, to) only
     * @param from the first index
     * @param to one past the last index
     * @throws IllegalArgumentException if [from, to) is not a range of both arrays
     */
    public static void relu(double[] x, double[] y, int from, int to) {
        checkRange("relu", x, y, from, to);
        ScalarLoops.INSTANCE.relu(x, y, from, to);
    }

    // ------------------------------------------------------------------ backward maps

    /**
     * gx[i] += g[i]·(1 − y[i]²) for i in [from, to): the backward of tanh, y = tanh x.
     *
     * @param g the gradient at the output
     * @param y the output
     * @param gx the gradient at the input, added to
     * @param from the first index
     * @param to one past the last index
     * @throws IllegalArgumentException if [from, to) is not a range of the three arrays
     */
    public static void tanhBackward(double[] g, double[] y, double[] gx, int from, int to) {
        checkRange("tanhBackward", g, "y", y, "gx", gx, from, to);
        ScalarLoops.INSTANCE.tanhBackward(g, y, gx, from, to);
    }

    /**
     * gx[i] += g[i]·y[i](1 − y[i]) for i in [from, to): the backward of σ, y = σ(x).
     *
     * @param g the gradient at the output
     * @param y the output
     * @param gx the gradient at the input, added to
     * @param from the first index
     * @param to one past the last index
     * @throws IllegalArgumentException if [from, to) is not a range of the three arrays
     */
    public static void sigmoidBackward(double[] g, double[] y, double[] gx, int from, int to) {
        checkRange("sigmoidBackward", g, "y", y, "gx", gx, from, to);
        ScalarLoops.INSTANCE.sigmoidBackward(g, y, gx, from, to);
    }

    /**
     * gx[i] += g[i]·y[i] for i in [from, to): the backward of exp, y = eˣ.
     *
     * @param g the gradient at the output
     * @param y the output
     * @param gx the gradient at the input, added to
     * @param from the first index
     * @param to one past the last index
     * @throws IllegalArgumentException if [from, to) is not a range of the three arrays
     */
    public static void expBackward(double[] g, double[] y, double[] gx, int from, int to) {
        checkRange("expBackward", g, "y", y, "gx", gx, from, to);
        ScalarLoops.INSTANCE.expBackward(g, y, gx, from, to);
    }

    /**
     * gx[i] += g[i]/x[i] for i in [from, to): the backward of ln x (note: x, not the output).
     *
     * @param g the gradient at the output
     * @param x the input
     * @param gx the gradient at the input, added to
     * @param from the first index
     * @param to one past the last index
     * @throws IllegalArgumentException if [from, to) is not a range of the three arrays
     */
    public static void logBackward(double[] g, double[] x, double[] gx, int from, int to) {
        checkRange("logBackward", g, "x", x, "gx", gx, from, to);
        ScalarLoops.INSTANCE.logBackward(g, x, gx, from, to);
    }

    /**
     * gx[i] += g[i] where y[i] &gt; 0, for i in [from, to): the backward of ReLU, y = max(0, x).
     *
     * @param g the gradient at the output
     * @param y the output
     * @param gx the gradient at the input, added to
     * @param from the first index
     * @param to one past the last index
     * @throws IllegalArgumentException if [from, to) is not a range of the three arrays
     */
    public static void reluBackward(double[] g, double[] y, double[] gx, int from, int to) {
        checkRange("reluBackward", g, "y", y, "gx", gx, from, to);
        ScalarLoops.INSTANCE.reluBackward(g, y, gx, from, to);
    }

    // ------------------------------------------------------------------ the descent's check

    /**
     * Whether {@code values[i] − rate·gradients[i]} is finite (neither NaN nor ±∞) for every i in
     * [from, to): the check of a gradient-descent step, p ← p − rate·g, before it writes anything. Each
     * new value is computed as that expression would be (a product, then a difference, each rounded
     * once) and nothing is written. On the Vector API two vectors of new values are tested at a time;
     * without it the new values are summed (a sum is finite only if every term is, and a sum that
     * overflowed is settled element by element), so the answer is the same on every path; only the
     * speed differs.
     *
     * @param values the values p
     * @param gradients their gradients g
     * @param rate the rate
     * @param from the first index
     * @param to one past the last index
     * @return whether every new value in the range is finite (true for an empty range)
     * @throws IllegalArgumentException if [from, to) is not a range of both arrays
     */
    public static boolean finiteAfterDescent(double[] values, double[] gradients, double rate, int from, int to) {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(gradients, "gradients");
        if (from < 0 || from > to || to > values.length || to > gradients.length) {
            throw new IllegalArgumentException("finiteAfterDescent: the range [" + from + ", " + to + ") is not within values (length "
                    + values.length + ") and gradients (length " + gradients.length + ")");
        }
        return Chosen.LOOPS.finiteAfterDescent(values, gradients, rate, from, to);
    }

    // ------------------------------------------------------------------ bias and the fused layer step

    /**
     * m[i, j] += row[j]: a 1×cols row added to each row of the row-major rows×cols m.
     *
     * @param row the row, of at least cols elements
     * @param m the matrix, modified
     * @param rows its rows
     * @param cols its columns
     * @throws IllegalArgumentException if the sizes do not fit the arrays
     */
    public static void addRow(double[] row, double[] m, int rows, int cols) {
        checkRows("addRow", "row", row, "m", m, rows, cols);
        ScalarLoops.INSTANCE.addRow(row, m, rows, cols);
    }

    /**
     * row[j] += Σᵢ m[i, j]: the backward of {@link #addRow}, summing the rows×cols m down to its columns.
     *
     * @param m the matrix
     * @param row the sums, added to
     * @param rows m's rows
     * @param cols m's columns
     * @throws IllegalArgumentException if the sizes do not fit the arrays
     */
    public static void addColumnSums(double[] m, double[] row, int rows, int cols) {
        checkRows("addColumnSums", "row", row, "m", m, rows, cols);
        Chosen.LOOPS.addColumnSums(m, 0, row, rows, cols);
    }

    /**
     * z[i, j] = act(z[i, j] + bias[j]) in place, in one pass: the bias and activation of
     * act(x·Wᵀ + b) once the product x·Wᵀ is in z.
     *
     * @param activation act
     * @param bias the bias, of at least cols elements
     * @param z the row-major rows×cols pre-activation, overwritten by the activation
     * @param rows z's rows
     * @param cols z's columns
     * @throws IllegalArgumentException if the sizes do not fit the arrays
     */
    public static void biasActivation(Activation activation, double[] bias, double[] z, int rows, int cols) {
        Objects.requireNonNull(activation, "activation");
        checkRows("biasActivation", "bias", bias, "z", z, rows, cols);
        switch (activation) {
            case TANH:
                Chosen.LOOPS.biasTanh(bias, z, rows, cols);
                break;
            case SIGMOID:
                Chosen.LOOPS.biasSigmoid(bias, z, rows, cols);
                break;
            case RELU:
                ScalarLoops.INSTANCE.biasRelu(bias, z, rows, cols);
                break;
            default:
                ScalarLoops.INSTANCE.addRow(bias, z, rows, cols);
        }
    }

    /**
     * About how many values {@link #biasActivationBackward(Activation, double[], double[], double[], double[], int, int)}
     * maps a call on the scalar loops, in whole rows (at least one), before it adds them into the column sums. Measured on 2026-12-07 (the 2-core VM, JDK 17, one thread, load 2–3),
     * the tanh map over moons' 100×16 in calls of 16, 64, 256 and 1,600 values took 0.43, 0.26, 0.21 and 0.18 ns a value.
     */
    static final int BACKWARD_BLOCK = 256;

    /**
     * The backward of {@link #biasActivation} in one pass: gz = g ⊙ act'(z), written in terms of the
     * output y (gz is overwritten: it is the gradient at the pre-activation, which the two products
     * of the layer's backward then use), and biasGrad[j] += Σᵢ gz[i, j] when biasGrad is not null.
     *
     * @param activation act
     * @param g the gradient at the output
     * @param y the output
     * @param gz the gradient at the pre-activation, overwritten
     * @param biasGrad the bias gradient, added to; or null
     * @param rows the rows of g, y and gz
     * @param cols their columns
     * @throws IllegalArgumentException if rows·cols is not within the three arrays, or biasGrad has fewer than cols elements
     */
    public static void biasActivationBackward(Activation activation, double[] g, double[] y, double[] gz,
                                              double[] biasGrad, int rows, int cols) {
        Objects.requireNonNull(activation, "activation");
        if (rows < 0 || cols < 0 || (long) rows * cols > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("biasActivationBackward: " + rows + "x" + cols + " is not a matrix size");
        }
        checkRange("biasActivationBackward", g, "y", y, "gz", gz, 0, rows * cols);
        if (biasGrad != null && biasGrad.length < cols) {
            throw new IllegalArgumentException("bias gradient of length " + biasGrad.length + " for " + cols + " columns");
        }
        Chosen.LOOPS.biasActivationBackward(activation, g, y, gz, biasGrad, rows, cols);
    }

    /**
     * {@link #biasActivation} on the elements [from, to) of the row-major z alone: z[k] =
     * act(z[k] + bias[k mod cols]), each element the bits the whole pass gives it, so that ranges
     * of one matrix may run on several threads at once.
     *
     * @param activation act
     * @param bias the bias, of at least cols elements
     * @param z the row-major pre-activation, overwritten on [from, to) by the activation
     * @param cols z's columns, at least 1
     * @param from the first element
     * @param to one past the last element
     * @throws IllegalArgumentException if cols is not positive, the bias is shorter than cols, or [from, to) is not within z
     * @throws NullPointerException if an argument is null
     */
    public static void biasActivation(Activation activation, double[] bias, double[] z, int cols, int from, int to) {
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(bias, "bias");
        Objects.requireNonNull(z, "z");
        if (cols < 1 || bias.length < cols) {
            throw new IllegalArgumentException("biasActivation: a bias of length " + bias.length + " for " + cols + " columns");
        }
        if (from < 0 || from > to || to > z.length) {
            throw new IllegalArgumentException("biasActivation: the range [" + from + ", " + to + ") is not within z (length " + z.length + ")");
        }
        ScalarLoops.INSTANCE.addBias(bias, z, cols, from, to);
        switch (activation) {
            case TANH:
                Chosen.LOOPS.tanh(z, z, from, to);
                break;
            case SIGMOID:
                Chosen.LOOPS.sigmoid(z, z, from, to);
                break;
            case RELU:
                ScalarLoops.INSTANCE.relu(z, z, from, to);
                break;
            default:
                break;
        }
    }

    /**
     * {@link #biasActivationBackward} on the columns [fromCol, toCol) alone: gz = g ⊙ act'(y) there,
     * and biasGrad[j] += Σᵢ gz[i, j] for those columns, each column summed over its rows in order, so
     * that column ranges may run on several threads at once and give the bits of the whole pass.
     *
     * @param activation act
     * @param g the gradient at the output
     * @param y the output
     * @param gz the gradient at the pre-activation, overwritten in those columns
     * @param biasGrad the bias gradient, added to; or null
     * @param rows the rows of g, y and gz
     * @param cols their columns
     * @param fromCol the first column
     * @param toCol one past the last column
     * @throws IllegalArgumentException if rows·cols is not within the three arrays, biasGrad has fewer than cols elements,
     *                                  or [fromCol, toCol) is not within [0, cols)
     */
    public static void biasActivationBackward(Activation activation, double[] g, double[] y, double[] gz,
                                              double[] biasGrad, int rows, int cols, int fromCol, int toCol) {
        Objects.requireNonNull(activation, "activation");
        if (rows < 0 || cols < 0 || (long) rows * cols > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("biasActivationBackward: " + rows + "x" + cols + " is not a matrix size");
        }
        checkRange("biasActivationBackward", g, "y", y, "gz", gz, 0, rows * cols);
        if (biasGrad != null && biasGrad.length < cols) {
            throw new IllegalArgumentException("bias gradient of length " + biasGrad.length + " for " + cols + " columns");
        }
        if (fromCol < 0 || fromCol > toCol || toCol > cols) {
            throw new IllegalArgumentException("biasActivationBackward: the columns [" + fromCol + ", " + toCol + ") are not within "
                    + cols + " columns");
        }
        ScalarLoops.INSTANCE.biasActivationBackwardColumns(activation, g, y, gz, biasGrad, rows, cols, fromCol, toCol);
    }

    // ------------------------------------------------------------------ argument checks

    private static void checkRange(String name, double[] x, double[] y, int from, int to) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (from < 0 || from > to || to > x.length || to > y.length) {
            throw new IllegalArgumentException(name + ": the range [" + from + ", " + to + ") is not within x (length "
                    + x.length + ") and y (length " + y.length + ")");
        }
    }

    /** The three arrays of a backward map, named as its parameters are (g, y or x, gx or gz). */
    private static void checkRange(String name, double[] g, String middleName, double[] middle, String lastName, double[] last,
                                   int from, int to) {
        Objects.requireNonNull(g, "g");
        Objects.requireNonNull(middle, middleName);
        Objects.requireNonNull(last, lastName);
        if (from < 0 || from > to || to > g.length || to > middle.length || to > last.length) {
            throw new IllegalArgumentException(name + ": the range [" + from + ", " + to + ") is not within g (length " + g.length
                    + "), " + middleName + " (length " + middle.length + ") and " + lastName + " (length " + last.length + ")");
        }
    }

    /** The rows×cols matrix m and the row of at least cols elements, named as the caller's parameters are. */
    private static void checkRows(String name, String rowName, double[] row, String mName, double[] m, int rows, int cols) {
        Objects.requireNonNull(row, rowName);
        Objects.requireNonNull(m, mName);
        if (rows < 0 || cols < 0 || row.length < cols || (long) rows * cols > m.length) {
            throw new IllegalArgumentException(name + ": " + rows + "x" + cols + " does not fit " + mName + " (length " + m.length
                    + ") and " + rowName + " (length " + row.length + ")");
        }
    }
}
