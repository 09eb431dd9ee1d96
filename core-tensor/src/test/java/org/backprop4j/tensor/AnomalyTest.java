package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

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
}
