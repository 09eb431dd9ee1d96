package org.backprop4j.tensor;

import org.ejml.data.DMatrixRMaj;

/**
 * The default backend: products of fewer than {@value #TINY} multiply-adds go to EJML, which runs
 * them in plain Java with no call overhead; products of at least {@value #SMALL} to netlib's best
 * implementation; those between to netlib when it runs native code, else to EJML. A native (JNI)
 * call costs a microsecond or so, more than a product of a few hundred multiply-adds: EJML and
 * native OpenBLAS take about as long at 256, and from 512 on OpenBLAS is faster (the three
 * products of a layer in a training step, {@code SmallProductBenchmark}: 2.2× for 8→8 on a batch
 * of 8, 2× and 10× for moons' 16→1 and 2→16 layers on a batch of 100) and needs no JIT warm-up,
 * while netlib's Java code pays off only from about 4,096. The choice depends on the sizes alone
 * (and on what netlib runs, fixed for the life of the JVM), so a computation gives the same bits
 * every run. Nothing native is loaded for a computation whose products are all smaller than
 * {@value #TINY}.
 */
final class AutoProducts implements MatrixProducts {

    /** m·n·k below which a product always stays in EJML. */
    static final long TINY = 512;

    /** m·n·k below which a product stays in EJML unless netlib runs native code. */
    static final long SMALL = 4096;

    static final AutoProducts INSTANCE = new AutoProducts();

    private AutoProducts() {
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
                     double beta, DMatrixRMaj c) {
        long k = transposeA ? a.numRows : a.numCols;
        backendFor((long) c.numRows * c.numCols * k).gemm(transposeA, transposeB, alpha, a, b, beta, c);
    }

    /**
     * The backend for a product of {@code multiplyAdds} = m·n·k; netlib is initialised (and its
     * native library loaded) only when a product reaches {@value #TINY}.
     */
    static MatrixProducts backendFor(long multiplyAdds) {
        if (multiplyAdds < TINY) {
            return EjmlProducts.INSTANCE;
        }
        return backendFor(multiplyAdds, NetlibProducts.INSTANCE);
    }

    /**
     * The backend for a product of at least {@value #TINY} multiply-adds when netlib's best
     * implementation is {@code netlib}: it, unless the product is under {@value #SMALL} and
     * {@code netlib} runs Java code, then EJML.
     */
    static MatrixProducts backendFor(long multiplyAdds, NetlibProducts netlib) {
        if (multiplyAdds < SMALL && !netlib.runsNativeCode()) {
            return EjmlProducts.INSTANCE;
        }
        return netlib;
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
