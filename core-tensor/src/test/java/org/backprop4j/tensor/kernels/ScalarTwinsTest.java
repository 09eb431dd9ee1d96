package org.backprop4j.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scalar twins give the Vector API lanes' bits, raw bits and NaN's sign included, at every edge
 * of the formulas (where a branch or a blend switches) and on seeded random values, in whole
 * vectors and in tails, alone and after a bias; and they are the formulas they name.
 */
class ScalarTwinsTest {

    private static final double LN2 = Math.log(2);

    /** The edges, each taken with both signs (NaN's sign included). */
    private static final double[] EDGES = {
        // tanh: the Padé approximant below |x| = 0.6 (x itself below 2⁻²⁷), e^{2|x|} taken at 44 from 22 on
        0.0, 0x1p-27, Math.nextDown(0x1p-27), Math.nextUp(0x1p-27), 0.6, Math.nextDown(0.6), Math.nextUp(0.6),
        1.0, Math.nextDown(1.0), Math.nextUp(1.0),
        Math.nextDown(22.0), Math.nextUp(22.0),
        // the twins' exp (tanh's and sigmoid's): k = round(u/ln2) changes at odd multiples of ln2/2; −|x| taken at −746
        0.5 * LN2, Math.nextDown(0.5 * LN2), Math.nextUp(0.5 * LN2), 2.5 * LN2 / 2, 1022.5 * LN2, 1074.5 * LN2,
        746, Math.nextDown(746.0), Math.nextUp(746.0),
        // exp: 1 + x below 2⁻²⁸ (where 1 − 2⁻²⁹ − 2⁻⁵³ − 2⁻⁵⁴ is a tie that the unreduced polynomial rounds the other
        // way); no reduction below 0x3fd62e43 (just above ln2/2); k = ±1 from there, 2 from 1.5·ln2
        0x1p-28, Math.nextDown(0x1p-28), Math.nextUp(0x1p-28), 0x1p-29 + 0x1p-53 + 0x1p-54,
        LN2 / 2, Double.longBitsToDouble(0x3fd62e4300000000L),
        // between ln2/2 and 0x3fd62e43 fdlibm does not reduce, where x/ln2 rounded alone would give k = −1 for −x:
        // two values at which that reduction would give other bits for sigmoid(x) and sigmoid(−x)
        Double.longBitsToDouble(0x3fd62e42fefa3a0fL), Double.longBitsToDouble(0x3fd62e42fefa3a1cL),
        Double.longBitsToDouble(0x3fd62e42ffffffffL), LN2, 1.5 * LN2, Math.nextDown(1.5 * LN2), Math.nextUp(1.5 * LN2),
        2.5 * LN2, Math.nextDown(2.5 * LN2),
        // exp: overflow, underflow, the scaling by 2⁻¹⁰⁰⁰ below k = −1021, subnormal results
        7.09782712893383973096e+02, Math.nextUp(7.09782712893383973096e+02),
        7.45133219101941108420e+02, Math.nextUp(7.45133219101941108420e+02), 1021 * LN2, 1021.5 * LN2, 1022 * LN2, 740,
        // log: subnormal arguments, the form of 1 + f around √2, arguments near 1
        Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), 1e-310, Math.sqrt(2), Math.sqrt(0.5),
        Double.longBitsToDouble(0x3ff6147a00000000L), Double.longBitsToDouble(0x3ff6b85100000000L),
        Double.longBitsToDouble(0x3ff6b85200000000L), 1 + 0x1p-20, 1 - 0x1p-20, 1 + 0x1p-21, Math.nextUp(1.0), 2.0,
        // sigmoid and tanh saturating, the extremes
        19.06, 22, 36.8, 40, Double.MAX_VALUE, Double.POSITIVE_INFINITY,
        // NaN: the quiet NaN and the one with its sign set (x86's 0/0), negated below; and the NaN with the
        // highest bits, which tanh's lanes take at 22 in the exp form they then throw away
        Double.NaN, Double.longBitsToDouble(0x7ff0000000000001L), Double.longBitsToDouble(0x7fffffffffffffffL)
    };

    /** A map of a range, the lanes' or the twins'. */
    private interface Map {
        void run(KernelLoops loops, double[] x, double[] y, int from, int to);
    }

    private static final List<Map> MAPS = List.of(KernelLoops::tanh, KernelLoops::sigmoid, KernelLoops::exp, KernelLoops::log,
            (loops, x, y, from, to) -> loops.biasTanh(new double[to - from], y, 1, to - from),
            (loops, x, y, from, to) -> loops.biasSigmoid(new double[to - from], y, 1, to - from));

    private static final List<String> NAMES = List.of("tanh", "sigmoid", "exp", "log", "biasTanh", "biasSigmoid");

    private static KernelLoops lanes() {
        assumeTrue(FastMath.simd(), "the lanes run only in a JVM that has the Vector API");
        return FastMath.loops().lanesOnly();
    }

    /** Runs map i on x (in place for the bias maps) and gives the raw bits of the results, as hex. */
    private static List<String> bits(KernelLoops loops, int map, double[] x) {
        double[] y = x.clone();
        MAPS.get(map).run(loops, x, y, 0, x.length);
        List<String> bits = new ArrayList<>();
        for (double v : y) {
            bits.add(Long.toHexString(Double.doubleToRawLongBits(v)));
        }
        return bits;
    }

    private static void assertSameBits(KernelLoops lanes, double[] x, String what) {
        for (int map = 0; map < MAPS.size(); map++) {
            assertEquals(bits(ScalarTwins.INSTANCE, map, x), bits(lanes, map, x), NAMES.get(map) + " " + what);
        }
    }

    @Test
    void theLanesGiveTheTwinsBitsAtEveryEdge() {
        KernelLoops lanes = lanes();
        for (double edge : EDGES) {
            for (double x : new double[] {edge, -edge}) {
                // 41 copies: whole vectors of every lane count, and a tail
                double[] xs = new double[41];
                Arrays.fill(xs, x);
                assertSameBits(lanes, xs, "at " + x + " (bits " + Long.toHexString(Double.doubleToRawLongBits(x)) + ")");
            }
        }
    }

    @Test
    void theLanesGiveTheTwinsBitsOnEveryEdgeSideBySide() {
        // every edge beside every other one in a vector, so a lane's blend cannot borrow its neighbour's branch
        KernelLoops lanes = lanes();
        double[] xs = new double[2 * EDGES.length];
        for (int i = 0; i < EDGES.length; i++) {
            xs[2 * i] = EDGES[i];
            xs[2 * i + 1] = -EDGES[(i + 7) % EDGES.length];
        }
        assertSameBits(lanes, xs, "on " + Arrays.toString(xs));
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 8);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theLanesGiveTheTwinsBitsOnSeededValues(long seed) {
        KernelLoops lanes = lanes();
        SplittableRandom random = new SplittableRandom(seed);
        double[] xs = new double[4099];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = switch (i % 4) {
                case 0 -> random.nextDouble(-2, 2);
                case 1 -> random.nextDouble(-40, 40);
                case 2 -> Math.scalb(random.nextDouble(-1, 1), -random.nextInt(40));
                default -> random.nextDouble(-800, 800);
            };
        }
        assertSameBits(lanes, xs, "seed " + seed);
    }

    /**
     * The twins' Padé approximant, x − x·z·C/Q with C/Q the [3/3] Padé approximant of (1 − tanh(x)/x)/z, z = x²,
     * evaluated as the twins write it (Horner's rule by fused multiply-adds).
     */
    private static double padeTanh(double x) {
        double z = x * x;
        double q = Math.fma(Math.fma(Math.fma(14490, z, 1392930), z, 26351325), z, 56756700);
        double c = Math.fma(Math.fma(z + 13860, z, 1216215), z, 18918900);
        return x - x * z * c / q;
    }

    /** e^u on the twins' exp: 1 + {@link ScalarTwins#expm1Of} scaled by 2ᵏ, rounded once. */
    static double twinExp(double u) {
        double shifted = Math.fma(u, ScalarTwins.INV_LN2, ScalarTwins.MAGIC);
        return Math.scalb(1.0 + ScalarTwins.expm1Of(u, shifted), (int) (shifted - ScalarTwins.MAGIC));
    }

    /** e^u + 1 on the twins' exp, rounded once: 2ᵏ·(e^r − 1) + (2ᵏ + 1) by one fused multiply-add. */
    private static double twinExpPlusOne(double u) {
        double shifted = Math.fma(u, ScalarTwins.INV_LN2, ScalarTwins.MAGIC);
        double twoToK = Math.scalb(1.0, (int) (shifted - ScalarTwins.MAGIC));
        return Math.fma(twoToK, ScalarTwins.expm1Of(u, shifted), twoToK + 1.0);
    }

    /** ±(1 − 2/(e^{2|x|} + 1)) on the twins' exp, e^{2|x|} + 1 rounded once. */
    private static double expTanh(double x) {
        return Math.copySign(1.0 - 2.0 / twinExpPlusOne(2 * Math.abs(x)), x);
    }

    @Test
    void theTwinsAreTheirStatedFormulasOnTheirOwnExp() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            double x = i % 2 == 0 ? random.nextDouble(-3, 3) : random.nextDouble(-1, 1);
            double a = Math.abs(x);
            double expectedTanh = a < ScalarTwins.PADE_LIMIT ? padeTanh(x) : expTanh(x);
            assertSameBits(expectedTanh, ScalarTwins.tanh(x), "tanh(" + x + ")");
            double t = twinExp(-a);
            assertSameBits((x >= 0 ? 1.0 : t) / (1.0 + t), ScalarTwins.sigmoid(x), "sigmoid(" + x + ")");
        }
        for (double x : new double[] {22, Math.nextUp(22.0), 40, Double.MAX_VALUE, Double.POSITIVE_INFINITY}) {
            assertSameBits(1.0, ScalarTwins.tanh(x), "tanh(" + x + ")");
            assertSameBits(-1.0, ScalarTwins.tanh(-x), "tanh(" + -x + ")");
        }
        for (double x : new double[] {746, Math.nextUp(746.0), 1e300, Double.POSITIVE_INFINITY}) {
            assertSameBits(0.0, ScalarTwins.sigmoid(-x), "sigmoid(" + -x + ")");
            assertSameBits(1.0, ScalarTwins.sigmoid(x), "sigmoid(" + x + ")");
        }
        assertEquals(0.6, ScalarTwins.PADE_LIMIT);
        assertEquals(22.0, ScalarTwins.TANH_SATURATION);
        assertEquals(-746.0, ScalarTwins.EXP_FLOOR);
    }

    private static void assertSameBits(double expected, double actual, String what) {
        assertEquals(Long.toHexString(Double.doubleToRawLongBits(expected)), Long.toHexString(Double.doubleToRawLongBits(actual)), what);
    }

    @Test
    void atEachBranchBoundaryBothFormulasGiveTheSameBits() {
        // why the boundary mutants in mutation-equivalents.md change nothing
        for (double sign : new double[] {1, -1}) {
            double limit = sign * ScalarTwins.PADE_LIMIT;
            assertSameBits(padeTanh(limit), expTanh(limit), "Padé and 1 - 2/(e + 1) at " + limit);
            assertSameBits(padeTanh(limit), ScalarTwins.tanh(limit), "tanh(" + limit + ")");
            double saturated = sign * ScalarTwins.TANH_SATURATION;
            assertSameBits(sign, ScalarTwins.tanh(saturated), "tanh(" + saturated + ")");
        }
        assertSameBits(0.0, twinExp(ScalarTwins.EXP_FLOOR), "e^-746");
        for (double zero : new double[] {0.0, -0.0}) {
            assertSameBits(0.5, ScalarTwins.sigmoid(zero), "sigmoid(" + zero + ")");
            // a = 0 in the Padé branch, the sign OR-ed back in
            assertSameBits(zero, ScalarTwins.tanh(zero), "tanh(" + zero + ")");
        }
        for (double tiny : new double[] {Double.MIN_VALUE, 0x1p-1022, 1e-300, 0x1p-27}) {
            assertSameBits(tiny, ScalarTwins.tanh(tiny), "tanh(" + tiny + ")");
            assertSameBits(-tiny, ScalarTwins.tanh(-tiny), "tanh(" + -tiny + ")");
        }
    }

    @Test
    void theTwinsAreTheirOwnLanesAndSayWhatTheyAre() {
        assertEquals("scalar twins", ScalarTwins.INSTANCE.name());
        assertSame(ScalarTwins.INSTANCE, ScalarTwins.INSTANCE.lanesOnly());
    }
}
