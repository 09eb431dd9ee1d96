package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Powers at the exponents where Java's {@link Math#pow} and C's {@code pow} part ways: 1ⁿ is 1 for every n,
 * NaN included, and (−1)^±∞ is 1 in C and PyTorch, where {@code Math.pow} gives NaN.
 */
class PowerEdgesTest {

    /**
     * {a, n, aⁿ, ∂aⁿ/∂a} as PyTorch 1.13 float64 gives them ({@code y = x ** n; y.backward()}, run on
     * 2026-12-06 on this project's VM).
     */
    private static final double[][] POWERS = {
        {1.0, Double.NaN, 1.0, Double.NaN},
        {1.0, Double.POSITIVE_INFINITY, 1.0, Double.POSITIVE_INFINITY},
        {1.0, Double.NEGATIVE_INFINITY, 1.0, Double.NEGATIVE_INFINITY},
        {-1.0, Double.POSITIVE_INFINITY, 1.0, Double.POSITIVE_INFINITY},
        {-1.0, Double.NEGATIVE_INFINITY, 1.0, Double.NEGATIVE_INFINITY},
        {-1.0, 3.0, -1.0, 3.0},
        {2.0, Double.NaN, Double.NaN, Double.NaN},
        {-1.0, 0.5, Double.NaN, Double.NaN},
    };

    @Test
    void powersAndTheirDerivativesAreCsAndPyTorchs() {
        for (double[] p : POWERS) {
            Tensor a = Tensor.of(1, 2, p[0], p[0]);
            Tensor power = a.pow(p[1]);
            assertEquals(p[2], power.data().get(0, 1), p[0] + " ** " + p[1]);
            power.sum().backward();
            assertEquals(p[3], a.grad().get(0, 1), p[0] + " ** " + p[1] + ": d/da");
            Tensor b = Tensor.of(1, 2, p[0], p[0]);
            assertEquals(p[3], b.pow(p[1]).sum().gradient(b).data().get(0, 0), p[0] + " ** " + p[1] + ": gradient()");
        }
    }
}
