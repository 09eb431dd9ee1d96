package org.backprop4j.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Anomaly detection names the first operation that produces NaN or ±∞, and is off by default. */
class AnomalyTest {

    @Test
    void offByDefaultNonFiniteResultsFlowThrough() {
        assertFalse(Anomaly.isEnabled());
        assertTrue(Double.isNaN(Value.of(-1).log().data()));
    }

    @Test
    void forwardLogOfNegativeNumberThrowsNamingTheOperation() {
        Value x = Value.of(-2.0);
        try (Anomaly.Scope scope = Anomaly.detect()) {
            AnomalyException e = assertThrows(AnomalyException.class, () -> x.mul(3).log());
            assertTrue(e.getMessage().contains("'log'"), e.getMessage());
            assertTrue(e.getMessage().contains("data=-6.0"), e.getMessage());
            assertTrue(Arrays.stream(e.getStackTrace())
                    .anyMatch(f -> f.getMethodName().contains("forwardLogOfNegativeNumber")));
        }
        assertFalse(Anomaly.isEnabled());
    }

    @Test
    void zeroDividedByZeroThrows() {
        try (Anomaly.Scope scope = Anomaly.detect()) {
            AnomalyException e = assertThrows(AnomalyException.class, () -> Value.of(0).div(0.0));
            assertTrue(e.getMessage().startsWith("forward of '/' produced NaN"), e.getMessage());
        }
    }

    @Test
    void backwardNamesTheNodeAndWhereItWasCreated() {
        try (Anomaly.Scope scope = Anomaly.detect()) {
            Value x = Value.of(0.0);
            Value root = x.pow(0.5);
            AnomalyException e = assertThrows(AnomalyException.class, root::backward);
            assertTrue(e.getMessage().contains("backward of '**'"), e.getMessage());
            assertNotNull(e.getCause(), "creation site");
            assertTrue(Arrays.stream(e.getCause().getStackTrace())
                    .anyMatch(f -> f.getMethodName().contains("backwardNamesTheNode")));
        }
    }

    @Test
    void aNonFiniteDerivativeNamesTheOperationBeingDifferentiatedAndWhereItWasCreated() {
        try (Anomaly.Scope scope = Anomaly.detect()) {
            Value x = Value.of(0.0);
            Value root = x.pow(0.5).add(x);   // √x: finite at 0, its derivative 0.5 · 0^(−0.5) is not
            AnomalyException e = assertThrows(AnomalyException.class, () -> root.gradient(x));
            assertTrue(e.getMessage().startsWith("gradient: the derivative of '**' of [Value(data=0.0, grad=0.0), "
                    + "Value(data=0.5, grad=0.0)] is not finite (forward of '**' produced Infinity"), e.getMessage());
            assertNotNull(e.getCause(), "creation site");
            assertTrue(Arrays.stream(e.getCause().getStackTrace())
                    .anyMatch(f -> f.getMethodName().contains("aNonFiniteDerivativeNamesTheOperation")));
        }
    }

    @Test
    void aDerivativeWhoseSharesOverflowWhenSummedNamesTheOperationBeingDifferentiated() {
        try (Anomaly.Scope scope = Anomaly.detect()) {
            Value x = Value.of(1e-10);
            Value root = x.mul(1e308).add(x.mul(1e308));   // finite, and each use's share 1e308 is finite; their sum is not
            AnomalyException e = assertThrows(AnomalyException.class, () -> root.gradient(x));
            assertTrue(e.getMessage().startsWith("gradient: the derivative of '*' of [Value(data=1.0E-10, grad=0.0), "
                    + "Value(data=1.0E308, grad=0.0)] is not finite (forward of '+' produced Infinity"), e.getMessage());
        }
    }

    @Test
    void aNonFiniteDerivativeOfANodeMadeBeforeDetectionHasNoCreationSite() {
        Value x = Value.of(0.0);
        Value root = x.log();
        try (Anomaly.Scope scope = Anomaly.detect()) {
            AnomalyException e = assertThrows(AnomalyException.class, () -> root.gradient(x));
            assertTrue(e.getMessage().startsWith("gradient: the derivative of 'log' of [Value(data=0.0, grad=0.0)] is not finite"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("stack trace"), e.getMessage());
            assertNull(e.getCause());
        }
    }

    @Test
    void backwardMessageNamesTheOperandItsOperandsAndTheOutputGradient() {
        try (Anomaly.Scope scope = Anomaly.detect()) {
            // a · b = 1, but its upstream gradient 2^30 times a = 2^1000 overflows b's gradient (operand 1).
            Value a = Value.of(0x1p1000);
            Value b = Value.of(0x1p-1000);
            Value product = a.mul(b);
            Value out = product.mul(0x1p30);
            AnomalyException e = assertThrows(AnomalyException.class, out::backward);
            assertEquals("backward of '*' produced gradient Infinity for operand 1 of [" + a + ", " + b
                    + "] (output grad 1.073741824E9); the node was created at the cause's stack trace",
                    e.getMessage());
            assertEquals(0x1p-970, a.grad(), "operand 0 got its finite gradient first");
            assertNotNull(e.getCause());
        }
    }

    @Test
    void backwardOfANodeMadeBeforeDetectionHasNoCreationSite() {
        Value a = Value.of(0x1p1000);
        Value b = Value.of(0x1p-1000);
        Value out = a.mul(b).mul(0x1p30);
        try (Anomaly.Scope scope = Anomaly.detect()) {
            AnomalyException e = assertThrows(AnomalyException.class, out::backward);
            assertEquals("backward of '*' produced gradient Infinity for operand 1 of [" + a + ", " + b
                    + "] (output grad 1.073741824E9)", e.getMessage());
            assertNull(e.getCause());
        }
    }

    @Test
    void explodingLearningRateIsCaughtAtTheFirstOverflow() {
        Value w = Value.of(1.0);
        try (Anomaly.Scope scope = Anomaly.detect()) {
            AnomalyException e = assertThrows(AnomalyException.class, () -> {
                for (int step = 0; step < 100; step++) {
                    Value loss = w.mul(3.0).sub(1.0).pow(2);
                    w.setGrad(0);
                    loss.backward();
                    w.setData(w.data() - 1e3 * w.grad());
                }
            });
            assertTrue(e.getMessage().contains("Infinity") || e.getMessage().contains("NaN"), e.getMessage());
        }
    }

    @Test
    void detectionInOneThreadLeavesOthersAlone() throws InterruptedException {
        try (Anomaly.Scope scope = Anomaly.detect()) {
            boolean[] seen = new boolean[2];
            Thread other = new Thread(() -> {
                seen[0] = Anomaly.isEnabled();
                seen[1] = Double.isNaN(Value.of(-1).log().data());
            });
            other.start();
            other.join();
            assertFalse(seen[0]);
            assertTrue(seen[1]);
            assertTrue(Anomaly.isEnabled());
        }
    }
}
