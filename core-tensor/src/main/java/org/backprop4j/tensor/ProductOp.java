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
 * accumulating straight into the gradient buffers with no transposed copies): {@link #MATMUL}, and
 * the fully connected layer act(x·Wᵀ + b), one operation that carries its {@link Activation}:
 * {@link #LINEAR} (the identity), {@link #LINEAR_TANH}, {@link #LINEAR_SIGMOID} and
 * {@link #LINEAR_RELU} share the layer's rule, the methods of this enum, which read the activation
 * each constant holds. The bias and the activation run in one pass over the product.
 */
enum ProductOp implements TensorOp {
    /** out = A·B (m×k times k×n); ∂L/∂A = G·Bᵀ, ∂L/∂B = Aᵀ·G. Its own rule, not the layer's below (its identity activation is unused). */
    MATMUL("matmul", Activation.IDENTITY) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            if (a.cols() != b.rows()) {
                throw new IllegalArgumentException("matmul: cannot multiply " + Shapes.of(a.data) + " by " + Shapes.of(b.data));
            }
            return Workspace.matrix(a.rows(), b.cols());
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            MatrixProducts.current().gemm(false, false, 1, out.a.data, out.b.data, 0, out.data);
        }

        @Override
        public void backward(Tensor out) {
            MatrixProducts products = MatrixProducts.current();
            if (out.a.requiresGrad()) {
                products.gemm(false, true, 1, out.grad, out.b.data, 1, out.a.gradBuffer());
            }
            if (out.b.requiresGrad()) {
                products.gemm(true, false, 1, out.a.data, out.grad, 1, out.b.gradBuffer());
            }
        }

        @Override
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(wants(wanted, A) ? g.matmul(out.b.transpose()) : null, wants(wanted, B) ? out.a.transpose().matmul(g) : null, null);
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
        Workers.shared().run(BIAS_ACTIVATION, out, out.size(), activationCutover());
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
     * one pass (G itself for the identity), then ∂L/∂x = G'·W and ∂L/∂W = G'ᵀ·x by {@link MatrixProducts}.
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
        LayerBackward pass = new LayerBackward(out, local, biasGrad);
        Workers workers = Workers.shared();
        if (local != out.grad || biasGrad != null) {
            workers.run(LayerBackward.COLUMNS, pass, cols, rows * cols >= ParallelRange.ARITHMETIC_CUTOVER ? 2 : Integer.MAX_VALUE);
        }
        boolean both = x.requiresGrad() && w.requiresGrad();
        workers.run(LayerBackward.PRODUCTS, pass, 2, both && ParallelRange.productsSplit(rows, cols, x.cols()) ? 2 : Integer.MAX_VALUE);
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
                wants(wanted, B) ? local.transpose().matmul(out.a) : null,
                wants(wanted, C) ? local.sumCols() : null);
    }

    /**
     * The bias and activation pass over the elements [from, to) of a layer's result, in which the
     * product already is: the whole pass in one loop when it runs unsplit, else
     * {@link FastMath#biasActivation(Activation, double[], double[], int, int, int)} on the range,
     * which gives each element the same bits.
     */
    private static final RangeKernel<Tensor> BIAS_ACTIVATION = (out, from, to) -> {
        Activation activation = ((ProductOp) out.op).activation;
        if (from == 0 && to == out.size()) {
            FastMath.biasActivation(activation, out.c.data.data, out.data.data, out.data.numRows, out.data.numCols);
        } else {
            FastMath.biasActivation(activation, out.c.data.data, out.data.data, out.data.numCols, from, to);
        }
    };
}
