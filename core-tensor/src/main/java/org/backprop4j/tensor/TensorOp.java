package org.backprop4j.tensor;

import java.util.Objects;
import org.backprop4j.tensor.blas.MatrixProducts;
import org.backprop4j.tensor.kernels.Activation;
import org.backprop4j.tensor.kernels.FastMath;
import org.ejml.data.DMatrixRMaj;

/**
 * Every operation of the tensor engine, each one whole in its constant: its shape rule
 * ({@link #result}), its forward kernel over a range of the result's raw {@code double[]}
 * ({@link #forward}), its backward rule ({@link #backward}) and its {@link Cost}. A {@link Tensor}
 * method only names the constant ({@code TensorOp.TANH.apply(this)}); {@link #apply} builds the node
 * and {@link Tensor#backward()} walks the graph. Adding an operation is adding one constant and one
 * one-line method.
 *
 * <p>Each kernel is its own loop over raw arrays with no call per element, so every hot loop stays
 * monomorphic; nothing is allocated per element. Backward rules add into an operand's gradient only
 * when that operand requires one, so constants cost nothing; products go through
 * {@link MatrixProducts} with β = 1, accumulating straight into the gradient buffers with no
 * transposed copies.
 *
 * <p>Binary element-wise operations broadcast by strides ({@link Shapes#rowStride},
 * {@link Shapes#colStride}): a broadcast operand's index advances by 0 along the dimension it is
 * stretched over, and backward adds through the same indices, which sums the gradient back down to
 * the operand's shape.
 */
enum TensorOp implements ParallelRange.RangeKernel<Tensor> {
    /** out = a + b (broadcast); ∂/∂a = 1, ∂/∂b = 1, summed back to each shape. */
    ADD("+", Cost.ARITHMETIC) {
        @Override
        DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return broadcast("add", a, b);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double[] x = out.a.data.data;
            double[] y = out.b.data.data;
            double[] z = out.data.data;
            int cols = out.data.numCols;
            int ars = Shapes.rowStride(out.a.data);
            int acs = Shapes.colStride(out.a.data);
            int brs = Shapes.rowStride(out.b.data);
            int bcs = Shapes.colStride(out.b.data);
            if (unbroadcast(out)) {
                for (int k = from; k < to; k++) {
                    z[k] = x[k] + y[k];
                }
                return;
            }
            for (int k = from, i = from / cols, j = from % cols; k < to; k++) {
                z[k] = x[i * ars + j * acs] + y[i * brs + j * bcs];
                if (++j == cols) {
                    j = 0;
                    i++;
                }
            }
        }

        @Override
        void backward(Tensor out) {
            if (out.a.requiresGrad()) {
                sumBack(out, 1, out.a);
            }
            if (out.b.requiresGrad()) {
                sumBack(out, 1, out.b);
            }
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(wants(wanted, A) ? sumTo(g, out.a) : null, wants(wanted, B) ? sumTo(g, out.b) : null, null);
        }
    },
    /** out = a − b (broadcast); ∂/∂a = 1, ∂/∂b = −1, summed back to each shape. */
    SUB("-", Cost.ARITHMETIC) {
        @Override
        DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return broadcast("sub", a, b);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double[] x = out.a.data.data;
            double[] y = out.b.data.data;
            double[] z = out.data.data;
            int cols = out.data.numCols;
            int ars = Shapes.rowStride(out.a.data);
            int acs = Shapes.colStride(out.a.data);
            int brs = Shapes.rowStride(out.b.data);
            int bcs = Shapes.colStride(out.b.data);
            if (unbroadcast(out)) {
                for (int k = from; k < to; k++) {
                    z[k] = x[k] - y[k];
                }
                return;
            }
            for (int k = from, i = from / cols, j = from % cols; k < to; k++) {
                z[k] = x[i * ars + j * acs] - y[i * brs + j * bcs];
                if (++j == cols) {
                    j = 0;
                    i++;
                }
            }
        }

        @Override
        void backward(Tensor out) {
            if (out.a.requiresGrad()) {
                sumBack(out, 1, out.a);
            }
            if (out.b.requiresGrad()) {
                sumBack(out, -1, out.b);
            }
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(wants(wanted, A) ? sumTo(g, out.a) : null, wants(wanted, B) ? sumTo(g.neg(), out.b) : null, null);
        }
    },
    /** out = a ⊙ b (broadcast); ∂/∂a = b, ∂/∂b = a, summed back to each shape. */
    MUL("*", Cost.ARITHMETIC) {
        @Override
        DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return broadcast("mul", a, b);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double[] x = out.a.data.data;
            double[] y = out.b.data.data;
            double[] z = out.data.data;
            int cols = out.data.numCols;
            int ars = Shapes.rowStride(out.a.data);
            int acs = Shapes.colStride(out.a.data);
            int brs = Shapes.rowStride(out.b.data);
            int bcs = Shapes.colStride(out.b.data);
            if (unbroadcast(out)) {
                for (int k = from; k < to; k++) {
                    z[k] = x[k] * y[k];
                }
                return;
            }
            for (int k = from, i = from / cols, j = from % cols; k < to; k++) {
                z[k] = x[i * ars + j * acs] * y[i * brs + j * bcs];
                if (++j == cols) {
                    j = 0;
                    i++;
                }
            }
        }

        @Override
        void backward(Tensor out) {
            if (out.a.requiresGrad()) {
                sumBackTimes(out, out.a, out.b);
            }
            if (out.b.requiresGrad()) {
                sumBackTimes(out, out.b, out.a);
            }
        }

        /** self.grad += g ⊙ other, summed back to self's shape. */
        private void sumBackTimes(Tensor out, Tensor self, Tensor other) {
            double[] g = out.grad.data;
            double[] gs = self.gradBuffer().data;
            double[] o = other.data.data;
            if (unbroadcast(out)) {
                for (int k = 0, n = out.size(); k < n; k++) {
                    gs[k] += g[k] * o[k];
                }
                return;
            }
            int rows = out.data.numRows;
            int cols = out.data.numCols;
            int srs = Shapes.rowStride(self.data);
            int scs = Shapes.colStride(self.data);
            int ors = Shapes.rowStride(other.data);
            int ocs = Shapes.colStride(other.data);
            for (int i = 0, k = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++, k++) {
                    gs[i * srs + j * scs] += g[k] * o[i * ors + j * ocs];
                }
            }
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(wants(wanted, A) ? sumTo(g.mul(out.b), out.a) : null, wants(wanted, B) ? sumTo(g.mul(out.a), out.b) : null, null);
        }
    },
    /** out = a ⊘ b (broadcast); ∂/∂a = 1/b, ∂/∂b = −a/b² = −out/b, summed back to each shape. */
    DIV("/", Cost.ARITHMETIC) {
        @Override
        DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return broadcast("div", a, b);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double[] x = out.a.data.data;
            double[] y = out.b.data.data;
            double[] z = out.data.data;
            int cols = out.data.numCols;
            int ars = Shapes.rowStride(out.a.data);
            int acs = Shapes.colStride(out.a.data);
            int brs = Shapes.rowStride(out.b.data);
            int bcs = Shapes.colStride(out.b.data);
            if (unbroadcast(out)) {
                for (int k = from; k < to; k++) {
                    z[k] = x[k] / y[k];
                }
                return;
            }
            for (int k = from, i = from / cols, j = from % cols; k < to; k++) {
                z[k] = x[i * ars + j * acs] / y[i * brs + j * bcs];
                if (++j == cols) {
                    j = 0;
                    i++;
                }
            }
        }

        @Override
        void backward(Tensor out) {
            double[] g = out.grad.data;
            double[] z = out.data.data;
            double[] y = out.b.data.data;
            int rows = out.data.numRows;
            int cols = out.data.numCols;
            int brs = Shapes.rowStride(out.b.data);
            int bcs = Shapes.colStride(out.b.data);
            if (out.a.requiresGrad()) {
                double[] ga = out.a.gradBuffer().data;
                int ars = Shapes.rowStride(out.a.data);
                int acs = Shapes.colStride(out.a.data);
                for (int i = 0, k = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++, k++) {
                        ga[i * ars + j * acs] += g[k] / y[i * brs + j * bcs];
                    }
                }
            }
            if (out.b.requiresGrad()) {
                double[] gb = out.b.gradBuffer().data;
                for (int i = 0, k = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++, k++) {
                        int bk = i * brs + j * bcs;
                        gb[bk] += -g[k] * z[k] / y[bk];
                    }
                }
            }
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(wants(wanted, A) ? sumTo(g.div(out.b), out.a) : null,
                    wants(wanted, B) ? sumTo(g.neg().mul(out).div(out.b), out.b) : null, null);
        }
    },
    /** out = a + c for a constant c; ∂/∂a = 1. */
    ADD_CONSTANT("+c", Cost.ARITHMETIC) {
        @Override
        DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return sameShape(a);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double c = out.scalar;
            double[] x = out.a.data.data;
            double[] y = out.data.data;
            for (int i = from; i < to; i++) {
                y[i] = x[i] + c;
            }
        }

        @Override
        void backward(Tensor out) {
            double[] g = out.grad.data;
            double[] ga = out.a.gradBuffer().data;
            for (int i = 0, n = out.size(); i < n; i++) {
                ga[i] += g[i];
            }
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(g, null, null);
        }
    },
    /** out = c·a for a constant c; ∂/∂a = c. */
    MUL_CONSTANT("*c", Cost.ARITHMETIC) {
        @Override
        DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return sameShape(a);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double c = out.scalar;
            double[] x = out.a.data.data;
            double[] y = out.data.data;
            for (int i = from; i < to; i++) {
                y[i] = x[i] * c;
            }
        }

        @Override
        void backward(Tensor out) {
            double c = out.scalar;
            double[] g = out.grad.data;
            double[] ga = out.a.gradBuffer().data;
            for (int i = 0, n = out.size(); i < n; i++) {
                ga[i] += c * g[i];
            }
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(g.mul(out.scalar), null, null);
        }
    },
    /** out = a / c for a constant c, the IEEE quotient of every element (not a·(1/c)); ∂/∂a = 1/c, applied as g / c. */
    DIV_CONSTANT("/c", Cost.ARITHMETIC) {
        @Override
        DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return sameShape(a);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double c = out.scalar;
            double[] x = out.a.data.data;
            double[] y = out.data.data;
            for (int i = from; i < to; i++) {
                y[i] = x[i] / c;
            }
        }

        @Override
        void backward(Tensor out) {
            double c = out.scalar;
            double[] g = out.grad.data;
            double[] ga = out.a.gradBuffer().data;
            for (int i = 0, n = out.size(); i < n; i++) {
                ga[i] += g[i] / c;
            }
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(g.div(out.scalar), null, null);
        }
    },
    /** out = −a; ∂/∂a = −1. */
    NEG("neg", Cost.ARITHMETIC) {
        @Override
        DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return sameShape(a);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double[] x = out.a.data.data;
            double[] y = out.data.data;
            for (int i = from; i < to; i++) {
                y[i] = -x[i];
            }
        }

        @Override
        void backward(Tensor out) {
            double[] g = out.grad.data;
            double[] ga = out.a.gradBuffer().data;
            for (int i = 0, n = out.size(); i < n; i++) {
                ga[i] -= g[i];
            }
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(g.neg(), null, null);
        }
    },
    /**
     * out = aⁿ for a constant n; ∂/∂a = n·aⁿ⁻¹ (2a for n = 2, without {@link Math#pow}; 0 for n = 0, even at a = 0).
     * aⁿ is C's and PyTorch's: 1ⁿ = 1 for every n, NaN included, and (−1)^±∞ = 1, where {@code Math.pow} gives NaN.
     */
    POW("**", Cost.TRANSCENDENTAL) {
        @Override
        DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return sameShape(a);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double n = out.scalar;
            double[] x = out.a.data.data;
            double[] y = out.data.data;
            if (n == 2) {
                for (int i = from; i < to; i++) {
                    y[i] = x[i] * x[i];
                }
            } else if (Double.isFinite(n)) {
                for (int i = from; i < to; i++) {
                    y[i] = Math.pow(x[i], n);
                }
            } else {
                for (int i = from; i < to; i++) {
                    y[i] = powerAtNonFinite(x[i], n);
                }
            }
        }

        @Override
        void backward(Tensor out) {
            double n = out.scalar;
            double[] g = out.grad.data;
            double[] x = out.a.data.data;
            double[] ga = out.a.gradBuffer().data;
            if (n == 0) {
                return;   // a⁰ = 1 whatever a is: ∂/∂a = 0, even at 0 where n·aⁿ⁻¹ would be 0·∞ (as PyTorch)
            }
            if (n == 2) {
                for (int i = 0, size = out.size(); i < size; i++) {
                    ga[i] += 2 * x[i] * g[i];
                }
            } else {
                for (int i = 0, size = out.size(); i < size; i++) {
                    ga[i] += n * (Double.isFinite(n) ? Math.pow(x[i], n - 1) : powerAtNonFinite(x[i], n)) * g[i];   // n − 1 = n for NaN and ±∞
                }
            }
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            double n = out.scalar;
            if (n == 0) {
                return parts(null, null, null);
            }
            Tensor local = n == 2 ? out.a.mul(2) : out.a.pow(n - 1).mul(n);
            return parts(local.mul(g), null, null);
        }
    },
    /** out = eᵃ; ∂/∂a = eᵃ = out. */
    EXP("exp", Cost.TRANSCENDENTAL) {
        @Override
        DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return sameShape(a);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double[] x = out.a.data.data;
            double[] y = out.data.data;
            FastMath.exp(x, y, from, to);
        }

        @Override
        void backward(Tensor out) {
            double[] g = out.grad.data;
            FastMath.expBackward(g, out.data.data, out.a.gradBuffer().data, 0, out.size());
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(out.mul(g), null, null);
        }
    },
    /** out = ln a; ∂/∂a = 1/a. */
    LOG("log", Cost.TRANSCENDENTAL) {
        @Override
        DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return sameShape(a);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double[] x = out.a.data.data;
            double[] y = out.data.data;
            FastMath.log(x, y, from, to);
        }

        @Override
        void backward(Tensor out) {
            double[] g = out.grad.data;
            FastMath.logBackward(g, out.a.data.data, out.a.gradBuffer().data, 0, out.size());
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(g.div(out.a), null, null);
        }
    },
    /** out = tanh a ({@link FastMath#tanh}); ∂/∂a = 1 − out². */
    TANH("tanh", Cost.TRANSCENDENTAL) {
        @Override
        DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return sameShape(a);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double[] x = out.a.data.data;
            double[] y = out.data.data;
            FastMath.tanh(x, y, from, to);
        }

        @Override
        void backward(Tensor out) {
            double[] g = out.grad.data;
            FastMath.tanhBackward(g, out.data.data, out.a.gradBuffer().data, 0, out.size());
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(activationDerivative(Activation.TANH, out).mul(g), null, null);
        }
    },
    /** out = max(0, a); ∂/∂a = 1 where out &gt; 0, else 0 (0 at 0). */
    RELU("ReLU", Cost.ARITHMETIC) {
        @Override
        DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return sameShape(a);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double[] x = out.a.data.data;
            double[] y = out.data.data;
            FastMath.relu(x, y, from, to);
        }

        @Override
        void backward(Tensor out) {
            double[] g = out.grad.data;
            FastMath.reluBackward(g, out.data.data, out.a.gradBuffer().data, 0, out.size());
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(g.mul(activationDerivative(Activation.RELU, out)), null, null);
        }
    },
    /** out = σ(a) ({@link FastMath#sigmoid}); ∂/∂a = out(1 − out). */
    SIGMOID("sigmoid", Cost.TRANSCENDENTAL) {
        @Override
        DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return sameShape(a);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double[] x = out.a.data.data;
            double[] y = out.data.data;
            FastMath.sigmoid(x, y, from, to);
        }

        @Override
        void backward(Tensor out) {
            double[] g = out.grad.data;
            FastMath.sigmoidBackward(g, out.data.data, out.a.gradBuffer().data, 0, out.size());
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(activationDerivative(Activation.SIGMOID, out).mul(g), null, null);
        }
    },
    /** out = A·B (m×k times k×n); ∂L/∂A = G·Bᵀ, ∂L/∂B = Aᵀ·G. */
    MATMUL("matmul", Cost.PRODUCT) {
        @Override
        DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
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
        void backward(Tensor out) {
            MatrixProducts products = MatrixProducts.current();
            if (out.a.requiresGrad()) {
                products.gemm(false, true, 1, out.grad, out.b.data, 1, out.a.gradBuffer());
            }
            if (out.b.requiresGrad()) {
                products.gemm(true, false, 1, out.a.data, out.grad, 1, out.b.gradBuffer());
            }
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(wants(wanted, A) ? g.matmul(out.b.transpose()) : null, wants(wanted, B) ? out.a.transpose().matmul(g) : null, null);
        }
    },
    /**
     * out = x·Wᵀ + b (x batch×in, W out×in, b a 1×out row), with no transposed copy;
     * ∂L/∂x = G·W, ∂L/∂W = Gᵀ·x, ∂L/∂b = column sums of G.
     */
    LINEAR("linear", Cost.PRODUCT) {
        @Override
        DMatrixRMaj result(Tensor x, Tensor weight, Tensor bias, double s) {
            return linearShape(x, weight, bias);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            linearForward(out, Activation.IDENTITY);
        }

        @Override
        void backward(Tensor out) {
            linearBackward(out, Activation.IDENTITY);
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return linearGradient(out, g, wanted);
        }
    },
    /**
     * out = tanh(x·Wᵀ + b), the bias and tanh in one pass over the product; with G' = G ⊙ (1 − out²):
     * ∂L/∂x = G'·W, ∂L/∂W = G'ᵀ·x, ∂L/∂b = column sums of G'.
     */
    LINEAR_TANH("tanh∘linear", Cost.PRODUCT) {
        @Override
        DMatrixRMaj result(Tensor x, Tensor weight, Tensor bias, double s) {
            return linearShape(x, weight, bias);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            linearForward(out, Activation.TANH);
        }

        @Override
        void backward(Tensor out) {
            linearBackward(out, Activation.TANH);
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return linearGradient(out, activationDerivative(Activation.TANH, out).mul(g), wanted);
        }
    },
    /**
     * out = σ(x·Wᵀ + b), the bias and sigmoid in one pass over the product; with
     * G' = G ⊙ out(1 − out): ∂L/∂x = G'·W, ∂L/∂W = G'ᵀ·x, ∂L/∂b = column sums of G'.
     */
    LINEAR_SIGMOID("sigmoid∘linear", Cost.PRODUCT) {
        @Override
        DMatrixRMaj result(Tensor x, Tensor weight, Tensor bias, double s) {
            return linearShape(x, weight, bias);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            linearForward(out, Activation.SIGMOID);
        }

        @Override
        void backward(Tensor out) {
            linearBackward(out, Activation.SIGMOID);
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return linearGradient(out, activationDerivative(Activation.SIGMOID, out).mul(g), wanted);
        }
    },
    /**
     * out = max(0, x·Wᵀ + b), the bias and ReLU in one pass over the product; with
     * G' = G where out &gt; 0, else 0: ∂L/∂x = G'·W, ∂L/∂W = G'ᵀ·x, ∂L/∂b = column sums of G'.
     */
    LINEAR_RELU("ReLU∘linear", Cost.PRODUCT) {
        @Override
        DMatrixRMaj result(Tensor x, Tensor weight, Tensor bias, double s) {
            return linearShape(x, weight, bias);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            linearForward(out, Activation.RELU);
        }

        @Override
        void backward(Tensor out) {
            linearBackward(out, Activation.RELU);
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return linearGradient(out, g.mul(activationDerivative(Activation.RELU, out)), wanted);
        }
    },
    /** out = aᵀ (a copy); ∂L/∂a = Gᵀ. */
    TRANSPOSE("T", Cost.ARITHMETIC) {
        @Override
        DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return Workspace.matrix(a.cols(), a.rows());
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double[] x = out.a.data.data;
            double[] y = out.data.data;
            int rows = out.data.numRows;
            int cols = out.data.numCols;
            for (int k = from, i = from / cols, j = from % cols; k < to; k++) {
                y[k] = x[j * rows + i];
                if (++j == cols) {
                    j = 0;
                    i++;
                }
            }
        }

        @Override
        void backward(Tensor out) {
            double[] g = out.grad.data;
            double[] ga = out.a.gradBuffer().data;
            int rows = out.data.numRows;
            int cols = out.data.numCols;
            for (int i = 0, k = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++, k++) {
                    ga[j * rows + i] += g[k];
                }
            }
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(g.transpose(), null, null);
        }
    },
    /** out = Σ a (1×1); ∂/∂aᵢⱼ = 1. */
    SUM("sum", Cost.ARITHMETIC) {
        @Override
        DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return Workspace.matrix(1, 1);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            if (from < to) {
                out.data.data[0] = total(out.a);
            }
        }

        @Override
        void backward(Tensor out) {
            spread(out.a, out.grad.data[0]);
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(expand(g, out.a), null, null);
        }
    },
    /** out = Σ a / n (1×1); ∂/∂aᵢⱼ = 1/n. */
    MEAN("mean", Cost.ARITHMETIC) {
        @Override
        DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return Workspace.matrix(1, 1);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            if (from < to) {
                out.data.data[0] = total(out.a) / out.a.size();
            }
        }

        @Override
        void backward(Tensor out) {
            spread(out.a, out.grad.data[0] / out.a.size());
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(expand(g.div(out.a.size()), out.a), null, null);
        }
    },
    /** out = column j of a (m×1, a copy; j held as the scalar); ∂outᵢ/∂aᵢⱼ = 1, 0 elsewhere. */
    COLUMN("column", Cost.ARITHMETIC) {
        @Override
        DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double j) {
            if (j < 0 || j >= a.cols()) {
                throw new IllegalArgumentException("column: no column " + (int) j + " in a " + a.rows() + "x" + a.cols() + " tensor");
            }
            return Workspace.matrix(a.rows(), 1);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double[] x = out.a.data.data;
            double[] y = out.data.data;
            int j = (int) out.scalar;
            int cols = out.a.data.numCols;
            for (int i = from; i < to; i++) {
                y[i] = x[i * cols + j];
            }
        }

        @Override
        void backward(Tensor out) {
            double[] g = out.grad.data;
            double[] ga = out.a.gradBuffer().data;
            int j = (int) out.scalar;
            int cols = out.a.data.numCols;
            for (int i = 0, rows = out.data.numRows; i < rows; i++) {
                ga[i * cols + j] += g[i];
            }
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            DMatrixRMaj unit = new DMatrixRMaj(1, out.a.cols());
            unit.data[(int) out.scalar] = 1.0;
            return parts(g.matmul(Tensor.constantOf(unit)), null, null);
        }
    },
    /** out = the sum of each row (m×1); ∂outᵢ/∂aᵢⱼ = 1. */
    SUM_ROWS("sumRows", Cost.ARITHMETIC) {
        @Override
        DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return Workspace.matrix(a.rows(), 1);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double[] x = out.a.data.data;
            double[] y = out.data.data;
            int cols = out.a.data.numCols;
            for (int i = from; i < to; i++) {
                double sum = 0;
                for (int j = 0, k = i * cols; j < cols; j++, k++) {
                    sum += x[k];
                }
                y[i] = sum;
            }
        }

        @Override
        void backward(Tensor out) {
            double[] g = out.grad.data;
            double[] ga = out.a.gradBuffer().data;
            int cols = out.a.data.numCols;
            for (int i = 0, k = 0, rows = out.data.numRows; i < rows; i++) {
                for (int j = 0; j < cols; j++, k++) {
                    ga[k] += g[i];
                }
            }
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(expand(g, out.a), null, null);
        }
    },
    /** out = the sum of each column (1×n); ∂outⱼ/∂aᵢⱼ = 1. */
    SUM_COLS("sumCols", Cost.ARITHMETIC) {
        @Override
        DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return Workspace.matrix(1, a.cols());
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double[] x = out.a.data.data;
            double[] y = out.data.data;
            int rows = out.a.data.numRows;
            int cols = out.a.data.numCols;
            for (int j = from; j < to; j++) {
                double sum = 0;
                for (int i = 0, k = j; i < rows; i++, k += cols) {
                    sum += x[k];
                }
                y[j] = sum;
            }
        }

        @Override
        void backward(Tensor out) {
            double[] g = out.grad.data;
            double[] ga = out.a.gradBuffer().data;
            int rows = out.a.data.numRows;
            int cols = out.a.data.numCols;
            for (int i = 0, k = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++, k++) {
                    ga[k] += g[j];
                }
            }
        }

        @Override
        Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(expand(g, out.a), null, null);
        }
    };

    /** What an operation's forward kernel costs: whether its loop is worth splitting over two threads ({@link ParallelRange}). */
    enum Cost {
        /** A few arithmetic operations or copies per element: never worth a hand-off to another thread. */
        ARITHMETIC,
        /** A transcendental function per element: split when the result is long. */
        TRANSCENDENTAL,
        /** A matrix product through {@link MatrixProducts}: one call computes the whole result, never split. */
        PRODUCT
    }

    private final String symbol;
    private final Cost cost;

    TensorOp(String symbol, Cost cost) {
        this.symbol = symbol;
        this.cost = cost;
    }

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
    abstract DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s);

    /**
     * The forward kernel: writes the elements [from, to) of {@code out}'s row-major data from its
     * operands, and nothing else, for any range (a reduction to one element writes it only when
     * from &lt; to). {@link ParallelRange} calls only {@link Cost#TRANSCENDENTAL} operations with
     * less than the whole range; a {@link Cost#PRODUCT} ignores the range and writes its whole result.
     */
    @Override
    public abstract void forward(Tensor out, int from, int to);

    /** The backward rule: adds this operation's share of {@code out.grad} into the gradients of out's operands that need one. */
    abstract void backward(Tensor out);

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
    abstract Tensor[] gradient(Tensor out, Tensor g, int wanted);

    /** The bit of the first operand in {@link #gradient}'s {@code wanted}. */
    static final int A = 1;
    /** The bit of the second operand. */
    static final int B = 2;
    /** The bit of the third operand. */
    static final int C = 4;

    private static boolean wants(int wanted, int operand) {
        return (wanted & operand) != 0;
    }

    private static Tensor[] parts(Tensor a, Tensor b, Tensor c) {
        return new Tensor[] {a, b, c};
    }

    /** @return the symbol shown by {@link Tensor#op()} and in graph drawings */
    String symbol() {
        return symbol;
    }

    /** @return what the forward kernel costs per element */
    Cost cost() {
        return cost;
    }

    /** The node {@code op(a)}. */
    Tensor apply(Tensor a) {
        return apply(a, null, null, 0);
    }

    /** The node {@code op(a, s)} for a constant s. */
    Tensor apply(Tensor a, double s) {
        return apply(a, null, null, s);
    }

    /** The node {@code op(a, b)}. */
    Tensor apply(Tensor a, Tensor b) {
        return apply(a, b, null, 0);
    }

    /**
     * Builds the node {@code op(a, b, c; s)}: the shape rule, then the forward kernel (split over
     * two threads when that pays), then, while {@link Anomaly} detection is on, the check of the result.
     *
     * @return the new tensor, requiring a gradient when any operand does
     * @throws IllegalStateException if an operand's buffers were recycled by {@link Workspace#recycle}
     */
    Tensor apply(Tensor a, Tensor b, Tensor c, double s) {
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
        ParallelRange.forward(this, out, out.size(), cost == Cost.TRANSCENDENTAL);
        if (Anomaly.isEnabled()) {
            Anomaly.forward(out);
        }
        return out;
    }

    /** The shape rule of a fully connected layer: x is batch×in, W out×in, b 1×out; the result batch×out. */
    private static DMatrixRMaj linearShape(Tensor x, Tensor weight, Tensor bias) {
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
    private static void linearForward(Tensor out, Activation activation) {
        MatrixProducts.current().gemm(false, true, 1, out.a.data, out.b.data, 0, out.data);
        if (activation != Activation.IDENTITY && Anomaly.isEnabled()) {
            Anomaly.preActivation(out, out.c.data.data);
        }
        FastMath.biasActivation(activation, out.c.data.data, out.data.data, out.data.numRows, out.data.numCols);
    }

    /**
     * The backward of {@link #linearForward}: G' = G ⊙ act'(out) and the bias's column sums of G' in
     * one pass (G itself for the identity), then ∂L/∂x = G'·W and ∂L/∂W = G'ᵀ·x by {@link MatrixProducts}.
     */
    private static void linearBackward(Tensor out, Activation activation) {
        Tensor x = out.a;
        Tensor w = out.b;
        Tensor bias = out.c;
        int rows = out.data.numRows;
        int cols = out.data.numCols;
        double[] biasGrad = bias.requiresGrad() ? bias.gradBuffer().data : null;
        DMatrixRMaj local = out.grad;
        if (activation != Activation.IDENTITY) {
            local = Workspace.scratch(rows, cols);
            FastMath.biasActivationBackward(activation, out.grad.data, out.data.data, local.data, biasGrad, rows, cols);
        } else if (biasGrad != null) {
            FastMath.addColumnSums(out.grad.data, biasGrad, rows, cols);
        }
        MatrixProducts products = MatrixProducts.current();
        if (x.requiresGrad()) {
            products.gemm(false, false, 1, local, w.data, 1, x.gradBuffer());
        }
        if (w.requiresGrad()) {
            products.gemm(true, false, 1, local, x.data, 1, w.gradBuffer());
        }
        if (local != out.grad) {
            Workspace.releaseScratch(local);
        }
    }

    /**
     * The differentiable form of {@link #linearBackward}, given G' (G ⊙ act'(out), or G for the
     * identity): ∂x = G'·W, ∂W = G'ᵀ·x, ∂b = the column sums of G'.
     */
    private static Tensor[] linearGradient(Tensor out, Tensor local, int wanted) {
        return parts(wants(wanted, A) ? local.matmul(out.b) : null,
                wants(wanted, B) ? local.transpose().matmul(out.a) : null,
                wants(wanted, C) ? local.sumCols() : null);
    }

    /**
     * act'(x) written with the result y = act(x), as the fast kernels compute it: 1 − y² for tanh,
     * y(1 − y) for the sigmoid (both differentiable through y), and for ReLU the constant mask
     * 1 where y &gt; 0, else 0 (its derivative is 0 wherever it has one).
     */
    private static Tensor activationDerivative(Activation activation, Tensor y) {
        switch (activation) {
            case TANH:
                return y.mul(y).neg().add(1);
            case SIGMOID:
                return y.mul(y.neg().add(1));
            default:
                DMatrixRMaj mask = new DMatrixRMaj(y.rows(), y.cols());
                double[] values = y.data.data;
                for (int k = 0, n = y.size(); k < n; k++) {
                    mask.data[k] = values[k] > 0 ? 1.0 : 0.0;
                }
                return Tensor.constantOf(mask);
        }
    }

    /** t summed back to operand's shape over the rows and columns it was broadcast along: the differentiable {@link #sumBack}. */
    private static Tensor sumTo(Tensor t, Tensor operand) {
        if (t.rows() == operand.rows() && t.cols() == operand.cols()) {
            return t;
        }
        if (operand.size() == 1) {
            return t.sum();
        }
        return operand.rows() == 1 ? t.sumCols() : t.sumRows();
    }

    /** g (1×1, m×1 or 1×n) repeated to operand's shape, as zeros + g broadcast: the differentiable {@link #spread}. */
    private static Tensor expand(Tensor g, Tensor operand) {
        if (g.rows() == operand.rows() && g.cols() == operand.cols()) {
            return g;
        }
        return Tensor.constantOf(new DMatrixRMaj(operand.rows(), operand.cols())).add(g);
    }

    /** The shape rule of the unary element-wise operations: the operand's shape. */
    private static DMatrixRMaj sameShape(Tensor a) {
        return Workspace.matrix(a.rows(), a.cols());
    }

    /** The shape rule of the binary element-wise operations: {@link Shapes#broadcast}. */
    private static DMatrixRMaj broadcast(String name, Tensor a, Tensor b) {
        int[] shape = Shapes.broadcast(name, a.data, b.data);
        return Workspace.matrix(shape[0], shape[1]);
    }

    /** Whether both operands of a binary element-wise node have its shape: no broadcasting, so every index is the result's. */
    private static boolean unbroadcast(Tensor out) {
        int n = out.size();
        return out.a.size() == n && out.b.size() == n;
    }

    /** self.grad += sign · g, summed back to self's shape over the rows and columns it was broadcast along. */
    private static void sumBack(Tensor out, double sign, Tensor self) {
        double[] g = out.grad.data;
        double[] gs = self.gradBuffer().data;
        if (self.size() == out.size()) {
            for (int k = 0, n = out.size(); k < n; k++) {
                gs[k] += sign * g[k];
            }
            return;
        }
        int rows = out.data.numRows;
        int cols = out.data.numCols;
        int srs = Shapes.rowStride(self.data);
        int scs = Shapes.colStride(self.data);
        for (int i = 0, k = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++, k++) {
                gs[i * srs + j * scs] += sign * g[k];
            }
        }
    }

    /** Σ of all elements of a, in row-major order. */
    private static double total(Tensor a) {
        double sum = 0;
        double[] x = a.data.data;
        for (int i = 0, n = a.size(); i < n; i++) {
            sum += x[i];
        }
        return sum;
    }

    /** a.grad += g for every element. */
    private static void spread(Tensor a, double g) {
        double[] ga = a.gradBuffer().data;
        for (int i = 0, n = a.size(); i < n; i++) {
            ga[i] += g;
        }
    }

    /** aⁿ for n NaN or ±∞ as C's {@code pow} and PyTorch: 1 for a = 1, and for a = −1 when n is ±∞; else {@link Math#pow}. */
    static double powerAtNonFinite(double a, double n) {
        return a == 1 || a == -1 && Double.isInfinite(n) ? 1 : Math.pow(a, n);
    }
}
