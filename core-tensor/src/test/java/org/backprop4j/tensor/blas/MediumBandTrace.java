package org.backprop4j.tensor.blas;

import dev.ludovic.netlib.blas.BLAS;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.backprop4j.tensor.parallel.Workers;
import org.ejml.data.DMatrixRMaj;

/**
 * Where the time of {@code medium}'s products goes on one thread and on two: the eight products of
 * a step of 64 → 128 → 128 → 10 on a batch of 256 (the benchmarks' roofline step), on pools of 1
 * and 2 threads in turn in one JVM, each {@code dgemm} call timed on the thread that makes it
 * (netlib's BLAS behind a {@link Proxy}, which adds about a microsecond a call). Prints, per
 * product and pool, the time of the product as its caller sees it and of each call; for a product
 * cut into bands, how often its two bands ran on two threads, on the caller alone or on the worker
 * alone, and how long after the first band the second started. Run by hand, with the test class
 * path: {@code java -cp … org.backprop4j.tensor.blas.MediumBandTrace [steps a round]}.
 */
final class MediumBandTrace {

    private static final String[] PRODUCTS = {
        "fwd 1  256x64 by 128x64T", "fwd 2  256x128 by 128x128T", "fwd 3  256x128 by 10x128T", "dW 3   (256x10)T by 256x128",
        "dx 3   256x10 by 10x128", "dW 2   (256x128)T by 256x128", "dx 2   256x128 by 128x128", "dW 1   (256x128)T by 256x64",
    };

    private static final int MOST_CALLS = 1 << 20;

    private final long[] starts = new long[MOST_CALLS];
    private final long[] ends = new long[MOST_CALLS];
    private final long[] threads = new long[MOST_CALLS];
    private final int[] products = new int[MOST_CALLS];
    private final AtomicInteger next = new AtomicInteger();
    private int calls;
    private volatile int product;
    private volatile boolean recording;

    /** The widths of the layers' inputs and outputs, 64 → 128 → 128 → 10, on a batch of {@link #BATCH}. */
    private static final int[] WIDTHS = {64, 128, 128, 10};
    private static final int BATCH = 256;
    private static final int LAYERS = WIDTHS.length - 1;

    /** The input and each layer's output, batch × width. */
    private final DMatrixRMaj[] activations = perWidth(0);
    /** Each layer's weights, out × in. */
    private final DMatrixRMaj[] weights = perLayer();
    /** The gradients of each layer's input (unused for the first) and output, batch × width. */
    private final DMatrixRMaj[] gradients = perWidth(1);
    /** Each layer's weight gradient, out × in. */
    private final DMatrixRMaj[] weightGradients = perLayer();
    private final long[] productNanos = new long[PRODUCTS.length];

    private MediumBandTrace() {
    }

    /** A batch × width matrix for each width from {@code from} on (the ones below stay null). */
    private static DMatrixRMaj[] perWidth(int from) {
        DMatrixRMaj[] matrices = new DMatrixRMaj[WIDTHS.length];
        for (int l = from; l < WIDTHS.length; l++) {
            matrices[l] = filled(BATCH, WIDTHS[l]);
        }
        return matrices;
    }

    /** An out × in matrix for each layer. */
    private static DMatrixRMaj[] perLayer() {
        DMatrixRMaj[] matrices = new DMatrixRMaj[LAYERS];
        for (int l = 0; l < LAYERS; l++) {
            matrices[l] = filled(WIDTHS[l + 1], WIDTHS[l]);
        }
        return matrices;
    }

    private static DMatrixRMaj filled(int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            m.data[i] = Math.sin(i) * 0.1;
        }
        return m;
    }

    /**
     * Prints the table for rounds of steps on pools of 1 and 2 threads in turn.
     *
     * @param args the steps a round (default 1,000)
     */
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        System.out.println(NetlibProducts.INSTANCE.name());   // settles the native library before netlib's BLAS initialises
        MediumBandTrace trace = new MediumBandTrace();
        BLAS best = BLAS.getInstance();
        BLAS timed = (BLAS) Proxy.newProxyInstance(BLAS.class.getClassLoader(), new Class<?>[] {BLAS.class}, (proxy, method, arguments) -> {
            long start = System.nanoTime();
            Object result;
            try {
                result = method.invoke(best, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            trace.record(start, System.nanoTime());
            return result;
        });
        NetlibProducts products = NetlibProducts.on(timed, RowBands.OPENBLAS);
        Workers[] pools = {Workers.of(1), Workers.of(2)};
        for (int round = 0; round < 4; round++) {
            for (Workers pool : pools) {
                trace.recording = round == 3;
                trace.next.set(0);
                Arrays.fill(trace.productNanos, 0);
                long start = System.nanoTime();
                Workers.runOn(pool, () -> {
                    for (int i = 0; i < steps; i++) {
                        trace.step(products);
                    }
                });
                System.out.printf("round %d, %s: %.1f us a step%n", round, pool, (System.nanoTime() - start) / 1e3 / steps);
                if (trace.recording) {
                    trace.calls = Math.min(trace.next.get(), MOST_CALLS);
                    trace.print(steps);
                }
            }
        }
    }

    /** Keeps one call's times; the calls of a product end in the order of their indices only roughly, which is all the pairing below needs. */
    private void record(long start, long end) {
        if (recording) {
            int i = next.getAndIncrement();
            if (i < MOST_CALLS) {
                starts[i] = start;
                ends[i] = end;
                threads[i] = Thread.currentThread().getId();
                products[i] = product;
            }
        }
    }

    /** The step's products in {@link #PRODUCTS}' order: forward layer by layer, then back from the last layer. */
    private void step(NetlibProducts p) {
        int which = 0;
        for (int l = 0; l < LAYERS; l++) {
            gemm(p, which++, false, true, activations[l], weights[l], 0, activations[l + 1]);
        }
        for (int l = LAYERS - 1; l >= 0; l--) {
            gemm(p, which++, true, false, gradients[l + 1], activations[l], 1, weightGradients[l]);
            if (l > 0) {
                gemm(p, which++, false, false, gradients[l + 1], weights[l], 0, gradients[l]);
            }
        }
    }

    private void gemm(NetlibProducts p, int which, boolean transposeA, boolean transposeB, DMatrixRMaj a, DMatrixRMaj b,
                      double beta, DMatrixRMaj c) {
        product = which;
        long start = System.nanoTime();
        p.gemm(transposeA, transposeB, 1, a, b, beta, c);
        productNanos[which] += System.nanoTime() - start;
    }

    private void print(int steps) {
        long caller = Thread.currentThread().getId();
        System.out.printf("  %-30s %9s %6s %9s %8s %8s %8s %9s%n", "product", "us", "calls", "us a call", "2 thr.", "caller", "worker",
                "lag us");
        int[] perProduct = new int[PRODUCTS.length];
        for (int i = 0; i < calls; i++) {
            perProduct[products[i]]++;
        }
        for (int which = 0; which < PRODUCTS.length; which++) {
            boolean banded = Math.round(perProduct[which] / (float) steps) == 2;
            int made = 0;
            long callNanos = 0;
            int split = 0;
            int onCaller = 0;
            int onWorker = 0;
            long lag = 0;
            for (int i = 0; i < calls; i++) {
                if (products[i] != which) {
                    continue;
                }
                made++;
                callNanos += ends[i] - starts[i];
                // two calls of one product in a row are its two bands (the pool runs one split at a time)
                if (i + 1 < calls && products[i + 1] == which && made % 2 == 1 && banded) {
                    boolean firstOnCaller = threads[i] == caller;
                    boolean secondOnCaller = threads[i + 1] == caller;
                    if (firstOnCaller && secondOnCaller) {
                        onCaller++;
                    } else if (!firstOnCaller && !secondOnCaller) {
                        onWorker++;
                    } else {
                        split++;
                        lag += Math.abs(starts[i + 1] - starts[i]);
                    }
                }
            }
            System.out.printf("  %-30s %9.1f %6.2f %9.1f %8d %8d %8d %9.1f%n", PRODUCTS[which], productNanos[which] / 1e3 / steps,
                    made / (double) steps, made == 0 ? 0 : callNanos / 1e3 / made, split, onCaller, onWorker, split == 0 ? 0 : lag / 1e3 / split);
        }
    }
}
