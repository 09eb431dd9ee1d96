package org.backprop4j.tensor.blas;

/**
 * Where a matrix product's result may be cut into bands of rows, each computed by its own
 * one-thread {@code dgemm} call on the rows [start, end) of op(A) and of C, so that threads compute
 * the bands at once and every element of C gets exactly the arithmetic the unsplit call gives it.
 *
 * <p>A band is read by the BLAS as a product of fewer columns (row-major C is column-major Cᵀ), and
 * a BLAS chooses its code by a product's size and cuts its columns into register tiles counted from
 * the first column of the call; a band gives its elements the unsplit call's bits when it starts on
 * a tile boundary of the unsplit call and takes the path the unsplit call takes. So each rule says:
 * <ul>
 *   <li>{@link #quantum()}: the multiple of rows every band but the last starts on. OpenBLAS
 *       0.3.31 tiles columns in blocks of 12 on SkylakeX (24 with its Haswell and Zen kernels) and,
 *       for the last 1–7 rows of op(B)ᵀ that do not fill a 16-row tile, sums a 12-column block in
 *       two or four interleaved partial sums but a narrower one in one: a band that started off
 *       that grid changed up to a few hundred results of a 600×250 product
 *       ({@code ProductBandsTest} proves the grid); netlib's Java dgemm tiles in threes;</li>
 *   <li>{@link #fewestPerBand()}: the fewest multiply-adds a band may have. OpenBLAS runs a product
 *       of at most 100³ multiply-adds on separate "small matrix" kernels (other bits when β is
 *       neither 0 nor 1, or for x·Wᵀ), netlib's Java one of under 100³ on a loop without blocking;
 *       a band at or above the limit, like the unsplit product, stays off them;</li>
 *   <li>{@link #mostRows()} and {@link #mostMultiplyAdds()}: the largest product that is split.
 *       OpenBLAS cuts more than its {@code GEMM_R} columns (about 43,000 on SkylakeX) into blocks
 *       that do not start on the tile grid; netlib's Java compares m·n·k with 100³ in {@code int}
 *       arithmetic, which overflows past 2³¹ − 1.</li>
 * </ul>
 * Below the cut-over a split costs more than it saves (a hand-off to another thread, and each band
 * packs the whole of op(B) again), so {@link #fewestPerBand()} is also the measured cut-over.
 */
final class RowBands {

    /**
     * OpenBLAS's limit for its small-matrix kernels: a product of m·n·k ≤ 100³ multiply-adds runs on
     * them (dgemm_small_matrix_permit, SkylakeX; netlib's Java takes m·n·k &lt; 100³ to its loop
     * without blocking).
     */
    static final long SMALL_MATRIX_LIMIT = 1_000_000;

    /**
     * The fewest multiply-adds a band of the bundled OpenBLAS gets: above {@link #SMALL_MATRIX_LIMIT},
     * and where a split of two bands paid on this machine ({@code ProductBandBenchmark}; see core-tensor's README).
     */
    static final long OPENBLAS_CUTOVER = 1L << 20;

    /** The same for netlib's Java dgemm, which is five times slower, so a split pays from smaller bands. */
    static final long JAVA_CUTOVER = 1L << 20;

    /**
     * The bundled OpenBLAS: bands on multiples of 24 rows (its SkylakeX, Haswell and Zen tiles), of at
     * least {@link #OPENBLAS_CUTOVER} multiply-adds, in products of at most 32,768 rows.
     */
    static final RowBands OPENBLAS = new RowBands(24, OPENBLAS_CUTOVER, 32_768, Long.MAX_VALUE);

    /**
     * netlib's Java dgemm ({@link SteadyJavaBlas}): bands on multiples of 24 rows (a multiple of its
     * tiles of 3), of at least {@link #JAVA_CUTOVER} multiply-adds, in products of under 2³¹ multiply-adds.
     */
    static final RowBands NETLIB_JAVA = new RowBands(24, JAVA_CUTOVER, Integer.MAX_VALUE, Integer.MAX_VALUE);

    /** A BLAS whose code we do not know (a library the user named): never split. */
    static final RowBands NEVER = new RowBands(24, Long.MAX_VALUE, 0, 0);

    private final int quantum;
    private final long fewestPerBand;
    private final int mostRows;
    private final long mostMultiplyAdds;

    /**
     * @param quantum the multiple of rows every band but the last starts on, at least 1
     * @param fewestPerBand the fewest multiply-adds a band may have
     * @param mostRows the most rows a product may have to be split
     * @param mostMultiplyAdds the most multiply-adds a product may have to be split
     */
    RowBands(int quantum, long fewestPerBand, int mostRows, long mostMultiplyAdds) {
        if (quantum < 1) {
            throw new IllegalArgumentException("a band quantum must be at least 1 row, not " + quantum);
        }
        this.quantum = quantum;
        this.fewestPerBand = fewestPerBand;
        this.mostRows = mostRows;
        this.mostMultiplyAdds = mostMultiplyAdds;
    }

    /** @return the multiple of rows every band but the last starts on */
    int quantum() {
        return quantum;
    }

    /** @return the fewest multiply-adds a band may have */
    long fewestPerBand() {
        return fewestPerBand;
    }

    /** @return the most rows a product may have to be split */
    int mostRows() {
        return mostRows;
    }

    /** @return the most multiply-adds a product may have to be split */
    long mostMultiplyAdds() {
        return mostMultiplyAdds;
    }

    /**
     * How many bands a product of {@code rows}×{@code cols} results, each a sum of {@code inner}
     * products, is cut into on {@code threads} threads: the most, up to {@code threads}, whose
     * smallest band keeps {@link #fewestPerBand()}; 1 (one call, no split) for a product too small,
     * too large, or with fewer than 2 columns (which OpenBLAS may run as a matrix-vector product).
     *
     * @param rows rows of the result
     * @param cols columns of the result
     * @param inner the length of each sum (k)
     * @param threads the threads at hand
     * @return from 1 to {@code threads}
     */
    int count(int rows, int cols, int inner, int threads) {
        long rowCost = (long) cols * inner;
        if (cols < 2 || rows > mostRows || rows * rowCost > mostMultiplyAdds) {
            return 1;
        }
        int units = units(rows);
        for (int bands = Math.min(threads, units); bands > 1; bands--) {
            if (smallest(rows, bands) * rowCost >= fewestPerBand) {
                return bands;
            }
        }
        return 1;
    }

    /**
     * The first row of a band: band b of n starts at {@code quantum · ⌊u·b/n⌋} with u = ⌈rows/quantum⌉,
     * and band n (the end of the last) at {@code rows}.
     *
     * @param band the band, from 0 to {@code bands}
     * @param bands the number of bands
     * @param rows rows of the result
     * @return the band's first row
     */
    int start(int band, int bands, int rows) {
        if (band >= bands) {
            return rows;
        }
        return quantum * (int) ((long) units(rows) * band / bands);
    }

    /** @return the rows of the smallest of {@code bands} bands: a full one of ⌊u/n⌋ quanta, or the last */
    private long smallest(int rows, int bands) {
        long full = (long) quantum * (units(rows) / bands);
        return Math.min(full, rows - start(bands - 1, bands, rows));
    }

    /** @return ⌈rows/quantum⌉, the quanta the rows span */
    private int units(int rows) {
        return (int) (((long) rows + quantum - 1) / quantum);
    }

    @Override
    public String toString() {
        return "RowBands(quantum " + quantum + ", at least " + fewestPerBand + " multiply-adds a band, at most " + mostRows
                + " rows and " + mostMultiplyAdds + " multiply-adds)";
    }
}
