package org.backprop4j.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.backprop4j.tensor.blas.MatrixProducts;
import org.backprop4j.tensor.kernels.FastMath;
import org.ejml.data.DMatrixRMaj;

/**
 * A matrix in an expression graph: its values (a row-major EJML {@link DMatrixRMaj}), the
 * gradient of some 1×1 output with respect to it (same shape), and the operation and operands that
 * made it. The matrix twin of {@code org.backprop4j.scalar.Value}: the same operations with the same
 * derivatives, applied element-wise, plus matrix products and reductions.
 *
 * <p>A tensor either requires a gradient (parameters: {@link #of(double[][])}, and every result
 * computed from one) or is a constant ({@link #constant(double[][])}: inputs and targets). Backward
 * computes nothing for constants: no product for a constant's gradient, no gradient buffer.
 *
 * <p>Element-wise operations broadcast by exactly these rules and no others: equal shapes; an m×n
 * with a 1×n row (applied to every row); an m×n with an m×1 column (applied to every column);
 * anything with a 1×1. Either side may be the broadcast one; backward sums the gradient back to
 * the operand's shape. Anything else throws {@link IllegalArgumentException} naming both shapes.
 *
 * <p>Arithmetic follows IEEE 754 like {@code Value}: no operation throws for NaN or ±∞.
 * A tensor is not thread-safe, and neither is walking its graph: {@link #backward()}, {@link #gradient} and
 * {@link #gradients} mark the nodes they visit, so two threads must not walk one graph, or two graphs sharing a
 * tensor (the parameters of one model), at once: {@code backward()} may then fail or give wrong numbers, and
 * {@code gradient} refuses with an {@link IllegalStateException} when the other walk disturbed its own; separate
 * graphs never share state.
 */
public final class Tensor {

    private static final byte UNSEEN = 0;
    private static final byte OPEN = 1;
    private static final byte DONE = 2;

    /** The gradient is what its matrix holds, which may be anything: no {@link #zeroGrad()} since it was made or last lent. */
    private static final byte GRAD_UNVOUCHED = 0;
    /**
     * The gradient is zero, whatever its matrix holds: {@link #zeroGrad()} wrote nothing into the matrix, which nothing
     * outside this tensor can reach (never handed out by {@link #grad()}; lent by {@link #borrowGrad()} only to code that
     * keeps no reference). The first backward rule that reaches this leaf overwrites the matrix with 0 + its
     * contribution ({@link #gradBufferToOverwrite()}); anything else that reads or adds into it writes the zeros first
     * ({@link #gradBuffer()}).
     */
    private static final byte GRAD_CLEARED = 1;
    /**
     * {@link #grad()} has handed the gradient matrix out: code anywhere may hold it and write into it at any time, so
     * {@link #zeroGrad()} writes its zeros and can no longer vouch for its contents, ever.
     */
    private static final byte GRAD_HANDED_OUT = 2;

    final DMatrixRMaj data;
    DMatrixRMaj grad;
    /** The operation that made this tensor; null for a leaf. */
    final TensorOp op;
    final Tensor a;
    final Tensor b;
    final Tensor c;
    final double scalar;
    private final boolean requiresGrad;
    /**
     * What the gradient matrix holds: {@link #GRAD_UNVOUCHED}, {@link #GRAD_CLEARED} or
     * {@link #GRAD_HANDED_OUT}. One byte, not two booleans, so that a node stays 64 bytes (the four one-byte fields
     * fill the header's last four bytes).
     */
    private byte gradState;
    private String label;
    private byte mark;
    /**
     * Set by the {@link GradientGraph} walk under way: its number in the high 32 bits, this tensor's place in its order
     * in the low ones; 0 outside such a walk.
     */
    long walkMark;
    /** Whether {@link Workspace#recycle} gave this tensor's buffers back: every later use then throws. */
    boolean recycled;
    /** Where this tensor was created, recorded only while {@link Anomaly} detection is on. */
    Throwable site;

    /** A node made by {@code op} from its operands; {@link TensorOp#apply} computes its data. */
    Tensor(DMatrixRMaj data, TensorOp op, Tensor a, Tensor b, Tensor c, double scalar, boolean requiresGrad) {
        this.data = data;
        this.op = op;
        this.a = a;
        this.b = b;
        this.c = c;
        this.scalar = scalar;
        this.requiresGrad = requiresGrad;
    }

    /** A leaf that requires a gradient: a parameter. */
    private static Tensor parameter(DMatrixRMaj data) {
        return new Tensor(data, null, null, null, null, 0, true);
    }

    /** A leaf that requires no gradient: data such as inputs and targets. */
    private static Tensor constantLeaf(DMatrixRMaj data) {
        return new Tensor(data, null, null, null, null, 0, false);
    }

    /** A constant leaf holding {@code data} itself, not a copy: the constants of {@link TensorOp#gradient} (masks, one-hot rows, zeros). */
    static Tensor constantOf(DMatrixRMaj data) {
        return constantLeaf(data);
    }

    // ---------------------------------------------------------------- factories

    /**
     * A tensor that tracks its gradient, holding a copy of {@code rows}.
     *
     * @param rows the values, one array per row, all of one length
     * @return a new leaf that requires a gradient
     * @throws NullPointerException if rows or a row is null
     * @throws IllegalArgumentException if rows is empty or ragged
     */
    public static Tensor of(double[][] rows) {
        return parameter(copy(rows));
    }

    /**
     * A constant holding a copy of {@code rows}: data that needs no gradient (inputs, targets).
     *
     * @param rows the values, one array per row, all of one length
     * @return a new leaf that requires no gradient
     * @throws NullPointerException if rows or a row is null
     * @throws IllegalArgumentException if rows is empty or ragged
     */
    public static Tensor constant(double[][] rows) {
        return constantLeaf(copy(rows));
    }

    /**
     * A tensor that tracks its gradient, holding a copy of row-major values.
     *
     * @param rows the number of rows, at least 1
     * @param cols the number of columns, at least 1
     * @param rowMajor rows·cols values, row by row
     * @return a new leaf that requires a gradient
     */
    public static Tensor of(int rows, int cols, double... rowMajor) {
        return parameter(copy(rows, cols, rowMajor));
    }

    /**
     * A constant holding a copy of row-major values.
     *
     * @param rows the number of rows, at least 1
     * @param cols the number of columns, at least 1
     * @param rowMajor rows·cols values, row by row
     * @return a new leaf that requires no gradient
     */
    public static Tensor constant(int rows, int cols, double... rowMajor) {
        return constantLeaf(copy(rows, cols, rowMajor));
    }

    /**
     * A tensor that tracks its gradient, holding a copy of an EJML matrix.
     *
     * @param matrix the values
     * @return a new leaf that requires a gradient
     */
    public static Tensor of(DMatrixRMaj matrix) {
        return parameter(copy(matrix));
    }

    /**
     * A constant holding a copy of an EJML matrix.
     *
     * @param matrix the values
     * @return a new leaf that requires no gradient
     */
    public static Tensor constant(DMatrixRMaj matrix) {
        return constantLeaf(copy(matrix));
    }

    /**
     * A 1×1 tensor that tracks its gradient, like {@code Value.of}.
     *
     * @param value the number
     * @return a new leaf
     */
    public static Tensor scalar(double value) {
        return of(1, 1, value);
    }

    /**
     * A rows×cols tensor of zeros that tracks its gradient.
     *
     * @param rows the number of rows, at least 1
     * @param cols the number of columns, at least 1
     * @return a new leaf
     */
    public static Tensor zeros(int rows, int cols) {
        checkShape(rows, cols);
        return parameter(new DMatrixRMaj(rows, cols));
    }

    private static void checkShape(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("a tensor needs at least 1 row and 1 column, got " + rows + "x" + cols);
        }
        Workspace.checkSize(rows, cols);
    }

    private static DMatrixRMaj copy(double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        if (rows.length == 0) {
            throw new IllegalArgumentException("a tensor needs at least 1 row, got an empty array");
        }
        Objects.requireNonNull(rows[0], "row 0");
        int cols = rows[0].length;
        if (cols == 0) {
            throw new IllegalArgumentException("a tensor needs at least 1 column, got an empty row 0");
        }
        DMatrixRMaj m = new DMatrixRMaj(rows.length, cols);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                throw new NullPointerException("row " + i);
            }
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("ragged array: row " + i + " has " + rows[i].length
                        + " columns, row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, m.data, i * cols, cols);
        }
        return m;
    }

    private static DMatrixRMaj copy(int rows, int cols, double[] rowMajor) {
        checkShape(rows, cols);
        Objects.requireNonNull(rowMajor, "rowMajor");
        if (rowMajor.length != rows * cols) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " tensor needs " + rows * cols
                    + " values, got " + rowMajor.length);
        }
        return new DMatrixRMaj(rows, cols, true, rowMajor);
    }

    private static DMatrixRMaj copy(DMatrixRMaj matrix) {
        Objects.requireNonNull(matrix, "matrix");
        checkShape(matrix.numRows, matrix.numCols);
        int size = matrix.numRows * matrix.numCols;
        if (matrix.data == null || matrix.data.length < size) {
            throw new IllegalArgumentException("the matrix is " + matrix.numRows + "x" + matrix.numCols + " but its data holds "
                    + (matrix.data == null ? "no array" : matrix.data.length + " values") + ", not " + size);
        }
        return matrix.copy();
    }

    // ---------------------------------------------------------------- state

    /** {@return the number of rows} */
    public int rows() {
        return data.numRows;
    }

    /** {@return the number of columns} */
    public int cols() {
        return data.numCols;
    }

    /** @return rows · cols */
    int size() {
        return data.numRows * data.numCols;
    }

    /**
     * The values, live: writing into this matrix changes the tensor (optimizers update parameters
     * this way). Do not reshape it.
     *
     * @return the tensor's own matrix
     */
    public DMatrixRMaj data() {
        checkUsable();
        return data;
    }

    /**
     * The gradient, live and of the tensor's shape; zeros until a {@link #backward()} reaches it.
     *
     * @return the tensor's own gradient matrix
     * @throws IllegalStateException for a constant, which has no gradient
     */
    public DMatrixRMaj grad() {
        DMatrixRMaj lent = borrowGrad();
        gradState = GRAD_HANDED_OUT;
        return lent;
    }

    /**
     * The gradient, the same live matrix as {@link #grad()}, lent to code that uses it now and keeps
     * no reference to it: an optimizer's step, a gradient norm, a copy, a scaling (nn's models reach
     * their parameters' gradients this way). The difference is what {@link #zeroGrad()} may then
     * assume. A matrix that {@code grad()} has handed out may be written into by its holder at any
     * time, so each {@link #backward()} checks it for values other than zero before adding into it
     * (it adds each call's gradient to earlier values, not its parts one by one, so that a second
     * call adds exactly the same gradient, as long as both calls run their products on the same backend:
     * under the default {@code auto}, a call made while the bundled OpenBLAS loads in the background runs on
     * EJML and a later one on OpenBLAS, which agree to rounding, not bit for bit; see core-tensor's README,
     * "From the first step"). A matrix only ever lent is one that {@code zeroGrad()} need not even
     * write: it marks the gradient zero, and the next backward's first contribution to each element
     * overwrites the matrix (writing 0 + the contribution, the bits that adding into zeros gives), so
     * neither a pass of zeros nor that check comes first; lent again before that backward, the matrix
     * gets its zeros then. Write into it only before returning; a reference kept and written into after
     * a later {@code zeroGrad()} would be overwritten by the next backward, or, read before it, show
     * what {@code zeroGrad()} did not clear.
     *
     * @return the tensor's own gradient matrix
     * @throws IllegalStateException for a constant, which has no gradient
     */
    public DMatrixRMaj borrowGrad() {
        checkUsable();
        if (!requiresGrad) {
            throw new IllegalStateException("a constant " + Shapes.of(data) + " tensor has no gradient");
        }
        return gradBuffer();
    }

    /**
     * Throws if {@link Workspace#recycle} has given this tensor's buffers to later operations.
     *
     * @throws IllegalStateException naming what happened
     */
    void checkUsable() {
        if (recycled) {
            throw new IllegalStateException("this tensor's buffers were recycled by Workspace.recycle after the step that made it"
                    + " (a " + Shapes.of(data) + " result of '" + op.symbol() + "'" + (label == null ? "" : " labelled '" + label + "'")
                    + "): later operations now hold them, so it cannot be read or used; read what you need (item(), toArray())"
                    + " before recycle, or compute it again");
        }
    }

    /**
     * Whether this tensor's gradient is zero with nothing written for it: it has no buffer yet, or
     * {@link #zeroGrad()} cleared a leaf's without writing. A backward rule that adds into every element then
     * writes 0 + its contribution into {@link #gradBufferToOverwrite()} instead of adding into
     * {@link #gradBuffer()} (products with β = 0 instead of 1).
     *
     * @return whether the next contribution overwrites
     */
    boolean gradUnwritten() {
        return grad == null || gradState == GRAD_CLEARED;
    }

    /**
     * The gradient buffer for a backward rule that adds into every element of it, when
     * {@link #gradUnwritten()}: a buffer of arbitrary contents (a new one, or the one
     * {@link #zeroGrad()} cleared without writing), which the rule fills by writing 0 + its
     * contribution, the bits that adding into zeros gives, so no pass of zeros comes first. From then on
     * the buffer holds the gradient. Rules that add into part of the buffer only, or into a buffer that
     * holds a gradient, use {@link #gradBuffer()}.
     */
    DMatrixRMaj gradBufferToOverwrite() {
        if (grad == null) {
            grad = Workspace.matrix(data.numRows, data.numCols);
        } else if (gradState == GRAD_CLEARED) {
            gradState = GRAD_UNVOUCHED;
        }
        return grad;
    }

    /**
     * The gradient buffer, holding the gradient: allocated as zeros on first use (once per node), and
     * given the zeros {@link #zeroGrad()} did not write when it cleared it without writing.
     */
    DMatrixRMaj gradBuffer() {
        if (grad == null) {
            grad = Workspace.zeros(data.numRows, data.numCols);
        } else if (gradState == GRAD_CLEARED) {
            ParallelRange.zero(grad.data, size());
            gradState = GRAD_UNVOUCHED;
        }
        return grad;
    }

    /** {@return the gradient matrix when it holds the gradient, null when there is none or it is zero unwritten} */
    DMatrixRMaj writtenGrad() {
        return gradState == GRAD_CLEARED ? null : grad;
    }

    /**
     * The single value of a 1×1 tensor.
     *
     * @return the value
     * @throws IllegalArgumentException if the tensor is not 1×1
     */
    public double item() {
        checkUsable();
        if (size() != 1) {
            throw new IllegalArgumentException("item: needs a 1x1 tensor, got " + Shapes.of(data));
        }
        return data.data[0];
    }

    /** {@return a copy of the values, one array per row} */
    public double[][] toArray() {
        checkUsable();
        double[][] rows = new double[data.numRows][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.copyOfRange(data.data, i * data.numCols, (i + 1) * data.numCols);
        }
        return rows;
    }

    /** {@return whether this tensor tracks a gradient (a parameter, or computed from one)} */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Sets the gradient to zeros (nothing to do for a constant). For a leaf whose gradient matrix
     * {@link #grad()} has never handed out, it writes nothing: the gradient reads as zeros from then on
     * ({@link #borrowGrad()} and {@code grad()} write the zeros when asked, {@link #toDot()} shows a norm of 0), and the next
     * {@link #backward()} writes its first contribution to each element over the matrix, the bits
     * adding into zeros gives ({@code borrowGrad} says more). Otherwise it writes the zeros, a large
     * gradient on the engine's threads ({@link org.backprop4j.tensor.parallel.Threads}), and the next
     * backward checks them before adding into them.
     */
    public void zeroGrad() {
        checkUsable();
        if (grad != null) {
            if (op == null && gradState != GRAD_HANDED_OUT) {
                gradState = GRAD_CLEARED;
            } else {
                ParallelRange.zero(grad.data, size());
            }
        }
    }

    /**
     * Names this tensor for {@link #toDot()} and {@link #toString()}.
     *
     * @param label the name
     * @return this tensor
     */
    public Tensor label(String label) {
        this.label = Objects.requireNonNull(label, "label");
        return this;
    }

    /** {@return the label, or {@code ""}} */
    public String label() {
        return label == null ? "" : label;
    }

    /** {@return the symbol of the operation that made this tensor, {@code ""} for a leaf} */
    public String op() {
        return op == null ? "" : op.symbol();
    }

    /** {@return the operands this tensor was made from, first operand first; empty for a leaf} */
    public List<Tensor> operands() {
        List<Tensor> operands = new ArrayList<>(3);
        for (Tensor t : new Tensor[] {a, b, c}) {
            if (t != null) {
                operands.add(t);
            }
        }
        return Collections.unmodifiableList(operands);
    }

    // ---------------------------------------------------------------- element-wise, binary

    /**
     * Element-wise sum {@code this + other}, broadcast. Derivative: 1 for each operand.
     *
     * @param other the right operand
     * @return a new tensor
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Tensor add(Tensor other) {
        return ElementwiseOp.ADD.apply(this, Objects.requireNonNull(other, "other"));
    }

    /**
     * Element-wise difference {@code this − other}, broadcast. Derivative: 1 and −1.
     *
     * @param other the right operand
     * @return a new tensor
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Tensor sub(Tensor other) {
        return ElementwiseOp.SUB.apply(this, Objects.requireNonNull(other, "other"));
    }

    /**
     * Element-wise product {@code this ⊙ other}, broadcast. Derivative: other for this, this for other.
     *
     * @param other the right operand
     * @return a new tensor
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Tensor mul(Tensor other) {
        return ElementwiseOp.MUL.apply(this, Objects.requireNonNull(other, "other"));
    }

    /**
     * Element-wise quotient {@code this ⊘ other}, broadcast. Derivative: 1/other and −this/other².
     * Division by 0 follows IEEE.
     *
     * @param other the divisor
     * @return a new tensor
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Tensor div(Tensor other) {
        return ElementwiseOp.DIV.apply(this, Objects.requireNonNull(other, "other"));
    }

    // ---------------------------------------------------------------- element-wise, with a constant

    /**
     * {@code this + c} element-wise. Derivative: 1.
     *
     * @param c the constant
     * @return a new tensor
     */
    public Tensor add(double c) {
        return ElementwiseOp.ADD_CONSTANT.apply(this, c);
    }

    /**
     * {@code this − c} element-wise, as {@code this + (−c)}.
     *
     * @param c the constant
     * @return a new tensor
     */
    public Tensor sub(double c) {
        return ElementwiseOp.ADD_CONSTANT.apply(this, -c);
    }

    /**
     * {@code c · this} element-wise. Derivative: c.
     *
     * @param c the constant
     * @return a new tensor
     */
    public Tensor mul(double c) {
        return ElementwiseOp.MUL_CONSTANT.apply(this, c);
    }

    /**
     * {@code this / c} element-wise: the IEEE quotient of each element, as {@link #div(Tensor)}
     * computes it (3/10 is 0.3, not 3·(1/10) = 0.30000000000000004, and 1e-300/1e-320 is finite).
     * Derivative: 1/c. IEEE for c = 0.
     *
     * @param c the divisor
     * @return a new tensor
     */
    public Tensor div(double c) {
        return ElementwiseOp.DIV_CONSTANT.apply(this, c);
    }

    /**
     * {@code −this} element-wise. Derivative: −1.
     *
     * @return a new tensor
     */
    public Tensor neg() {
        return ElementwiseOp.NEG.apply(this);
    }

    /**
     * {@code thisⁿ} element-wise for a constant n. Derivative: n·thisⁿ⁻¹, and 0 for n = 0 even at 0, NaN or ±∞.
     * C's {@code pow}, as {@code Value.pow}: {@link Math#pow} but for 1ⁿ = 1 for every n and (−1)^±∞ = 1; a finite
     * negative base to a non-integer power is NaN; (−∞)^0.5 is +∞ and (−0)^−0.5 is +∞, where PyTorch, which takes
     * x^±0.5 as √x and 1/√x, gives NaN and −∞.
     *
     * @param exponent n
     * @return a new tensor
     */
    public Tensor pow(double exponent) {
        return ElementwiseOp.POW.apply(this, exponent);
    }

    /**
     * {@code eᵗʰⁱˢ} element-wise. Derivative: the result itself.
     *
     * @return a new tensor
     */
    public Tensor exp() {
        return ElementwiseOp.EXP.apply(this);
    }

    /**
     * Natural logarithm element-wise. Derivative: 1/this. log 0 = −∞; log of a negative is NaN.
     *
     * @return a new tensor
     */
    public Tensor log() {
        return ElementwiseOp.LOG.apply(this);
    }

    /**
     * Hyperbolic tangent element-wise ({@link FastMath#tanh}'s formula, on the Vector API when the JVM has it). Derivative: 1 − tanh².
     *
     * @return a new tensor
     */
    public Tensor tanh() {
        return ElementwiseOp.TANH.apply(this);
    }

    /**
     * {@code max(0, this)} element-wise. Derivative: 1 where the result is positive, else 0.
     *
     * @return a new tensor
     */
    public Tensor relu() {
        return ElementwiseOp.RELU.apply(this);
    }

    /**
     * Logistic sigmoid element-wise ({@link FastMath#sigmoid}'s formula, on the Vector API when the JVM has it). Derivative: σ(1 − σ).
     *
     * @return a new tensor
     */
    public Tensor sigmoid() {
        return ElementwiseOp.SIGMOID.apply(this);
    }

    // ---------------------------------------------------------------- products and reductions

    /**
     * Matrix product {@code this · other} (m×k times k×n gives m×n). Derivatives:
     * ∂L/∂this = G·otherᵀ, ∂L/∂other = thisᵀ·G, accumulated by {@link MatrixProducts} with no copies.
     *
     * @param other the right matrix
     * @return a new m×n tensor
     * @throws IllegalArgumentException if the inner dimensions differ, naming both shapes
     */
    public Tensor matmul(Tensor other) {
        return ProductOp.MATMUL.apply(this, Objects.requireNonNull(other, "other"));
    }

    /**
     * A fully connected layer in one operation: {@code this · weightᵀ + bias}, where this is
     * batch×in, weight is out×in (row j holds neuron j's weights) and bias is 1×out. No transposed
     * copy of the weight is made, forward or backward. Derivatives: ∂L/∂this = G·W,
     * ∂L/∂W = Gᵀ·this, ∂L/∂b = the column sums of G.
     *
     * @param weight the out×in weights
     * @param bias the 1×out biases
     * @return a new batch×out tensor
     * @throws IllegalArgumentException if the shapes do not fit, naming them
     */
    public Tensor linear(Tensor weight, Tensor bias) {
        return ProductOp.LINEAR.apply(this, Objects.requireNonNull(weight, "weight"), Objects.requireNonNull(bias, "bias"), 0);
    }

    /**
     * {@code tanh(this · weightᵀ + bias)} in one operation: the same result as
     * {@code linear(weight, bias).tanh()}, bit for bit, with the bias and the tanh in one pass over
     * the product and no intermediate tensor. Derivatives, with G' = G ⊙ (1 − out²): ∂L/∂this = G'·W,
     * ∂L/∂W = G'ᵀ·this, ∂L/∂b = the column sums of G'.
     *
     * @param weight the out×in weights
     * @param bias the 1×out biases
     * @return a new batch×out tensor
     * @throws IllegalArgumentException if the shapes do not fit, naming them
     */
    public Tensor linearTanh(Tensor weight, Tensor bias) {
        return ProductOp.LINEAR_TANH.apply(this, Objects.requireNonNull(weight, "weight"), Objects.requireNonNull(bias, "bias"), 0);
    }

    /**
     * {@code σ(this · weightᵀ + bias)} in one operation: the same result as
     * {@code linear(weight, bias).sigmoid()}, bit for bit, with the bias and the sigmoid in one pass
     * over the product. Derivatives, with G' = G ⊙ out(1 − out): ∂L/∂this = G'·W,
     * ∂L/∂W = G'ᵀ·this, ∂L/∂b = the column sums of G'.
     *
     * @param weight the out×in weights
     * @param bias the 1×out biases
     * @return a new batch×out tensor
     * @throws IllegalArgumentException if the shapes do not fit, naming them
     */
    public Tensor linearSigmoid(Tensor weight, Tensor bias) {
        return ProductOp.LINEAR_SIGMOID.apply(this, Objects.requireNonNull(weight, "weight"), Objects.requireNonNull(bias, "bias"), 0);
    }

    /**
     * {@code max(0, this · weightᵀ + bias)} in one operation: the same result as
     * {@code linear(weight, bias).relu()}, bit for bit, with the bias and the ReLU in one pass over
     * the product. Derivatives, with G' = G where out &gt; 0 and 0 elsewhere: ∂L/∂this = G'·W,
     * ∂L/∂W = G'ᵀ·this, ∂L/∂b = the column sums of G'.
     *
     * @param weight the out×in weights
     * @param bias the 1×out biases
     * @return a new batch×out tensor
     * @throws IllegalArgumentException if the shapes do not fit, naming them
     */
    public Tensor linearRelu(Tensor weight, Tensor bias) {
        return ProductOp.LINEAR_RELU.apply(this, Objects.requireNonNull(weight, "weight"), Objects.requireNonNull(bias, "bias"), 0);
    }

    /**
     * The transpose (a copy). Derivative: the gradient transposed back.
     *
     * @return a new cols×rows tensor
     */
    public Tensor transpose() {
        return ShapeOp.TRANSPOSE.apply(this);
    }

    /**
     * The sum of all elements, as a 1×1 tensor. Derivative: 1 for every element.
     *
     * @return a new 1×1 tensor
     */
    public Tensor sum() {
        return ShapeOp.SUM.apply(this);
    }

    /**
     * The mean of all elements, as a 1×1 tensor. Derivative: 1/n for every element.
     *
     * @return a new 1×1 tensor
     */
    public Tensor mean() {
        return ShapeOp.MEAN.apply(this);
    }

    /**
     * The sum of each row, as an m×1 column. Derivative: 1 for every element of the row.
     *
     * @return a new rows×1 tensor
     */
    public Tensor sumRows() {
        return ShapeOp.SUM_ROWS.apply(this);
    }

    /**
     * Column j, as an m×1 tensor (a copy). Derivative: 1 for the elements of column j, 0 elsewhere.
     *
     * @param j the column index
     * @return a new rows×1 tensor
     * @throws IllegalArgumentException if j is not a column of this tensor
     */
    public Tensor column(int j) {
        return ShapeOp.COLUMN.apply(this, j);
    }

    /**
     * The sum of each column, as a 1×n row. Derivative: 1 for every element of the column.
     *
     * @return a new 1×cols tensor
     */
    public Tensor sumCols() {
        return ShapeOp.SUM_COLS.apply(this);
    }

    // ---------------------------------------------------------------- gradients as tensors

    /**
     * ∂this/∂wrt as a tensor of wrt's shape, for a 1×1 tensor: like
     * {@code torch.autograd.grad(this, wrt, create_graph=True)}. See {@link #gradients(List)}.
     *
     * @param wrt a tensor that requires a gradient
     * @return the gradient, a tensor that can be differentiated again
     * @throws NullPointerException if wrt is null
     * @throws IllegalArgumentException if this tensor is not 1×1, or wrt is a constant
     * @throws IllegalStateException if this tensor, wrt or a tensor between them was recycled by {@link Workspace#recycle}
     */
    public Tensor gradient(Tensor wrt) {
        return gradients(Collections.singletonList(Objects.requireNonNull(wrt, "wrt"))).get(0);
    }

    /**
     * ∂this/∂t for each t in {@code wrt}, for a 1×1 tensor, each as a tensor of t's shape built from
     * tensor operations: a graph that reaches the same leaves, so it can be differentiated again
     * ({@code gradient} of a {@code gradient}, any number of times), used in a loss and fed to
     * {@link #backward()}. Like {@code torch.autograd.grad(this, wrt, create_graph=True)}: it
     * computes and returns, and leaves every {@code grad} field as it was.
     *
     * <p>It walks the graph as {@link #backward()} does, without recursion, from this tensor down
     * to the tensors in wrt only, applying each operation's differentiable rule
     * ({@link TensorOp#gradient}) to a gradient that starts as the constant 1; a tensor used several
     * times sums its contributions. A tensor in wrt that this one does not depend on gets zeros of
     * its shape (a constant), and so does every t when this tensor is itself a constant (so the
     * derivative of a derivative that is constant is 0, not an error). For per-row derivatives of
     * a column u with respect to a column x, differentiate {@code u.sum()}: row i of the result is
     * ∂uᵢ/∂xᵢ when row i of u depends on row i of x only (PyTorch's {@code grad_outputs} of ones).
     *
     * <p>A constant t ({@link #constant}, {@code requiresGrad() == false}) is refused, as PyTorch
     * refuses it: a constant is data whose derivative the graph does not follow, so asking for it
     * is almost always an input made with {@code Tensor.constant} that should have been made with
     * {@link #of}.
     *
     * @param wrt the tensors to differentiate by, each requiring a gradient
     * @return one gradient per element of wrt, in its order
     * @throws NullPointerException if wrt or one of its elements is null
     * @throws IllegalArgumentException if this tensor is not 1×1, or an element of wrt is a constant
     * @throws IllegalStateException if this tensor, an element of wrt or a tensor between them was recycled by {@link Workspace#recycle},
     *         or another thread walked a graph sharing tensors with this one at the same time
     * @throws AnomalyException if {@link Anomaly} detection is on and a derivative is NaN or ±∞: it names the operation
     *         of this graph being differentiated
     */
    public List<Tensor> gradients(List<Tensor> wrt) {
        Objects.requireNonNull(wrt, "wrt");
        checkUsable();
        if (size() != 1) {
            throw new IllegalArgumentException("gradient: the output must be 1x1, got " + Shapes.of(data)
                    + " (reduce it with sum() or mean() first)");
        }
        for (int i = 0; i < wrt.size(); i++) {
            Tensor t = Objects.requireNonNull(wrt.get(i), "wrt " + i);
            t.checkUsable();
            if (!t.requiresGrad) {
                throw new IllegalArgumentException("gradient: wrt " + i + " is a constant " + Shapes.of(t.data)
                        + " tensor, which takes no gradient (make it with Tensor.of, not Tensor.constant)");
            }
        }
        return GradientGraph.of(this, wrt);
    }

    // ---------------------------------------------------------------- backward

    /**
     * Backpropagation from this 1×1 tensor: sets its gradient to 1, computes afresh the gradient of
     * every computed tensor beneath it, and adds ∂this/∂t into the gradient of every leaf t beneath
     * it that requires one (parameters), each node once, in reverse topological order. As in
     * PyTorch, leaves accumulate across calls and inner tensors do not, so a second call on the same
     * graph adds exactly the same gradient into the leaves again (when both calls run their products on one
     * backend: see {@link #borrowGrad()}); clearing leaves is the caller's job
     * ({@link #zeroGrad()}). (micrograd accumulates into inner nodes too, so its second call adds
     * stale inner gradients in again: its issue #53.) The order is found without recursion.
     *
     * @throws IllegalArgumentException if this tensor is not 1×1
     * @throws IllegalStateException if nothing beneath it requires a gradient, or this tensor or one beneath it was
     *         recycled by {@link Workspace#recycle} (checked first, whatever its shape)
     */
    public void backward() {
        checkUsable();
        if (size() != 1) {
            throw new IllegalArgumentException("backward: the output must be 1x1, got " + Shapes.of(data)
                    + " (reduce it with sum() or mean() first)");
        }
        if (!requiresGrad) {
            throw new IllegalStateException("backward: this tensor depends on no tensor that requires a gradient");
        }
        Tensor[] order = topologicalOrder();
        for (Tensor node : order) {
            node.checkUsable();
        }
        DMatrixRMaj[] earlier = setAside(order);
        gradBuffer().data[0] += 1.0;
        try {
            boolean anomaly = Anomaly.isEnabled();
            for (int i = order.length - 1; i >= 0; i--) {
                Tensor node = order[i];
                if (node.grad != null && node.op != null) {
                    node.op.backward(node);
                    if (anomaly) {
                        Anomaly.backward(node);
                    }
                }
            }
        } finally {
            if (earlier != null) {
                addBack(order, earlier);
            }
        }
    }

    /**
     * Zeroes the gradient of every computed tensor in {@code order} before a backward pass, and sets
     * aside the gradient of every leaf that is not all zeros (the leaf gets a fresh one), returning
     * those by position in order, or null when there were none — the usual case, after
     * {@link #zeroGrad()}. A leaf's gradient that {@code zeroGrad()} cleared without writing is zero
     * already: the backward's first contribution overwrites it.
     */
    private static DMatrixRMaj[] setAside(Tensor[] order) {
        DMatrixRMaj[] earlier = null;
        for (int i = 0; i < order.length; i++) {
            Tensor node = order[i];
            if (node.op != null) {
                node.zeroGrad();
            } else if (node.gradState != GRAD_CLEARED && node.grad != null && !allZero(node.grad.data, node.size())) {
                if (earlier == null) {
                    earlier = new DMatrixRMaj[order.length];
                }
                earlier[i] = node.grad;
                node.grad = null;
            }
        }
        return earlier;
    }

    /**
     * Gives each leaf set aside by {@link #setAside} its own gradient matrix back, holding earlier +
     * this call's gradient (one addition per element, as PyTorch accumulates, so a second call
     * doubles a gradient exactly); the fresh matrix goes back to the workspace, if one is entered.
     */
    private static void addBack(Tensor[] order, DMatrixRMaj[] earlier) {
        for (int i = 0; i < order.length; i++) {
            DMatrixRMaj kept = earlier[i];
            if (kept != null) {
                Tensor leaf = order[i];
                DMatrixRMaj fresh = leaf.grad;
                if (fresh != null) {
                    double[] k = kept.data;
                    double[] f = fresh.data;
                    for (int j = 0, n = leaf.size(); j < n; j++) {
                        k[j] += f[j];
                    }
                    Workspace.release(fresh);
                }
                leaf.grad = kept;
            }
        }
    }

    private static boolean allZero(double[] values, int n) {
        for (int i = 0; i < n; i++) {
            if (values[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The longest stack or order array a thread keeps for the next {@link #topologicalOrder()}. */
    private static final int ORDER_SCRATCH_KEPT = 4096;

    /**
     * Each thread's stack and order for {@link #topologicalOrder()}, grown as graphs need and emptied
     * after every use (no tensor stays referenced), so that finding the order allocates only its
     * result: a training step finds it several times (backward, each gradient, each recycle). A
     * thread keeps arrays of at most {@link #ORDER_SCRATCH_KEPT} entries; a larger graph's are its own.
     */
    private static final ThreadLocal<Tensor[][]> ORDER_SCRATCH = ThreadLocal.withInitial(() -> new Tensor[][] {new Tensor[64], new Tensor[64]});

    /** The tensors beneath this one that require a gradient, operands before results, found with an explicit stack. */
    Tensor[] topologicalOrder() {
        Tensor[][] scratch = ORDER_SCRATCH.get();
        Tensor[] stack = scratch[0];
        Tensor[] order = scratch[1];
        int top = 0;
        int size = 0;
        stack[top++] = this;
        while (top > 0) {
            Tensor node = stack[top - 1];
            if (node.mark == UNSEEN) {
                node.mark = OPEN;
                if (top + 3 > stack.length) {
                    stack = Arrays.copyOf(stack, stack.length * 2);
                    if (stack.length <= ORDER_SCRATCH_KEPT) {
                        scratch[0] = stack;
                    }
                }
                top = push(stack, top, node.c);
                top = push(stack, top, node.b);
                top = push(stack, top, node.a);
            } else {
                stack[--top] = null;
                if (node.mark == OPEN) {
                    node.mark = DONE;
                    if (size == order.length) {
                        order = Arrays.copyOf(order, size * 2);
                        if (order.length <= ORDER_SCRATCH_KEPT) {
                            scratch[1] = order;
                        }
                    }
                    order[size++] = node;
                }
            }
        }
        Tensor[] result = Arrays.copyOf(order, size);
        for (int i = 0; i < size; i++) {
            order[i].mark = UNSEEN;
            order[i] = null;
        }
        if (scratch[0] != stack || scratch[1] != order) {   // outgrown: the kept arrays hold copied entries
            Arrays.fill(scratch[0], null);
            Arrays.fill(scratch[1], null);
        }
        return result;
    }

    private static int push(Tensor[] stack, int top, Tensor operand) {
        if (operand != null && operand.requiresGrad && operand.mark == UNSEEN) {
            stack[top++] = operand;
        }
        return top;
    }

    /**
     * The graph beneath this tensor in Graphviz DOT, like {@code Value.toDot()}: a record
     * {@code { label | shape | grad … }} per tensor, an ellipse per operation.
     *
     * @return the DOT text
     */
    public String toDot() {
        checkUsable();
        return TensorDot.of(this);
    }

    /** @return e.g. {@code Tensor(2x3, data=[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], op=matmul)}, long data abbreviated */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Tensor(");
        if (label != null) {
            text.append("label=").append(label).append(", ");
        }
        text.append(Shapes.of(data));
        if (recycled) {
            return text.append(", recycled by Workspace, op=").append(op.symbol()).append(')').toString();
        }
        text.append(", data=[");
        int shownRows = Math.min(rows(), 4);
        for (int i = 0; i < shownRows; i++) {
            text.append(i == 0 ? "[" : ", [");
            int shownCols = Math.min(cols(), 6);
            for (int j = 0; j < shownCols; j++) {
                text.append(j == 0 ? "" : ", ").append(data.data[i * cols() + j]);
            }
            text.append(cols() > shownCols ? ", …]" : "]");
        }
        text.append(rows() > shownRows ? ", …]" : "]");
        if (op != null) {
            text.append(", op=").append(op.symbol());
        }
        if (!requiresGrad) {
            text.append(", constant");
        }
        return text.append(')').toString();
    }
}
