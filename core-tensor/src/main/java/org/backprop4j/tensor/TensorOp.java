package org.backprop4j.tensor;

import org.ejml.data.DMatrixRMaj;

/**
 * How a tensor was made, and how its gradient g = ∂L/∂out flows back to its operands. Each rule
 * adds into an operand's gradient only when that operand requires one, so constants cost nothing.
 * Element-wise rules run over the raw arrays; products go through {@link MatrixProducts} with
 * β = 1, accumulating straight into the gradient buffers with no transposed copies.
 */
enum TensorOp {
    /** A leaf: a parameter or a constant. */
    LEAF("") {
        @Override
        void backward(Tensor out) {
            // a leaf has no operands
        }
    },
    /** out = a + b (broadcast); ∂/∂a = 1, ∂/∂b = 1, summed back to each shape. */
    ADD("+") {
        @Override
        void backward(Tensor out) {
            binary(out);
        }
    },
    /** out = a − b (broadcast); ∂/∂a = 1, ∂/∂b = −1. */
    SUB("-") {
        @Override
        void backward(Tensor out) {
            binary(out);
        }
    },
    /** out = a ⊙ b (broadcast); ∂/∂a = b, ∂/∂b = a. */
    MUL("*") {
        @Override
        void backward(Tensor out) {
            binary(out);
        }
    },
    /** out = a ⊘ b (broadcast); ∂/∂a = 1/b, ∂/∂b = −a/b². */
    DIV("/") {
        @Override
        void backward(Tensor out) {
            binary(out);
        }
    },
    /** out = a + c for a constant c; ∂/∂a = 1. */
    ADD_CONSTANT("+c") {
        @Override
        void backward(Tensor out) {
            double[] g = out.grad.data;
            double[] ga = out.a.gradBuffer().data;
            for (int i = 0, n = out.size(); i < n; i++) {
                ga[i] += g[i];
            }
        }
    },
    /** out = c·a for a constant c; ∂/∂a = c. */
    MUL_CONSTANT("*c") {
        @Override
        void backward(Tensor out) {
            double c = out.scalar;
            double[] g = out.grad.data;
            double[] ga = out.a.gradBuffer().data;
            for (int i = 0, n = out.size(); i < n; i++) {
                ga[i] += c * g[i];
            }
        }
    },
    /** out = −a; ∂/∂a = −1. */
    NEG("neg") {
        @Override
        void backward(Tensor out) {
            double[] g = out.grad.data;
            double[] ga = out.a.gradBuffer().data;
            for (int i = 0, n = out.size(); i < n; i++) {
                ga[i] -= g[i];
            }
        }
    },
    /** out = aⁿ for a constant n; ∂/∂a = n·aⁿ⁻¹. */
    POW("**") {
        @Override
        void backward(Tensor out) {
            double n = out.scalar;
            double[] g = out.grad.data;
            double[] x = out.a.data.data;
            double[] ga = out.a.gradBuffer().data;
            for (int i = 0, size = out.size(); i < size; i++) {
                double local = n == 2 ? 2 * x[i] : n * Math.pow(x[i], n - 1);
                ga[i] += local * g[i];
            }
        }
    },
    /** out = eᵃ; ∂/∂a = eᵃ = out. */
    EXP("exp") {
        @Override
        void backward(Tensor out) {
            double[] g = out.grad.data;
            double[] y = out.data.data;
            double[] ga = out.a.gradBuffer().data;
            for (int i = 0, n = out.size(); i < n; i++) {
                ga[i] += y[i] * g[i];
            }
        }
    },
    /** out = ln a; ∂/∂a = 1/a. */
    LOG("log") {
        @Override
        void backward(Tensor out) {
            double[] g = out.grad.data;
            double[] x = out.a.data.data;
            double[] ga = out.a.gradBuffer().data;
            for (int i = 0, n = out.size(); i < n; i++) {
                ga[i] += g[i] / x[i];
            }
        }
    },
    /** out = tanh a; ∂/∂a = 1 − out². */
    TANH("tanh") {
        @Override
        void backward(Tensor out) {
            double[] g = out.grad.data;
            double[] y = out.data.data;
            double[] ga = out.a.gradBuffer().data;
            for (int i = 0, n = out.size(); i < n; i++) {
                ga[i] += (1 - y[i] * y[i]) * g[i];
            }
        }
    },
    /** out = max(0, a); ∂/∂a = 1 where out &gt; 0, else 0 (0 at 0). */
    RELU("ReLU") {
        @Override
        void backward(Tensor out) {
            double[] g = out.grad.data;
            double[] y = out.data.data;
            double[] ga = out.a.gradBuffer().data;
            for (int i = 0, n = out.size(); i < n; i++) {
                if (y[i] > 0) {
                    ga[i] += g[i];
                }
            }
        }
    },
    /** out = σ(a); ∂/∂a = out(1 − out). */
    SIGMOID("sigmoid") {
        @Override
        void backward(Tensor out) {
            double[] g = out.grad.data;
            double[] y = out.data.data;
            double[] ga = out.a.gradBuffer().data;
            for (int i = 0, n = out.size(); i < n; i++) {
                ga[i] += y[i] * (1 - y[i]) * g[i];
            }
        }
    },
    /** out = A·B; ∂L/∂A = G·Bᵀ, ∂L/∂B = Aᵀ·G. */
    MATMUL("matmul") {
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
    },
    /** out = x·Wᵀ + b (b a 1×n row); ∂L/∂x = G·W, ∂L/∂W = Gᵀ·x, ∂L/∂b = column sums of G. */
    LINEAR("linear") {
        @Override
        void backward(Tensor out) {
            MatrixProducts products = MatrixProducts.current();
            Tensor x = out.a;
            Tensor w = out.b;
            Tensor bias = out.c;
            if (x.requiresGrad()) {
                products.gemm(false, false, 1, out.grad, w.data, 1, x.gradBuffer());
            }
            if (w.requiresGrad()) {
                products.gemm(true, false, 1, out.grad, x.data, 1, w.gradBuffer());
            }
            if (bias.requiresGrad()) {
                addColumnSums(out.grad, bias.gradBuffer());
            }
        }
    },
    /** out = aᵀ; ∂L/∂a = Gᵀ. */
    TRANSPOSE("T") {
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
    },
    /** out = Σ a (1×1); ∂/∂aᵢⱼ = 1. */
    SUM("sum") {
        @Override
        void backward(Tensor out) {
            spread(out, out.grad.data[0]);
        }
    },
    /** out = Σ a / n (1×1); ∂/∂aᵢⱼ = 1/n. */
    MEAN("mean") {
        @Override
        void backward(Tensor out) {
            spread(out, out.grad.data[0] / out.a.size());
        }
    },
    /** out = column j of a (m×1, j held as the scalar); ∂outᵢ/∂aᵢⱼ = 1, 0 elsewhere. */
    COLUMN("column") {
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
    },
    /** out = the sum of each row (m×1); ∂outᵢ/∂aᵢⱼ = 1. */
    SUM_ROWS("sumRows") {
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
    },
    /** out = the sum of each column (1×n); ∂outⱼ/∂aᵢⱼ = 1. */
    SUM_COLS("sumCols") {
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
    };

    private final String symbol;

    TensorOp(String symbol) {
        this.symbol = symbol;
    }

    /** Adds this operation's share of {@code out.grad} into the gradients of out's operands that need one. */
    abstract void backward(Tensor out);

    String symbol() {
        return symbol;
    }

    /** Whether the forward rule costs a transcendental function per element (worth splitting over threads). */
    boolean isExpensive() {
        return this == EXP || this == LOG || this == TANH || this == SIGMOID || this == POW;
    }

    private static void binary(Tensor out) {
        if (out.a.requiresGrad()) {
            ElementWise.backward(out, true);
        }
        if (out.b.requiresGrad()) {
            ElementWise.backward(out, false);
        }
    }

    private static void spread(Tensor out, double g) {
        double[] ga = out.a.gradBuffer().data;
        for (int i = 0, n = out.a.size(); i < n; i++) {
            ga[i] += g;
        }
    }

    /** row += the column sums of m (row is 1×n, m is k×n). */
    static void addColumnSums(DMatrixRMaj m, DMatrixRMaj row) {
        double[] x = m.data;
        double[] r = row.data;
        int cols = m.numCols;
        for (int i = 0, k = 0; i < m.numRows; i++) {
            for (int j = 0; j < cols; j++, k++) {
                r[j] += x[k];
            }
        }
    }
}
