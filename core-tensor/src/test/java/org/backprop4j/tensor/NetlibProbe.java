package org.backprop4j.tensor;

import org.ejml.data.DMatrixRMaj;

/**
 * Run in a child JVM by {@link NativeFallbackTest}: prints what netlib runs, using it twice, and
 * exits with 1 if its product disagrees with EJML's. netlib's {@code BLAS} class initialises once
 * per JVM, so each way of loading (or failing to load) a native library needs a JVM of its own.
 */
final class NetlibProbe {

    private NetlibProbe() {
    }

    /**
     * Prints {@code netlib=<name>}, {@code auto=<name>} and, when the bundled OpenBLAS runs,
     * {@code threads=<openblas_get_num_threads>}.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        MatrixProducts netlib = MatrixProducts.netlib();
        System.out.println("netlib=" + netlib.name());
        System.out.println("auto=" + MatrixProducts.named("auto").name());
        if (netlib.name().contains("bundled")) {
            System.out.println("threads=" + BundledOpenBlas.runningThreads());
        }
        DMatrixRMaj a = new DMatrixRMaj(40, 30);
        DMatrixRMaj b = new DMatrixRMaj(30, 20);
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] = Math.sin(i);
        }
        for (int i = 0; i < b.data.length; i++) {
            b.data[i] = Math.cos(i);
        }
        DMatrixRMaj expected = new DMatrixRMaj(40, 20);
        DMatrixRMaj actual = new DMatrixRMaj(40, 20);
        MatrixProducts.ejml().gemm(false, false, 1, a, b, 0, expected);
        MatrixProducts.netlib().gemm(false, false, 1, a, b, 0, actual);
        for (int i = 0; i < expected.data.length; i++) {
            if (Math.abs(expected.data[i] - actual.data[i]) > 1e-12) {
                System.out.println("disagrees at " + i + ": " + expected.data[i] + " != " + actual.data[i]);
                System.exit(1);
            }
        }
    }
}
