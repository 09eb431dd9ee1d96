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
 * <p>A product may carry a pass over its result's elements (a layer's bias and activation): each band's
 * elements then go through it right after the band, on the thread that computed the band, while they
 * are in that core's cache; a product that runs as one call runs the pass after it, over the whole
 * result, split on the pool from the pass's own cut-over.
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
    private RangeKernel<Object> pass;
    private Object target;

    private ProductBands() {
    }

    /**
     * {@code c = α·op(a)·op(b) + β·c} by {@code backend}, in as many bands as {@code rule} allows on
     * the engine's threads, then {@code pass} (when not null) over c's elements: band by band after
     * each band's product on its thread, or, for a product that runs as one call, over [0, m·n) on
     * the pool from {@code cutover} elements on. The operands are checked already, and k ≥ 1.
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
     * @param pass the pass over c's elements, or null for none
     * @param target what the pass is given
     * @param cutover the fewest elements worth splitting the pass over when the product runs as one call
     * @param <T> the pass's target type
     * @throws RuntimeException or {@link Error}: what a band threw, once every band has ended
     */
    @SuppressWarnings("unchecked")
    static <T> void gemm(NetlibProducts backend, RowBands rule, boolean transposeA, boolean transposeB, double alpha,
                         DMatrixRMaj a, DMatrixRMaj b, double beta, DMatrixRMaj c, RangeKernel<T> pass, T target, int cutover) {
        Workers pool = Workers.shared();
        int rows = c.numRows;
        int bands = pool.threads() == 1 ? 1 : rule.count(rows, c.numCols, transposeA ? a.numRows : a.numCols, pool.threads());
        if (bands == 1) {
            backend.gemmRows(transposeA, transposeB, alpha, a, b, beta, c, 0, rows);
            if (pass != null) {
                pool.run(pass, target, rows * c.numCols, cutover);
            }
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
        product.pass = (RangeKernel<Object>) pass;
        product.target = target;
        try {
            pool.run(BANDS, product, bands, 2);
        } finally {
            product.backend = null;
            product.rule = null;
            product.a = null;
            product.b = null;
            product.c = null;
            product.pass = null;
            product.target = null;
        }
    }

    /**
     * The bands [from, to) of the product, each followed by the pass over its elements: all of them (a
     * pool that was busy runs the whole range on the caller) as the one unsplit call and one pass, else
     * each band by its own call.
     */
    private static void compute(ProductBands product, int from, int to) {
        int rows = product.c.numRows;
        int cols = product.c.numCols;
        if (from == 0 && to == product.bands) {
            product.backend.gemmRows(product.transposeA, product.transposeB, product.alpha, product.a, product.b, product.beta,
                    product.c, 0, rows);
            if (product.pass != null) {
                product.pass.forward(product.target, 0, rows * cols);
            }
            return;
        }
        for (int band = from; band < to; band++) {
            int first = product.rule.start(band, product.bands, rows);
            int end = product.rule.start(band + 1, product.bands, rows);
            product.backend.gemmRows(product.transposeA, product.transposeB, product.alpha, product.a, product.b, product.beta,
                    product.c, first, end);
            if (product.pass != null) {
                product.pass.forward(product.target, first * cols, end * cols);
            }
        }
    }
}
