package org.backprop4j.tensor.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The transcendental {@link FastMath} loops on the JDK's Vector API, lanes only: the only class
 * that names {@code jdk.incubator.vector}, loaded by reflection only when that module is in the JVM.
 * Until C2 has compiled them they are very slow, so {@link FastMath} runs them through
 * {@link SwitchingLoops}, which runs their {@link ScalarTwins} meanwhile.
 *
 * <p>Every lane is computed by IEEE 754 additions, multiplications, fused multiply-adds, divisions,
 * comparisons and bit operations only (no SVML intrinsic such as {@code lanewise(TANH)}, whose
 * results differ from the Java fallback that runs before the JIT compiles a loop), so a result
 * never depends on when the JIT got to it. {@code exp} and {@code log} are fdlibm's algorithms
 * (those of {@link StrictMath}) step for step, so each lane equals {@code StrictMath.exp} and
 * {@code StrictMath.log} bit for bit; {@code tanh} and {@code sigmoid} are {@link FastMath}'s
 * formulas (tanh's with a shorter Padé approximant, below |x| = {@link ScalarTwins#PADE_LIMIT}) on an
 * exp of their own with no division ({@link ScalarTwins#expm1Of}), operation for
 * operation as {@link ScalarTwins} computes them ({@code Math.fma} there, {@code fma} here: both
 * round once). The elements past the last whole vector run through the twins' scalar formulas, so
 * every element gets the same bits wherever a range starts or ends.
 *
 * <p>Each loop holds all of its vector code in its own body, even where that repeats fdlibm's exp
 * in three loops: a vector that crosses a call C2 does not inline is boxed on the heap, and C2
 * declines to inline a helper that is over 325 bytes, already compiled on its own, or met once the
 * compilation has grown past 18,000 nodes. A loop that gets boxed runs about a hundred times
 * slower; the JDK's own vector code avoids this with an annotation user code cannot use.
 */
final class VectorLoops implements KernelLoops {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    /** 1.5·2⁵²: adding it rounds a double below 2⁵¹ in magnitude to an integer held in the low bits. */
    private static final double MAGIC = 0x1.8p52;
    private static final long MAGIC_BITS = Double.doubleToRawLongBits(MAGIC);

    // fdlibm e_exp.c
    private static final double O_THRESHOLD = 7.09782712893383973096e+02;
    private static final double U_THRESHOLD = -7.45133219101941108420e+02;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double INV_LN2 = 1.44269504088896338700e+00;
    private static final double P1 = 1.66666666666666019037e-01;
    private static final double P2 = -2.77777777770155933842e-03;
    private static final double P3 = 6.61375632143793436117e-05;
    private static final double P4 = -1.65339022054652515390e-06;
    private static final double P5 = 4.13813679705723846039e-08;
    private static final double TWO_M1000 = 0x1p-1000;
    private static final DoubleVector ZERO = DoubleVector.zero(SPECIES);
    private static final DoubleVector ONE = DoubleVector.broadcast(SPECIES, 1.0);
    private static final DoubleVector TWO = DoubleVector.broadcast(SPECIES, 2.0);
    private static final DoubleVector HALF = DoubleVector.broadcast(SPECIES, 0.5);
    private static final DoubleVector MINUS_HALF = DoubleVector.broadcast(SPECIES, -0.5);
    /** The least |x| with high word above 0x3fd62e42: fdlibm reduces by k·ln2 from here up. */
    private static final double EXP_REDUCE = Double.longBitsToDouble(0x3fd62e4300000000L);
    /** 2⁻²⁸: below it fdlibm's exp is 1 + x. */
    private static final double EXP_TINY = Double.longBitsToDouble(0x3e30000000000000L);

    // fdlibm e_log.c
    private static final double TWO54 = 0x1p54;
    private static final double LG1 = 6.666666666666735130e-01;
    private static final double LG2 = 3.999999999940941908e-01;
    private static final double LG3 = 2.857142874366239149e-01;
    private static final double LG4 = 2.222219843214978396e-01;
    private static final double LG5 = 1.818357216161805012e-01;
    private static final double LG6 = 1.531383769920937332e-01;
    private static final double LG7 = 1.479819860511658591e-01;
    private static final double THIRD = 0.33333333333333333;

    // tanh's and sigmoid's edges and exp (ScalarTwins.expm1Of)
    /** The double below tanh's edge: (it − a) has its sign bit set exactly where a ≥ {@link ScalarTwins#PADE_LIMIT}, not for NaN. */
    private static final DoubleVector BELOW_PADE_LIMIT = DoubleVector.broadcast(SPECIES, Math.nextDown(ScalarTwins.PADE_LIMIT));
    /** tanh's saturation in bits: on a ≥ 0 the order of the bits (as longs) is the order of the values. */
    private static final long TANH_SATURATION_BITS = Double.doubleToRawLongBits(ScalarTwins.TANH_SATURATION);
    private static final long TWO_BITS = Double.doubleToRawLongBits(2.0);
    private static final double EXP_FLOOR = ScalarTwins.EXP_FLOOR;
    private static final double C11 = ScalarTwins.C11;
    private static final double C10 = ScalarTwins.C10;
    private static final double C9 = ScalarTwins.C9;
    private static final double C8 = ScalarTwins.C8;
    private static final double C7 = ScalarTwins.C7;
    private static final double C6 = ScalarTwins.C6;
    private static final double C5 = ScalarTwins.C5;
    private static final double C4 = ScalarTwins.C4;
    private static final double C3 = ScalarTwins.C3;
    private static final double C2 = ScalarTwins.C2;
    private static final long ONE_BITS = ScalarTwins.ONE_BITS;
    private static final DoubleVector MINUS_LN2_HI = DoubleVector.broadcast(SPECIES, -LN2_HI);
    private static final DoubleVector MINUS_LN2_LO = DoubleVector.broadcast(SPECIES, -LN2_LO);
    private static final DoubleVector PADE_Q3 = DoubleVector.broadcast(SPECIES, 14490);
    private static final DoubleVector PADE_Q2 = DoubleVector.broadcast(SPECIES, 1392930);
    private static final DoubleVector PADE_Q1 = DoubleVector.broadcast(SPECIES, 26351325);
    private static final DoubleVector PADE_Q0 = DoubleVector.broadcast(SPECIES, 56756700);
    private static final DoubleVector PADE_C1 = DoubleVector.broadcast(SPECIES, 1216215);
    private static final DoubleVector PADE_C0 = DoubleVector.broadcast(SPECIES, 18918900);
    private static final long TWO_P1000_BITS = ScalarTwins.TWO_P1000_BITS;
    private static final long SIGN = ScalarTwins.SIGN;

    /** Made once, by reflection, by {@link FastMath}. */
    VectorLoops() {
    }

    @Override
    public String name() {
        return "Vector API (" + SPECIES.length() + " lanes)";
    }

    @Override
    public void tanh(double[] x, double[] y, int from, int to) {
        tanhRows(x, null, y, from, 1, to - from);
    }

    @Override
    public void sigmoid(double[] x, double[] y, int from, int to) {
        sigmoidRows(x, null, y, from, 1, to - from);
    }

    @Override
    public void exp(double[] x, double[] y, int from, int to) {
        expLanes(x, y, from, to);
    }

    @Override
    public void log(double[] x, double[] y, int from, int to) {
        logLanes(x, y, from, to);
    }

    @Override
    public void biasTanh(double[] bias, double[] z, int rows, int cols) {
        tanhRows(z, bias, z, 0, rows, cols);
    }

    @Override
    public void biasSigmoid(double[] bias, double[] z, int rows, int cols) {
        sigmoidRows(z, bias, z, 0, rows, cols);
    }

    /**
     * For tanh, gz = g ⊙ (1 − y²) and the bias's column sums in one pass over blocks of whole rows of about
     * {@value #BACKWARD_BLOCK} values: in each block, as {@link #addColumnSums} does, four vectors of columns at a time (then
     * two, then one), each vector's products written to gz and added into its columns' sums, held in registers from the
     * block's first row to its last; so gz is not read back in a second pass. Each lane computes (1 − y·y)·g as the scalar
     * loop does (no fused multiply-add) and each column adds down its rows in order, so the bits are {@link ScalarLoops}'s;
     * the columns past the last whole vector one at a time. Against the map followed by a second pass for the sums
     * (2026-12-07, one thread, alternated in one JVM): 0.78–0.80 of its time at {@code medium}'s 256×128, 0.69–0.85 at
     * {@code large}'s 128×256, 0.56–0.63 at {@code moons}' 100×16. The other activations run {@link ScalarLoops}'s pass
     * (a C2-vectorised map and the column sums a block of rows at a time); a lanes loop shared by all of them, the
     * activation chosen per vector, kept only part of the gain.
     */
    @Override
    public void biasActivationBackward(Activation activation, double[] g, double[] y, double[] gz, double[] biasGrad, int rows,
                                       int cols) {
        if (activation != Activation.TANH || cols == 0) {
            ScalarLoops.INSTANCE.biasActivationBackward(activation, g, y, gz, biasGrad, rows, cols);
            return;
        }
        int blockRows = Math.max(1, BACKWARD_BLOCK / cols);
        for (int from = 0; from < rows; from += blockRows) {
            tanhBackwardBlock(g, y, gz, biasGrad, from, Math.min(rows, from + blockRows), cols);
        }
    }

    /** Values a block of {@link #biasActivationBackward} spans, in whole rows (at least one): its rows of gz stay in L1. */
    private static final int BACKWARD_BLOCK = 1024;

    /** {@link #biasActivationBackward} for tanh on the rows [from, to); with no sums (null), the same gz. */
    private static void tanhBackwardBlock(double[] g, double[] y, double[] gz, double[] sums, int from, int to, int cols) {
        int lanes = SPECIES.length();
        int bound = SPECIES.loopBound(cols);
        int j = 0;
        for (; j + 4 * lanes <= bound; j += 4 * lanes) {
            DoubleVector s0 = sums == null ? ZERO : DoubleVector.fromArray(SPECIES, sums, j);
            DoubleVector s1 = sums == null ? ZERO : DoubleVector.fromArray(SPECIES, sums, j + lanes);
            DoubleVector s2 = sums == null ? ZERO : DoubleVector.fromArray(SPECIES, sums, j + 2 * lanes);
            DoubleVector s3 = sums == null ? ZERO : DoubleVector.fromArray(SPECIES, sums, j + 3 * lanes);
            for (int r = from, k = from * cols + j; r < to; r++, k += cols) {
                DoubleVector l0 = tanhLocal(g, y, k);
                DoubleVector l1 = tanhLocal(g, y, k + lanes);
                DoubleVector l2 = tanhLocal(g, y, k + 2 * lanes);
                DoubleVector l3 = tanhLocal(g, y, k + 3 * lanes);
                l0.intoArray(gz, k);
                l1.intoArray(gz, k + lanes);
                l2.intoArray(gz, k + 2 * lanes);
                l3.intoArray(gz, k + 3 * lanes);
                s0 = s0.add(l0);
                s1 = s1.add(l1);
                s2 = s2.add(l2);
                s3 = s3.add(l3);
            }
            if (sums != null) {
                s0.intoArray(sums, j);
                s1.intoArray(sums, j + lanes);
                s2.intoArray(sums, j + 2 * lanes);
                s3.intoArray(sums, j + 3 * lanes);
            }
        }
        for (; j + 2 * lanes <= bound; j += 2 * lanes) {
            DoubleVector s0 = sums == null ? ZERO : DoubleVector.fromArray(SPECIES, sums, j);
            DoubleVector s1 = sums == null ? ZERO : DoubleVector.fromArray(SPECIES, sums, j + lanes);
            for (int r = from, k = from * cols + j; r < to; r++, k += cols) {
                DoubleVector l0 = tanhLocal(g, y, k);
                DoubleVector l1 = tanhLocal(g, y, k + lanes);
                l0.intoArray(gz, k);
                l1.intoArray(gz, k + lanes);
                s0 = s0.add(l0);
                s1 = s1.add(l1);
            }
            if (sums != null) {
                s0.intoArray(sums, j);
                s1.intoArray(sums, j + lanes);
            }
        }
        for (; j < bound; j += lanes) {
            DoubleVector s0 = sums == null ? ZERO : DoubleVector.fromArray(SPECIES, sums, j);
            for (int r = from, k = from * cols + j; r < to; r++, k += cols) {
                DoubleVector l0 = tanhLocal(g, y, k);
                l0.intoArray(gz, k);
                s0 = s0.add(l0);
            }
            if (sums != null) {
                s0.intoArray(sums, j);
            }
        }
        for (; j < cols; j++) {
            double s = sums == null ? 0 : sums[j];
            for (int r = from, k = from * cols + j; r < to; r++, k += cols) {
                double local = Activation.tanhDerivative(y[k]) * g[k];
                gz[k] = local;
                s += local;
            }
            if (sums != null) {
                sums[j] = s;
            }
        }
    }

    /** (1 − y·y)·g on the vector at k, as the scalar loop computes each element. */
    private static DoubleVector tanhLocal(double[] g, double[] y, int k) {
        DoubleVector out = DoubleVector.fromArray(SPECIES, y, k);
        return ONE.sub(out.mul(out)).mul(DoubleVector.fromArray(SPECIES, g, k));
    }

    /**
     * row[j] += m[0, j] + m[1, j] + … for the rows×cols matrix m that starts at index from, each
     * column's sum added down its rows in order as the scalar
     * loop adds it (a lane's additions are those of its column): four vectors of columns at a time,
     * then two, then one, each sum held in a register from the first row to the last, so that several
     * chains of additions run side by side; the columns past the last whole vector one at a time.
     */
    @Override
    public void addColumnSums(double[] m, int from, double[] row, int rows, int cols) {
        int lanes = SPECIES.length();
        int bound = SPECIES.loopBound(cols);
        int j = 0;
        for (; j + 4 * lanes <= bound; j += 4 * lanes) {
            DoubleVector s0 = DoubleVector.fromArray(SPECIES, row, j);
            DoubleVector s1 = DoubleVector.fromArray(SPECIES, row, j + lanes);
            DoubleVector s2 = DoubleVector.fromArray(SPECIES, row, j + 2 * lanes);
            DoubleVector s3 = DoubleVector.fromArray(SPECIES, row, j + 3 * lanes);
            for (int r = 0, k = from + j; r < rows; r++, k += cols) {
                s0 = s0.add(DoubleVector.fromArray(SPECIES, m, k));
                s1 = s1.add(DoubleVector.fromArray(SPECIES, m, k + lanes));
                s2 = s2.add(DoubleVector.fromArray(SPECIES, m, k + 2 * lanes));
                s3 = s3.add(DoubleVector.fromArray(SPECIES, m, k + 3 * lanes));
            }
            s0.intoArray(row, j);
            s1.intoArray(row, j + lanes);
            s2.intoArray(row, j + 2 * lanes);
            s3.intoArray(row, j + 3 * lanes);
        }
        for (; j + 2 * lanes <= bound; j += 2 * lanes) {
            DoubleVector s0 = DoubleVector.fromArray(SPECIES, row, j);
            DoubleVector s1 = DoubleVector.fromArray(SPECIES, row, j + lanes);
            for (int r = 0, k = from + j; r < rows; r++, k += cols) {
                s0 = s0.add(DoubleVector.fromArray(SPECIES, m, k));
                s1 = s1.add(DoubleVector.fromArray(SPECIES, m, k + lanes));
            }
            s0.intoArray(row, j);
            s1.intoArray(row, j + lanes);
        }
        for (; j < bound; j += lanes) {
            DoubleVector s = DoubleVector.fromArray(SPECIES, row, j);
            for (int r = 0, k = from + j; r < rows; r++, k += cols) {
                s = s.add(DoubleVector.fromArray(SPECIES, m, k));
            }
            s.intoArray(row, j);
        }
        for (; j < cols; j++) {
            double s = row[j];
            for (int r = 0, k = from + j; r < rows; r++, k += cols) {
                s += m[k];
            }
            row[j] = s;
        }
    }

    /**
     * Whether every {@code values[i] − rate·gradients[i]} in [from, to) is finite: each lane computes
     * its new values as the scalar loop does (a product, then a difference, no fused multiply-add), two
     * vectors at a time, and x − x, which is 0 for a finite x and NaN for ±∞ or NaN, tells whether any
     * of them is not finite (the sum of the two vectors of x − x is 0 in every lane exactly when all are
     * finite); the elements past the last pair of vectors are checked one at a time. Exact, so the
     * scalar loop's answer. No vector is carried from one iteration to the next: a loop-carried vector
     * (an accumulated sum) was boxed by C2 on JDK 17 in some compilations, which allocated ~13 kB a
     * step at {@code moons} and slowed the loop (measured 2026-12-07 in the comparison's step server).
     */
    @Override
    public boolean finiteAfterDescent(double[] values, double[] gradients, double rate, int from, int to) {
        int lanes = SPECIES.length();
        int i = from;
        for (; i + 2 * lanes <= to; i += 2 * lanes) {
            DoubleVector a = DoubleVector.fromArray(SPECIES, values, i).sub(DoubleVector.fromArray(SPECIES, gradients, i).mul(rate));
            DoubleVector b = DoubleVector.fromArray(SPECIES, values, i + lanes)
                    .sub(DoubleVector.fromArray(SPECIES, gradients, i + lanes).mul(rate));
            if (a.sub(a).add(b.sub(b)).compare(VectorOperators.NE, 0.0).anyTrue()) {
                return false;
            }
        }
        return ScalarLoops.eachFiniteAfterDescent(values, gradients, rate, i, to);
    }

    // ------------------------------------------------------------------ the vector loops

    /** fdlibm's exp (e_exp.c) on every lane: {@link StrictMath#exp} bit for bit. */
    private static void expLanes(double[] xs, double[] ys, int from, int to) {
        int i = from;
        for (int end = from + SPECIES.loopBound(to - from); i < end; i += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, xs, i);
            // fdlibm e_exp.c: k = (int)(x/ln2 ± 0.5) where |x| > ln2/2, else 0
            DoubleVector v = x.mul(INV_LN2).add(HALF.blend(MINUS_HALF, x.compare(VectorOperators.LT, 0.0)));
            DoubleVector nearest = v.add(MAGIC).sub(MAGIC);
            DoubleVector k = nearest
                    .blend(nearest.sub(1.0), nearest.compare(VectorOperators.GT, v).and(v.compare(VectorOperators.GE, 0.0)))
                    .blend(nearest.add(1.0), nearest.compare(VectorOperators.LT, v).and(v.compare(VectorOperators.LT, 0.0)))
                    .blend(0.0, x.abs().compare(VectorOperators.LT, EXP_REDUCE));
            // e^r for r = x − k·ln2 = hi − lo
            DoubleVector hi = x.sub(k.mul(LN2_HI));
            DoubleVector lo = k.mul(LN2_LO);
            DoubleVector r = hi.sub(lo);
            DoubleVector t = r.mul(r);
            DoubleVector c = r.sub(t.mul(t.mul(t.mul(t.mul(t.mul(P5).add(P4)).add(P3)).add(P2)).add(P1)));
            DoubleVector e = ONE.sub(lo.sub(r.mul(c).div(TWO.sub(c))).sub(hi));
            // e·2ᵏ by adding k to the exponent; below k = −1021, k + 1000 and then a product with 2⁻¹⁰⁰⁰
            VectorMask<Double> deep = k.compare(VectorOperators.LT, -1021.0);
            LongVector shift = k.add(ZERO.blend(1000.0, deep)).add(MAGIC).reinterpretAsLongs().sub(MAGIC_BITS);
            e = e.reinterpretAsLongs().add(shift.lanewise(VectorOperators.LSHL, 52)).reinterpretAsDoubles()
                    .mul(ONE.blend(TWO_M1000, deep));
            e.blend(x.add(1.0), x.abs().compare(VectorOperators.LT, EXP_TINY))
                    .blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.GT, O_THRESHOLD))
                    .blend(0.0, x.compare(VectorOperators.LT, U_THRESHOLD))
                    .blend(x.add(x), x.test(VectorOperators.IS_NAN))
                    .intoArray(ys, i);
        }
        for (; i < to; i++) {
            ys[i] = StrictMath.exp(xs[i]);
        }
    }

    /** fdlibm's log (e_log.c) on every lane: {@link StrictMath#log} bit for bit. */
    private static void logLanes(double[] xs, double[] ys, int from, int to) {
        int i = from;
        for (int end = from + SPECIES.loopBound(to - from); i < end; i += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, xs, i);
            // fdlibm e_log.c: x = 2ᵏ·(1 + f) with 1 + f in [√2/2, √2); subnormals scaled by 2⁵⁴ first
            VectorMask<Double> subnormal = x.compare(VectorOperators.LT, Double.MIN_NORMAL);
            LongVector bits = x.blend(x.mul(TWO54), subnormal).reinterpretAsLongs();
            LongVector hx = bits.lanewise(VectorOperators.LSHR, 32);
            LongVector mantissaHigh = hx.and(0xfffffL);
            LongVector half = mantissaHigh.add(0x95f64L).and(0x100000L);
            LongVector exponent = hx.lanewise(VectorOperators.LSHR, 20).sub(1023L).add(half.lanewise(VectorOperators.LSHR, 20));
            DoubleVector dk = exponent.add(MAGIC_BITS).reinterpretAsDoubles().sub(MAGIC).sub(ZERO.blend(54.0, subnormal));
            DoubleVector f = mantissaHigh.or(half.lanewise(VectorOperators.XOR, 0x3ff00000L))
                    .lanewise(VectorOperators.LSHL, 32).or(bits.and(0xffffffffL)).reinterpretAsDoubles().sub(1.0);
            // |f| < 2⁻²⁰: f − f²/2 + f³/3
            DoubleVector r0 = f.mul(f).mul(HALF.sub(f.mul(THIRD)));
            DoubleVector nearOne = dk.mul(LN2_HI).sub(r0.sub(dk.mul(LN2_LO)).sub(f))
                    .blend(dk.mul(LN2_HI).add(dk.mul(LN2_LO)), f.compare(VectorOperators.EQ, 0.0));
            DoubleVector nearOneTest = mantissaHigh.add(2L).and(0xfffffL).add(MAGIC_BITS).reinterpretAsDoubles().sub(MAGIC);
            // otherwise the series in s = f/(2 + f), in one of two forms
            DoubleVector s = f.div(f.add(2.0));
            DoubleVector z = s.mul(s);
            DoubleVector w = z.mul(z);
            DoubleVector t1 = w.mul(w.mul(w.mul(LG6).add(LG4)).add(LG2));
            DoubleVector t2 = z.mul(w.mul(w.mul(w.mul(LG7).add(LG5)).add(LG3)).add(LG1));
            DoubleVector r = t2.add(t1);
            DoubleVector hfsq = f.mul(0.5).mul(f);
            DoubleVector withHfsq = dk.mul(LN2_HI).sub(hfsq.sub(s.mul(hfsq.add(r)).add(dk.mul(LN2_LO))).sub(f));
            DoubleVector withoutHfsq = dk.mul(LN2_HI).sub(s.mul(f.sub(r)).sub(dk.mul(LN2_LO)).sub(f));
            DoubleVector form = mantissaHigh.sub(0x6147aL).or(mantissaHigh.neg().add(0x6b851L))
                    .add(MAGIC_BITS).reinterpretAsDoubles().sub(MAGIC);
            withoutHfsq.blend(withHfsq, form.compare(VectorOperators.GT, 0.0))
                    .blend(nearOne, nearOneTest.compare(VectorOperators.LT, 3.0))
                    // fdlibm's (x − x)/0 for x < 0, not the constant NaN: StrictMath's NaN has the sign bit set on x86
                    .blend(x.sub(x).div(0.0), x.compare(VectorOperators.LT, 0.0))
                    .blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0.0))
                    .blend(x.add(x), x.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY).or(x.test(VectorOperators.IS_NAN)))
                    .intoArray(ys, i);
        }
        for (; i < to; i++) {
            ys[i] = StrictMath.log(xs[i]);
        }
    }

    // ------------------------------------------------------------------ tanh and sigmoid over rows, bias optional

    /**
     * y[o + i·cols + j] = tanh(x[o + i·cols + j] + bias[j]) (no bias when null): {@link ScalarTwins#tanh},
     * i.e. ±(a − a·z·C/Q) with z = a² below a = |x| = 0.6 (and for NaN), else ±(1 − 2/(e^{2a} + 1)),
     * one division for both, the sign OR-ed in from x's sign bit.
     *
     * <p>Both forms are computed on every lane and one is kept by bit operations, not by
     * {@code blend}: on JDK 17 C2 keeps a {@code VectorMask} as a vector of booleans and rebuilds
     * the processor's mask register from it at each {@code blend} (two instructions a blend, and
     * one more a comparison), where the select (m &amp; p) | (~m &amp; q) is one instruction
     * ({@code vpternlogq}). The mask m is the sign of (1⁻ − a) spread over the lane by an arithmetic
     * shift; 2a is taken at 44 from a = 22 on as the least of a's bits and 22's (for a ≥ 0 the bits
     * are ordered as the values; NaN lanes keep the Padé form, so what this does to them is thrown away).
     */
    private static void tanhRows(double[] xs, double[] bias, double[] ys, int offset, int rows, int cols) {
        int bound = SPECIES.loopBound(cols);
        if (bound == cols) {
            tanhVectors(xs, bias, ys, offset, rows * cols, cols);
            return;
        }
        for (int row = 0, base = offset; row < rows; row++, base += cols) {
            tanhVectors(xs, bias, ys, base, bound, bound);
            for (int j = bound; j < cols; j++) {
                ys[base + j] = ScalarTwins.tanh(bias == null ? xs[base + j] : xs[base + j] + bias[j]);
            }
        }
    }

    /**
     * {@link #tanhRows} on whole vectors, y[b + i] = tanh(x[b + i] + bias[i mod period]) for i in
     * [0, bound): one row's whole vectors (period = bound), or every row at once when the columns are
     * a whole number of vectors (period = cols), so that a narrow layer (16 wide at {@code moons})
     * runs one loop, not a call of two iterations per row. Both ways the bias index wraps to 0 (at a
     * row's end, harmlessly), so the warm-up's rows teach C2 that branch and a layer's first call
     * after the switch to the lanes does not throw the compiled loop away. A method of its own with no call in it. Were the scalar tail in the same compiled
     * code, the constants C2 hoists out of the vector loop would be live across the tail's calls, so
     * C2 (which saves no vector register across a call) would keep them on the stack and load each
     * one in every iteration: on JDK 17 that made the loop 1.5 times slower once a tail had run. Over
     * C2's inlining size, this method is compiled on its own, its constants in registers.
     */
    private static void tanhVectors(double[] xs, double[] bias, double[] ys, int base, int bound, int period) {
        for (int at = 0, j = 0; at < bound; at += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, xs, base + at);
            if (bias != null) {
                x = x.add(DoubleVector.fromArray(SPECIES, bias, j));
                j += SPECIES.length();
                j = j == period ? 0 : j;
            }
            LongVector xBits = x.reinterpretAsLongs();
            LongVector aBits = xBits.and(~SIGN);
            DoubleVector a = aBits.reinterpretAsDoubles();
            LongVector large = BELOW_PADE_LIMIT.sub(a).reinterpretAsLongs().lanewise(VectorOperators.ASHR, 63);
            LongVector small = large.not();
            DoubleVector z = a.mul(a);
            DoubleVector q = z.fma(PADE_Q3, PADE_Q2).fma(z, PADE_Q1).fma(z, PADE_Q0);
            DoubleVector cz = z.add(13860).fma(z, PADE_C1).fma(z, PADE_C0);
            // e^u + 1 = 2ᵏ·p + (2ᵏ + 1), u = 2a (44 from a = 22 on), p = ScalarTwins.expm1Of
            DoubleVector half = aBits.lanewise(VectorOperators.MIN, TANH_SATURATION_BITS).reinterpretAsDoubles();
            DoubleVector u = half.add(half);
            DoubleVector shifted = u.fma(INV_LN2, MAGIC);
            DoubleVector k = shifted.sub(MAGIC);
            DoubleVector r = k.fma(MINUS_LN2_LO, k.fma(MINUS_LN2_HI, u));
            DoubleVector r2 = r.mul(r);
            DoubleVector r4 = r2.mul(r2);
            DoubleVector low = r2.fma(r.fma(C5, C4), r.fma(C3, C2));
            DoubleVector middle = r2.fma(r.fma(C9, C8), r.fma(C7, C6));
            DoubleVector high = r.fma(C11, C10);
            DoubleVector p = r2.fma(r4.fma(r4.fma(high, middle), low), r);
            DoubleVector s = shifted.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).add(ONE_BITS).reinterpretAsDoubles();
            DoubleVector expPlusOne = s.fma(p, s.add(1.0));
            // below 0.6: a − a·z·C/Q; from 0.6: 1 − 2/(e + 1)
            LongVector numerator = large.and(TWO_BITS).or(small.and(a.mul(z).mul(cz).reinterpretAsLongs()));
            LongVector denominator = large.and(expPlusOne.reinterpretAsLongs()).or(small.and(q.reinterpretAsLongs()));
            LongVector minuend = large.and(ONE_BITS).or(small.and(aBits));
            minuend.reinterpretAsDoubles().sub(numerator.reinterpretAsDoubles().div(denominator.reinterpretAsDoubles()))
                    .reinterpretAsLongs().or(xBits.and(SIGN)).reinterpretAsDoubles()
                    .intoArray(ys, base + at);
        }
    }

    /**
     * y[o + i·cols + j] = σ(x[o + i·cols + j] + bias[j]) (no bias when null): {@link ScalarTwins#sigmoid},
     * i.e. 1/(1 + t) for x ≥ 0 and t/(1 + t) below, with t = e^{−|x|} (−|x| taken at −746 below it).
     */
    private static void sigmoidRows(double[] xs, double[] bias, double[] ys, int offset, int rows, int cols) {
        int bound = SPECIES.loopBound(cols);
        if (bound == cols) {
            sigmoidVectors(xs, bias, ys, offset, rows * cols, cols);
            return;
        }
        for (int row = 0, base = offset; row < rows; row++, base += cols) {
            sigmoidVectors(xs, bias, ys, base, bound, bound);
            for (int j = bound; j < cols; j++) {
                ys[base + j] = ScalarTwins.sigmoid(bias == null ? xs[base + j] : xs[base + j] + bias[j]);
            }
        }
    }

    /** {@link #sigmoidRows} on whole vectors, i in [0, bound), bias[i mod period]: a method of its own, as {@link #tanhVectors}. */
    private static void sigmoidVectors(double[] xs, double[] bias, double[] ys, int base, int bound, int period) {
        for (int at = 0, j = 0; at < bound; at += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, xs, base + at);
            if (bias != null) {
                x = x.add(DoubleVector.fromArray(SPECIES, bias, j));
                j += SPECIES.length();
                j = j == period ? 0 : j;
            }
            // t = e^u, u = −|x|: 1 + ScalarTwins.expm1Of, times 2^{k+1000}, times 2⁻¹⁰⁰⁰
            DoubleVector u = x.reinterpretAsLongs().or(SIGN).reinterpretAsDoubles();
            u = u.blend(EXP_FLOOR, u.compare(VectorOperators.LT, EXP_FLOOR));
            DoubleVector shifted = u.fma(INV_LN2, MAGIC);
            DoubleVector k = shifted.sub(MAGIC);
            DoubleVector r = k.fma(MINUS_LN2_LO, k.fma(MINUS_LN2_HI, u));
            DoubleVector r2 = r.mul(r);
            DoubleVector r4 = r2.mul(r2);
            DoubleVector low = r2.fma(r.fma(C5, C4), r.fma(C3, C2));
            DoubleVector middle = r2.fma(r.fma(C9, C8), r.fma(C7, C6));
            DoubleVector high = r.fma(C11, C10);
            DoubleVector t = r2.fma(r4.fma(r4.fma(high, middle), low), r).add(1.0)
                    .mul(shifted.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).add(TWO_P1000_BITS).reinterpretAsDoubles())
                    .mul(TWO_M1000);
            t.blend(ONE, x.compare(VectorOperators.GE, 0.0)).div(t.add(1.0)).intoArray(ys, base + at);
        }
    }
}
