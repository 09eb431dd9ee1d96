package org.backprop4j.tensor;

import org.backprop4j.tensor.blas.MatrixProducts;
import org.backprop4j.tensor.kernels.Activation;
import org.backprop4j.tensor.kernels.FastMath;
import org.backprop4j.tensor.parallel.RangeKernel;
import org.ejml.data.DMatrixRMaj;

/**
 * One fully connected layer's backward, out = act(x·Wᵀ + b), in the two loops that
 * {@link ParallelRange} may split: {@link #COLUMNS}, G' = G ⊙ act'(out) and the bias's column sums
 * of G' over a range of columns (each column summed by one thread, over its rows in order), and
 * {@link #PRODUCTS}, ∂L/∂x = G'·W as part 0 and ∂L/∂W = G'ᵀ·x as part 1, each a whole product on
 * one thread (OpenBLAS's own threads would change its bits).
 */
final class LayerBackward {

    /** G' and the bias gradient on the columns [from, to). */
    static final RangeKernel<LayerBackward> COLUMNS = new Columns();

    /** The products of the parts [from, to) of {0: ∂x, 1: ∂W}. */
    static final RangeKernel<LayerBackward> PRODUCTS = new Products();

    /**
     * {@link #COLUMNS}. It and {@link Products} are classes, not lambdas, as they run in a fresh JVM's first
     * step: a lambda's first use spins a class at run time, several times the cost of loading one.
     */
    private static final class Columns implements RangeKernel<LayerBackward> {
        @Override
        public void forward(LayerBackward pass, int from, int to) {
            pass.columns(from, to);
        }
    }

    /** {@link #PRODUCTS}. */
    private static final class Products implements RangeKernel<LayerBackward> {
        @Override
        public void forward(LayerBackward pass, int from, int to) {
            for (int part = from; part < to; part++) {
                pass.product(part);
            }
        }
    }

    private final Tensor out;
    private final DMatrixRMaj local;
    private final double[] biasGrad;
    private final MatrixProducts products;
    /** ∂L/∂x and ∂L/∂W, taken on the caller's thread (a gradient buffer comes from its {@link Workspace}); null when not needed. */
    private final DMatrixRMaj inputGrad;
    private final DMatrixRMaj weightGrad;
    /**
     * β of each product: 1 into a gradient its tensor holds, 0 into a buffer of arbitrary contents ({@link Tensor#gradUnwritten}), which β = 0
     * overwrites with the bits β = 1 gives over zeros, so no pass of zeros comes first.
     */
    private final double inputBeta;
    private final double weightBeta;

    /**
     * @param out the layer's node, with its gradient G
     * @param local where G' goes (G itself for the identity)
     * @param biasGrad the bias gradient to add into, or null when the bias needs none
     */
    LayerBackward(Tensor out, DMatrixRMaj local, double[] biasGrad) {
        this.out = out;
        this.local = local;
        this.biasGrad = biasGrad;
        this.products = MatrixProducts.current();
        this.inputBeta = out.a.gradUnwritten() ? 0 : 1;
        this.inputGrad = out.a.requiresGrad() ? ownGradient(out.a) : null;
        this.weightBeta = out.b.gradUnwritten() ? 0 : 1;   // after the input's: x.linear(x, b) takes one buffer, then adds into it
        this.weightGrad = out.b.requiresGrad() ? ownGradient(out.b) : null;
    }

    /**
     * The whole backward on this thread, with no object: the column pass (when {@code columns}), then ∂L/∂x, then
     * ∂L/∂W, the arithmetic and order of {@link #COLUMNS} over every column and {@link #PRODUCTS} over both parts.
     * Each product takes its β and its gradient buffer just before it runs; as the constructor takes them one after
     * the other, ∂x's first, this gives the same β and buffers (the column pass takes none).
     *
     * @param out the layer's node, with its gradient G
     * @param local where G' goes (G itself for the identity)
     * @param biasGrad the bias gradient to add into, or null when the bias needs none
     * @param columns whether G' or the bias gradient needs the column pass
     */
    static void whole(Tensor out, DMatrixRMaj local, double[] biasGrad, boolean columns) {
        if (columns) {
            columns(out, local, biasGrad, 0, out.data.numCols);
        }
        MatrixProducts products = MatrixProducts.current();
        if (out.a.requiresGrad()) {
            double beta = out.a.gradUnwritten() ? 0 : 1;
            products.gemm(false, false, 1, local, out.b.data, beta, ownGradient(out.a));
        }
        if (out.b.requiresGrad()) {
            double beta = out.b.gradUnwritten() ? 0 : 1;
            products.gemm(true, false, 1, local, out.a.data, beta, ownGradient(out.b));
        }
    }

    /** t's gradient buffer: the one holding its gradient, or one for β = 0 to overwrite. */
    private static DMatrixRMaj ownGradient(Tensor t) {
        return t.gradUnwritten() ? t.gradBufferToOverwrite() : t.grad;
    }

    private void columns(int from, int to) {
        columns(out, local, biasGrad, from, to);
    }

    /** G' and the bias gradient on the columns [from, to): the whole pass in one loop over every column, else by column range. */
    private static void columns(Tensor out, DMatrixRMaj local, double[] biasGrad, int from, int to) {
        Activation activation = ((ProductOp) out.op).activation();
        int rows = out.data.numRows;
        int cols = out.data.numCols;
        if (from == 0 && to == cols) {
            if (local != out.grad) {
                FastMath.biasActivationBackward(activation, out.grad.data, out.data.data, local.data, biasGrad, rows, cols);
            } else {
                FastMath.addColumnSums(out.grad.data, biasGrad, rows, cols);
            }
        } else {
            FastMath.biasActivationBackward(activation, out.grad.data, out.data.data, local.data, biasGrad, rows, cols, from, to);
        }
    }

    private void product(int part) {
        if (part == 0 && inputGrad != null) {
            products.gemm(false, false, 1, local, out.b.data, inputBeta, inputGrad);
        }
        if (part == 1 && weightGrad != null) {
            products.gemm(true, false, 1, local, out.a.data, weightBeta, weightGrad);
        }
    }
}
