package org.backprop4j.tensor.blas;

import static org.backprop4j.tensor.blas.RandomMatrices.gaussian;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.backprop4j.tensor.parallel.Workers;
import org.ejml.data.DMatrixRMaj;

/**
 * The banded-product tests' common part: pools of 1 to 4 threads, and the check that a product cut
 * into bands on each of them gives the bits of the one unsplit one-thread call, element for element
 * ({@link Double#doubleToRawLongBits}).
 */
final class ThreadCountSweep {

    /** Pools of 1 to 4 threads, made once: their workers live as long as the JVM. */
    static final Workers[] POOLS = {Workers.of(1), Workers.of(2), Workers.of(3), Workers.of(4)};

    /** {α, β}: each of 0, 1 and another value, for α and for β. */
    private static final double[][] ALPHA_BETA = {{1, 0}, {1, 1}, {-0.75, 0}, {1.5, -0.5}, {0, 0.5}, {0, 0}, {1, 2.5},
        {Double.NaN, 1}, {1, Double.NaN}};

    /** Fewer for the products of more than 10⁷ multiply-adds, which netlib's Java takes a while over. */
    private static final double[][] FEW_ALPHA_BETA = {{1, 0}, {1, 1}, {1.5, -0.5}};

    private ThreadCountSweep() {
    }

    /**
     * Checks every shape, transpose combination and α, β on 1 to 4 threads against the unsplit call.
     *
     * @return how many (shape, transposes, α, β, threads) products were cut into two bands or more
     */
    static int sameBitsOnEveryThreadCount(NetlibProducts backend, int[][] shapes) {
        SplittableRandom random = new SplittableRandom(19);
        int split = 0;
        for (ProductCase product : ProductCase.everyTranspose(shapes)) {
            boolean ta = product.transposeA();
            boolean tb = product.transposeB();
            DMatrixRMaj a = gaussian(random, product.aRows(), product.aCols());
            DMatrixRMaj b = gaussian(random, product.bRows(), product.bCols());
            DMatrixRMaj start = gaussian(random, product.rows(), product.cols());
            for (double[] alphaBeta : product.multiplyAdds() > 10_000_000 ? FEW_ALPHA_BETA : ALPHA_BETA) {
                // The one-thread call: one dgemm of every row, or for A·Bᵀ with a small B its transposed
                // copy's product (NetlibProducts.TRANSPOSED_COPY_MAX), which never splits.
                DMatrixRMaj unsplit = start.copy();
                Workers.runOn(POOLS[0], () -> backend.gemm(ta, tb, alphaBeta[0], a, b, alphaBeta[1], unsplit));
                for (Workers pool : POOLS) {
                    DMatrixRMaj banded = start.copy();
                    Workers.runOn(pool, () -> backend.gemm(ta, tb, alphaBeta[0], a, b, alphaBeta[1], banded));
                    sameBits(unsplit, banded, backend.name() + ", " + product + ", α " + alphaBeta[0] + ", β " + alphaBeta[1] + ", " + pool);
                    if (backend.bands().count(product.rows(), product.cols(), product.inner(), pool.threads()) > 1) {
                        split++;
                    }
                }
            }
        }
        return split;
    }

    /** Fails, naming the first differing elements, unless {@code actual} holds {@code expected}'s bits. */
    static void sameBits(DMatrixRMaj expected, DMatrixRMaj actual, String what) {
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < expected.getNumElements(); i++) {
            if (Double.doubleToRawLongBits(expected.data[i]) != Double.doubleToRawLongBits(actual.data[i])) {
                differing.add("(" + i / expected.numCols + ", " + i % expected.numCols + ")");
            }
        }
        if (!differing.isEmpty()) {
            fail(what + ": " + differing.size() + " results differ from the unsplit call's, first at " + differing.subList(0, Math.min(5, differing.size())));
        }
        assertEquals(expected.numRows, actual.numRows);
    }
}
