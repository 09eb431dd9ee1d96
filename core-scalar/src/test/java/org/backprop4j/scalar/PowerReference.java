package org.backprop4j.scalar;

/**
 * Powers at the exponents where Java's {@link Math#pow} and C's {@code pow} part ways, as PyTorch 1.13 float64
 * gives them ({@code y = x ** n; y.backward()}, run on 2026-12-06 on this project's VM): 1ⁿ is 1 for every n, NaN
 * included, and (−1)^±∞ is 1, where {@code Math.pow} gives NaN. Both engines' power tests read this one table.
 */
public final class PowerReference {

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

    private PowerReference() {
    }

    /** @return rows {a, n, aⁿ, ∂aⁿ/∂a}, a fresh copy */
    public static double[][] powers() {
        double[][] copy = new double[POWERS.length][];
        for (int i = 0; i < POWERS.length; i++) {
            copy[i] = POWERS[i].clone();
        }
        return copy;
    }
}
