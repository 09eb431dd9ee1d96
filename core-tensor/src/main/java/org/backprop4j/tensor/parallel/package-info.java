/**
 * How many threads the tensor engine computes on, and the one pool that splits its loops across
 * them: {@link org.backprop4j.tensor.parallel.Threads} (the {@code backprop4j.threads} property,
 * by default every available processor) and {@link org.backprop4j.tensor.parallel.Workers}, which
 * runs a {@link org.backprop4j.tensor.parallel.RangeKernel} over contiguous parts of a range, each
 * element by the same code whatever the split, so results do not depend on the thread count.
 */
package org.backprop4j.tensor.parallel;
