package org.backprop4j.benchmarks.timing;

import java.util.Arrays;

/**
 * A figure measured over several rounds: its median and its range.
 *
 * @param median the median over the rounds (NaN when not measured)
 * @param low the smallest round
 * @param high the largest round
 */
public record Spread(double median, double low, double high) {

    /** Nothing measured. */
    public static final Spread NONE = new Spread(Double.NaN, Double.NaN, Double.NaN);

    /**
     * The median and range of a figure's rounds.
     *
     * @param values one figure per round, or an empty array
     * @return their median and range, or {@link #NONE} when there are none
     */
    public static Spread of(double[] values) {
        if (values.length == 0) {
            return NONE;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(median, sorted[0], sorted[n - 1]);
    }

    /**
     * The median and range of two figures' per-round ratios.
     *
     * @param numerators a figure per round
     * @param denominators another, measured in the same rounds
     * @return the spread of their per-round ratios, or {@link #NONE} if either was not measured
     * @throws IllegalArgumentException if the two were measured over different numbers of rounds
     */
    public static Spread ofRatios(double[] numerators, double[] denominators) {
        if (numerators.length == 0 || denominators.length == 0) {
            return NONE;
        }
        if (numerators.length != denominators.length) {
            throw new IllegalArgumentException("ratios need the same rounds on both sides, got " + numerators.length
                    + " and " + denominators.length);
        }
        double[] ratios = new double[numerators.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = numerators[i] / denominators[i];
        }
        return of(ratios);
    }

    /**
     * Whether this spread holds a figure.
     *
     * @return whether anything was measured
     */
    public boolean measured() {
        return !Double.isNaN(median);
    }
}
