package org.backprop4j.tensor.blas;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/** Matrices of seeded random values, the operands of the product tests. */
final class RandomMatrices {

    private RandomMatrices() {
    }

    /** A {@code rows}×{@code cols} matrix whose elements are drawn, in row-major order, uniformly from [−1, 1). */
    static DMatrixRMaj uniform(SplittableRandom random, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextDouble(-1, 1);
        }
        return m;
    }

    /** A {@code rows}×{@code cols} matrix whose elements are drawn, in row-major order, from the standard normal distribution. */
    static DMatrixRMaj gaussian(SplittableRandom random, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextGaussian();
        }
        return m;
    }
}
