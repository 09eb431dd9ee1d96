package org.backprop4j.benchmarks.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The agreement measure: relative, floored at 1e−3 of the largest magnitude, NaN never agrees. */
class ComparisonTest {

    @Test
    void measuresRelativeToTheLargerValueOrTheFloor() {
        assertEquals(-1, Comparison.largestRelativeDifference(new double[] {1, 2}, new double[] {1, 2}).index());
        Comparison.Difference d = Comparison.largestRelativeDifference(new double[] {1, 2, 100}, new double[] {1, 2.002, 100});
        assertEquals(1, d.index());
        assertEquals(0.002 / 2.002, d.relative(), 1e-12);
        Comparison.Difference tiny = Comparison.largestRelativeDifference(new double[] {1e-9, 100}, new double[] {2e-9, 100});
        assertEquals(1e-9 / 0.1, tiny.relative(), 1e-20, "measured against the floor 1e-3 · 100");
        Comparison.Difference nan = Comparison.largestRelativeDifference(new double[] {1, 2}, new double[] {1, Double.NaN});
        assertEquals(Double.POSITIVE_INFINITY, nan.relative());
        assertEquals(1, nan.index());
        assertThrows(IllegalArgumentException.class, () -> Comparison.largestRelativeDifference(new double[1], new double[2]));
    }
}
