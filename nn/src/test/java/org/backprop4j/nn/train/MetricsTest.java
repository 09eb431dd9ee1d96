package org.backprop4j.nn.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accuracy refuses what it cannot score, names the row, and lets the caller say where positive starts. */
class MetricsTest {

    private static final double NAN = Double.NaN;

    private static void assertMessage(Class<? extends Throwable> type, Executable call, String... parts) {
        Throwable e = assertThrows(type, call);
        for (String part : parts) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(part), () -> "'" + e.getMessage() + "' should name " + part);
        }
    }

    @Test
    void emptyRowsNanAndMismatchedWidthsAreRefusedNamingTheRow() {
        assertMessage(IllegalArgumentException.class, () -> Metrics.accuracy(new double[][] {{}}, new double[][] {{1}}),
                "predictions row 0 is empty");
        assertMessage(IllegalArgumentException.class, () -> Metrics.accuracy(new double[][] {{1}}, new double[][] {{}}),
                "targets row 0 is empty");
        assertMessage(IllegalArgumentException.class, () -> Metrics.accuracy(new double[][] {{NAN, 0}}, new double[][] {{1, 0}}),
                "predictions row 0 column 0 is NaN");
        assertMessage(IllegalArgumentException.class, () -> Metrics.accuracy(new double[][] {{1}, {NAN}}, new double[][] {{1}, {1}}),
                "predictions row 1 column 0 is NaN");
        assertMessage(IllegalArgumentException.class, () -> Metrics.accuracy(new double[][] {{1}}, new double[][] {{NAN}}),
                "targets row 0 column 0 is NaN");
        assertMessage(IllegalArgumentException.class, () -> Metrics.accuracy(new double[][] {{1}}, new double[][] {{0, 0, 1}}),
                "row 0 has 1 predictions and 3 targets");
        assertMessage(IllegalArgumentException.class,
                () -> Metrics.accuracy(new double[][] {{1}, {1, 2}}, new double[][] {{1}, {1, 2}}), "row 1", "row 0 (1)");
        assertMessage(IllegalArgumentException.class, () -> Metrics.accuracy(new double[0][], new double[0][]), "at least one");
    }

    /** A target row of ties names no class: it was scored as column 0, so [0.9, 0.1] against [0, 0] counted as right. */
    @Test
    void aTargetRowWhoseLargestValueIsTiedIsRefusedNamingTheRowAndColumns() {
        assertMessage(IllegalArgumentException.class, () -> Metrics.accuracy(new double[][] {{0.9, 0.1}}, new double[][] {{0, 0}}),
                "targets row 0", "columns 0 and 1");
        assertMessage(IllegalArgumentException.class,
                () -> Metrics.accuracy(new double[][] {{0.2, 0.3, 0.5}, {1, 0, 0}}, new double[][] {{0, 0, 1}, {0, 0.5, 0.5}}),
                "targets row 1", "columns 1 and 2");
        assertEquals(1.0, Metrics.accuracy(new double[][] {{0.9, 0.1}}, new double[][] {{0.6, 0.4}}), "one largest target is a class");
    }

    @Test
    void nullsAreNamed() {
        assertMessage(NullPointerException.class, () -> Metrics.accuracy(null, new double[][] {{1}}), "predictions");
        assertMessage(NullPointerException.class, () -> Metrics.accuracy(new double[][] {{1}}, null), "targets");
        assertMessage(NullPointerException.class, () -> Metrics.accuracy(new double[][] {null}, new double[][] {{1}}), "predictions row 0");
        assertMessage(NullPointerException.class, () -> Metrics.accuracy(new double[][] {{1}, {1}}, new double[][] {{1}, null}),
                "targets row 1");
        assertMessage(NullPointerException.class, () -> Metrics.argmax(null), "values");
    }

    @Test
    void argmaxRefusesEmptyRowsAndNan() {
        assertMessage(IllegalArgumentException.class, () -> Metrics.argmax(new double[0]), "empty");
        assertMessage(IllegalArgumentException.class, () -> Metrics.argmax(new double[] {1, NAN, 2}), "NaN", "index 1");
        assertEquals(1, Metrics.argmax(new double[] {1, 3, 3}), "the first on ties");
        assertEquals(0, Metrics.argmax(new double[] {Double.NEGATIVE_INFINITY}));
    }

    @Test
    void theCallerSaysWhereAPositivePredictionStarts() {
        double[][] sigmoid = {{0.3}, {0.7}, {0.2}, {0.9}};
        double[][] zeroOne = {{0}, {1}, {0}, {1}};
        assertEquals(1.0, Metrics.accuracy(sigmoid, zeroOne, 0.5), "probabilities against 0/1 at 0.5");
        assertEquals(0.5, Metrics.accuracy(sigmoid, zeroOne), "at 0 every probability is positive");
        assertEquals(0.75, Metrics.accuracy(new double[][] {{-0.2}, {0.4}, {1.5}, {0}}, new double[][] {{-1}, {1}, {-1}, {-1}}),
                "scores against ±1 at 0; a score equal to the threshold is not positive");
        assertEquals(1.0, Metrics.accuracy(new double[][] {{0.1, 0.7, 0.2}}, new double[][] {{0, 1, 0}}, 0.9),
                "several columns: argmax, the threshold plays no part");
        assertEquals(1.0, Metrics.accuracy(new double[][] {{Double.POSITIVE_INFINITY}}, new double[][] {{1}}), "±∞ compares");
        for (double bad : new double[] {NAN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertMessage(IllegalArgumentException.class, () -> Metrics.accuracy(sigmoid, zeroOne, bad), "threshold", String.valueOf(bad));
        }
    }
}
