package org.backprop4j.tensor;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ejml.data.DMatrixRMaj;

/**
 * Matrix products by netlib BLAS {@code dgemm}. A row-major m×n matrix is, read column-major, its
 * n×m transpose; so row-major {@code C = op(A)·op(B)} is column-major {@code Cᵀ = op(B)ᵀ·op(A)ᵀ}:
 * the same call with the operands swapped, and no copies.
 */
final class NetlibProducts implements MatrixProducts {

    /** netlib logs a warning for every implementation it fails to load; we report the one it chose instead. */
    private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib.blas");

    static final NetlibProducts INSTANCE = new NetlibProducts();

    /** netlib's Java implementation (Vector API or pure Java), even where native BLAS is installed. */
    static final NetlibProducts JAVA = new NetlibProducts(JavaBLAS.getInstance());

    private final BLAS blas;
    private final String name;

    private NetlibProducts() {
        this(loadQuietly());
    }

    /** A backend on a given netlib implementation (tests use it to check each one). */
    NetlibProducts(BLAS blas) {
        this.blas = blas;
        this.name = "netlib (" + describe(blas.getClass().getSimpleName()) + ")";
    }

    private static BLAS loadQuietly() {
        Level level = NETLIB_LOG.getLevel();
        NETLIB_LOG.setLevel(Level.SEVERE);
        try {
            return BLAS.getInstance();
        } finally {
            NETLIB_LOG.setLevel(level);
        }
    }

    private static String describe(String implementation) {
        switch (implementation) {
            case "JNIBLAS":
                return "native OpenBLAS";
            case "VectorBLAS":
                return "Vector API";
            default:
                return "pure Java";
        }
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
                     double beta, DMatrixRMaj c) {
        MatrixProducts.checkShapes(transposeA, transposeB, a, b, c);
        int m = c.numRows;
        int n = c.numCols;
        int k = transposeA ? a.numRows : a.numCols;
        blas.dgemm(transposeB ? "T" : "N", transposeA ? "T" : "N", n, m, k,
                alpha, b.data, b.numCols, a.data, a.numCols,
                beta, c.data, n);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name();
    }
}
