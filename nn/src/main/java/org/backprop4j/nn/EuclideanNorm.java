package org.backprop4j.nn;

import java.util.Objects;

/**
 * The Euclidean norm ‖x‖₂ = √(Σ xᵢ²) of numbers held in one or more arrays, accumulated without
 * overflow or underflow. Squaring 1e300 overflows to ∞ and squaring 1e−300 underflows to 0, so, as
 * BLAS {@code dnrm2} and {@code Math.hypot} do, each range is summed scaled: with s = 2^e the power
 * of two nearest below its largest magnitude, its part is s²·Σ (xᵢ/s)², where every (xᵢ/s)² is below
 * 4. Parts of different scales are combined by rescaling the smaller one. Scaling by a power of two
 * is exact, so the result is as accurate as the plain formula wherever that one does not overflow.
 *
 * <p>A NaN anywhere makes the norm NaN; otherwise an infinity makes it +∞. A norm too large for a
 * double (above about 1.8e308) is +∞.
 *
 * <pre>{@code
 * double norm = new EuclideanNorm().add(weights, 0, weights.length).add(biases, 0, biases.length).value();
 * }</pre>
 */
public final class EuclideanNorm {

    /** The parts so far sum to 2^(2·exponent) · scaledSum. */
    private int exponent;
    private double scaledSum;
    private boolean infinite;
    private boolean notANumber;

    /** An empty norm: 0 until {@link #add} adds values. */
    public EuclideanNorm() {
    }

    /**
     * The Euclidean norm of an array, computed without overflow.
     *
     * @param values the numbers
     * @return ‖values‖₂
     * @throws NullPointerException if values is null
     */
    public static double of(double[] values) {
        Objects.requireNonNull(values, "values");
        return new EuclideanNorm().add(values, 0, values.length).value();
    }

    /**
     * Adds {@code values[from .. to)} to the norm.
     *
     * @param values the numbers
     * @param from the first index
     * @param to one past the last index
     * @return this accumulator
     * @throws NullPointerException if values is null
     * @throws IllegalArgumentException if the range is not within the array
     */
    public EuclideanNorm add(double[] values, int from, int to) {
        Objects.requireNonNull(values, "values");
        if (from < 0 || from > to || to > values.length) {
            throw new IllegalArgumentException("no range [" + from + ", " + to + ") in " + values.length + " values");
        }
        double max = 0;
        for (int i = from; i < to; i++) {
            double magnitude = Math.abs(values[i]);
            if (magnitude > max) {
                max = magnitude;
            } else if (magnitude != magnitude) {
                notANumber = true;
            }
        }
        if (max == Double.POSITIVE_INFINITY) {
            infinite = true;
        }
        if (max == 0 || infinite || notANumber) {
            return this;
        }
        int e = Math.getExponent(max);
        double scale = Math.scalb(1.0, -e);
        double sum = 0;
        for (int i = from; i < to; i++) {
            double scaled = values[i] * scale;
            sum += scaled * scaled;
        }
        combine(e, sum);
        return this;
    }

    /** Adds the part 2^(2e) · sum, keeping the larger of the two exponents. */
    private void combine(int e, double sum) {
        if (scaledSum == 0) {
            exponent = e;
            scaledSum = sum;
        } else if (e > exponent) {
            scaledSum = Math.scalb(scaledSum, 2 * (exponent - e)) + sum;
            exponent = e;
        } else {
            scaledSum += Math.scalb(sum, 2 * (e - exponent));
        }
    }

    /** {@return the norm of everything added so far: 0 for nothing, NaN if a NaN was added, else +∞ if an infinity was} */
    public double value() {
        if (notANumber) {
            return Double.NaN;
        }
        if (infinite) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.scalb(Math.sqrt(scaledSum), exponent);
    }
}
