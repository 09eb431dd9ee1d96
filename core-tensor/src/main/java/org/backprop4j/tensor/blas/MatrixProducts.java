package org.backprop4j.tensor.blas;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.backprop4j.tensor.parallel.Threads;
import org.ejml.data.DMatrixRMaj;

/**
 * The one place where matrix products happen: {@code c = α·op(a)·op(b) + β·c}, with
 * {@code op(x)} either {@code x} or {@code xᵀ}, on row-major EJML matrices.
 *
 * <p>Two implementations: {@link #ejml()}, EJML's {@code CommonOps_DDRM}, the readable reference
 * that is always available; and {@link #netlib()}, {@code dev.ludovic.netlib:blas}'s {@code dgemm},
 * which runs native OpenBLAS (the one bundled in this library's dependencies, extracted at first
 * use, or the native library named by netlib's {@code dev.ludovic.netlib.blas.nativeLib} or
 * {@code nativeLibPath} property), else netlib's pure-Java dgemm, which gives the same bits on every
 * call (never its Vector API one, whose bits change as the JIT compiles it: {@link SteadyJavaBlas}). OpenBLAS's own threads stay off
 * (its threaded dgemm changes a product's bits with its thread count); instead netlib cuts a product
 * large enough to pay into bands of rows that the engine's threads ({@code backprop4j.threads})
 * compute at once, each band one one-thread dgemm call, cut where every result keeps the bits of the
 * unsplit call, so a product's bits never depend on the thread count. EJML's products are never cut.
 * {@link #current()} is chosen by the system property {@code backprop4j.blas}: {@code auto} (the
 * default: EJML for products under 512 multiply-adds, where a native call costs more than it
 * saves; netlib from there when it runs native code, else from 4,096), {@code ejml},
 * {@code netlib}, or {@code netlib-java} (netlib's Java implementation even where native BLAS runs).
 * {@code auto} runs the products on EJML until netlib is ready, so no product waits for the
 * native library, and starts loading netlib on a background thread once its products of 512
 * multiply-adds or more add up to 2²⁸ multiply-adds (a short job of small products never loads it); the two agree to rounding, not bit for bit, so for the same bits run after run pin
 * {@code ejml} or {@code netlib} (which loads at first use and waits), or keep {@code auto} with
 * {@code -Dbackprop4j.blas.background=false} (the first such product loads netlib and waits).
 *
 * <p>This class is the package's one public entry point; what runs the products (a package-private
 * {@code Backend}: EJML's, netlib's or auto's) stands behind it. Backends hold no mutable state that
 * changes a result, apart from {@code auto}'s one-way switch from EJML to netlib: any number of
 * threads may use one at once. Two {@code MatrixProducts} are equal when the same backend runs them.
 */
public final class MatrixProducts implements Backend {

    /** The system property that chooses the backend: {@code auto}, {@code ejml}, {@code netlib} or {@code netlib-java}. */
    public static final String PROPERTY = Backend.PROPERTY;

    private static final MatrixProducts EJML = new MatrixProducts(EjmlProducts.INSTANCE);

    private final Backend backend;

    private MatrixProducts(Backend backend) {
        this.backend = backend;
    }

    /**
     * {@code c = α·op(a)·op(b) + β·c}, overwriting {@code c} only; β = 0 ignores what c held
     * (even NaN) and gives the bits that β = 1 gives into zeros (a sum of −0 terms is +0, as in
     * BLAS), β = 1 accumulates into it; α = 0 reads neither a nor b (even NaN), as BLAS does, on
     * every backend.
     *
     * @param transposeA whether op(a) = aᵀ
     * @param transposeB whether op(b) = bᵀ
     * @param alpha α
     * @param a the left matrix, not modified
     * @param b the right matrix, not modified
     * @param beta β
     * @param c the result, modified; must not be {@code a} or {@code b} and must have the product's shape
     * @throws IllegalArgumentException if the shapes do not match, naming them, if a matrix's array is shorter than its shape,
     *                                  or if c aliases a or b
     */
    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
                     double beta, DMatrixRMaj c) {
        backend.gemm(transposeA, transposeB, alpha, a, b, beta, c);
    }

    /** @return a short name of what runs, e.g. {@code "ejml"} or {@code "netlib (native OpenBLAS 0.3.31, bundled, 1 thread)"} */
    @Override
    public String name() {
        return backend.name();
    }

    /** @return {@link #name()} */
    @Override
    public String toString() {
        return name();
    }

    /**
     * @param other anything
     * @return whether other is a {@code MatrixProducts} run by the same backend
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof MatrixProducts && ((MatrixProducts) other).backend == backend;
    }

    /** @return the backend's identity hash */
    @Override
    public int hashCode() {
        return System.identityHashCode(backend);
    }

    /**
     * The backend the engine multiplies on.
     *
     * @return the backend chosen by {@link #PROPERTY}, by default {@code auto}
     * @throws IllegalArgumentException at every call, if {@link #PROPERTY} names no backend (naming the value),
     *                                  or names {@code auto} and {@code backprop4j.threads} is invalid;
     *                                  {@link #named} and {@link #ejml()} still work then
     */
    public static MatrixProducts current() {
        return Current.get();
    }

    /** {@return EJML's {@code CommonOps_DDRM}: the reference backend} */
    public static MatrixProducts ejml() {
        return EJML;
    }

    /**
     * netlib BLAS with the best implementation it can run. Its first use extracts and loads the
     * bundled OpenBLAS (unless netlib's own properties name another library) and waits for it; if
     * that fails it logs one warning and falls back to netlib's pure-Java dgemm instead of
     * throwing, and its {@link #name()} says why.
     *
     * @return netlib BLAS
     * @throws ExceptionInInitializerError at first use, caused by an {@link IllegalArgumentException},
     *                                     if {@code backprop4j.threads} is invalid
     */
    public static MatrixProducts netlib() {
        return new MatrixProducts(NetlibProducts.INSTANCE);
    }

    /**
     * The backend a name chooses. {@code auto}, the default, sends small products to EJML and the
     * rest to netlib, whose dgemm — even its pure-Java one — beats EJML on larger ones.
     *
     * @param name {@code auto}, {@code ejml}, {@code netlib} or {@code netlib-java}
     * @return that backend
     * @throws IllegalArgumentException for any other name, or for {@code auto} if {@code backprop4j.threads}
     *                                  is invalid
     * @throws NullPointerException if name is null
     */
    public static MatrixProducts named(String name) {
        switch (Objects.requireNonNull(name, "name").trim().toLowerCase(Locale.ROOT)) {
            case "ejml":
                return ejml();
            case "netlib":
                return netlib();
            case "netlib-java":
                return new MatrixProducts(NetlibProducts.JAVA);
            case "auto":
            case "":
                // auto loads netlib in the background: a bad thread count is refused here, on the caller's thread.
                Threads.count();
                return new MatrixProducts(AutoProducts.INSTANCE);
            default:
                throw new IllegalArgumentException(PROPERTY + " must be auto, ejml, netlib or netlib-java, not '" + name + "'");
        }
    }

    /** {@return every backend this machine can run, the reference first} */
    public static List<MatrixProducts> available() {
        List<MatrixProducts> all = new ArrayList<>();
        all.add(ejml());
        all.add(netlib());
        if (NetlibProducts.INSTANCE.runsNativeCode()) {
            all.add(new MatrixProducts(NetlibProducts.JAVA));
        }
        all.add(new MatrixProducts(AutoProducts.INSTANCE));
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
     * @throws IllegalArgumentException naming the shapes when it is not, or when a matrix's array is shorter than its shape
     */
    public static void checkShapes(boolean transposeA, boolean transposeB, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        Backend.checkShapes(transposeA, transposeB, a, b, c);
    }

    /**
     * {@link #current()}, resolved once from {@link #PROPERTY} when first asked for. A property that
     * names no backend does not break {@code MatrixProducts}: {@link #named} still works, and every
     * call of {@link #current()} throws the same clear {@link IllegalArgumentException}, not an
     * {@link ExceptionInInitializerError} once and a {@link NoClassDefFoundError} after.
     */
    private static final class Current {

        /** The backend in use, fixed for the life of the JVM; null when the property names none. */
        private static final MatrixProducts CURRENT;
        /** Why the property names no backend, or null. */
        private static final IllegalArgumentException BAD_PROPERTY;

        static {
            MatrixProducts chosen = null;
            IllegalArgumentException bad = null;
            try {
                chosen = named(System.getProperty(PROPERTY, "auto"));
            } catch (IllegalArgumentException e) {
                bad = e;
            } catch (ExceptionInInitializerError e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                bad = new IllegalArgumentException(cause.getMessage(), cause);
            }
            CURRENT = chosen;
            BAD_PROPERTY = bad;
        }

        private Current() {
        }

        static MatrixProducts get() {
            if (CURRENT == null) {
                throw new IllegalArgumentException(BAD_PROPERTY.getMessage(), BAD_PROPERTY);
            }
            return CURRENT;
        }
    }
}
