package org.backprop4j.tensor;

import static org.backprop4j.tensor.TensorOp.parts;
import static org.backprop4j.tensor.TensorOp.wants;

import org.backprop4j.tensor.kernels.Activation;
import org.backprop4j.tensor.kernels.FastMath;
import org.ejml.data.DMatrixRMaj;

/**
 * The element-wise operations, each whole in its constant: the arithmetic of two tensors (which
 * broadcast), the arithmetic with a constant, pow, exp, log and the activations tanh, ReLU and
 * sigmoid. Each constant holds its shape rule, its forward kernel over a range of the result, its
 * fast {@code backward} and its differentiable {@code gradient}, the derivative stated in its
 * Javadoc.
 *
 * <p>Binary operations broadcast by strides ({@link Shapes#rowStride}, {@link Shapes#colStride}):
 * a broadcast operand's index advances by 0 along the dimension it is stretched over, and backward
 * adds through the same indices, which sums the gradient back down to the operand's shape. The
 * activations' scalar formulas and derivatives are {@link Activation}'s, run over arrays by
 * {@link FastMath}.
 *
 * <p>The loops of {@link #ADD}, {@link #SUB}, {@link #MUL} and {@link #DIV}, and those of the
 * operations with a constant, are written out in each constant, alike but for the operator, on
 * purpose: one shared loop taking the operator as a {@code DoubleBinaryOperator} makes a call per
 * element from a call site every operation shares, which the JIT does not always inline. Tried on
 * 2026-12-06 (each forward 2,000 times on 256×128 operands, the 2-core VM under load), it was
 * several times slower for the first few thousand calls and no faster after.
 */
enum ElementwiseOp implements TensorOp {
    /** out = a + b (broadcast); ∂/∂a = 1, ∂/∂b = 1, summed back to each shape. */
    ADD("+", Cost.ARITHMETIC) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
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
        public void backward(Tensor out) {
            if (out.a.requiresGrad()) {
                sumBack(out, 1, out.a);
            }
            if (out.b.requiresGrad()) {
                sumBack(out, 1, out.b);
            }
        }

        @Override
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(wants(wanted, A) ? sumTo(g, out.a) : null, wants(wanted, B) ? sumTo(g, out.b) : null, null);
        }
    },
    /** out = a − b (broadcast); ∂/∂a = 1, ∂/∂b = −1, summed back to each shape. */
    SUB("-", Cost.ARITHMETIC) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
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
        public void backward(Tensor out) {
            if (out.a.requiresGrad()) {
                sumBack(out, 1, out.a);
            }
            if (out.b.requiresGrad()) {
                sumBack(out, -1, out.b);
            }
        }

        @Override
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(wants(wanted, A) ? sumTo(g, out.a) : null, wants(wanted, B) ? sumTo(g.neg(), out.b) : null, null);
        }
    },
    /** out = a ⊙ b (broadcast); ∂/∂a = b, ∂/∂b = a, summed back to each shape. */
    MUL("*", Cost.ARITHMETIC) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
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
        public void backward(Tensor out) {
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
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(wants(wanted, A) ? sumTo(g.mul(out.b), out.a) : null, wants(wanted, B) ? sumTo(g.mul(out.a), out.b) : null, null);
        }
    },
    /** out = a ⊘ b (broadcast); ∂/∂a = 1/b, ∂/∂b = −a/b² = −out/b, summed back to each shape. */
    DIV("/", Cost.ARITHMETIC) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
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
        public void backward(Tensor out) {
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
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(wants(wanted, A) ? sumTo(g.div(out.b), out.a) : null,
                    wants(wanted, B) ? sumTo(g.neg().mul(out).div(out.b), out.b) : null, null);
        }
    },
    /** out = a + c for a constant c; ∂/∂a = 1. */
    ADD_CONSTANT("+c", Cost.ARITHMETIC) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
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
        public void backward(Tensor out) {
            double[] g = out.grad.data;
            double[] ga = out.a.gradBuffer().data;
            for (int i = 0, n = out.size(); i < n; i++) {
                ga[i] += g[i];
            }
        }

        @Override
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(g, null, null);
        }
    },
    /** out = c·a for a constant c; ∂/∂a = c. */
    MUL_CONSTANT("*c", Cost.ARITHMETIC) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
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
        public void backward(Tensor out) {
            double c = out.scalar;
            double[] g = out.grad.data;
            double[] ga = out.a.gradBuffer().data;
            for (int i = 0, n = out.size(); i < n; i++) {
                ga[i] += c * g[i];
            }
        }

        @Override
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(g.mul(out.scalar), null, null);
        }
    },
    /** out = a / c for a constant c, the IEEE quotient of every element (not a·(1/c)); ∂/∂a = 1/c, applied as g / c. */
    DIV_CONSTANT("/c", Cost.ARITHMETIC) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
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
        public void backward(Tensor out) {
            double c = out.scalar;
            double[] g = out.grad.data;
            double[] ga = out.a.gradBuffer().data;
            for (int i = 0, n = out.size(); i < n; i++) {
                ga[i] += g[i] / c;
            }
        }

        @Override
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(g.div(out.scalar), null, null);
        }
    },
    /** out = −a; ∂/∂a = −1. */
    NEG("neg", Cost.ARITHMETIC) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
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
        public void backward(Tensor out) {
            double[] g = out.grad.data;
            double[] ga = out.a.gradBuffer().data;
            for (int i = 0, n = out.size(); i < n; i++) {
                ga[i] -= g[i];
            }
        }

        @Override
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(g.neg(), null, null);
        }
    },
    /**
     * out = aⁿ for a constant n; ∂/∂a = n·aⁿ⁻¹ (2a for n = 2, without {@link Math#pow}; 0 for n = 0, even at a = 0).
     * aⁿ is C's and PyTorch's: 1ⁿ = 1 for every n, NaN included, and (−1)^±∞ = 1, where {@code Math.pow} gives NaN.
     */
    POW("**", Cost.TRANSCENDENTAL) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
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
        public void backward(Tensor out) {
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
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
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
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return sameShape(a);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double[] x = out.a.data.data;
            double[] y = out.data.data;
            FastMath.exp(x, y, from, to);
        }

        @Override
        public void backward(Tensor out) {
            double[] g = out.grad.data;
            FastMath.expBackward(g, out.data.data, out.a.gradBuffer().data, 0, out.size());
        }

        @Override
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(out.mul(g), null, null);
        }
    },
    /** out = ln a; ∂/∂a = 1/a. */
    LOG("log", Cost.TRANSCENDENTAL) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return sameShape(a);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double[] x = out.a.data.data;
            double[] y = out.data.data;
            FastMath.log(x, y, from, to);
        }

        @Override
        public void backward(Tensor out) {
            double[] g = out.grad.data;
            FastMath.logBackward(g, out.a.data.data, out.a.gradBuffer().data, 0, out.size());
        }

        @Override
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(g.div(out.a), null, null);
        }
    },
    /** out = tanh a ({@link FastMath#tanh}); ∂/∂a = 1 − out². */
    TANH("tanh", Cost.TRANSCENDENTAL) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return sameShape(a);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double[] x = out.a.data.data;
            double[] y = out.data.data;
            FastMath.tanh(x, y, from, to);
        }

        @Override
        public void backward(Tensor out) {
            double[] g = out.grad.data;
            FastMath.tanhBackward(g, out.data.data, out.a.gradBuffer().data, 0, out.size());
        }

        @Override
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(timesDerivative(Activation.TANH, out, g), null, null);
        }
    },
    /** out = max(0, a); ∂/∂a = 1 where out &gt; 0, else 0 (0 at 0). */
    RELU("ReLU", Cost.ARITHMETIC) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return sameShape(a);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double[] x = out.a.data.data;
            double[] y = out.data.data;
            FastMath.relu(x, y, from, to);
        }

        @Override
        public void backward(Tensor out) {
            double[] g = out.grad.data;
            FastMath.reluBackward(g, out.data.data, out.a.gradBuffer().data, 0, out.size());
        }

        @Override
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(timesDerivative(Activation.RELU, out, g), null, null);
        }
    },
    /** out = σ(a) ({@link FastMath#sigmoid}); ∂/∂a = out(1 − out). */
    SIGMOID("sigmoid", Cost.TRANSCENDENTAL) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return sameShape(a);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double[] x = out.a.data.data;
            double[] y = out.data.data;
            FastMath.sigmoid(x, y, from, to);
        }

        @Override
        public void backward(Tensor out) {
            double[] g = out.grad.data;
            FastMath.sigmoidBackward(g, out.data.data, out.a.gradBuffer().data, 0, out.size());
        }

        @Override
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(timesDerivative(Activation.SIGMOID, out, g), null, null);
        }
    },
    /**
     * out = (1 − a²) ⊙ b, tanh's backward rule as one node: with a = tanh x and b the gradient G
     * arriving at it, out is G's share for x. Differentiating {@link #TANH} or
     * {@link ProductOp#LINEAR_TANH} builds it, where the rule written with {@code mul}, {@code neg}
     * and {@code add} took four nodes; ∂/∂a = −2·a ⊙ b (a {@link #SCALED_PRODUCT}), ∂/∂b = 1 − a²
     * (this operation again). Both operands have one shape.
     */
    TANH_GRADIENT("(1-a²)⊙b", Cost.ARITHMETIC) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return sameShapes("tanhGradient", a, b, b);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double[] y = out.a.data.data;
            double[] g = out.b.data.data;
            double[] z = out.data.data;
            for (int k = from; k < to; k++) {
                z[k] = (1 - y[k] * y[k]) * g[k];
            }
        }

        /** a.grad += a ⊙ b ⊙ G · (−2), b.grad += (1 − a²) ⊙ G. */
        @Override
        public void backward(Tensor out) {
            double[] up = out.grad.data;
            double[] y = out.a.data.data;
            if (out.a.requiresGrad()) {
                addProduct(out.a, y, out.b.data.data, up, -2);
            }
            Tensor b = out.b;
            if (b.requiresGrad()) {
                if (b.gradUnwritten()) {
                    double[] gb = b.gradBufferToOverwrite().data;
                    for (int k = 0, n = out.size(); k < n; k++) {
                        gb[k] = 0.0 + (1 - y[k] * y[k]) * up[k];
                    }
                } else {
                    double[] gb = b.grad.data;
                    for (int k = 0, n = out.size(); k < n; k++) {
                        gb[k] += (1 - y[k] * y[k]) * up[k];
                    }
                }
            }
        }

        @Override
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(wants(wanted, A) ? SCALED_PRODUCT.apply(out.a, out.b, g, -2) : null,
                    wants(wanted, B) ? TANH_GRADIENT.apply(out.a, g) : null, null);
        }
    },
    /**
     * out = a where b &gt; 0, else 0: a step applied to a gradient by selecting, not by multiplying with a mask of 1s
     * and 0s, so that where b ≤ 0 an element of a that is ±∞ or NaN gives 0, as the fast rules give (they add nothing
     * there), not 0 · ∞ = NaN. Differentiating {@link #RELU} or {@link ProductOp#LINEAR_RELU} builds it with b a
     * constant copy of the ReLU's result, and differentiating {@link ShapeOp#COLUMN} with b a constant mask of the column taken;
     * ∂/∂a = the same selection (this operation again, with the same b), ∂/∂b = 0 (a step: nothing flows back,
     * so relu″ = 0, as in PyTorch). Both operands have one shape.
     */
    WHERE_POSITIVE("b>0 ? a : 0", Cost.ARITHMETIC) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return sameShapes("wherePositive", a, b, b);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double[] x = out.a.data.data;
            double[] step = out.b.data.data;
            double[] z = out.data.data;
            for (int k = from; k < to; k++) {
                z[k] = step[k] > 0 ? x[k] : 0.0;
            }
        }

        /** a.grad += G where b &gt; 0; b gets nothing. */
        @Override
        public void backward(Tensor out) {
            Tensor a = out.a;
            if (!a.requiresGrad()) {
                return;
            }
            double[] up = out.grad.data;
            double[] step = out.b.data.data;
            if (a.gradUnwritten()) {
                double[] ga = a.gradBufferToOverwrite().data;
                for (int k = 0, n = out.size(); k < n; k++) {
                    ga[k] = 0.0 + (step[k] > 0 ? up[k] : 0.0);
                }
            } else {
                double[] ga = a.grad.data;
                for (int k = 0, n = out.size(); k < n; k++) {
                    if (step[k] > 0) {
                        ga[k] += up[k];
                    }
                }
            }
        }

        @Override
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            return parts(wants(wanted, A) ? WHERE_POSITIVE.apply(g, out.b) : null, null, null);
        }
    },
    /**
     * out = a ⊙ b ⊙ c · s for a constant s, three operands of one shape, multiplied in that order:
     * {@link #TANH_GRADIENT}'s derivative by its first operand (s = −2), whose own derivatives are
     * products of the same kind: ∂/∂a = s·b ⊙ c, ∂/∂b = s·a ⊙ c, ∂/∂c = s·a ⊙ b.
     */
    SCALED_PRODUCT("a⊙b⊙c·s", Cost.ARITHMETIC) {
        @Override
        public DMatrixRMaj result(Tensor a, Tensor b, Tensor c, double s) {
            return sameShapes("scaledProduct", a, b, c);
        }

        @Override
        public void forward(Tensor out, int from, int to) {
            double s = out.scalar;
            double[] x = out.a.data.data;
            double[] y = out.b.data.data;
            double[] w = out.c.data.data;
            double[] z = out.data.data;
            for (int k = from; k < to; k++) {
                z[k] = x[k] * y[k] * w[k] * s;
            }
        }

        /** Each operand's gradient += the product of the other two ⊙ G · s. */
        @Override
        public void backward(Tensor out) {
            double s = out.scalar;
            double[] up = out.grad.data;
            double[] x = out.a.data.data;
            double[] y = out.b.data.data;
            double[] w = out.c.data.data;
            if (out.a.requiresGrad()) {
                addProduct(out.a, y, w, up, s);
            }
            if (out.b.requiresGrad()) {
                addProduct(out.b, x, w, up, s);
            }
            if (out.c.requiresGrad()) {
                addProduct(out.c, x, y, up, s);
            }
        }

        @Override
        public Tensor[] gradient(Tensor out, Tensor g, int wanted) {
            double s = out.scalar;
            return parts(wants(wanted, A) ? SCALED_PRODUCT.apply(out.b, out.c, g, s) : null,
                    wants(wanted, B) ? SCALED_PRODUCT.apply(out.a, out.c, g, s) : null,
                    wants(wanted, C) ? SCALED_PRODUCT.apply(out.a, out.b, g, s) : null);
        }
    };

    private final String symbol;
    private final Cost cost;

    ElementwiseOp(String symbol, Cost cost) {
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

    /** The shape rule of the element-wise operations that do not broadcast: operands of one shape, and the result of it. */
    private static DMatrixRMaj sameShapes(String name, Tensor a, Tensor b, Tensor c) {
        if (a.rows() != b.rows() || a.cols() != b.cols() || a.rows() != c.rows() || a.cols() != c.cols()) {
            throw new IllegalArgumentException(name + ": needs operands of one shape, got " + Shapes.of(a.data) + ", " + Shapes.of(b.data)
                    + (c == b ? "" : " and " + Shapes.of(c.data)));
        }
        return Workspace.matrix(a.rows(), a.cols());
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

    /**
     * self.grad += x ⊙ y ⊙ up · s, multiplied in that order; into a gradient that is unwritten
     * ({@link Tensor#gradUnwritten}) it writes 0 + the same ({@link Tensor#gradBufferToOverwrite}).
     */
    private static void addProduct(Tensor self, double[] x, double[] y, double[] up, double s) {
        int n = self.size();
        if (self.gradUnwritten()) {
            double[] gs = self.gradBufferToOverwrite().data;
            for (int k = 0; k < n; k++) {
                gs[k] = 0.0 + x[k] * y[k] * up[k] * s;
            }
        } else {
            double[] gs = self.grad.data;
            for (int k = 0; k < n; k++) {
                gs[k] += x[k] * y[k] * up[k] * s;
            }
        }
    }

    /**
     * self.grad += sign · g, summed back to self's shape over the rows and columns it was broadcast
     * along; when self has its shape and its gradient is unwritten ({@link Tensor#gradUnwritten}), it writes 0 + the same ({@link Tensor#gradBufferToOverwrite}).
     */
    private static void sumBack(Tensor out, double sign, Tensor self) {
        double[] g = out.grad.data;
        if (self.size() == out.size()) {
            if (self.gradUnwritten()) {
                double[] gs = self.gradBufferToOverwrite().data;
                for (int k = 0, n = out.size(); k < n; k++) {
                    gs[k] = 0.0 + sign * g[k];
                }
            } else {
                double[] gs = self.grad.data;
                for (int k = 0, n = out.size(); k < n; k++) {
                    gs[k] += sign * g[k];
                }
            }
            return;
        }
        double[] gs = self.gradBuffer().data;
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

    /** aⁿ for n NaN or ±∞ as C's {@code pow} and PyTorch: 1 for a = 1, and for a = −1 when n is ±∞; else {@link Math#pow}. */
    static double powerAtNonFinite(double a, double n) {
        return a == 1 || a == -1 && Double.isInfinite(n) ? 1 : Math.pow(a, n);
    }

    /**
     * g ⊙ act'(x) as tensor operations, so it can be differentiated again, with act'(x) written
     * with the result y = act(x) as the fast kernels compute it: 1 − y² for tanh (one
     * {@link #TANH_GRADIENT} node), y(1 − y) for the
     * sigmoid (both differentiable through y), for ReLU g where y &gt; 0 and 0 elsewhere (one
     * {@link #WHERE_POSITIVE} node with a constant copy of y: a selection, so an infinite g meets no
     * 0 · ∞, and a step whose derivative is 0 wherever it has one), and g itself for the identity. The element-wise
     * activations and the fused layers ({@link ProductOp}) use it.
     */
    static Tensor timesDerivative(Activation activation, Tensor y, Tensor g) {
        switch (activation) {
            case IDENTITY:
                return g;
            case TANH:
                return TANH_GRADIENT.apply(y, g);
            case SIGMOID:
                return y.mul(y.neg().add(1)).mul(g);
            default:
                return WHERE_POSITIVE.apply(g, Tensor.constantOf(y.data.copy()));   // a constant: the step is not differentiated
        }
    }
}
