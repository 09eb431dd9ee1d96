package org.backprop4j.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ludovic.netlib.blas.JavaBLAS;
import org.junit.jupiter.api.Test;

/**
 * A product cut into bands of rows on 2, 3 and 4 threads gives the bits of the one unsplit
 * one-thread call, element for element ({@link Double#doubleToRawLongBits}), on netlib's best
 * implementation (the bundled OpenBLAS on this machine) and on netlib's Java dgemm: for every
 * transpose combination, α and β of 0, 1 and other values, and shapes from the tiny (never split)
 * through the benchmark configurations' products to tall, wide and odd ones, among them products
 * whose columns leave OpenBLAS's edge tiles, where a band off the 24-row grid changes bits.
 *
 * <p>These two sweeps take most of a second each and about 8 s together, and every product of the
 * library reaches {@code Workers}, so the mutation run leaves this class out (root pom,
 * {@code excludedTestClasses}): its minions would run it whole at each of their ~30 starts.
 * {@link ProductBandsInUseTest} sweeps the configurations' products the same way for the mutation run.
 */
class ProductBandsTest {

    /**
     * netlib's best, first: {@link NetlibProducts} settles which native library netlib's JNI opens
     * before netlib initialises (a test that asked for {@link JavaBLAS} first would leave netlib on the
     * system's {@code libblas.so.3}, a multi-threaded OpenBLAS whose bits follow its own partition).
     */
    private static final NetlibProducts BEST = NetlibProducts.INSTANCE;

    /**
     * Shapes of c = op(a)·op(b) as {rows, cols, inner}: tiny and odd ones; the products of each layer
     * of moons, medium and large (forward x·Wᵀ, ∂x = G·W, ∂W = Gᵀ·x); tall, wide, and products whose
     * columns (more than 192, not a multiple of 8) end in OpenBLAS's edge tiles; one a single column wide.
     */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {3, 5, 7}, {24, 24, 24}, {49, 31, 17},
        {100, 16, 2}, {100, 2, 16}, {16, 2, 100}, {100, 16, 16}, {16, 16, 100}, {100, 1, 16}, {100, 16, 1},
        {256, 128, 64}, {256, 64, 128}, {128, 64, 256}, {256, 128, 128}, {128, 128, 256}, {256, 10, 128}, {256, 128, 10}, {10, 128, 256},
        {128, 256, 784}, {128, 784, 256}, {256, 784, 128}, {128, 256, 256}, {256, 256, 128}, {128, 10, 256}, {128, 256, 10}, {10, 256, 128},
        {4_000, 7, 300}, {3_001, 3, 500}, {31, 3_000, 40}, {1_000, 2, 1_000}, {2_000, 1, 1_000},
        {600, 250, 100}, {500, 201, 64}, {400, 389, 50}, {300, 785, 30}, {120, 250, 300}, {333, 250, 13},
    };

    /** Fewer for netlib's Java dgemm, which tiles in threes whatever the columns: each kind, and the configurations' largest. */
    private static final int[][] JAVA_SHAPES = {
        {3, 5, 7}, {49, 31, 17}, {100, 16, 16}, {100, 1, 16}, {256, 128, 64}, {128, 64, 256}, {256, 128, 128}, {256, 10, 128},
        {128, 256, 784}, {256, 784, 128}, {4_000, 7, 300}, {31, 3_000, 40}, {1_000, 2, 1_000}, {600, 250, 100}, {333, 250, 13},
    };

    @Test
    void netlibsBestGivesTheUnsplitBitsOnEveryThreadCount() {
        int split = ThreadCountSweep.sameBitsOnEveryThreadCount(BEST, SHAPES);
        if (BEST.bands() != RowBands.NEVER) {
            assertTrue(split >= 40, "the shapes must include products that split, not only " + split);
        }
    }

    @Test
    void netlibsJavaGivesTheUnsplitBitsOnEveryThreadCount() {
        int split = ThreadCountSweep.sameBitsOnEveryThreadCount(NetlibProducts.JAVA, JAVA_SHAPES);
        assertTrue(split >= 40, "the shapes must include products that split, not only " + split);
    }
}
