package org.backprop4j.tensor;

import org.backprop4j.tensor.blas.MatrixProducts;
import org.backprop4j.tensor.parallel.RangeKernel;
import org.ejml.data.DMatrixRMaj;

/**
 * What every operation of the tensor engine is: its shape rule ({@link #result}), its forward
 * kernel over a range of the result's raw {@code double[]} ({@link #forward}), its fast backward
 * rule ({@link #backward}), the same rule as differentiable tensor operations ({@link #gradient}),
 * and its {@link Cost}. The operations themselves are constants of three enums, by kind, each op
 * whole in one constant with its derivative beside its forward rule: {@link ElementwiseOp} (the
 * arithmetic, pow, exp, log and the activations), {@link ProductOp} (matmul and the fused layers)
 * and {@link ShapeOp} (transpose, column, the sums and the mean). A {@link Tensor} method only names
 * the constant ({@code ElementwiseOp.TANH.apply(this)}); {@link #apply} builds the node and
 * {@link Tensor#backward()} walks the graph. Adding an operation is adding one constant and one
 * one-line method.
 *
 * <p>Each kernel is its own loop over raw arrays with no call per element, so every hot loop stays
 * monomorphic; nothing is allocated per element. Backward rules add into an operand's gradient only
 * when that operand requires one, so constants cost nothing; products go through
 * {@link MatrixProducts} with β = 1, accumulating straight into the gradient buffers with no
 * transposed copies.
 */
sealed interface TensorOp extends RangeKernel<Tensor> permits ElementwiseOp, ProductOp, ShapeOp {

    /** What an operation's forward kernel costs: from which length its loop is worth splitting over threads ({@link ParallelRange}). */
    enum Cost {
        /** A few arithmetic operations or copies per element: split only when the result is very long. */
        ARITHMETIC,
        /** A transcendental function per element: split when the result is long. */
        TRANSCENDENTAL,
        /** A matrix product through {@link MatrixProducts}: one call computes the whole result, never split. */
        PRODUCT
    }

    /** The bit of the first operand in {@link #gradient}'s {@code wanted}. */
    int A = 1;
    /** The bit of the second operand. */
    int B = 2;
    /** The bit of the third operand. */
    int C = 4;

    /**
     * The shape rule: checks the operands' shapes and takes a buffer of the result's shape from the
     * {@link Workspace} (its contents are arbitrary: {@link #forward} writes every element).
     *
     * @param a the first operand
     * @param b the second operand, or null
     * @param c the third operand, or null
     * @param s the constant of the operation (c of {@code a + c}, n of {@code aⁿ}, a column index), else 0
     * @return the result's buffer
     * @throws IllegalArgumentException naming the operation and the shapes if they do not fit
     */
    DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s);

    /**
     * The forward kernel: writes the elements [from, to) of {@code out}'s row-major data from its
     * operands, and nothing else, for any range (a reduction to one element writes it only when
     * from &lt; to). {@link ParallelRange} calls it with parts of the range from its cost's cut-over
     * on; a {@link Cost#PRODUCT} ignores the range and writes its whole result.
     */
    @Override
    void forward(Tensor out, int from, int to);

    /**
     * The backward rule: adds this operation's share of {@code out.grad} into the gradients of out's operands that need one.
     *
     * @param out the node whose rule this is
     */
    void backward(Tensor out);

    /**
     * The same backward rule as tensor operations, so that it can be differentiated again: given the
     * upstream gradient {@code g} (a tensor of out's shape, itself part of a graph), returns the
     * contributions to the gradients of out's operands a, b, c, each of its operand's shape and
     * built only from tensor operations on g, the operands, out and constants. It is the
     * differentiable twin of {@link #backward}: for a constant g it gives the numbers backward adds
     * (TensorOpGradientTest proves each pair equal). Only the operands marked in {@code wanted}
     * ({@link #A}, {@link #B}, {@link #C}) need a contribution; an entry is null where an operand
     * gets none (not wanted, or a derivative that is 0 everywhere, as for a⁰).
     *
     * @param out the node whose rule this is
     * @param g ∂output/∂out, a tensor of out's shape
     * @param wanted the bits of the operands whose contributions are needed
     * @return three entries, for a, b and c
     */
    Tensor[] gradient(Tensor out, Tensor g, int wanted);

    /** @return the symbol shown by {@link Tensor#op()} and in graph drawings */
    String symbol();

    /** @return what the forward kernel costs per element */
    Cost cost();

    /**
     * Whether {@code operand}'s bit is set in {@code wanted}.
     *
     * @param wanted the bits of {@link #gradient}'s {@code wanted}
     * @param operand {@link #A}, {@link #B} or {@link #C}
     * @return true if that operand's contribution is needed
     */
    static boolean wants(int wanted, int operand) {
        return (wanted & operand) != 0;
    }

    /**
     * {@link #gradient}'s answer.
     *
     * @param a the contribution to the first operand's gradient, or null
     * @param b the contribution to the second's, or null
     * @param c the contribution to the third's, or null
     * @return the three in order
     */
    static Tensor[] parts(Tensor a, Tensor b, Tensor c) {
        return new Tensor[] {a, b, c};
    }

    /**
     * The node {@code op(a)}.
     *
     * @param a the operand
     * @return the new tensor
     */
    default Tensor apply(Tensor a) {
        return apply(a, null, null, 0);
    }

    /**
     * The node {@code op(a, s)} for a constant s.
     *
     * @param a the operand
     * @param s the constant
     * @return the new tensor
     */
    default Tensor apply(Tensor a, double s) {
        return apply(a, null, null, s);
    }

    /**
     * The node {@code op(a, b)}.
     *
     * @param a the first operand
     * @param b the second operand
     * @return the new tensor
     */
    default Tensor apply(Tensor a, Tensor b) {
        return apply(a, b, null, 0);
    }

    /**
     * Builds the node {@code op(a, b, c; s)}: the shape rule, then the forward kernel (split over
     * two threads when that pays), then, while {@link Anomaly} detection is on, the check of the result.
     *
     * @param a the first operand
     * @param b the second operand, or null
     * @param c the third operand, or null
     * @param s the constant of the operation, else 0
     * @return the new tensor, requiring a gradient when any operand does
     * @throws IllegalStateException if an operand's buffers were recycled by {@link Workspace#recycle}
     */
    default Tensor apply(Tensor a, Tensor b, Tensor c, double s) {
        a.checkUsable();
        if (b != null) {
            b.checkUsable();
        }
        if (c != null) {
            c.checkUsable();
        }
        DMatrixRMaj data = result(a, b, c, s);
        boolean requiresGrad = a.requiresGrad() || b != null && b.requiresGrad() || c != null && c.requiresGrad();
        Tensor out = new Tensor(data, this, a, b, c, s, requiresGrad);
        ParallelRange.forward(this, out, out.size(), cost());
        if (Anomaly.isEnabled()) {
            Anomaly.forward(out);
        }
        return out;
    }
}
