package org.backprop4j.tensor.blas;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * The default backend: products of fewer than {@value #TINY} multiply-adds go to EJML, which runs
 * them in plain Java with no call overhead; products of at least {@value #SMALL} to netlib's best
 * implementation; those between to netlib when it runs native code, else to EJML. A native (JNI)
 * call costs a microsecond or so, more than a product of a few hundred multiply-adds: EJML and
 * native OpenBLAS take about as long at 256, and from 512 on OpenBLAS is faster (the three
 * products of a layer in a training step, {@code SmallProductBenchmark}: 2.2× for 8→8 on a batch
 * of 8, 2× and 10× for moons' 16→1 and 2→16 layers on a batch of 100) and needs no JIT warm-up,
 * while netlib's Java code pays off only from about 4,096. Nothing native is loaded for a
 * computation whose products are all smaller than {@value #TINY}. The products this backend
 * gives EJML run on {@link EjmlTwinProducts}: EJML's bits, in faster loops.
 *
 * <p>Once the products of at least {@value #TINY} add up to {@value NetlibLoad#START_AFTER}
 * multiply-adds, netlib (and the bundled OpenBLAS) starts loading on a background thread
 * ({@link NetlibLoad}: about when EJML's extra time has cost what the load costs); until it is
 * ready, every product runs on EJML, so no product waits for the load. EJML and OpenBLAS agree to rounding, not bit for bit: the bits
 * of a computation that starts before the load ends depend on when it ended. With
 * {@code -Dbackprop4j.blas.background=false} the first such product loads netlib and waits, and
 * the choice depends on the sizes alone (and on what netlib runs, fixed for the life of the JVM),
 * so a computation gives the same bits every run.
 */
final class AutoProducts implements Backend {

    /** m·n·k below which a product always stays in EJML. */
    static final long TINY = 512;

    /** m·n·k below which a product stays in EJML unless netlib runs native code. */
    static final long SMALL = 4096;

    static final AutoProducts INSTANCE = new AutoProducts(NetlibLoad.ofNetlib());

    private final NetlibLoad netlib;

    /** @param netlib the load of the netlib this backend sends products to once it is ready */
    AutoProducts(NetlibLoad netlib) {
        this.netlib = Objects.requireNonNull(netlib, "netlib");
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
                     double beta, DMatrixRMaj c) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(c, "c");
        long k = transposeA ? a.numRows : a.numCols;
        backendFor((long) c.numRows * c.numCols * k).gemm(transposeA, transposeB, alpha, a, b, beta, c);
    }

    /**
     * The backend for a product of {@code multiplyAdds} = m·n·k: EJML under {@value #TINY}; from
     * there EJML until netlib has loaded (the products counted towards its start), then what
     * {@link #backendFor(long, NetlibProducts)} says.
     */
    Backend backendFor(long multiplyAdds) {
        if (multiplyAdds < TINY) {
            return EjmlTwinProducts.INSTANCE;
        }
        NetlibProducts ready = netlib.ifReady(multiplyAdds);
        return ready == null ? EjmlTwinProducts.INSTANCE : backendFor(multiplyAdds, ready);
    }

    /**
     * The backend for a product of at least {@value #TINY} multiply-adds when netlib's best
     * implementation is {@code netlib}: it, unless the product is under {@value #SMALL} and
     * {@code netlib} runs Java code, then EJML.
     */
    static Backend backendFor(long multiplyAdds, NetlibProducts netlib) {
        if (multiplyAdds < SMALL && !netlib.runsNativeCode()) {
            return EjmlTwinProducts.INSTANCE;
        }
        return netlib;
    }

    /** @return the load this backend waits for */
    NetlibLoad load() {
        return netlib;
    }

    /**
     * What runs the products once netlib has loaded (waiting for the load, starting it if need be):
     * e.g. {@code auto (ejml + netlib (native OpenBLAS 0.3.31, bundled, 1 thread))}, or
     * {@code auto (ejml only: netlib did not load: …)}.
     */
    @Override
    public String name() {
        NetlibProducts loaded = netlib.await();
        return loaded == null ? "auto (ejml only: netlib did not load: " + netlib.failure() + ")" : "auto (ejml + " + loaded.name() + ")";
    }

    @Override
    public String toString() {
        return name();
    }
}
