package org.backprop4j.tensor;

import org.ejml.data.DMatrixRMaj;

/**
 * Loops of the binary element-wise operations over raw {@code double[]} storage, with broadcasting
 * by strides ({@link Shapes#rowStride}, {@link Shapes#colStride}): a broadcast operand's index
 * advances by 0 along the dimension it is stretched over. Backward loops add into the operand's
 * gradient through the same indices, which sums the gradient back down to the operand's shape.
 */
final class ElementWise {

    private ElementWise() {
    }

    /** out = a ∘ b for ∘ one of + − · ÷, broadcast to out's shape. */
    static void forward(TensorOp op, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        double[] x = a.data;
        double[] y = b.data;
        double[] z = out.data;
        int rows = out.numRows;
        int cols = out.numCols;
        int ars = Shapes.rowStride(a);
        int acs = Shapes.colStride(a);
        int brs = Shapes.rowStride(b);
        int bcs = Shapes.colStride(b);
        for (int i = 0, k = 0; i < rows; i++) {
            int ai = i * ars;
            int bi = i * brs;
            for (int j = 0; j < cols; j++, k++) {
                double u = x[ai + j * acs];
                double v = y[bi + j * bcs];
                z[k] = switch (op) {
                    case ADD -> u + v;
                    case SUB -> u - v;
                    case MUL -> u * v;
                    case DIV -> u / v;
                    default -> throw new IllegalStateException(op + " is not binary");
                };
            }
        }
    }

    /**
     * Adds ∂out/∂operand · g into {@code operand}'s gradient, summed over broadcast rows and columns.
     *
     * @param out the result node, holding g in its gradient
     * @param first whether the operand is the first (a) or the second (b)
     */
    static void backward(Tensor out, boolean first) {
        Tensor self = first ? out.a : out.b;
        Tensor other = first ? out.b : out.a;
        TensorOp op = out.op;
        double[] g = out.grad.data;
        double[] y = out.data.data;
        double[] gs = self.gradBuffer().data;
        double[] s = self.data.data;
        double[] o = other.data.data;
        int rows = out.data.numRows;
        int cols = out.data.numCols;
        int srs = Shapes.rowStride(self.data);
        int scs = Shapes.colStride(self.data);
        int ors = Shapes.rowStride(other.data);
        int ocs = Shapes.colStride(other.data);
        for (int i = 0, k = 0; i < rows; i++) {
            int si = i * srs;
            int oi = i * ors;
            for (int j = 0; j < cols; j++, k++) {
                int sk = si + j * scs;
                gs[sk] += switch (op) {
                    // d(a+b) = 1, 1
                    case ADD -> g[k];
                    // d(a-b) = 1, -1
                    case SUB -> first ? g[k] : -g[k];
                    // d(ab) = b, a
                    case MUL -> g[k] * o[oi + j * ocs];
                    // d(a/b) = 1/b, -a/b² = -out/b
                    case DIV -> first ? g[k] / o[oi + j * ocs] : -g[k] * y[k] / s[sk];
                    default -> throw new IllegalStateException(op + " is not binary");
                };
            }
        }
    }
}
