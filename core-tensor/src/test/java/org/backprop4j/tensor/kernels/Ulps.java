package org.backprop4j.tensor.kernels;

/** Distances between doubles in units in the last place, for accuracy tests. */
final class Ulps {

    private Ulps() {
    }

    /**
     * @return how many doubles lie between a and b (0 when equal or both NaN; {@link Long#MAX_VALUE}
     *         when only one is NaN or their signs differ)
     */
    static long between(double a, double b) {
        if (a == b || (Double.isNaN(a) && Double.isNaN(b))) {
            return 0;
        }
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Long.MAX_VALUE;
        }
        long x = Double.doubleToLongBits(a);
        long y = Double.doubleToLongBits(b);
        if ((x ^ y) < 0) {
            return Long.MAX_VALUE;
        }
        return Math.abs(x - y);
    }

    /** σ(x) by the reference formula on {@link StrictMath#exp}: 1/(1 + e⁻ˣ) for x ≥ 0, eˣ/(1 + eˣ) below. */
    static double strictSigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + StrictMath.exp(-x));
        }
        double e = StrictMath.exp(x);
        return e / (1 + e);
    }
}
