package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tensor anomaly detection: the first non-finite result or gradient throws, naming op, shapes and operands. */
class AnomalyTest {

    @Test
    void offByDefault() {
        assertFalse(Anomaly.isEnabled());
        assertTrue(Double.isNaN(Tensor.scalar(-1).log().item()));
    }

    @Test
    void logOfANegativeNumberNamesTheOperationShapeAndPosition() {
        Tensor x = Tensor.of(new double[][] {{1, 2}, {3, -4}}).label("x");
        try (Anomaly.Scope scope = Anomaly.detect()) {
            AnomalyException e = assertThrows(AnomalyException.class, x::log);
            assertTrue(e.getMessage().contains("forward of 'log' produced NaN at (1, 1) of its 2x2 result"), e.getMessage());
            assertTrue(e.getMessage().contains("2x2 'x' min -4.0 max 3.0"), e.getMessage());
            assertTrue(Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getMethodName().startsWith("logOfANegative")));
        }
        assertFalse(Anomaly.isEnabled());
    }

    @Test
    void aNonFiniteDerivativeNamesTheOperationBeingDifferentiated() {
        Tensor x = Tensor.of(1, 2, 0.0, 1.0);
        Tensor loss = x.pow(0.5).sum();
        try (Anomaly.Scope scope = Anomaly.detect()) {
            AnomalyException e = assertThrows(AnomalyException.class, () -> loss.gradient(x));
            assertTrue(e.getMessage().startsWith("gradient: the derivative of '**' of [1x2 min 0.0 max 1.0] is not finite"),
                    e.getMessage());
        }
    }

    @Test
    void aNonFiniteDerivativeOfANodeMadeWhileDetectingPointsToWhereItWasMade() {
        Tensor x = Tensor.of(1, 2, 0.0, 1.0);
        Tensor outside = x.pow(0.5).sum();
        try (Anomaly.Scope scope = Anomaly.detect()) {
            Tensor inside = x.pow(0.5).sum();
            AnomalyException e = assertThrows(AnomalyException.class, () -> inside.gradient(x));
            assertTrue(e.getMessage().endsWith("; the node was created at the cause's stack trace"), e.getMessage());
            assertTrue(Arrays.stream(e.getCause().getStackTrace()).anyMatch(f -> f.getMethodName().startsWith("aNonFiniteDerivativeOfANodeMade")));
            AnomalyException without = assertThrows(AnomalyException.class, () -> outside.gradient(x));
            assertFalse(without.getMessage().contains("created at"), without.getMessage());
        }
    }

    @Test
    void aDerivativeWhoseContributionsOverflowWhenSummedNamesTheOperationBeingDifferentiated() {
        Tensor x = Tensor.of(1, 1, 1e-10);
        Tensor loss = x.mul(1e308).add(x.mul(1e308));   // finite, and each use's part 1e308 is finite; their sum is not
        try (Anomaly.Scope scope = Anomaly.detect()) {
            AnomalyException e = assertThrows(AnomalyException.class, () -> loss.gradient(x));
            assertTrue(e.getMessage().startsWith("gradient: the derivative of '*c' of [1x1 min 1.0E-10 max 1.0E-10] is not finite"
                    + " (forward of '+' produced Infinity"), e.getMessage());
        }
    }

    @Test
    void zeroOverZero() {
        try (Anomaly.Scope scope = Anomaly.detect()) {
            AnomalyException e = assertThrows(AnomalyException.class, () -> Tensor.zeros(1, 3).div(Tensor.zeros(1, 3)));
            assertTrue(e.getMessage().contains("'/'"), e.getMessage());
        }
    }

    @Test
    void backwardNamesTheNodeAndItsCreationSite() {
        try (Anomaly.Scope scope = Anomaly.detect()) {
            Tensor x = Tensor.of(1, 2, 0.0, 4.0);
            Tensor loss = x.pow(0.5).sum();
            AnomalyException e = assertThrows(AnomalyException.class, loss::backward);
            assertTrue(e.getMessage().contains("backward of '**' produced gradient Infinity at (0, 0) of operand 0 (1x2)"), e.getMessage());
            assertNotNull(e.getCause());
            assertTrue(Arrays.stream(e.getCause().getStackTrace()).anyMatch(f -> f.getMethodName().startsWith("backwardNames")));
        }
    }

    @Test
    void backwardNamesThePositionOfTheFirstNonFiniteGradient() {
        // d/dx of x^0.5 is infinite where x = 0: here at row 1, column 2 of a 2x3 operand.
        Tensor x = Tensor.of(2, 3, 1, 4, 9, 16, 25, 0).label("x");
        try (Anomaly.Scope scope = Anomaly.detect()) {
            Tensor loss = x.pow(0.5).sum();
            AnomalyException e = assertThrows(AnomalyException.class, loss::backward);
            assertEquals("backward of '**' produced gradient Infinity at (1, 2) of operand 0 (2x3); operands: [2x3 'x' min 0.0 max 25.0]"
                    + "; the node was created at the cause's stack trace", e.getMessage());
        }
    }

    @Test
    void backwardOfANodeMadeBeforeDetectionHasNoCreationSite() {
        Tensor x = Tensor.of(1, 2, 4.0, 0.0);
        Tensor loss = x.pow(0.5).sum();
        try (Anomaly.Scope scope = Anomaly.detect()) {
            AnomalyException e = assertThrows(AnomalyException.class, loss::backward);
            assertEquals("backward of '**' produced gradient Infinity at (0, 1) of operand 0 (1x2); operands: [1x2 min 0.0 max 4.0]",
                    e.getMessage());
            assertNull(e.getCause());
        }
    }

    @Test
    void operandsSummaryCountsTheirNonFiniteValues() {
        Tensor x = Tensor.constant(1, 3, Double.POSITIVE_INFINITY, 1, Double.NaN);
        try (Anomaly.Scope scope = Anomaly.detect()) {
            AnomalyException e = assertThrows(AnomalyException.class, () -> x.add(Tensor.scalar(1)));
            assertEquals("forward of '+' produced Infinity at (0, 0) of its 1x3 result; operands: [1x3 min 1.0 max 1.0 (2 non-finite), "
                    + "1x1 min 1.0 max 1.0]", e.getMessage());
        }
    }

    @Test
    void explodingLearningRateIsCaught() {
        Tensor w = Tensor.of(1, 1, 1.0);
        Tensor x = Tensor.constant(1, 1, 3.0);
        try (Anomaly.Scope scope = Anomaly.detect()) {
            AnomalyException e = assertThrows(AnomalyException.class, () -> {
                for (int step = 0; step < 200; step++) {
                    Tensor loss = x.matmul(w).sub(1).pow(2).sum();
                    w.zeroGrad();
                    loss.backward();
                    w.data().data[0] -= 1e3 * w.grad().data[0];
                }
            });
            assertTrue(e.getMessage().contains("Infinity") || e.getMessage().contains("NaN"), e.getMessage());
        }
    }

    @Test
    void nestedScopesAndOtherThreads() throws InterruptedException {
        try (Anomaly.Scope outer = Anomaly.detect()) {
            try (Anomaly.Scope inner = Anomaly.detect()) {
                assertTrue(Anomaly.isEnabled());
            }
            assertTrue(Anomaly.isEnabled(), "closing the inner scope keeps the outer one on");
            boolean[] seen = {true};
            Thread other = new Thread(() -> seen[0] = Anomaly.isEnabled());
            other.start();
            other.join();
            assertFalse(seen[0]);
        }
        assertFalse(Anomaly.isEnabled());
    }

    /** x·Wᵀ + b of a 1x2 input and a 2x2 weight, whose first column is {@code sum} and second 0.5. */
    private static Tensor fused(String activation, double x0, double w00, double b0) {
        Tensor x = Tensor.constant(1, 2, x0, 1).label("x");
        Tensor w = Tensor.of(2, 2, w00, 0, 0.25, 0.25).label("W");
        Tensor b = Tensor.of(1, 2, b0, 0).label("b");
        switch (activation) {
            case "tanh":
                return x.linearTanh(w, b);
            case "sigmoid":
                return x.linearSigmoid(w, b);
            default:
                return x.linearRelu(w, b);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "sigmoid", "relu"})
    void aFusedLayerReportsThePreActivationItsActivationWouldHide(String activation) {
        String op = activation.equals("relu") ? "ReLU∘linear" : activation + "∘linear";
        // 1e200·1e300 overflows to +∞, its negative to −∞, and ∞ + (−∞) in the bias is NaN
        double[][] cases = {{1e200, 1e300, 0}, {-1e200, 1e300, 0}, {1e200, 1e300, Double.NEGATIVE_INFINITY}};
        String[] produced = {"Infinity", "-Infinity", "NaN"};
        for (int i = 0; i < cases.length; i++) {
            double[] c = cases[i];
            if (!activation.equals("relu") && i < 2) {
                double quiet = fused(activation, c[0], c[1], c[2]).data().get(0, 0);
                assertTrue(Double.isFinite(quiet), "outside detection " + activation + " hides ±∞: " + quiet);
            }
            try (Anomaly.Scope scope = Anomaly.detect()) {
                AnomalyException e = assertThrows(AnomalyException.class, () -> fused(activation, c[0], c[1], c[2]));
                assertTrue(e.getMessage().startsWith("forward of '" + op + "' produced " + produced[i]
                        + " before its activation (x·Wᵀ + b) at (0, 0) of its 1x2 result; operands: [1x2 'x'"), e.getMessage());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "sigmoid", "relu"})
    void aFusedLayerWithFinitePreActivationsPassesAndGivesTheUnfusedResult(String activation) {
        try (Anomaly.Scope scope = Anomaly.detect()) {
            Tensor out = fused(activation, 700, 1, 0.5);
            Tensor z = Tensor.constant(1, 2, 700, 1).linear(Tensor.of(2, 2, 1, 0, 0.25, 0.25), Tensor.of(1, 2, 0.5, 0));
            Tensor expected = activation.equals("tanh") ? z.tanh() : activation.equals("sigmoid") ? z.sigmoid() : z.relu();
            assertArrayEquals(expected.data().data, out.data().data, 1e-15);
        }
    }
}
