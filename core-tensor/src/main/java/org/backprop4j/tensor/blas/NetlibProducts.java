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
 * and so does {@link #name()}: e.g. {@code netlib (pure Java; the bundled OpenBLAS did not load (…))}.
 * netlib's Java products run on its scalar implementation, never on its Vector API one
 * ({@link SteadyJavaBlas} says why): the same product gives the same bits on every call.
 */
final class NetlibProducts implements Backend {

    /** The logger of the one warning a missing native library gives. */
    static final String LOGGER = "org.backprop4j.tensor";

    /** netlib logs a warning for every implementation it fails to load; we report the one it chose instead. */
    private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib.blas");

    /** Which native library netlib was told to open, settled before it initialised. */
    static final NativeBlasChoice NATIVE_CHOICE;

    /** netlib's best implementation: the native library {@link #NATIVE_CHOICE} names, else netlib's scalar Java ({@link SteadyJavaBlas}). */
    static final NetlibProducts INSTANCE;

    /** netlib's scalar Java implementation ({@link SteadyJavaBlas}), even where native BLAS runs. */
    static final NetlibProducts JAVA;

    static {
        NATIVE_CHOICE = NativeBlasChoice.settle();
        JavaBLAS steady = SteadyJavaBlas.get();
        BLAS loaded = loadQuietly();
        boolean jniRuns = loaded instanceof NativeBLAS;
        // Where no native library runs, netlib's own Java choice may be its Vector API dgemm, whose bits
        // change as the JIT compiles it (JDK 25); its scalar Java one gives the same bits on every call.
        BLAS best = jniRuns ? loaded : steady;
        RowBands bestBands = !jniRuns ? RowBands.NETLIB_JAVA
                : NATIVE_CHOICE.source() == NativeBlasChoice.Source.BUNDLED ? RowBands.OPENBLAS : RowBands.NEVER;
        INSTANCE = new NetlibProducts(best, NATIVE_CHOICE.library(), NATIVE_CHOICE.problem(jniRuns).orElse(null), bestBands);
        NATIVE_CHOICE.warning(jniRuns, "netlib (" + describe(best, NATIVE_CHOICE.library()) + ")").ifPresent(NetlibProducts::warn);
        JAVA = new NetlibProducts(steady, NATIVE_CHOICE.library(), null, RowBands.NETLIB_JAVA);
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
    private final RowBands bands;

    /**
     * A backend on a given netlib implementation.
     *
     * @param blas the implementation
     * @param nativeLibrary what runs when it is netlib's JNI, e.g. {@code OpenBLAS 0.3.31, bundled, 1 thread}
     * @param problem why the intended native library does not run, for the name; null when nothing went wrong
     * @param bands where its products may be cut into bands of rows that threads compute at once
     */
    private NetlibProducts(BLAS blas, String nativeLibrary, String problem, RowBands bands) {
        this.blas = blas;
        this.name = "netlib (" + describe(blas, nativeLibrary) + (problem == null ? "" : "; " + problem) + ")";
        this.nativeCode = blas instanceof NativeBLAS;
        this.bands = bands;
    }

    /**
     * A backend on any netlib implementation, named as netlib's Java one: for tests that need a BLAS
     * of their own (one that fails, say).
     *
     * @param blas the implementation
     * @param bands where its products may be cut into bands of rows
     * @return the backend
     */
    static NetlibProducts on(BLAS blas, RowBands bands) {
        return new NetlibProducts(blas, NATIVE_CHOICE.library(), null, bands);
    }

    /** @return where this backend's products may be cut into bands of rows ({@link RowBands#NEVER} for a library the user named) */
    RowBands bands() {
        return bands;
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
        int k = transposeA ? a.numRows : a.numCols;
        // α = 0 reads neither operand, as BLAS promises: OpenBLAS 0.3.31 multiplied 0 by a NaN of A·B where β = 0
        if (k == 0 || alpha == 0) {
            scale(beta, c);
            return;
        }
        int m = c.numRows;
        int n = c.numCols;
        // A small transposed B is copied once rather than read across by OpenBLAS's slower transposed path;
        // the choice depends on the shapes alone, never on the thread count, so the bits do not either.
        if (transposeB && !transposeA && nativeCode && (long) n * k <= TRANSPOSED_COPY_MAX && m >= TRANSPOSED_COPY_MIN_ROWS) {
            double[] bt = transposed(b);
            blas.dgemm("N", "N", n, m, k, alpha, bt, Math.max(1, n), a.data, Math.max(1, a.numCols), beta, c.data, Math.max(1, n));
            return;
        }
        ProductBands.gemm(this, bands, transposeA, transposeB, alpha, a, b, beta, c);
    }

    /**
     * The rows [from, to) of {@code c = α·op(a)·op(b) + β·c}: one {@code dgemm} of the rows [from, to)
     * of op(a) (for aᵀ, the columns of a) by op(b), into the same rows of c; the whole product for
     * [0, rows). The operands are checked already.
     *
     * @param transposeA whether op(a) = aᵀ
     * @param transposeB whether op(b) = bᵀ
     * @param alpha α
     * @param a the left matrix
     * @param b the right matrix
     * @param beta β
     * @param c the result
     * @param from the first row
     * @param to one past the last row
     */
    void gemmRows(boolean transposeA, boolean transposeB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
                  double beta, DMatrixRMaj c, int from, int to) {
        int n = c.numCols;
        int k = transposeA ? a.numRows : a.numCols;
        // Row i of op(a) starts at a[i·k] (a is m×k), or, for aᵀ, at a[i] (a is k×m, read down a column).
        int aOffset = transposeA ? from : from * a.numCols;
        // BLAS wants every leading dimension ≥ 1, even for a matrix with no columns.
        blas.dgemm(transposeB ? "T" : "N", transposeA ? "T" : "N", n, to - from, k,
                alpha, b.data, 0, Math.max(1, b.numCols), a.data, aOffset, Math.max(1, a.numCols),
                beta, c.data, from * n, Math.max(1, n));
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

    /** {@code c = β·c} for a product with nothing to sum (k = 0, or α = 0); β = 0 clears c whatever it held. */
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
