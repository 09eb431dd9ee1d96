package org.backprop4j.tensor.blas;

import org.backprop4j.tensor.parallel.RangeKernel;
import org.backprop4j.tensor.parallel.Workers;
import org.ejml.data.DMatrixRMaj;

/**
 * One netlib product {@code c = α·op(a)·op(b) + β·c} computed in bands of its rows on the engine's
 * threads ({@link Workers#shared()}): band i is the one-thread {@code dgemm} of the rows [sᵢ, sᵢ₊₁)
 * of op(a) and of c, where {@link RowBands} puts the cuts so that each element gets the unsplit
 * call's bits. A product too small to pay, a pool of one thread, or a pool already busy (a product
 * called from inside another split, or from a second user thread while the first splits) runs as
 * the one unsplit call, on the caller's thread.
 *
 * <p>Each calling thread keeps one of these, filled for the product under way and emptied after it,
 * so a split allocates nothing.
 */
final class ProductBands {

    /** The bands [from, to) of the product a holder describes. */
    private static final RangeKernel<ProductBands> BANDS = ProductBands::compute;

    /** The holder of each thread that splits a product; a worker computing a band only reads the caller's. */
    private static final ThreadLocal<ProductBands> PER_THREAD = ThreadLocal.withInitial(ProductBands::new);

    private NetlibProducts backend;
    private RowBands rule;
    private boolean transposeA;
    private boolean transposeB;
    private double alpha;
    private DMatrixRMaj a;
    private DMatrixRMaj b;
    private double beta;
    private DMatrixRMaj c;
    private int bands;

    private ProductBands() {
    }

    /**
     * {@code c = α·op(a)·op(b) + β·c} by {@code backend}, in as many bands as {@code rule} allows on
     * the engine's threads. The operands are checked already, and k ≥ 1.
     *
     * @param backend the netlib that computes each band
     * @param rule where the rows may be cut
     * @param transposeA whether op(a) = aᵀ
     * @param transposeB whether op(b) = bᵀ
     * @param alpha α
     * @param a the left matrix
     * @param b the right matrix
     * @param beta β
     * @param c the result
     * @throws RuntimeException or {@link Error}: what a band threw, once every band has ended
     */
    static void gemm(NetlibProducts backend, RowBands rule, boolean transposeA, boolean transposeB, double alpha,
                     DMatrixRMaj a, DMatrixRMaj b, double beta, DMatrixRMaj c) {
        Workers pool = Workers.shared();
        int rows = c.numRows;
        int bands = pool.threads() == 1 ? 1 : rule.count(rows, c.numCols, transposeA ? a.numRows : a.numCols, pool.threads());
        if (bands == 1) {
            backend.gemmRows(transposeA, transposeB, alpha, a, b, beta, c, 0, rows);
            return;
        }
        ProductBands product = PER_THREAD.get();
        product.backend = backend;
        product.rule = rule;
        product.transposeA = transposeA;
        product.transposeB = transposeB;
        product.alpha = alpha;
        product.a = a;
        product.b = b;
        product.beta = beta;
        product.c = c;
        product.bands = bands;
        try {
            pool.run(BANDS, product, bands, 2);
        } finally {
            product.backend = null;
            product.rule = null;
            product.a = null;
            product.b = null;
            product.c = null;
        }
    }

    /**
     * The bands [from, to) of the product: all of them (a pool that was busy runs the whole range
     * on the caller) as the one unsplit call, else each band by its own call.
     */
    private static void compute(ProductBands product, int from, int to) {
        int rows = product.c.numRows;
        if (from == 0 && to == product.bands) {
            product.backend.gemmRows(product.transposeA, product.transposeB, product.alpha, product.a, product.b, product.beta,
                    product.c, 0, rows);
            return;
        }
        for (int band = from; band < to; band++) {
            product.backend.gemmRows(product.transposeA, product.transposeB, product.alpha, product.a, product.b, product.beta,
                    product.c, product.rule.start(band, product.bands, rows), product.rule.start(band + 1, product.bands, rows));
        }
    }
}
