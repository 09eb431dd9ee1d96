package org.backprop4j.tensor;

import java.util.SplittableRandom;

/** Tensors of seeded random values, the operands of the property tests. */
final class RandomTensors {

    private RandomTensors() {
    }

    /**
     * A {@code rows}×{@code cols} parameter tensor whose elements are drawn, in row-major order,
     * uniformly from [{@code low}, {@code high}).
     */
    static Tensor uniform(SplittableRandom random, int rows, int cols, double low, double high) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble(low, high);
        }
        return Tensor.of(rows, cols, values);
    }
}
