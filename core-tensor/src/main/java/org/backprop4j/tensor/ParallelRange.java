package org.backprop4j.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Runs an operation's forward kernel over the elements [0, n) of its result in two halves at once —
 * one in the calling thread, one in the common fork-join pool — when the operation costs a
 * transcendental function per element and the result has at least {@value #THRESHOLD} elements
 * (e.g. the tanh of a 256×128 layer), and in one call on the calling thread otherwise, or always
 * with {@code -Dbackprop4j.parallel=false}. Each element is computed by the same code either way,
 * so results are bit-identical whatever the split.
 */
final class ParallelRange {

    /** The fewest elements worth splitting. */
    static final int THRESHOLD = 16_384;

    /** {@code -Dbackprop4j.parallel=false} keeps every loop on the calling thread. */
    static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("backprop4j.parallel", "true"))
            && Runtime.getRuntime().availableProcessors() >= 2;

    private ParallelRange() {
    }

    /**
     * A forward kernel over a range of its target's elements: writes the elements [from, to) and
     * nothing else, each by the same code whatever the range.
     *
     * @param <T> what it writes into
     */
    interface RangeKernel<T> {
        void forward(T target, int from, int to);
    }

    /**
     * Computes the elements [0, n) of {@code target} with {@code kernel}, split over two threads when that pays.
     *
     * @param kernel the forward kernel
     * @param target what it writes into
     * @param n the number of elements
     * @param transcendental whether the kernel costs a transcendental function per element
     */
    static <T> void forward(RangeKernel<T> kernel, T target, int n, boolean transcendental) {
        if (!splits(transcendental, n, ENABLED)) {
            kernel.forward(target, 0, n);
            return;
        }
        int half = n / 2;
        ForkJoinTask<?> second = ForkJoinPool.commonPool().submit(() -> kernel.forward(target, half, n));
        kernel.forward(target, 0, half);
        second.join();
    }

    /**
     * Whether a kernel over n elements runs in two halves.
     *
     * @param transcendental whether the kernel costs a transcendental function per element
     * @param n the number of elements
     * @param enabled whether splitting is allowed at all ({@link #ENABLED} in {@link #forward})
     * @return true for a transcendental kernel over at least {@value #THRESHOLD} elements when enabled, else false
     */
    static boolean splits(boolean transcendental, int n, boolean enabled) {
        return enabled && transcendental && n >= THRESHOLD;
    }
}
