package org.backprop4j.tensor;

import org.ejml.data.DMatrixRMaj;

/**
 * The default backend: products of fewer than {@value #SMALL} multiply-adds go to EJML, which
 * runs them in plain Java with no call overhead, and the rest to netlib's best implementation,
 * whose native (JNI) or Vector API call costs a microsecond or so before it starts to pay off.
 */
final class AutoProducts implements MatrixProducts {

    /** m·n·k below which a product stays in EJML. */
    static final long SMALL = 4096;

    static final AutoProducts INSTANCE = new AutoProducts();

    private AutoProducts() {
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
                     double beta, DMatrixRMaj c) {
        long k = transposeA ? a.numRows : a.numCols;
        MatrixProducts backend = (long) c.numRows * c.numCols * k < SMALL ? MatrixProducts.ejml() : MatrixProducts.netlib();
        backend.gemm(transposeA, transposeB, alpha, a, b, beta, c);
    }

    @Override
    public String name() {
        return "auto (ejml + " + MatrixProducts.netlib().name() + ")";
    }

    @Override
    public String toString() {
        return name();
    }
}
