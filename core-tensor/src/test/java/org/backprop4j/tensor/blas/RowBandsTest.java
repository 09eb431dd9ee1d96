package org.backprop4j.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Where a product's rows are cut: on the quantum's grid, into as many bands as threads while the
 * smallest band keeps the fewest multiply-adds, and never for a product too large or one column wide.
 */
class RowBandsTest {

    /** Quantum 24, at least 960 multiply-adds a band, at most 1,000 rows and 10⁶ multiply-adds. */
    private static final RowBands RULE = new RowBands(24, 960, 1_000, 1_000_000);

    @Test
    void bandsStartOnTheQuantumGridAndTheLastEndsAtTheLastRow() {
        // 128 rows span 6 quanta of 24, the last one partial
        assertBands(RULE, 128, 2, 0, 72, 128);
        assertBands(RULE, 128, 3, 0, 48, 96, 128);
        assertBands(RULE, 128, 4, 0, 24, 72, 96, 128);
        assertBands(RULE, 48, 2, 0, 24, 48);
        assertBands(new RowBands(1, 1, Integer.MAX_VALUE, Long.MAX_VALUE), 7, 3, 0, 2, 4, 7);
        assertEquals(128, RULE.start(5, 2, 128), "past the last band: the end");
    }

    private static void assertBands(RowBands rule, int rows, int bands, int... starts) {
        for (int band = 0; band <= bands; band++) {
            assertEquals(starts[band], rule.start(band, bands, rows), rows + " rows in " + bands + " bands: band " + band);
        }
    }

    @Test
    void asManyBandsAsThreadsWhileTheSmallestBandKeepsTheFewestMultiplyAdds() {
        // 2 columns × 20 inner: 40 multiply-adds a row, so a band needs 24 rows
        assertEquals(2, RULE.count(48, 2, 20, 2), "two bands of 24 rows: 960 multiply-adds each");
        assertEquals(1, RULE.count(47, 2, 20, 2), "the second band would be 23 rows");
        assertEquals(1, RULE.count(48, 2, 19, 2), "912 multiply-adds a band");
        assertEquals(4, RULE.count(240, 2, 20, 4));
        assertEquals(10, RULE.count(240, 2, 20, 16), "never more bands than quanta");
        assertEquals(1, RULE.count(240, 2, 20, 1), "one thread");
        assertEquals(3, RULE.count(90, 2, 20, 4), "4 bands would end in one of 18 rows; 3 are 24, 24 and 42");
        assertEquals(1, RULE.count(20, 2, 20, 2), "the whole product is under the fewest a band needs");
        // 2 columns × 15 inner: 30 multiply-adds a row, so a band needs 32 rows; 128 rows in 4 bands are
        // 24, 48, 24 and 32 rows (the smallest a full one), in 3 bands 48, 48 and 32 (the smallest the last)
        assertEquals(3, RULE.count(128, 2, 15, 4), "4 bands would have one of 24 rows: 720 multiply-adds");
    }

    @Test
    void noProductTooLargeOrOneColumnWideIsSplit() {
        assertEquals(1, RULE.count(480, 1, 1_000, 4), "one column: a matrix-vector product");
        assertEquals(4, RULE.count(480, 2, 1_000, 4));
        assertEquals(4, RULE.count(1_000, 2, 20, 4));
        assertEquals(1, RULE.count(1_001, 2, 20, 4), "over the most rows");
        assertEquals(4, RULE.count(1_000, 2, 500, 4), "10⁶ multiply-adds");
        assertEquals(1, RULE.count(1_000, 2, 501, 4), "over the most multiply-adds");
        assertEquals(1, RowBands.NEVER.count(1_000, 1_000, 1_000, 4), "a library we do not know");
        assertEquals(1, RowBands.NETLIB_JAVA.count(30_000, 300, 300, 4), "2.7·10⁹ multiply-adds overflow netlib Java's int test");
        assertEquals(4, RowBands.NETLIB_JAVA.count(20_000, 300, 300, 4));
        assertEquals(1, RowBands.OPENBLAS.count(32_769, 300, 300, 4), "past OpenBLAS's tile grid");
        assertEquals(4, RowBands.OPENBLAS.count(32_768, 300, 300, 4));
    }

    @Test
    void theLibrariesRulesKeepEveryBandOffTheSmallMatrixCodeAndOnTheTileGrid() {
        assertTrue(RowBands.OPENBLAS.fewestPerBand() > RowBands.SMALL_MATRIX_LIMIT, "OpenBLAS takes m·n·k ≤ 100³ to its small kernels");
        assertTrue(RowBands.NETLIB_JAVA.fewestPerBand() >= RowBands.SMALL_MATRIX_LIMIT, "netlib's Java takes m·n·k < 100³ to its loop");
        assertEquals(0, RowBands.OPENBLAS.quantum() % 24, "SkylakeX tiles of 12 columns, Haswell's of 24");
        assertEquals(0, RowBands.NETLIB_JAVA.quantum() % 3, "netlib Java's tiles of 3");
        assertEquals(Integer.MAX_VALUE, RowBands.NETLIB_JAVA.mostMultiplyAdds(), "netlib's Java computes m·n·k in int");
        assertEquals(32_768, RowBands.OPENBLAS.mostRows(), "under OpenBLAS's GEMM_R (about 43,000 columns on SkylakeX)");
    }

    @Test
    void aQuantumUnderOneRowIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RowBands(0, 1, 1, 1));
        assertEquals("a band quantum must be at least 1 row, not 0", e.getMessage());
        assertTrue(RULE.toString().contains("quantum 24"), RULE.toString());
    }
}
