package org.backprop4j.tensor.blas;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ejml.data.DMatrixRMaj;

/**
 * Matrix products by netlib BLAS {@code dgemm}. A row-major m×n matrix is, read column-major, its
 * n×m transpose; so row-major {@code C = op(A)·op(B)} is column-major {@code Cᵀ = op(B)ᵀ·op(A)ᵀ}:
 * the same call with the operands swapped, and no copies.
 *
 * <p>Before netlib's {@code BLAS} class first initialises, {@link NativeBlasChoice} settles which
 * native library its JNI opens (the bundled OpenBLAS unless the user named another). If that
 * library does not run, one warning on the {@code System.Logger} named {@value #LOGGER} says so,
 * and so does {@link #name()}: e.g. {@code netlib (Vector API; the bundled OpenBLAS did not load (…))}.
 */
final class NetlibProducts implements Backend {

    /** The logger of the one warning a missing native library gives. */
    static final String LOGGER = "org.backprop4j.tensor";

    /** netlib logs a warning for every implementation it fails to load; we report the one it chose instead. */
    private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib.blas");

    /** Which native library netlib was told to open, settled before it initialised. */
    static final NativeBlasChoice NATIVE_CHOICE;

    /** netlib's best implementation: the native library {@link #NATIVE_CHOICE} names, else netlib's Java. */
    static final NetlibProducts INSTANCE;

    /** netlib's Java implementation (Vector API or pure Java), even where native BLAS runs. */
    static final NetlibProducts JAVA;

    static {
        NATIVE_CHOICE = NativeBlasChoice.settle();
        BLAS best = loadQuietly();
        boolean jniRuns = best instanceof NativeBLAS;
        INSTANCE = new NetlibProducts(best, NATIVE_CHOICE.library(), NATIVE_CHOICE.problem(jniRuns).orElse(null));
        NATIVE_CHOICE.warning(jniRuns, "netlib (" + describe(best, NATIVE_CHOICE.library()) + ")").ifPresent(NetlibProducts::warn);
        JAVA = new NetlibProducts(JavaBLAS.getInstance(), NATIVE_CHOICE.library(), null);
    }

    /**
     * The most values of a B that {@code A·Bᵀ} copies transposed and runs as A·(Bᵀ), no transpose
     * flag, on native code: OpenBLAS's transposed-operand path is slower on small products. Measured
     * on 2026-12-06 (the 2-core VM, bundled OpenBLAS 0.3.31, one thread, load 5–7): 99×20 by 20×20ᵀ,
     * the physics-informed network's hidden layer, took 2.8–6.4 µs with the flag and 1.8–1.9 µs with
     * the copy; moons' 100×16 by 16×16ᵀ 1.4 µs against 1.0; but 256×128 by 128×64ᵀ 140 µs against
     * 147, and the copy cost more than it saved at 2 rows (0.35 µs against 0.43).
     */
    static final int TRANSPOSED_COPY_MAX = 1024;

    /** The fewest rows of A for which {@code A·Bᵀ} copies B transposed (see {@link #TRANSPOSED_COPY_MAX}). */
    static final int TRANSPOSED_COPY_MIN_ROWS = 16;

    /** Each thread's buffer for a transposed B of at most {@value #TRANSPOSED_COPY_MAX} values: products run on several threads at once. */
    private static final ThreadLocal<double[]> TRANSPOSED = ThreadLocal.withInitial(() -> new double[TRANSPOSED_COPY_MAX]);

    private final BLAS blas;
    private final String name;
    private final boolean nativeCode;

    /**
     * A backend on a given netlib implementation.
     *
     * @param blas the implementation
     * @param nativeLibrary what runs when it is netlib's JNI, e.g. {@code OpenBLAS 0.3.31, bundled, 1 thread}
     * @param problem why the intended native library does not run, for the name; null when nothing went wrong
     */
    private NetlibProducts(BLAS blas, String nativeLibrary, String problem) {
        this.blas = blas;
        this.name = "netlib (" + describe(blas, nativeLibrary) + (problem == null ? "" : "; " + problem) + ")";
        this.nativeCode = blas instanceof NativeBLAS;
    }

    /** @return whether the products run in a native library (through netlib's JNI) rather than in Java */
    boolean runsNativeCode() {
        return nativeCode;
    }

    /** Logs {@code line} as a warning on the {@code System.Logger} named {@value #LOGGER}. */
    static void warn(String line) {
        System.getLogger(LOGGER).log(System.Logger.Level.WARNING, line);
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

    private static String describe(BLAS blas, String nativeLibrary) {
        if (blas instanceof NativeBLAS) {
            return "native " + nativeLibrary;
        }
        return "VectorBLAS".equals(blas.getClass().getSimpleName()) ? "Vector API" : "pure Java";
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
                     double beta, DMatrixRMaj c) {
        Backend.checkShapes(transposeA, transposeB, a, b, c);
        int m = c.numRows;
        int n = c.numCols;
        int k = transposeA ? a.numRows : a.numCols;
        if (k == 0) {
            scale(beta, c);
            return;
        }
        if (transposeB && !transposeA && nativeCode && (long) n * k <= TRANSPOSED_COPY_MAX && m >= TRANSPOSED_COPY_MIN_ROWS) {
            double[] bt = transposed(b);
            blas.dgemm("N", "N", n, m, k, alpha, bt, Math.max(1, n), a.data, Math.max(1, a.numCols), beta, c.data, Math.max(1, n));
            return;
        }
        // BLAS wants every leading dimension ≥ 1, even for a matrix with no columns.
        blas.dgemm(transposeB ? "T" : "N", transposeA ? "T" : "N", n, m, k,
                alpha, b.data, Math.max(1, b.numCols), a.data, Math.max(1, a.numCols),
                beta, c.data, Math.max(1, n));
    }

    /** b (n×k) transposed into this thread's copy, k×n row-major; b holds at most {@value #TRANSPOSED_COPY_MAX} values. */
    private static double[] transposed(DMatrixRMaj b) {
        double[] bt = TRANSPOSED.get();
        double[] values = b.data;
        int n = b.numRows;
        int k = b.numCols;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                bt[j * n + i] = values[i * k + j];
            }
        }
        return bt;
    }

    /** {@code c = β·c} for a product with nothing to sum (k = 0); β = 0 clears c whatever it held. */
    private static void scale(double beta, DMatrixRMaj c) {
        int size = c.getNumElements();
        for (int i = 0; i < size; i++) {
            c.data[i] = beta == 0 ? 0 : beta * c.data[i];
        }
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
