package org.backprop4j.tensor;

import static org.backprop4j.tensor.TensorOp.parts;
import static org.backprop4j.tensor.TensorOp.wants;

import org.backprop4j.tensor.blas.MatrixProducts;
import org.backprop4j.tensor.kernels.Activation;
import org.backprop4j.tensor.kernels.FastMath;
import org.backprop4j.tensor.parallel.RangeKernel;
import org.backprop4j.tensor.parallel.Workers;
import org.ejml.data.DMatrixRMaj;

/**
 * The operations that run a matrix product through {@link MatrixProducts} (with β = 1 in backward,
 * accumulating straight into the gradient buffers with no transposed copies): {@link #MATMUL} and
 * the two products with a transposed operand that differentiating it builds, and
 * the fully connected layer act(x·Wᵀ + b), one operation that carries its {@link Activation}:
 * {@link #LINEAR} (the identity), {@link #LINEAR_TANH}, {@link #LINEAR_SIGMOID} and
 * {@link #LINEAR_RELU} share the layer's rule, the methods of this enum, which read the activation
 * each constant holds. The bias and the activation run in one pass over the product.
 */
enum ProductOp implements TensorOp {
    /**
     * out = A·B (m×k times k×n); ∂L/∂A = G·Bᵀ ({@link #MATMUL_TRANSPOSED_B}), ∂L/∂B = Aᵀ·G
     * ({@link #MATMUL_TRANSPOSED_A}). (Its own rule, not the layer's below; it carries no activation.)
     */
    MATMUL("matmul", Activation.IDENTITY) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return productShape(false, false, a, b);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            productForward(false, false, out);
        }

        @Override
        public void backward(Tensor out) {
            productBackward(false, false, out);
        }

        @Override
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return productGradient(false, false, out, g, wanted);
        }
    },
    /**
     * out = A·Bᵀ (m×k times the transpose of n×k), with no transposed copy: what differentiating a
     * {@link #MATMUL} by its first operand builds; ∂L/∂A = G·B ({@link #MATMUL}), ∂L/∂B = Gᵀ·A
     * ({@link #MATMUL_TRANSPOSED_A}).
     */
    MATMUL_TRANSPOSED_B("matmul·ᵀ", Activation.IDENTITY) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return productShape(false, true, a, b);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            productForward(false, true, out);
        }

        @Override
        public void backward(Tensor out) {
            productBackward(false, true, out);
        }

        @Override
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return productGradient(false, true, out, g, wanted);
        }
    },
    /**
     * out = Aᵀ·B (the transpose of k×m times k×n), with no transposed copy: what differentiating a
     * {@link #MATMUL} by its second operand builds, or a layer by its weight; ∂L/∂A = B·Gᵀ
     * ({@link #MATMUL_TRANSPOSED_B}), ∂L/∂B = A·G ({@link #MATMUL}).
     */
    MATMUL_TRANSPOSED_A("ᵀ·matmul", Activation.IDENTITY) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return productShape(true, false, a, b);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            productForward(true, false, out);
        }

        @Override
        public void backward(Tensor out) {
            productBackward(true, false, out);
        }

        @Override
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return productGradient(true, false, out, g, wanted);
        }
    },
    /**
     * out = x·Wᵀ + b (x batch×in, W out×in, b a 1×out row), with no transposed copy;
     * ∂L/∂x = G·W, ∂L/∂W = Gᵀ·x, ∂L/∂b = column sums of G.
     */
    LINEAR("linear", Activation.IDENTITY),
    /**
     * out = tanh(x·Wᵀ + b), the bias and tanh in one pass over the product; with G' = G ⊙ (1 − out²):
     * ∂L/∂x = G'·W, ∂L/∂W = G'ᵀ·x, ∂L/∂b = column sums of G'.
     */
    LINEAR_TANH("tanh∘linear", Activation.TANH),
    /**
     * out = σ(x·Wᵀ + b), the bias and sigmoid in one pass over the product; with
     * G' = G ⊙ out(1 − out): ∂L/∂x = G'·W, ∂L/∂W = G'ᵀ·x, ∂L/∂b = column sums of G'.
     */
    LINEAR_SIGMOID("sigmoid∘linear", Activation.SIGMOID),
    /**
     * out = max(0, x·Wᵀ + b), the bias and ReLU in one pass over the product; with
     * G' = G where out &gt; 0, else 0: ∂L/∂x = G'·W, ∂L/∂W = G'ᵀ·x, ∂L/∂b = column sums of G'.
     */
    LINEAR_RELU("ReLU∘linear", Activation.RELU);

    private final String symbol;
    private final Activation activation;

    ProductOp(String symbol, Activation activation) {
        this.symbol = symbol;
        this.activation = activation;
    }

    @Override
    public String symbol() {
        return symbol;
    }

    /** @return {@link Cost#PRODUCT}: one call computes the whole result */
    @Override
    public Cost cost() {
        return Cost.PRODUCT;
    }

    /** The product op(A)·op(B) with these transpose flags: {@link #MATMUL}, {@link #MATMUL_TRANSPOSED_B} or {@link #MATMUL_TRANSPOSED_A} (Aᵀ·Bᵀ is never needed). */
    private static ProductOp product(boolean transposeA, boolean transposeB) {
        return transposeA ? MATMUL_TRANSPOSED_A : transposeB ? MATMUL_TRANSPOSED_B : MATMUL;
    }

    /** The shape rule of op(A)·op(B): the inner sizes must agree; the result is rows of op(A) × columns of op(B). */
    private static DMatrixRMaj productShape(boolean transposeA, boolean transposeB, Tensor a, Tensor b) {
        int inner = transposeA ? a.rows() : a.cols();
        if (inner != (transposeB ? b.cols() : b.rows())) {
            throw new IllegalArgumentException("matmul: cannot multiply " + Shapes.of(a.data) + (transposeA ? "ᵀ" : "") + " by "
                    + Shapes.of(b.data) + (transposeB ? "ᵀ" : ""));
        }
        return Workspace.matrix(transposeA ? a.cols() : a.rows(), transposeB ? b.rows() : b.cols());
    }

    /** out = op(A)·op(B) by {@link MatrixProducts}, the transposes as flags. */
    private static void productForward(boolean transposeA, boolean transposeB, Tensor out) {
        MatrixProducts.current().gemm(transposeA, transposeB, 1, out.a.data, out.b.data, 0, out.data);
    }

    /**
     * The backward of out = op(A)·op(B), with β = 1 into the gradient buffers: ∂L/∂op(A) = G·op(B)ᵀ
     * and ∂L/∂op(B) = op(A)ᵀ·G, each transposed back for an operand that was transposed. Into a
     * gradient that is unwritten ({@link Tensor#gradUnwritten}: none yet, or one {@link Tensor#zeroGrad} cleared
     * without writing), β = 0 writes the product into a buffer of arbitrary
     * contents ({@link Tensor#gradBufferToOverwrite}): every backend gives with β = 0 the bits that
     * β = 1 gives over zeros ({@link MatrixProducts#gemm}), so no pass of zeros comes first.
     */
    private static void productBackward(boolean transposeA, boolean transposeB, Tensor out) {
        MatrixProducts products = MatrixProducts.current();
        Tensor a = out.a;
        Tensor b = out.b;
        if (a.requiresGrad()) {
            double beta = a.gradUnwritten() ? 0 : 1;
            DMatrixRMaj ga = a.gradUnwritten() ? a.gradBufferToOverwrite() : a.grad;
            if (transposeA) {
                products.gemm(transposeB, true, 1, b.data, out.grad, beta, ga);
            } else {
                products.gemm(false, !transposeB, 1, out.grad, b.data, beta, ga);
            }
        }
        if (b.requiresGrad()) {
            double beta = b.gradUnwritten() ? 0 : 1;
            DMatrixRMaj gb = b.gradUnwritten() ? b.gradBufferToOverwrite() : b.grad;
            if (transposeB) {
                products.gemm(true, transposeA, 1, out.grad, a.data, beta, gb);
            } else {
                products.gemm(!transposeA, false, 1, a.data, out.grad, beta, gb);
            }
        }
    }

    /** The differentiable form of {@link #productBackward}: the same products, as nodes of the three kinds of product. */
    private static Tensor[] productGradient(boolean transposeA, boolean transposeB, Tensor out, Tensor g, int wanted) {
        Tensor a = out.a;
        Tensor b = out.b;
        Tensor da = null;
        Tensor db = null;
        if (wants(wanted, A)) {
            da = transposeA ? product(transposeB, true).apply(b, g) : product(false, !transposeB).apply(g, b);
        }
        if (wants(wanted, B)) {
            db = transposeB ? product(true, transposeA).apply(g, a) : product(!transposeA, false).apply(a, g);
        }
        return parts(da, db, null);
    }

    /** The shape rule of a fully connected layer: x is batch×in, W out×in, b 1×out; the result batch×out. */
    @Override
    public DMatrixRMaj result(Tensor x, Tensor weight, Tensor bias, double s) {
        if (x.cols() != weight.cols() || bias.rows() != 1 || bias.cols() != weight.rows()) {
            throw new IllegalArgumentException("linear: cannot apply weight " + Shapes.of(weight.data)
                    + " and bias " + Shapes.of(bias.data) + " to input " + Shapes.of(x.data)
                    + " (needs weight outx" + x.cols() + " and bias 1xout)");
        }
        return Workspace.matrix(x.rows(), weight.rows());
    }

    /**
     * out = act(x·Wᵀ + b): the product by {@link MatrixProducts}, then the bias and activation in one
     * pass; while {@link Anomaly} detection is on, the pre-activation is checked between the two.
     */
    @Override
    public void forward(Tensor out, int from, int to) {
        MatrixProducts.current().gemm(false, true, 1, out.a.data, out.b.data, 0, out.data);
        if (activation != Activation.IDENTITY && Anomaly.isEnabled()) {
            Anomaly.preActivation(out, out.c.data.data);
        }
        ParallelRange.run(BIAS_ACTIVATION, out, out.size(), activationCutover());
    }

    /** @return the activation this operation applies after the product (the identity for matmul and linear) */
    Activation activation() {
        return activation;
    }

    /** The cut-over of the bias and activation pass: a transcendental one's for tanh and sigmoid, else an arithmetic one's. */
    private int activationCutover() {
        boolean transcendental = activation == Activation.TANH || activation == Activation.SIGMOID;
        return ParallelRange.cutover(transcendental ? Cost.TRANSCENDENTAL : Cost.ARITHMETIC);
    }

    /**
     * The backward of {@link #forward}: G' = G ⊙ act'(out) and the bias's column sums of G' in
     * one pass (G itself for the identity), then ∂L/∂x = G'·W and ∂L/∂W = G'ᵀ·x by {@link MatrixProducts}. When
     * neither the pass nor the products would split, they run here with no {@link LayerBackward} object: a step
     * then allocates nothing for its layers' backward, whatever the JIT inlines.
     */
    @Override
    public void backward(Tensor out) {
        Tensor x = out.a;
        Tensor w = out.b;
        Tensor bias = out.c;
        int rows = out.data.numRows;
        int cols = out.data.numCols;
        double[] biasGrad = bias.requiresGrad() ? bias.gradBuffer().data : null;
        DMatrixRMaj local = activation == Activation.IDENTITY ? out.grad : Workspace.scratch(rows, cols);
        boolean columns = local != out.grad || biasGrad != null;
        boolean columnsSplit = columns && rows * cols >= ParallelRange.ARITHMETIC_CUTOVER;
        int columnsCutover = columnsSplit ? 2 : Integer.MAX_VALUE;
        // x.linear(x, b) adds both products into x's one gradient: one after the other, never side by side.
        boolean both = x != w && x.requiresGrad() && w.requiresGrad();
        boolean productsSplit = both && ParallelRange.productsSplit(rows, cols, x.cols());
        int productsCutover = productsSplit ? 2 : Integer.MAX_VALUE;
        // Below both cut-overs every pool runs the whole backward here: no look-up of the pool.
        Workers workers = columnsSplit || productsSplit ? Workers.shared() : null;
        if (workers == null || (!columns || workers.parts(cols, columnsCutover) == 1) && workers.parts(2, productsCutover) == 1) {
            LayerBackward.whole(out, local, biasGrad, columns);
        } else {
            LayerBackward pass = new LayerBackward(out, local, biasGrad);
            if (columns) {
                workers.run(LayerBackward.COLUMNS, pass, cols, columnsCutover);
            }
            workers.run(LayerBackward.PRODUCTS, pass, 2, productsCutover);
        }
        if (local != out.grad) {
            Workspace.releaseScratch(local);
        }
    }

    /**
     * The differentiable form of {@link #backward}: with G' = G ⊙ act'(out) (G itself for the
     * identity), ∂x = G'·W, ∂W = G'ᵀ·x, ∂b = the column sums of G'.
     */
    @Override
    public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
        Tensor local = ElementwiseOp.timesDerivative(activation, out, g);
        return parts(wants(wanted, A) ? local.matmul(out.b) : null,
                wants(wanted, B) ? MATMUL_TRANSPOSED_A.apply(local, out.a) : null,
                wants(wanted, C) ? local.sumCols() : null);
    }

    /**
     * The bias and activation pass over the elements [from, to) of a layer's result, in which the
     * product already is: the whole pass in one loop when it runs unsplit, else
     * {@link FastMath#biasActivation(Activation, double[], double[], int, int, int)} on the range,
     * which gives each element the same bits.
     */
    private static final RangeKernel<Tensor> BIAS_ACTIVATION = new BiasActivation();

    /**
     * {@link #BIAS_ACTIVATION}: a class, not a lambda, as it runs in a fresh JVM's first step, where a lambda's
     * first use spins a class at run time, several times the cost of loading one.
     */
    private static final class BiasActivation implements RangeKernel<Tensor> {
        @Override
        public void forward(Tensor out, int from, int to) {
            Activation activation = ((ProductOp) out.op).activation;
            if (from == 0 && to == out.size()) {
                FastMath.biasActivation(activation, out.c.data.data, out.data.data, out.data.numRows, out.data.numCols);
            } else {
                FastMath.biasActivation(activation, out.c.data.data, out.data.data, out.data.numCols, from, to);
            }
        }
    }
}
