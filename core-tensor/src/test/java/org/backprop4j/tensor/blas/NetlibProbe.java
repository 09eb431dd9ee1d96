package org.backprop4j.tensor.blas;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * Run in a child JVM by {@link NativeFallbackTest}: uses the backend the properties choose first,
 * as a program does (on {@code auto} the product runs on EJML and starts no load: its 24,000
 * multiply-adds are far short of {@link NetlibLoad#START_AFTER}), then prints what netlib runs,
 * and exits with 1 if a product disagrees with EJML's or if, once loaded, {@code auto} does not run
 * its larger products on netlib. netlib's {@code BLAS} class initialises once per JVM, so each way
 * of loading (or failing to load) a native library needs a JVM of its own.
 */
final class NetlibProbe {

    private NetlibProbe() {
    }

    /**
     * Prints {@code first=<thread name, or none>} (the load's thread after the first product),
     * {@code netlib=<name>}, {@code auto=<name>}, {@code load=<thread name> daemon=<true|false>}
     * and, when the bundled OpenBLAS runs, {@code threads=<openblas_get_num_threads>}.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        DMatrixRMaj a = matrix(40, 30, 0);
        DMatrixRMaj b = matrix(30, 20, 1);
        agreesWithEjml(MatrixProducts.current(), a, b);
        MatrixProducts auto = MatrixProducts.named("auto");
        Thread first = AutoProducts.INSTANCE.load().thread();
        System.out.println("first=" + (first == null ? "none" : first.getName()));
        System.out.println("auto=" + auto.name());
        Thread load = AutoProducts.INSTANCE.load().thread();
        if (load != null) {
            System.out.println("load=" + load.getName() + " daemon=" + load.isDaemon());
        }
        MatrixProducts netlib = MatrixProducts.netlib();
        System.out.println("netlib=" + netlib.name());
        if (netlib.name().contains("bundled")) {
            System.out.println("threads=" + BundledOpenBlas.runningThreads());
        }
        agreesWithEjml(netlib, a, b);
        DMatrixRMaj onAuto = new DMatrixRMaj(40, 20);
        DMatrixRMaj onNetlib = new DMatrixRMaj(40, 20);
        auto.gemm(false, false, 1, a, b, 0, onAuto);
        netlib.gemm(false, false, 1, a, b, 0, onNetlib);
        if (!Arrays.equals(onAuto.data, onNetlib.data)) {
            System.out.println("auto does not run netlib once it is loaded");
            System.exit(1);
        }
    }

    private static DMatrixRMaj matrix(int rows, int cols, int phase) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = phase == 0 ? Math.sin(i) : Math.cos(i);
        }
        return m;
    }

    private static void agreesWithEjml(MatrixProducts backend, DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj expected = new DMatrixRMaj(a.numRows, b.numCols);
        DMatrixRMaj actual = new DMatrixRMaj(a.numRows, b.numCols);
        MatrixProducts.ejml().gemm(false, false, 1, a, b, 0, expected);
        backend.gemm(false, false, 1, a, b, 0, actual);
        for (int i = 0; i < expected.data.length; i++) {
            if (Math.abs(expected.data[i] - actual.data[i]) > 1e-12) {
                System.out.println(backend.name() + " disagrees at " + i + ": " + expected.data[i] + " != " + actual.data[i]);
                System.exit(1);
            }
        }
    }
}
