package org.backprop4j.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Runs a loop over [0, n) in two halves at once — one in the calling thread, one in the common
 * fork-join pool — when it is long and costly enough to repay the hand-off (a transcendental
 * function over at least {@value #THRESHOLD} elements, e.g. the tanh of a 256×128 layer), and on
 * the calling thread alone otherwise, or always with {@code -Dbackprop4j.parallel=false}. Each element is computed by the same code either way, so
 * results are bit-identical whatever the split.
 */
final class Split {

    /** The fewest elements worth splitting. */
    static final int THRESHOLD = 16_384;

    /** {@code -Dbackprop4j.parallel=false} keeps every loop on the calling thread. */
    static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("backprop4j.parallel", "true"))
            && Runtime.getRuntime().availableProcessors() >= 2;

    private Split() {
    }

    /** A loop body over a half-open range. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    static void forRange(int n, boolean expensive, Range body) {
        if (!expensive || n < THRESHOLD || !ENABLED) {
            body.run(0, n);
            return;
        }
        int half = n / 2;
        ForkJoinTask<?> second = ForkJoinPool.commonPool().submit(() -> body.run(half, n));
        body.run(0, half);
        second.join();
    }
}
