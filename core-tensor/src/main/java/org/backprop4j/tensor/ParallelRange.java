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

    /** Computes every element of {@code out} with its operation's forward kernel, split over two threads when that pays. */
    static void forward(TensorOp op, Tensor out) {
        int n = out.size();
        if (!splits(op.cost(), n, ENABLED)) {
            op.forward(out, 0, n);
            return;
        }
        int half = n / 2;
        ForkJoinTask<?> second = ForkJoinPool.commonPool().submit(() -> op.forward(out, half, n));
        op.forward(out, 0, half);
        second.join();
    }

    /**
     * Whether a kernel of this cost over n elements runs in two halves.
     *
     * @param cost what the kernel costs per element
     * @param n the number of elements
     * @param enabled whether splitting is allowed at all ({@link #ENABLED} in {@link #forward})
     * @return true for a {@link TensorOp.Cost#TRANSCENDENTAL} kernel over at least {@value #THRESHOLD}
     *         elements when enabled, else false
     */
    static boolean splits(TensorOp.Cost cost, int n, boolean enabled) {
        return enabled && cost == TensorOp.Cost.TRANSCENDENTAL && n >= THRESHOLD;
    }
}
