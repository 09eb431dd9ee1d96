package org.backprop4j.tensor.blas;

import java.util.SplittableRandom;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.ejml.data.DMatrixRMaj;

/**
 * The measurement behind {@link BundledOpenBlas#THREADS}: the three products of a layer at each
 * benchmark configuration's sizes (forward x·Wᵀ, ∂x += G·W, ∂W += Gᵀ·x), computed by the bundled
 * OpenBLAS on 1 thread and again on 2, 3 and 4; prints, per product and thread count, how many of
 * the results differ in any bit from the one-thread ones. Run by hand, with the test class path:
 * {@code java -cp … org.backprop4j.tensor.blas.OpenBlasThreadBits}. On OpenBLAS 0.3.31 (SkylakeX
 * kernels) the products with 784 or 256 inputs change with the thread count, so the engine keeps
 * OpenBLAS on one thread and cuts products into bands of rows instead ({@code ProductBandsTest}).
 */
final class OpenBlasThreadBits {

    private OpenBlasThreadBits() {
    }

    /**
     * Prints one line per layer, thread count and product: {@code batch×in→out, N threads, product: differing/total}.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        MatrixProducts netlib = MatrixProducts.netlib();
        System.out.println(netlib.name());
        int[][] layers = {{100, 2, 16}, {100, 16, 16}, {100, 16, 1}, {256, 64, 128}, {256, 128, 128}, {256, 128, 10},
            {128, 784, 256}, {128, 256, 256}, {128, 256, 10}};
        String[] products = {"x·Wᵀ", "G·W", "Gᵀ·x"};
        try {
            for (int[] layer : layers) {
                int batch = layer[0];
                int in = layer[1];
                int out = layer[2];
                DMatrixRMaj x = random(batch, in, 1);
                DMatrixRMaj w = random(out, in, 2);
                DMatrixRMaj g = random(batch, out, 3);
                DMatrixRMaj[] one = null;
                for (int threads = 1; threads <= 4; threads++) {
                    openblas_nolapack.blas_set_num_threads(threads);
                    DMatrixRMaj[] now = {new DMatrixRMaj(batch, out), random(batch, in, 4), random(out, in, 5)};
                    netlib.gemm(false, true, 1, x, w, 0, now[0]);
                    netlib.gemm(false, false, 1, g, w, 1, now[1]);
                    netlib.gemm(true, false, 1, g, x, 1, now[2]);
                    if (one == null) {
                        one = now;
                        continue;
                    }
                    for (int p = 0; p < 3; p++) {
                        System.out.printf("%d×%d→%d, %d threads, %s: %d/%d%n", batch, in, out, threads, products[p],
                                differing(one[p], now[p]), now[p].data.length);
                    }
                }
            }
        } finally {
            openblas_nolapack.blas_set_num_threads(BundledOpenBlas.THREADS);
        }
    }

    private static DMatrixRMaj random(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextGaussian();
        }
        return m;
    }

    private static int differing(DMatrixRMaj a, DMatrixRMaj b) {
        int count = 0;
        for (int i = 0; i < a.data.length; i++) {
            if (Double.doubleToRawLongBits(a.data[i]) != Double.doubleToRawLongBits(b.data[i])) {
                count++;
            }
        }
        return count;
    }
}
