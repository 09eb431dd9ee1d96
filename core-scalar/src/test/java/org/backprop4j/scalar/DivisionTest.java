package org.backprop4j.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Division is one operation with its own derivative (issue 20, item 2): the IEEE quotient exactly as
 * Java's {@code /} and PyTorch 1.13 float64 give it, where micrograd's a · b⁻¹ overflows, gives NaN or
 * rounds twice; anomaly detection names '/' and lets finite quotients pass.
 */
class DivisionTest {

    /**
     * The cases and two more: {a, b, a / b, ∂/∂a, ∂/∂b}, as PyTorch 1.13.0a0 float64 gives them
     * ({@code q = x / y; q.backward()}; run once on this machine).
     */
    private static final double[][] QUOTIENTS = {
        {1e-300, 1e-320, 1.0000111329412581e20, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY},
        {1e-310, 1e-310, 1.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY},
        {0.0, 1e-310, 0.0, Double.POSITIVE_INFINITY, -0.0},
        {3.0, 10.0, 0.3, 0.1, -0.03},
        {1e-300, 1e-310, 10000000000.00003, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY},
        {1e-320, 1e-310, 1e-320 / 1e-310, Double.POSITIVE_INFINITY, -9.99988867182689e+299},
    };

    @Test
    void quotientsAreIeeeLikeJavaAndPyTorch() {
        for (double[] q : QUOTIENTS) {
            assertEquals(q[2], q[0] / q[1], "the reference itself is Java's /");
            Value a = Value.of(q[0]);
            Value b = Value.of(q[1]);
            Value quotient = a.div(b);
            assertEquals(q[2], quotient.data(), q[0] + " / " + q[1]);
            assertEquals(q[2], Value.of(q[0]).div(q[1]).data(), q[0] + " / " + q[1] + " (constant)");
            quotient.backward();
            // delta 0: equal as numbers (a leaf's gradient starts from +0, so −0 arrives as +0)
            assertEquals(q[3], a.grad(), 0.0, "d/da of " + q[0] + " / " + q[1]);
            assertEquals(q[4], b.grad(), 0.0, "d/db of " + q[0] + " / " + q[1]);
        }
    }

    @Test
    void derivativesAreOneOverBAndMinusAOverBSquaredWithoutOverflowingBSquared() {
        Value a = Value.of(3.0);
        Value b = Value.of(-4.0);
        a.div(b).backward();
        assertEquals(-0.25, a.grad());
        assertEquals(-3.0 / 16.0, b.grad());

        // b² = 1e-620 underflows to 0, but −a/b² = −(a/b)/b = −1e10 / 1e-310 = −1e320 overflows honestly;
        // with a = 1e-320: −(1e-320 / 1e-310) / 1e-310 = −1e300 is finite, where −a / b² would be −∞.
        Value tiny = Value.of(1e-320);
        Value small = Value.of(1e-310);
        tiny.div(small).backward();
        assertEquals(-(1e-320 / 1e-310) / 1e-310, small.grad());
        assertTrue(Double.isFinite(small.grad()), "finite: " + small.grad());
    }

    @Test
    void anomalyDetectionPassesFiniteQuotientsAndNamesDivisionOtherwise() {
        try (Anomaly.Scope scope = Anomaly.detect()) {
            assertEquals(10000000000.00003, Value.of(1e-300).div(Value.of(1e-310)).data());
            assertEquals(10000000000.00003, Value.of(1e-300).div(1e-310).data());
            AnomalyException e = assertThrows(AnomalyException.class, () -> Value.of(1.0).div(Value.of(1e-310)));
            assertTrue(e.getMessage().startsWith("forward of '/' produced Infinity"), e.getMessage());
        }
    }

    @Test
    void divisionIsDrawnAsItsOwnOperation() {
        String dot = Value.of(6).label("a").div(Value.of(3).label("b")).toDot();
        assertTrue(dot.contains("[label=\"/\"]"), dot);
        assertEquals(3, dot.split("shape=record").length - 1, "a, b and the quotient");
    }
}
