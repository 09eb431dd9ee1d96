package org.backprop4j.benchmarks.step;

/**
 * How far apart two gradient vectors are, the measure behind "the engines agree to 1e−12": each
 * element's difference relative to the larger of the two values, where values smaller than 1e−3
 * of the vector's largest magnitude are measured against that floor instead (their relative error
 * is summation noise, not disagreement).
 */
public final class Comparison {

    private Comparison() {
    }

    /** The largest difference and where it is. @param relative the largest relative difference @param index its element */
    public record Difference(double relative, int index) {
    }

    /**
     * The largest relative difference of two vectors, as the class comment measures it.
     *
     * @param a one vector
     * @param b another of the same length
     * @return the largest relative difference and its index (index −1 when the vectors are equal)
     * @throws IllegalArgumentException if the lengths differ
     */
    public static Difference largestRelativeDifference(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("cannot compare vectors of " + a.length + " and " + b.length + " values");
        }
        double largest = 0;
        for (int i = 0; i < a.length; i++) {
            largest = Math.max(largest, Math.max(Math.abs(a[i]), Math.abs(b[i])));
        }
        double floor = 1e-3 * largest;
        double worst = 0;
        int where = -1;
        for (int i = 0; i < a.length; i++) {
            double diff = Math.abs(a[i] - b[i]);
            if (diff != 0 || Double.isNaN(a[i]) != Double.isNaN(b[i])) {
                double scale = Math.max(Math.max(Math.abs(a[i]), Math.abs(b[i])), floor);
                double relative = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff / scale;
                if (relative > worst || where < 0) {
                    worst = relative;
                    where = i;
                }
            }
        }
        return new Difference(worst, where);
    }
}
