package org.backprop4j.tensor.blas;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * The one place where matrix products happen: {@code c = α·op(a)·op(b) + β·c}, with
 * {@code op(x)} either {@code x} or {@code xᵀ}, on row-major EJML matrices.
 *
 * <p>Two implementations: {@link #ejml()}, EJML's {@code CommonOps_DDRM}, the readable reference
 * that is always available; and {@link #netlib()}, {@code dev.ludovic.netlib:blas}'s {@code dgemm},
 * which runs native OpenBLAS (the one bundled in this library's dependencies, extracted at first
 * use, or the native library named by netlib's {@code dev.ludovic.netlib.blas.nativeLib} or
 * {@code nativeLibPath} property), else the JDK's Vector API (when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}), else pure Java. The bundled OpenBLAS runs each
 * product on one thread, so a product's bits never depend on a thread count; the engine runs a
 * layer's two backward products side by side instead ({@code backprop4j.threads}).
 * {@link #current()} is chosen by the system property {@code backprop4j.blas}: {@code auto} (the
 * default: EJML for products under 512 multiply-adds, where a native call costs more than it
 * saves; netlib from there when it runs native code, else from 4,096), {@code ejml},
 * {@code netlib}, or {@code netlib-java} (netlib's Java implementation even where native BLAS runs).
 * {@code auto} loads netlib on a background thread at its first product of 512 multiply-adds or
 * more and runs the products on EJML until it is ready, so no product waits for the native
 * library; the two agree to rounding, not bit for bit, so for the same bits run after run pin
 * {@code ejml} or {@code netlib} (which loads at first use and waits), or keep {@code auto} with
 * {@code -Dbackprop4j.blas.background=false} (the first such product loads netlib and waits).
 *
 * <p>Implementations hold no mutable state that changes a result, apart from {@code auto}'s
 * one-way switch from EJML to netlib: any number of threads may use one at once.
 */
public interface MatrixProducts {

    /** The system property that chooses the backend: {@code auto}, {@code ejml}, {@code netlib} or {@code netlib-java}. */
    String PROPERTY = "backprop4j.blas";

    /**
     * {@code c = α·op(a)·op(b) + β·c}, overwriting {@code c} only; β = 0 ignores what c held
     * (even NaN), β = 1 accumulates into it; α = 0 reads neither a nor b (even NaN), as BLAS does,
     * on every backend.
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

    /** @return a short name of what runs, e.g. {@code "ejml"} or {@code "netlib (native OpenBLAS 0.3.31, bundled, 1 thread)"} */
    String name();

    /**
     * @return the backend chosen by {@link #PROPERTY}, by default {@code auto}
     * @throws IllegalArgumentException at every call, if {@link #PROPERTY} names no backend (naming the value),
     *                                  or names {@code auto} and {@code backprop4j.threads} is invalid;
     *                                  {@link #named} and {@link #ejml()} still work then
     */
    static MatrixProducts current() {
        return Backends.current();
    }

    /** @return EJML's {@code CommonOps_DDRM}: the reference backend */
    static MatrixProducts ejml() {
        return EjmlProducts.INSTANCE;
    }

    /**
     * netlib BLAS with the best implementation it can run. Its first use extracts and loads the
     * bundled OpenBLAS (unless netlib's own properties name another library) and waits for it; if
     * that fails it logs one warning and falls back to the Vector API or pure Java instead of
     * throwing, and its {@link #name()} says why.
     *
     * @return netlib BLAS
     * @throws ExceptionInInitializerError at first use, caused by an {@link IllegalArgumentException},
     *                                     if {@code backprop4j.threads} is invalid
     */
    static MatrixProducts netlib() {
        return NetlibProducts.INSTANCE;
    }

    /**
     * @param name {@code auto}, {@code ejml}, {@code netlib} or {@code netlib-java}
     * @return that backend
     * @throws IllegalArgumentException for any other name, or for {@code auto} if {@code backprop4j.threads}
     *                                  is invalid
     * @throws NullPointerException if name is null
     */
    static MatrixProducts named(String name) {
        return Backends.choose(Objects.requireNonNull(name, "name"));
    }

    /** @return every backend this machine can run, the reference first */
    static List<MatrixProducts> available() {
        List<MatrixProducts> all = new ArrayList<>();
        all.add(ejml());
        all.add(netlib());
        if (NetlibProducts.INSTANCE.runsNativeCode()) {
            all.add(NetlibProducts.JAVA);
        }
        all.add(AutoProducts.INSTANCE);
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
        if (c == a || c == b || c.data == a.data || c.data == b.data) {
            throw new IllegalArgumentException("gemm: the result must not share storage with an operand");
        }
    }

    /** @return {@code "rowsxcols"}, as every error message prints a shape */
    private static String shape(DMatrixRMaj m) {
        return m.numRows + "x" + m.numCols;
    }
}
