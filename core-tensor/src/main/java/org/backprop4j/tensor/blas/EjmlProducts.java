package org.backprop4j.tensor.blas;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** Matrix products by EJML's {@code CommonOps_DDRM}: the reference every other backend is tested against. */
final class EjmlProducts implements Backend {

    static final EjmlProducts INSTANCE = new EjmlProducts();

    private EjmlProducts() {
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
                     double beta, DMatrixRMaj c) {
        Backend.checkShapes(transposeA, transposeB, a, b, c);
        if (alpha == 0) {
            // As BLAS: a and b are not read, so their NaN or ±∞ cannot reach c; c = β·c (0 for β = 0).
            int size = c.getNumElements();
            for (int i = 0; i < size; i++) {
                c.data[i] = beta == 0 ? 0 : beta * c.data[i];
            }
            return;
        }
        if (beta == 0) {
            if (transposeA) {
                if (transposeB) {
                    CommonOps_DDRM.multTransAB(alpha, a, b, c);
                } else {
                    CommonOps_DDRM.multTransA(alpha, a, b, c);
                }
            } else if (transposeB) {
                CommonOps_DDRM.multTransB(alpha, a, b, c);
            } else {
                CommonOps_DDRM.mult(alpha, a, b, c);
            }
            plusZero(c);
            return;
        }
        if (beta != 1) {
            CommonOps_DDRM.scale(beta, c);
        }
        if (transposeA) {
            if (transposeB) {
                CommonOps_DDRM.multAddTransAB(alpha, a, b, c);
            } else {
                CommonOps_DDRM.multAddTransA(alpha, a, b, c);
            }
        } else if (transposeB) {
            CommonOps_DDRM.multAddTransB(alpha, a, b, c);
        } else {
            CommonOps_DDRM.multAdd(alpha, a, b, c);
        }
    }

    /**
     * c = c + 0 for every element: a product whose terms are all −0 sums to −0 in EJML and to +0 in
     * BLAS, whose sums start from zero; this gives β = 0 the bits that β = 1 gives over zeros, as on
     * every backend ({@link MatrixProducts#gemm}), and leaves every other value as it is. {@link EjmlTwinProducts}
     * ends its β = 0 products with it too.
     */
    static void plusZero(DMatrixRMaj c) {
        double[] values = c.data;
        for (int i = 0, size = c.getNumElements(); i < size; i++) {
            values[i] += 0.0;
        }
    }

    @Override
    public String name() {
        return "ejml";
    }

    @Override
    public String toString() {
        return name();
    }
}
