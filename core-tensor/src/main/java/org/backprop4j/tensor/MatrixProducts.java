package org.backprop4j.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * The one place where matrix products happen: {@code c = α·op(a)·op(b) + β·c}, with
 * {@code op(x)} either {@code x} or {@code xᵀ}, on row-major EJML matrices.
 *
 * <p>Two implementations: {@link #ejml()}, EJML's {@code CommonOps_DDRM}, the readable reference
 * that is always available; and {@link #netlib()}, {@code dev.ludovic.netlib:blas}'s {@code dgemm},
 * which runs native OpenBLAS when {@code libblas.so.3} is installed, else the JDK's Vector API
 * (when the JVM runs with {@code --add-modules jdk.incubator.vector}), else pure Java.
 * {@link #current()} is the fastest, unless the system property {@code backprop4j.blas} says
 * {@code ejml} or {@code netlib}.
 *
 * <p>Implementations hold no mutable state: any number of threads may use one at once.
 */
public interface MatrixProducts {

    /** The system property that chooses the backend: {@code ejml}, {@code netlib} or {@code auto}. */
    String PROPERTY = "backprop4j.blas";

    /**
     * {@code c = α·op(a)·op(b) + β·c}, overwriting {@code c} only; β = 0 ignores what c held
     * (even NaN), β = 1 accumulates into it.
     *
     * @param transposeA whether op(a) = aᵀ
     * @param transposeB whether op(b) = bᵀ
     * @param alpha α
     * @param a the left matrix, not modified
     * @param b the right matrix, not modified
     * @param beta β
     * @param c the result, modified; must not be {@code a} or {@code b} and must have the product's shape
     * @throws IllegalArgumentException if the shapes do not match, naming them, or if c aliases a or b
     */
    void gemm(boolean transposeA, boolean transposeB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
              double beta, DMatrixRMaj c);

    /** @return a short name, e.g. {@code "ejml"} or {@code "netlib (native OpenBLAS)"} */
    String name();

    /** @return the backend chosen by {@link #PROPERTY}, by default the fastest available */
    static MatrixProducts current() {
        return Backends.CURRENT;
    }

    /** @return EJML's {@code CommonOps_DDRM}: the reference backend */
    static MatrixProducts ejml() {
        return EjmlProducts.INSTANCE;
    }

    /** @return netlib BLAS, with the best implementation it found on this machine */
    static MatrixProducts netlib() {
        return NetlibProducts.INSTANCE;
    }

    /** @return every backend this machine can run, the reference first */
    static List<MatrixProducts> available() {
        List<MatrixProducts> all = new ArrayList<>();
        all.add(ejml());
        all.add(netlib());
        return all;
    }

    /**
     * Checks that {@code c = op(a)·op(b)} is well formed.
     *
     * @param transposeA whether op(a) = aᵀ
     * @param transposeB whether op(b) = bᵀ
     * @param a the left matrix
     * @param b the right matrix
     * @param c the result
     * @throws IllegalArgumentException naming the shapes when it is not
     */
    static void checkShapes(boolean transposeA, boolean transposeB, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        int m = transposeA ? a.numCols : a.numRows;
        int k = transposeA ? a.numRows : a.numCols;
        int kb = transposeB ? b.numCols : b.numRows;
        int n = transposeB ? b.numRows : b.numCols;
        if (k != kb || c.numRows != m || c.numCols != n) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "gemm: cannot put %s%s · %s%s into %dx%d", Shapes.of(a), transposeA ? "ᵀ" : "",
                    Shapes.of(b), transposeB ? "ᵀ" : "", c.numRows, c.numCols));
        }
        if (c == a || c == b || c.data == a.data || c.data == b.data) {
            throw new IllegalArgumentException("gemm: the result must not share storage with an operand");
        }
    }
}
