package org.backprop4j.tensor.blas;

import java.util.Locale;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * What runs matrix products behind {@link MatrixProducts}: EJML ({@link EjmlProducts}), netlib
 * ({@link NetlibProducts}) or the choice between them by size ({@link AutoProducts}). Each checks
 * its operands with {@link #checkShapes} and keeps {@link MatrixProducts#gemm}'s contract.
 */
interface Backend {

    /** The system property that chooses the backend: {@code auto}, {@code ejml}, {@code netlib} or {@code netlib-java}. */
    String PROPERTY = "backprop4j.blas";

    /**
     * {@code c = α·op(a)·op(b) + β·c}, as {@link MatrixProducts#gemm} states it.
     *
     * @param transposeA whether op(a) = aᵀ
     * @param transposeB whether op(b) = bᵀ
     * @param alpha α
     * @param a the left matrix, not modified
     * @param b the right matrix, not modified
     * @param beta β
     * @param c the result, modified
     */
    void gemm(boolean transposeA, boolean transposeB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
              double beta, DMatrixRMaj c);

    /** @return a short name of what runs, e.g. {@code "ejml"} */
    String name();

    /**
     * Checks that {@code c = op(a)·op(b)} is well formed.
     *
     * @param transposeA whether op(a) = aᵀ
     * @param transposeB whether op(b) = bᵀ
     * @param a the left matrix
     * @param b the right matrix
     * @param c the result
     * @throws IllegalArgumentException naming the shapes when it is not, when a matrix's array is shorter than its
     *                                  shape, or when c shares storage with a or b
     */
    static void checkShapes(boolean transposeA, boolean transposeB, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(c, "c");
        int m = transposeA ? a.numCols : a.numRows;
        int k = transposeA ? a.numRows : a.numCols;
        int kb = transposeB ? b.numCols : b.numRows;
        int n = transposeB ? b.numRows : b.numCols;
        if (k != kb || c.numRows != m || c.numCols != n) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "gemm: cannot put %s%s · %s%s into %dx%d", shape(a), transposeA ? "ᵀ" : "",
                    shape(b), transposeB ? "ᵀ" : "", c.numRows, c.numCols));
        }
        checkArray("a", a);
        checkArray("b", b);
        checkArray("c", c);
        if (c == a || c == b || c.data == a.data || c.data == b.data) {
            throw new IllegalArgumentException("gemm: the result must not share storage with an operand");
        }
    }

    /** A matrix whose public fields were set past its array would read (or, natively, write) beyond it. */
    private static void checkArray(String name, DMatrixRMaj m) {
        if (m.data.length < (long) m.numRows * m.numCols) {
            throw new IllegalArgumentException("gemm: " + name + " is " + shape(m) + " but its array holds " + m.data.length + " numbers");
        }
    }

    /** @return {@code "rowsxcols"}, as every error message prints a shape */
    private static String shape(DMatrixRMaj m) {
        return m.numRows + "x" + m.numCols;
    }
}
