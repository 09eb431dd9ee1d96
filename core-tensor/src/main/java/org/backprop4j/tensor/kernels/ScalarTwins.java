package org.backprop4j.tensor.kernels;

/**
 * The scalar twins of the Vector API lanes ({@code VectorLoops}): the same formulas one element at
 * a time, giving the same bits as the lanes for every input, NaN's sign included. {@code exp} and
 * {@code log} are {@link StrictMath}'s (fdlibm's, as the lanes compute them); {@code tanh} and
 * {@code sigmoid} are {@link Activation}'s formulas (tanh's with a shorter Padé approximant, below
 * |x| = {@link #PADE_LIMIT}) on an exp of their own ({@link #expm1Of}: a
 * polynomial on the reduced argument and 2ᵏ built in the exponent bits, no division, no branch),
 * made of IEEE additions, multiplications, divisions and bit operations only, in the lanes' order;
 * {@link ScalarLoops} runs {@link Activation}'s on the intrinsic {@link Math#exp} instead, and both
 * stay within 2 ulp of {@link StrictMath}.
 *
 * <p>They run while the lanes are not yet compiled ({@link SwitchingLoops}), and the lanes run
 * {@link #tanh(double)} and {@link #sigmoid(double)} on the elements past their last whole vector.
 */
final class ScalarTwins implements KernelLoops {

    /** The one instance. */
    static final ScalarTwins INSTANCE = new ScalarTwins();

    /**
     * Below |x| = 0.6 tanh is the Padé approximant, from 0.6 on 1 − 2/(e^{2|x|} + 1): below about 0.55 (where
     * tanh crosses ½) the exp form's roundings come to more than 2 ulp of StrictMath, above about 0.7 the
     * [9/6] approximant's own error does (0.02 ulp at 0.6, 0.3 at 0.7, 1 at 0.75).
     */
    static final double PADE_LIMIT = 0.6;

    /** From |x| = 22 on, tanh x rounds to ±1: e^{2|x|} is taken at 44 there, where 1 − 2/(e⁴⁴ + 1) is 1. */
    static final double TANH_SATURATION = 22.0;

    /** Below −746, e^u is less than half of 2⁻¹⁰⁷⁴ and rounds to 0: sigmoid's e^{−|x|} is taken at −746 there. */
    static final double EXP_FLOOR = -746.0;

    /** 1.5·2⁵²: adding it rounds a double below 2⁵¹ in magnitude to an integer k held in the low bits. */
    static final double MAGIC = 0x1.8p52;

    /** 1/ln2, and ln2 = LN2_HI + LN2_LO with LN2_HI's low 32 bits zero, so k·LN2_HI is exact (fdlibm's). */
    static final double INV_LN2 = 1.44269504088896338700e+00;
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;

    /**
     * e^r − 1 − r = r²·(C2 + C3·r + … + C11·r⁹) on |r| ≤ ln2/2: a Chebyshev fit of degree 9 to
     * (e^r − 1 − r)/r² (mpmath's chebyfit, {@code expm1_coefficients.py} in the test resources), whose
     * error in e^r is below 0.15 ulp.
     */
    static final double C11 = 2.5100375832561234e-08;
    static final double C10 = 2.7620075879983367e-07;
    static final double C9 = 2.7557268480310024e-06;
    static final double C8 = 2.4801521322368692e-05;
    static final double C7 = 0.00019841269863040545;
    static final double C6 = 0.0013888888917196719;
    static final double C5 = 0.008333333333330065;
    static final double C4 = 0.041666666666624164;
    static final double C3 = 0.16666666666666669;
    static final double C2 = 0.5000000000000001;

    /** The bits of 1.0: adding k·2⁵² to them makes 2ᵏ. */
    static final long ONE_BITS = 0x3ff0000000000000L;

    /** The bits of 2¹⁰⁰⁰: adding k·2⁵² makes 2^{k+1000}, normal for every k ≥ −2022; times 2⁻¹⁰⁰⁰ it is 2ᵏ, subnormal or 0 below −1022. */
    static final long TWO_P1000_BITS = 0x7e70000000000000L;

    /** 2⁻¹⁰⁰⁰. */
    static final double TWO_M1000 = 0x1p-1000;

    /** The sign bit. */
    static final long SIGN = Long.MIN_VALUE;

    private ScalarTwins() {
    }

    @Override
    public String name() {
        return "scalar twins";
    }

    @Override
    public void tanh(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = tanh(x[i]);
        }
    }

    @Override
    public void sigmoid(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = sigmoid(x[i]);
        }
    }

    @Override
    public void exp(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = StrictMath.exp(x[i]);
        }
    }

    @Override
    public void log(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = StrictMath.log(x[i]);
        }
    }

    /**
     * Row by row, each row a call of {@link #biasTanhRow}: called once a row, the loop is compiled within a fresh JVM's
     * first steps (the twins run only then), where a loop over the whole matrix would run interpreted, or from an
     * on-stack replacement, for its first hundred calls.
     */
    @Override
    public void biasTanh(double[] bias, double[] z, int rows, int cols) {
        for (int r = 0, k = 0; r < rows; r++, k += cols) {
            biasTanhRow(bias, z, k, cols);
        }
    }

    /** z[k + j] = tanh(z[k + j] + bias[j]) for j below cols. */
    private static void biasTanhRow(double[] bias, double[] z, int k, int cols) {
        for (int j = 0; j < cols; j++) {
            z[k + j] = tanh(z[k + j] + bias[j]);
        }
    }

    /** Row by row, as {@link #biasTanh}. */
    @Override
    public void biasSigmoid(double[] bias, double[] z, int rows, int cols) {
        for (int r = 0, k = 0; r < rows; r++, k += cols) {
            biasSigmoidRow(bias, z, k, cols);
        }
    }

    /** z[k + j] = σ(z[k + j] + bias[j]) for j below cols. */
    private static void biasSigmoidRow(double[] bias, double[] z, int k, int cols) {
        for (int j = 0; j < cols; j++) {
            z[k + j] = sigmoid(z[k + j] + bias[j]);
        }
    }

    /** The column sums as the lanes add them: each column down its rows in order, as {@link ScalarLoops} adds them. */
    @Override
    public void addColumnSums(double[] m, int from, double[] row, int rows, int cols) {
        ScalarLoops.INSTANCE.addColumnSums(m, from, row, rows, cols);
    }

    /** The scalar loops' pass: the lanes' bits (each element's product rounds once either way, each column adds in row order). */
    @Override
    public void biasActivationBackward(Activation activation, double[] g, double[] y, double[] gz, double[] biasGrad, int rows,
                                       int cols) {
        ScalarLoops.INSTANCE.biasActivationBackward(activation, g, y, gz, biasGrad, rows, cols);
    }

    /** The scalar check: its answer is the lanes' (both are exact), so only the speed tells them apart. */
    @Override
    public boolean finiteAfterDescent(double[] values, double[] gradients, double rate, int from, int to) {
        return ScalarLoops.INSTANCE.finiteAfterDescent(values, gradients, rate, from, to);
    }

    /**
     * tanh x = ±t(|x|), the sign taken from x's sign bit (so ±0 and a NaN keep theirs): with a = |x|,
     * t = a − a·z·C(z)/Q(z), z = a², below a = {@link #PADE_LIMIT} and for NaN (the [9/6] Padé approximant
     * of tanh: C/Q is the [3/3] one of (1 − tanh(a)/a)/z), C = z³ + 13860z² + 1216215z + 18918900 and
     * Q = 14490z³ + 1392930z² + 26351325z + 56756700 (integers, so exact in doubles); else 1 − 2/(e + 1) with
     * e = e^{2a} = 2ᵏ·(1 + p), p from {@link #expm1Of} (2a taken at 44 from a = 22 on), and e + 1 rounded
     * once, as the fused multiply-add 2ᵏ·p + (2ᵏ + 1). Both forms subtract a correction from a or from 1, so
     * the quotient's rounding reaches the result scaled down; a form without that subtraction, such as
     * m/(m + 2) with m = e^{2a} − 1, rounds to 3–4 ulp of StrictMath around a = 0.2.
     */
    static double tanh(double x) {
        long bits = Double.doubleToRawLongBits(x);
        double a = Double.longBitsToDouble(bits & ~SIGN);
        double t;
        if (a >= PADE_LIMIT) {
            double u = a > TANH_SATURATION ? 2 * TANH_SATURATION : a + a;
            double shifted = Math.fma(u, INV_LN2, MAGIC);
            double s = Double.longBitsToDouble(ONE_BITS + (Double.doubleToRawLongBits(shifted) << 52));
            t = 1.0 - 2.0 / Math.fma(s, expm1Of(u, shifted), s + 1.0);
        } else {
            double z = a * a;
            double q = Math.fma(Math.fma(Math.fma(14490, z, 1392930), z, 26351325), z, 56756700);
            double c = Math.fma(Math.fma(z + 13860, z, 1216215), z, 18918900);
            t = a - a * z * c / q;
        }
        return Double.longBitsToDouble(Double.doubleToRawLongBits(t) | (bits & SIGN));
    }

    /**
     * σ(x) = 1/(1 + t) for x ≥ 0 and t/(1 + t) below, with t = e^{−|x|} (1 + {@link #expm1Of}, −|x| taken
     * at −746 below it), scaled as 2^{k+1000}·2⁻¹⁰⁰⁰ so that it rounds once where it is subnormal.
     */
    static double sigmoid(double x) {
        double u = Double.longBitsToDouble(Double.doubleToRawLongBits(x) | SIGN);
        if (u < EXP_FLOOR) {
            u = EXP_FLOOR;
        }
        double shifted = Math.fma(u, INV_LN2, MAGIC);
        double t = (1.0 + expm1Of(u, shifted)) * Double.longBitsToDouble(TWO_P1000_BITS + (Double.doubleToRawLongBits(shifted) << 52)) * TWO_M1000;
        return (x >= 0 ? 1.0 : t) / (t + 1.0);
    }

    /**
     * e^r − 1 = r + r²·(C2 + C3·r + … + C11·r⁹) for u = k·ln2 + r, where shifted = u/ln2 + 1.5·2⁵²
     * holds k = round(u/ln2) in its low bits and r = (u − k·LN2_HI) − k·LN2_LO, |r| ≤ ln2/2; the
     * caller makes e^u = 2ᵏ·(1 + that), 2ᵏ built from those bits. The polynomial is evaluated in
     * pairs of terms and powers r², r⁴ (Estrin's scheme), not by Horner's rule: a chain of 6
     * dependent operations instead of 18, which in the lanes is what bounds the speed. The lanes do
     * the same operations in the same order.
     */
    static double expm1Of(double u, double shifted) {
        double k = shifted - MAGIC;
        double r = Math.fma(k, -LN2_LO, Math.fma(k, -LN2_HI, u));
        double r2 = r * r;
        double r4 = r2 * r2;
        double low = Math.fma(r2, Math.fma(C5, r, C4), Math.fma(C3, r, C2));
        double middle = Math.fma(r2, Math.fma(C9, r, C8), Math.fma(C7, r, C6));
        double high = Math.fma(C11, r, C10);
        double g = Math.fma(r4, Math.fma(r4, high, middle), low);
        return Math.fma(r2, g, r);
    }
}
