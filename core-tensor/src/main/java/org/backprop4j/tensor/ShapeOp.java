package org.backprop4j.tensor;

import static org.backprop4j.tensor.TensorOp.parts;

import org.ejml.data.DMatrixRMaj;

/**
 * The operations that move or sum elements: the transpose, a column, the sums (of everything, of
 * each row, of each column) and the mean, each whole in its constant with its shape rule, forward
 * kernel, fast {@code backward} and differentiable {@code gradient}.
 */
enum ShapeOp implements TensorOp {
    /** out = aᵀ (a copy); ∂L/∂a = Gᵀ. */
    TRANSPOSE("T", Cost.ARITHMETIC) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
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
        public void backward(Tensor out) {
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
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(g.transpose(), null, null);
        }
    },
    /** out = Σ a (1×1); ∂/∂aᵢⱼ = 1. */
    SUM("sum", Cost.ARITHMETIC) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return Workspace.matrix(1, 1);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            if (from < to) {
                out.data.data[0] = total(out.a);
            }
        }

        @Override
        public void backward(Tensor out) {
            spread(out.a, out.grad.data[0]);
        }

        @Override
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(expand(g, out.a), null, null);
        }
    },
    /** out = Σ a / n (1×1); ∂/∂aᵢⱼ = 1/n. */
    MEAN("mean", Cost.ARITHMETIC) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return Workspace.matrix(1, 1);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            if (from < to) {
                out.data.data[0] = total(out.a) / out.a.size();
            }
        }

        @Override
        public void backward(Tensor out) {
            spread(out.a, out.grad.data[0] / out.a.size());
        }

        @Override
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(expand(g.div(out.a.size()), out.a), null, null);
        }
    },
    /** out = column j of a (m×1, a copy; j held as the scalar); ∂outᵢ/∂aᵢⱼ = 1, 0 elsewhere. */
    COLUMN("column", Cost.ARITHMETIC) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double j) {
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
        public void backward(Tensor out) {
            double[] g = out.grad.data;
            double[] ga = out.a.gradBuffer().data;
            int j = (int) out.scalar;
            int cols = out.a.data.numCols;
            for (int i = 0, rows = out.data.numRows; i < rows; i++) {
                ga[i * cols + j] += g[i];
            }
        }

        /**
         * g repeated across the columns, then kept in column j only ({@link ElementwiseOp#WHERE_POSITIVE} with a constant
         * mask of column j): a selection, so an infinite or NaN g leaves the other columns 0, as the fast rule does, where
         * a product with a unit row would put 0 · ∞ = NaN there.
         */
        @Override
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            Tensor a = out.a;
            if (a.cols() == 1) {
                return parts(g, null, null);
            }
            DMatrixRMaj column = new DMatrixRMaj(a.rows(), a.cols());
            for (int i = 0, j = (int) out.scalar; i < a.rows(); i++) {
                column.data[i * a.cols() + j] = 1.0;
            }
            return parts(ElementwiseOp.WHERE_POSITIVE.apply(expand(g, a), Tensor.constantOf(column)), null, null);
        }
    },
    /** out = the sum of each row (m×1); ∂outᵢ/∂aᵢⱼ = 1. */
    SUM_ROWS("sumRows", Cost.ARITHMETIC) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
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
        public void backward(Tensor out) {
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
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(expand(g, out.a), null, null);
        }
    },
    /** out = the sum of each column (1×n); ∂outⱼ/∂aᵢⱼ = 1. */
    SUM_COLS("sumCols", Cost.ARITHMETIC) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
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
        public void backward(Tensor out) {
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
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(expand(g, out.a), null, null);
        }
    };

    private final String symbol;
    private final Cost cost;

    ShapeOp(String symbol, Cost cost) {
        this.symbol = symbol;
        this.cost = cost;
    }

    @Override
    public String symbol() {
        return symbol;
    }

    @Override
    public Cost cost() {
        return cost;
    }

    /**
     * g (1×1, m×1 or 1×n) repeated to operand's shape, as zeros + g broadcast: the differentiable
     * {@link #spread}. A constant g (the 1 a gradient starts from) gives a constant, filled here
     * with the same values (0 + g), with no node.
     */
    private static Tensor expand(Tensor g, Tensor operand) {
        int rows = operand.rows();
        int cols = operand.cols();
        if (g.rows() == rows && g.cols() == cols) {
            return g;
        }
        if (g.requiresGrad()) {
            return Tensor.constantOf(new DMatrixRMaj(rows, cols)).add(g);
        }
        DMatrixRMaj repeated = new DMatrixRMaj(rows, cols);
        double[] values = g.data.data;
        int rowStride = Shapes.rowStride(g.data);
        int colStride = Shapes.colStride(g.data);
        for (int i = 0, k = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++, k++) {
                repeated.data[k] = 0.0 + values[i * rowStride + j * colStride];
            }
        }
        return Tensor.constantOf(repeated);
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
}
