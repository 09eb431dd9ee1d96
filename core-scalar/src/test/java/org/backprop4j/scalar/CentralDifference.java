package org.backprop4j.scalar;

import java.util.function.DoubleUnaryOperator;

/** The central-difference derivative, the gradient check every engine is held to (float64). */
public final class CentralDifference {

    private CentralDifference() {
    }

    /**
     * (f(x + h) − f(x − h)) / 2h with h = 1e−6 · max(1, |x|): error O(h²) plus rounding of about
     * 1e−10 relative.
     *
     * @param f the function
     * @param x the point
     * @return the estimated derivative f′(x)
     */
    public static double derivative(DoubleUnaryOperator f, double x) {
        double h = 1e-6 * Math.max(1.0, Math.abs(x));
        return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
    }

    /**
     * Whether an analytic gradient matches a central difference: within 1e−6 relative to the
     * larger of the two, or 1e−7 absolute.
     *
     * @param analytic the engine's gradient
     * @param numeric the central difference
     * @return true when they agree
     */
    public static boolean agrees(double analytic, double numeric) {
        double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
        return Math.abs(analytic - numeric) <= Math.max(1e-6 * scale, 1e-7);
    }
}
