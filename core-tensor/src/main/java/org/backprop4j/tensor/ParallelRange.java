package org.backprop4j.tensor;

import java.util.Arrays;
import org.backprop4j.tensor.parallel.RangeKernel;
import org.backprop4j.tensor.parallel.Threads;
import org.backprop4j.tensor.parallel.Workers;

/**
 * Where the tensor engine splits its loops over {@link Threads#count()} threads ({@link Workers}),
 * and from which size: an operation's forward kernel over the elements of its result, by its
 * {@link TensorOp.Cost}; the fused layer's bias and activation pass over its elements, its backward
 * over its columns (each column's bias gradient summed by one thread, in the order of its rows); and
 * the two products of a layer's backward, one on each of two threads; and the zeros
 * {@link Tensor#zeroGrad()} writes. Below the cut-over sizes a
 * split costs more than it saves (the hand-off to a parked worker), so the loop runs whole on the
 * calling thread. Each element is computed by the same code whatever the split, so results are
 * bit-identical for every thread count.
 */
final class ParallelRange {

    /** The fewest elements of a transcendental kernel (tanh, sigmoid, exp, log, pow) worth splitting. */
    static final int TRANSCENDENTAL_CUTOVER = 16_384;

    /** The fewest elements of an arithmetic kernel (a few operations or a copy per element) worth splitting. */
    static final int ARITHMETIC_CUTOVER = 65_536;

    /** The fewest multiply-adds in each of a layer's two backward products worth running them on two threads. */
    static final long PRODUCT_CUTOVER = 1L << 20;

    /**
     * Writes zeros into the elements [from, to) of an array: the fill {@link #zero} splits. A class, not a lambda, as
     * it runs in a fresh JVM's first step, where a lambda's first use spins a class at run time.
     */
    private static final class Zeros implements RangeKernel<double[]> {
        @Override
        public void forward(double[] values, int from, int to) {
            Arrays.fill(values, from, to, 0.0);
        }
    }

    private static final RangeKernel<double[]> ZEROS = new Zeros();

    private ParallelRange() {
    }

    /**
     * Writes zeros into the first n elements of {@code values} on the engine's threads, split from the
     * {@link #ARITHMETIC_CUTOVER} on: a model's zeroGrad at the start of a step is a stream of stores two cores
     * write faster than one, and it wakes the pool's workers for the step's first products.
     *
     * @param values the array
     * @param n the number of elements to zero, from 0 to its length
     * @throws IllegalArgumentException if {@value Threads#PROPERTY} is invalid
     */
    static void zero(double[] values, int n) {
        run(ZEROS, values, n, ARITHMETIC_CUTOVER);
    }

    /**
     * The fewest elements worth splitting a kernel of this cost over.
     *
     * @param cost what the kernel costs per element
     * @return the cut-over; {@link Integer#MAX_VALUE} for a product, which one call computes whole
     */
    static int cutover(TensorOp.Cost cost) {
        switch (cost) {
            case TRANSCENDENTAL:
                return TRANSCENDENTAL_CUTOVER;
            case ARITHMETIC:
                return ARITHMETIC_CUTOVER;
            default:
                return Integer.MAX_VALUE;
        }
    }

    /**
     * Computes the elements [0, n) of {@code target} with {@code kernel} on the engine's threads,
     * split when n reaches the cut-over of its cost.
     *
     * @param kernel the forward kernel
     * @param target what it writes into
     * @param n the number of elements
     * @param cost what the kernel costs per element
     * @param <T> the target's type
     * @throws IllegalArgumentException if {@value Threads#PROPERTY} is invalid
     */
    static <T> void forward(RangeKernel<T> kernel, T target, int n, TensorOp.Cost cost) {
        run(kernel, target, n, cutover(cost));
    }

    /**
     * Computes the elements [0, n) of {@code target} with {@code kernel}: below the cut-over in one call on this
     * thread with no look-up of the pool (as every pool runs it), else on {@link Workers#shared()}.
     *
     * @param kernel the loop
     * @param target what it writes into
     * @param n the number of elements, at least 0
     * @param cutover the fewest elements worth splitting
     * @param <T> the target's type
     * @throws IllegalArgumentException if {@value Threads#PROPERTY} is invalid
     */
    static <T> void run(RangeKernel<T> kernel, T target, int n, int cutover) {
        if (n < cutover) {
            Threads.count();
            kernel.forward(target, 0, n);
        } else {
            Workers.shared().run(kernel, target, n, cutover);
        }
    }

    /**
     * The same on a given pool, for comparing thread counts in one JVM.
     *
     * @param pool the threads
     * @param kernel the forward kernel
     * @param target what it writes into
     * @param n the number of elements
     * @param cost what the kernel costs per element
     * @param <T> the target's type
     */
    static <T> void forward(Workers pool, RangeKernel<T> kernel, T target, int n, TensorOp.Cost cost) {
        pool.run(kernel, target, n, cutover(cost));
    }

    /**
     * Whether a kernel over n elements splits on a pool of more than one thread.
     *
     * @param cost what the kernel costs per element
     * @param n the number of elements
     * @return true from the cut-over of its cost on
     */
    static boolean splits(TensorOp.Cost cost, int n) {
        return n >= cutover(cost);
    }

    /**
     * Whether a layer's two backward products, of rows×cols by cols×inputs each (in multiply-adds),
     * run on two threads at once.
     *
     * @param rows the batch
     * @param cols the layer's outputs
     * @param inputs the layer's inputs
     * @return true from {@link #PRODUCT_CUTOVER} multiply-adds a product on
     */
    static boolean productsSplit(int rows, int cols, int inputs) {
        return (long) rows * cols * inputs >= PRODUCT_CUTOVER;
    }
}
