package org.backprop4j.tensor.blas;

import static org.backprop4j.tensor.blas.RandomMatrices.gaussian;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * The measurement behind {@link RowBands}' grid: products cut into 2, 3 and 4 bands of rows whose
 * starts are multiples of a quantum (1, 2, 3, 4, 6, 8, 12, 16, 24), every band above the small-matrix
 * limit, against the unsplit call; prints, per band count and quantum, how many of the shapes
 * (each over the four transpose combinations and five α, β) gave any other bit. Run by hand, with
 * the test class path: {@code java -cp … org.backprop4j.tensor.blas.OpenBlasBandBits [java]} (the
 * argument: netlib's Java dgemm instead of netlib's best). {@code OPENBLAS_CORETYPE=Haswell} (or
 * Zen, SandyBridge, Nehalem, Prescott, Cooperlake) makes the bundled OpenBLAS run another
 * processor's kernels, where this one can run them. Then, for {@link RowBands#mostRows()}, products
 * of 250 columns and 32,768 to 50,000 rows in two bands on the 24-row grid.
 */
final class OpenBlasBandBits {

    private OpenBlasBandBits() {
    }

    /** rows × cols by inner: the benchmark configurations' products and products ending in edge tiles. */
    private static final int[][] SHAPES = {
        {128, 256, 784}, {128, 784, 256}, {256, 784, 128}, {256, 128, 64}, {256, 64, 128}, {128, 64, 256},
        {256, 128, 128}, {128, 128, 256}, {1_000, 10, 784}, {2_000, 10, 256}, {600, 9, 1_000}, {600, 7, 1_000},
        {900, 3, 1_000}, {700, 5, 700}, {900, 13, 300}, {1_100, 17, 777}, {1_000, 2, 1_000}, {6_000, 12, 50},
        {4_999, 11, 33}, {768, 100, 200}, {770, 31, 100}, {600, 250, 100}, {500, 201, 64}, {400, 389, 50},
        {300, 785, 30}, {120, 250, 300},
    };

    private static final int[] QUANTA = {1, 2, 3, 4, 6, 8, 12, 16, 24};

    private static final double[][] ALPHA_BETA = {{1, 0}, {1, 1}, {0.7, 1.3}, {-2.5, 0}, {1, -0.5}};

    /**
     * Prints one line per band count and quantum: {@code N bands, quantum Q: D of S shapes differ}.
     *
     * @param args {@code java} for netlib's Java dgemm
     */
    public static void main(String[] args) {
        NetlibProducts backend = args.length > 0 && args[0].equals("java") ? NetlibProducts.JAVA : NetlibProducts.INSTANCE;
        System.out.println(backend.name());
        for (int bands = 2; bands <= 4; bands++) {
            for (int quantum : QUANTA) {
                RowBands grid = new RowBands(quantum, RowBands.SMALL_MATRIX_LIMIT + 1, Integer.MAX_VALUE, Integer.MAX_VALUE);
                int tried = 0;
                int differing = 0;
                for (int[] shape : SHAPES) {
                    if (grid.count(shape[0], shape[1], shape[2], bands) == bands) {
                        tried++;
                        differing += differs(backend, grid, bands, shape) ? 1 : 0;
                    }
                }
                System.out.printf("%d bands, quantum %d: %d of %d shapes differ%n", bands, quantum, differing, tried);
            }
        }
        RowBands grid = new RowBands(24, 1, Integer.MAX_VALUE, Long.MAX_VALUE);
        for (int rows : new int[] {32_768, 40_000, 44_000, 50_000}) {
            System.out.printf("%d rows x 250 by 8, 2 bands of the 24-row grid: %s%n", rows,
                    differs(backend, grid, 2, new int[] {rows, 250, 8}) ? "differ" : "same bits");
        }
    }

    private static boolean differs(NetlibProducts backend, RowBands grid, int bands, int[] shape) {
        int rows = shape[0];
        int cols = shape[1];
        int inner = shape[2];
        SplittableRandom random = new SplittableRandom(rows * 31L + cols * 7L + inner);
        for (ProductCase product : ProductCase.everyTranspose(new int[][] {shape})) {
            boolean ta = product.transposeA();
            boolean tb = product.transposeB();
            DMatrixRMaj a = gaussian(random, product.aRows(), product.aCols());
            DMatrixRMaj b = gaussian(random, product.bRows(), product.bCols());
            DMatrixRMaj start = gaussian(random, rows, cols);
            for (double[] alphaBeta : ALPHA_BETA) {
                DMatrixRMaj whole = start.copy();
                DMatrixRMaj banded = start.copy();
                backend.gemmRows(ta, tb, alphaBeta[0], a, b, alphaBeta[1], whole, 0, rows);
                for (int band = 0; band < bands; band++) {
                    backend.gemmRows(ta, tb, alphaBeta[0], a, b, alphaBeta[1], banded, grid.start(band, bands, rows), grid.start(band + 1, bands, rows));
                }
                for (int i = 0; i < whole.data.length; i++) {
                    if (Double.doubleToRawLongBits(whole.data[i]) != Double.doubleToRawLongBits(banded.data[i])) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
