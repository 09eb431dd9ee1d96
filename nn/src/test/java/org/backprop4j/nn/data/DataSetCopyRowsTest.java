package org.backprop4j.nn.data;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gathering rows into caller-owned buffers, and permutations filled in place. */
class DataSetCopyRowsTest {

    private static final DataSet DATA = new DataSet(new double[][] {{0, 0.5}, {1, 1.5}, {2, 2.5}, {3, 3.5}},
            new double[][] {{-1}, {1}, {-1}, {1}});

    private static void assertMessage(Class<? extends Throwable> type, Executable call, String... parts) {
        Throwable e = assertThrows(type, call);
        for (String part : parts) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(part), () -> "'" + e.getMessage() + "' should name " + part);
        }
    }

    @Test
    void copiesTheSelectedRowsInOrderIntoTheBuffers() {
        double[][] x = new double[2][2];
        double[][] y = new double[2][1];
        DATA.copyRows(new int[] {3, 0, 2, 1}, 1, x, y);
        assertArrayEquals(new double[][] {{0, 0.5}, {2, 2.5}}, x);
        assertArrayEquals(new double[][] {{-1}, {-1}}, y);
        x[0][0] = 99;
        y[1][0] = 99;
        assertArrayEquals(new double[] {0, 0.5}, DATA.inputs()[0], "the buffers are copies: the data set is unchanged");
        assertArrayEquals(new double[] {-1}, DATA.targets()[2]);
        DATA.copyRows(new int[] {1}, 0, new double[0][], new double[0][]);
    }

    @Test
    void badSelectionsAndBuffersAreRefusedAndNamed() {
        double[][] x = new double[2][2];
        double[][] y = new double[2][1];
        assertMessage(NullPointerException.class, () -> DATA.copyRows(null, 0, x, y), "rows");
        assertMessage(NullPointerException.class, () -> DATA.copyRows(new int[2], 0, null, y), "inputs");
        assertMessage(NullPointerException.class, () -> DATA.copyRows(new int[2], 0, x, null), "targets");
        assertMessage(NullPointerException.class, () -> DATA.copyRows(new int[2], 0, new double[][] {{1, 2}, null}, y), "inputs row 1");
        assertMessage(IllegalArgumentException.class, () -> DATA.copyRows(new int[2], 0, x, new double[1][1]), "2", "1");
        assertMessage(IllegalArgumentException.class, () -> DATA.copyRows(new int[2], 0, new double[2][3], y), "inputs row 0", "3", "2");
        assertMessage(IllegalArgumentException.class, () -> DATA.copyRows(new int[2], 0, x, new double[2][2]), "targets row 0", "2", "1");
        assertMessage(IllegalArgumentException.class, () -> DATA.copyRows(new int[] {0, 4}, 0, x, y), "row 4", "4");
        assertMessage(IllegalArgumentException.class, () -> DATA.copyRows(new int[] {0, -1}, 0, x, y), "row -1");
        assertThrows(IllegalArgumentException.class, () -> DATA.copyRows(new int[] {0, 1}, 1, x, y));
        assertThrows(IllegalArgumentException.class, () -> DATA.copyRows(new int[] {0, 1}, -1, x, y));
        double[][] untouched = new double[2][2];
        assertThrows(IllegalArgumentException.class, () -> DATA.copyRows(new int[] {1, 9}, 0, untouched, y));
        assertArrayEquals(new double[2][2], untouched, "a refused call writes nothing");
        assertMessage(NullPointerException.class, () -> DATA.rows((int[]) null), "rows");
    }

    @Test
    void aPermutationFilledInPlaceIsTheOneReturned() {
        for (int n : new int[] {0, 1, 2, 17, 100}) {
            int[] filled = new int[n];
            DataSet.permutation(filled, new SplittableRandom(n));
            assertArrayEquals(DataSet.permutation(n, new SplittableRandom(n)), filled);
        }
        int[] reused = {5, 5, 5};
        DataSet.permutation(reused, new SplittableRandom(1));
        assertArrayEquals(DataSet.permutation(3, new SplittableRandom(1)), reused, "whatever the array held before");
        assertThrows(NullPointerException.class, () -> DataSet.permutation(null, new SplittableRandom(1)));
    }
}
