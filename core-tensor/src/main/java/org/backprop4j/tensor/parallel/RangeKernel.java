package org.backprop4j.tensor.parallel;

/**
 * A loop over a range of a target's elements that {@link Workers} may split: it writes the elements
 * [from, to) of its target and nothing any other range writes, each element by the same code
 * whatever the range, so the result does not depend on how the range is cut.
 *
 * @param <T> what it reads and writes
 */
@FunctionalInterface
public interface RangeKernel<T> {

    /**
     * Computes the elements [from, to) of {@code target}.
     *
     * @param target what the loop writes into
     * @param from the first element
     * @param to one past the last element
     */
    void forward(T target, int from, int to);
}
