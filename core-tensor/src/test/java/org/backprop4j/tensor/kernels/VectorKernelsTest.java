package org.backprop4j.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;
import org.backprop4j.scalar.CentralDifference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel, on the loops this JVM runs and on the scalar loops: within 2 ulp of StrictMath on a
 * million points and every special value, the same bits wherever a range is split, backward maps
 * against central differences, the fused bias-and-activation pass against its parts.
 */
class VectorKernelsTest {

    /** The edges of every formula: FastMath's switch-over points, fdlibm's thresholds, and IEEE specials. */
    private static final double[] SPECIAL = {
        0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-310, -1e-310, Double.MIN_NORMAL, -Double.MIN_NORMAL,
        1e-300, 0x1p-29, 0x1p-28, Math.nextDown(0x1p-28), 0x1p-27, Math.nextDown(0x1p-27), -0x1p-27,
        0.5, -0.5, Math.nextDown(1.0), 1.0, Math.nextUp(1.0), -1.0, Math.nextDown(-1.0), Math.nextUp(-1.0),
        0.6, Math.nextDown(0.6), Math.nextUp(0.6), -0.6, Math.nextDown(-0.6), Math.nextUp(-0.6),
        Math.log(2) / 2, Math.nextUp(Math.log(2) / 2), Double.longBitsToDouble(0x3fd62e42ffffffffL),
        Double.longBitsToDouble(0x3fd62e4300000000L), 1.5 * Math.log(2), Math.log(2), -Math.log(2),
        Math.sqrt(0.5), Math.sqrt(2), 1 + 0x1p-21, 1 - 0x1p-21, 2, 19.06, 22, 22.0000001, -22,
        354.9, 355, 709.78, 7.09782712893383973096e+02, Math.nextUp(7.09782712893383973096e+02), 710,
        -7.08e2, -7.45133219101941108420e+02, Math.nextDown(-7.45133219101941108420e+02), -745.2, -746,
        1000, -1000, 1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN
    };

    /** A forward map and the reference it must stay within 2 ulp of. */
    enum Forward {
        TANH(StrictMath::tanh) {
            @Override
            void run(KernelLoops loops, double[] x, double[] y, int from, int to) {
                loops.tanh(x, y, from, to);
            }
        },
        SIGMOID(Ulps::strictSigmoid) {
            @Override
            void run(KernelLoops loops, double[] x, double[] y, int from, int to) {
                loops.sigmoid(x, y, from, to);
            }
        },
        EXP(StrictMath::exp) {
            @Override
            void run(KernelLoops loops, double[] x, double[] y, int from, int to) {
                loops.exp(x, y, from, to);
            }
        },
        LOG(StrictMath::log) {
            @Override
            void run(KernelLoops loops, double[] x, double[] y, int from, int to) {
                loops.log(x, y, from, to);
            }
        },
        RELU(x -> x < 0 ? 0.0 : x) {
            @Override
            void run(KernelLoops loops, double[] x, double[] y, int from, int to) {
                FastMath.relu(x, y, from, to);
            }
        };

        final DoubleUnaryOperator reference;

        Forward(DoubleUnaryOperator reference) {
            this.reference = reference;
        }

        abstract void run(KernelLoops loops, double[] x, double[] y, int from, int to);

        double apply(KernelLoops loops, double x) {
            double[] in = {x};
            double[] out = new double[1];
            run(loops, in, out, 0, 1);
            return out[0];
        }
    }

    /** A backward map gx += g·f'(x), its forward f, and where to check it. */
    enum Backward {
        TANH(Forward.TANH, -3, 3) {
            @Override
            void run(double[] g, double[] x, double[] y, double[] gx, int from, int to) {
                FastMath.tanhBackward(g, y, gx, from, to);
            }
        },
        SIGMOID(Forward.SIGMOID, -6, 6) {
            @Override
            void run(double[] g, double[] x, double[] y, double[] gx, int from, int to) {
                FastMath.sigmoidBackward(g, y, gx, from, to);
            }
        },
        EXP(Forward.EXP, -3, 3) {
            @Override
            void run(double[] g, double[] x, double[] y, double[] gx, int from, int to) {
                FastMath.expBackward(g, y, gx, from, to);
            }
        },
        LOG(Forward.LOG, 0.1, 5) {
            @Override
            void run(double[] g, double[] x, double[] y, double[] gx, int from, int to) {
                FastMath.logBackward(g, x, gx, from, to);
            }
        },
        RELU(Forward.RELU, -3, 3) {
            @Override
            void run(double[] g, double[] x, double[] y, double[] gx, int from, int to) {
                FastMath.reluBackward(g, y, gx, from, to);
            }
        };

        final Forward forward;
        final double low;
        final double high;

        Backward(Forward forward, double low, double high) {
            this.forward = forward;
            this.low = low;
            this.high = high;
        }

        /** gx += g·f'(x) on [from, to) through {@link FastMath} (the backward maps are scalar loops on every path). */
        abstract void run(double[] g, double[] x, double[] y, double[] gx, int from, int to);
    }

    @BeforeAll
    static void theExpectedKernelsRun() {
        String expected = System.getProperty("backprop4j.test.kernels");
        boolean vector = expected == null
                ? ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                : expected.equals("vector");
        assertEquals(vector, FastMath.simd(), "kernels running: " + FastMath.kernels());
        assertEquals(vector, FastMath.kernels().startsWith("Vector API ("), FastMath.kernels());
        assertEquals(vector, FastMath.loops().lanesOnly() != ScalarLoops.INSTANCE);
        assertEquals(vector, FastMath.loops() != ScalarLoops.INSTANCE);
    }

    /**
     * Every implementation of the loops: the loops this JVM runs (on the Vector API: the scalar twins
     * until the JIT has compiled the vector loops, then those), the vector loops alone and switching
     * loops held on them, the scalar loops, and the vector loops' scalar twins (plain Java, so tested
     * in every JVM). Each test runs on every one: the contract is the same bits wherever a range
     * starts or ends, within 2 ulp of StrictMath.
     */
    static List<KernelLoops> paths() {
        List<KernelLoops> paths = new ArrayList<>();
        paths.add(FastMath.loops());
        if (FastMath.simd()) {
            KernelLoops lanes = FastMath.loops().lanesOnly();
            paths.add(lanes);
            SwitchingLoops switched = new SwitchingLoops(lanes, ScalarTwins.INSTANCE);
            switched.useLanes();
            paths.add(switched);
            paths.add(ScalarLoops.INSTANCE);
        }
        paths.add(ScalarTwins.INSTANCE);
        return paths;
    }

    static Stream<Arguments> forwardOnEachPath() {
        return Stream.of(Forward.values()).flatMap(f -> paths().stream().map(p -> Arguments.of(f, p)));
    }


    static Stream<Arguments> activationOnEachPath() {
        return Stream.of(Activation.values()).flatMap(a -> paths().stream().map(p -> Arguments.of(a, p)));
    }

    /** A million seeded points: every scale from subnormal to overflow, and random bit patterns (NaN, ±∞ among them). */
    private static double[] millionPoints(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[1_000_003];
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (i % 6) {
                case 0 -> random.nextDouble(-1, 1);
                case 1 -> random.nextDouble(-4, 4);
                case 2 -> random.nextDouble(-30, 30);
                case 3 -> random.nextDouble(-800, 800);
                case 4 -> Math.scalb(random.nextDouble(-1, 1), -random.nextInt(1080));
                default -> Double.longBitsToDouble(random.nextLong());
            };
        }
        return x;
    }

    private static void assertClose(Forward f, double x, double actual, String path) {
        double expected = f.reference.applyAsDouble(x);
        long ulps = Ulps.between(actual, expected);
        assertTrue(ulps <= 2, () -> path + ": " + f + "(" + x + ") = " + actual + ", StrictMath " + expected + ": " + ulps + " ulp");
        if (expected == 0) {
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                    () -> path + ": " + f + "(" + x + ") has the wrong sign of zero");
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("forwardOnEachPath")
    void withinTwoUlpOnAMillionPoints(Forward f, KernelLoops loops) {
        double[] x = millionPoints(f.ordinal());
        double[] y = new double[x.length];
        f.run(loops, x, y, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            assertClose(f, x[i], y[i], loops.name());
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("forwardOnEachPath")
    void withinTwoUlpAtEverySpecialValue(Forward f, KernelLoops loops) {
        for (double v : SPECIAL) {
            for (double s : new double[] {v, -v}) {
                // 19 copies: whole vectors and a scalar tail alike
                double[] x = new double[19];
                java.util.Arrays.fill(x, s);
                double[] y = new double[x.length];
                f.run(loops, x, y, 0, x.length);
                for (double r : y) {
                    assertClose(f, s, r, loops.name());
                }
            }
        }
    }

    static Stream<Arguments> activationsOnEachPath() {
        return Stream.of(Forward.TANH, Forward.SIGMOID).flatMap(f -> paths().stream().map(p -> Arguments.of(f, p)));
    }

    /**
     * Every multiple of 2⁻¹² in [−40, 40] (where both activations move), every multiple of 2⁻¹⁰ in
     * [−750, −700] (sigmoid's subnormal results and its floor at −746), and the 500 doubles on each
     * side of every point where a formula switches (|x| = 0.6, 1, 22, 746) or where its exp's reduction
     * moves to the next k: 2|x| = (k + ½)·ln2 for tanh, |x| = (k + ½)·ln2 for sigmoid.
     */
    private static double[] denseSweep() {
        DoubleStream.Builder points = DoubleStream.builder();
        for (int i = -40 * 4096; i <= 40 * 4096; i++) {
            points.add(i * 0x1p-12);
        }
        for (int i = -750 * 1024; i <= -700 * 1024; i++) {
            points.add(i * 0x1p-10);
        }
        List<Double> switches = new ArrayList<>(List.of(ScalarTwins.PADE_LIMIT, 1.0, 22.0, 746.0));
        double ln2 = Math.log(2);
        for (int k = 0; k <= 64; k++) {
            switches.add((k + 0.5) * ln2 / 2);
        }
        for (int k = 0; k <= 1077; k++) {
            switches.add((k + 0.5) * ln2);
        }
        for (double edge : switches) {
            for (double sign : new double[] {1, -1}) {
                double x = sign * edge;
                for (int i = 0; i < 500; i++) {
                    x = Math.nextDown(x);
                }
                for (int i = 0; i < 1001; i++, x = Math.nextUp(x)) {
                    points.add(x);
                }
            }
        }
        return points.build().toArray();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("activationsOnEachPath")
    void withinTwoUlpOnADenseSweepAndAtEverySwitch(Forward f, KernelLoops loops) {
        double[] x = denseSweep();
        double[] y = new double[x.length];
        f.run(loops, x, y, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            assertClose(f, x[i], y[i], loops.name());
        }
    }

    @Test
    void expAndLogOnTheVectorApiAreStrictMathBitForBit() {
        KernelLoops loops = FastMath.loops();
        double[] x = millionPoints(7);
        double[] y = new double[x.length];
        loops.exp(x, y, 0, x.length);
        double[] z = new double[x.length];
        loops.log(x, z, 0, x.length);
        // Math.exp and Math.log, which the scalar loops use, are within 1 ulp
        long allowed = FastMath.simd() ? 0 : 1;
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            assertTrue(Ulps.between(y[i], StrictMath.exp(xi)) <= allowed, () -> loops.name() + ": exp(" + xi + ")");
            assertTrue(Ulps.between(z[i], StrictMath.log(xi)) <= allowed, () -> loops.name() + ": log(" + xi + ")");
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("forwardOnEachPath")
    void sameBitsWhereverARangeStartsOrEnds(Forward f, KernelLoops loops) {
        SplittableRandom random = new SplittableRandom(11);
        double[] x = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble(-5, 5);
        }
        double[] whole = new double[x.length];
        f.run(loops, x, whole, 0, x.length);
        for (int trial = 0; trial < 20; trial++) {
            int a = random.nextInt(x.length);
            int b = a + random.nextInt(x.length - a + 1);
            double[] pieces = new double[x.length];
            f.run(loops, x, pieces, 0, a);
            f.run(loops, x, pieces, a, b);
            f.run(loops, x, pieces, b, x.length);
            assertArrayEquals(whole, pieces, loops.name() + ": split at " + a + ", " + b);
        }
        double[] inPlace = x.clone();
        f.run(loops, inPlace, inPlace, 0, x.length);
        assertArrayEquals(whole, inPlace, loops.name() + ": in place");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("forwardOnEachPath")
    void writesOnlyItsRange(Forward f, KernelLoops loops) {
        double[] x = new double[40];
        java.util.Arrays.fill(x, 0.5);
        double[] y = new double[40];
        java.util.Arrays.fill(y, -7.0);
        f.run(loops, x, y, 3, 29);
        for (int i = 0; i < y.length; i++) {
            if (i < 3 || i >= 29) {
                assertEquals(-7.0, y[i], loops.name() + " wrote outside its range at " + i);
            } else {
                assertEquals(f.apply(loops, 0.5), y[i], loops.name() + " at " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backwards")
    void backwardAddsTheDerivativeTimesTheGradient(Backward b) {
        KernelLoops loops = FastMath.loops();
        SplittableRandom random = new SplittableRandom(5 + b.ordinal());
        int n = 203;
        double[] x = new double[n];
        double[] g = new double[n];
        double[] gx = new double[n];
        for (int i = 0; i < n; i++) {
            do {
                x[i] = random.nextDouble(b.low, b.high);
            } while (b == Backward.RELU && Math.abs(x[i]) < 1e-3);
            g[i] = random.nextDouble(-2, 2);
            gx[i] = random.nextDouble(-1, 1);
        }
        double[] y = new double[n];
        b.forward.run(loops, x, y, 0, n);
        double[] before = gx.clone();
        b.run(g, x, y, gx, 0, n);
        for (int i = 0; i < n; i++) {
            double numeric = g[i] * CentralDifference.derivative(v -> b.forward.apply(loops, v), x[i]);
            double analytic = gx[i] - before[i];
            double xi = x[i];
            assertTrue(CentralDifference.agrees(analytic, numeric),
                    () -> loops.name() + ": " + b + "'(" + xi + "): analytic " + analytic + ", numeric " + numeric);
        }
    }

    static Stream<Backward> backwards() {
        return Stream.of(Backward.values());
    }

    private static final int[][] SHAPES = {{0, 3}, {4, 0}, {1, 1}, {5, 1}, {3, 7}, {5, 8}, {7, 10}, {3, 16}, {2, 17}, {3, 24}, {4, 33}, {6, 64}};

    private static void biasActivation(KernelLoops loops, Activation a, double[] bias, double[] z, int rows, int cols) {
        switch (a) {
            case TANH -> loops.biasTanh(bias, z, rows, cols);
            case SIGMOID -> loops.biasSigmoid(bias, z, rows, cols);
            default -> FastMath.biasActivation(a, bias, z, rows, cols);
        }
    }

    private static double activate(KernelLoops loops, Activation a, double s) {
        return switch (a) {
            case IDENTITY -> s;
            case TANH -> Forward.TANH.apply(loops, s);
            case SIGMOID -> Forward.SIGMOID.apply(loops, s);
            case RELU -> Forward.RELU.apply(loops, s);
        };
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("activationOnEachPath")
    void biasActivationIsTheActivationOfTheSum(Activation a, KernelLoops loops) {
        SplittableRandom random = new SplittableRandom(23);
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            double[] z = new double[rows * cols + 2];
            double[] bias = new double[cols];
            for (int i = 0; i < z.length; i++) {
                z[i] = random.nextDouble(-3, 3);
            }
            for (int j = 0; j < cols; j++) {
                bias[j] = random.nextDouble(-1, 1);
            }
            double[] expected = z.clone();
            for (int i = 0; i < rows * cols; i++) {
                expected[i] = activate(loops, a, z[i] + bias[i % cols]);
            }
            biasActivation(loops, a, bias, z, rows, cols);
            assertArrayEquals(expected, z, loops.name() + ": " + a + " on " + rows + "x" + cols);
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("activationOnEachPath")
    void biasActivationBackwardIsTheLocalGradientAndItsColumnSums(Activation a, KernelLoops loops) {
        SplittableRandom random = new SplittableRandom(29);
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            int n = rows * cols;
            double[] z = new double[n];
            double[] bias = new double[cols];
            double[] g = new double[n];
            double[] biasGrad = new double[cols];
            for (int i = 0; i < n; i++) {
                do {
                    z[i] = random.nextDouble(-3, 3);
                } while (Math.abs(z[i]) < 1e-3);
                g[i] = random.nextDouble(-2, 2);
            }
            for (int j = 0; j < cols; j++) {
                biasGrad[j] = random.nextDouble(-1, 1);
            }
            double[] y = z.clone();
            biasActivation(loops, a, bias, y, rows, cols);
            double[] gz = new double[n];
            double[] biasBefore = biasGrad.clone();
            FastMath.biasActivationBackward(a, g, y, gz, biasGrad, rows, cols);
            double[] sums = biasBefore.clone();
            for (int i = 0; i < n; i++) {
                double zi = z[i];
                double numeric = g[i] * CentralDifference.derivative(v -> activate(loops, a, v), zi);
                double analytic = gz[i];
                assertTrue(CentralDifference.agrees(analytic, numeric),
                        () -> loops.name() + ": " + a + "'(" + zi + "): analytic " + analytic + ", numeric " + numeric);
                sums[i % cols] += gz[i];
            }
            assertArrayEquals(sums, biasGrad, loops.name() + ": bias gradient on " + rows + "x" + cols);
            double[] again = new double[n];
            FastMath.biasActivationBackward(a, g, y, again, null, rows, cols);
            assertArrayEquals(gz, again, loops.name() + ": without a bias gradient");
        }
    }

    @Test
    void addRowAddsTheRowToEveryRow() {
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            double[] m = new double[rows * cols];
            double[] row = new double[cols];
            double[] expected = new double[m.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = 0.25 * i;
                expected[i] = m[i] + (1.5 + i % cols);
            }
            for (int j = 0; j < cols; j++) {
                row[j] = 1.5 + j;
            }
            FastMath.addRow(row, m, rows, cols);
            assertArrayEquals(expected, m, rows + "x" + cols);
        }
    }

    @Test
    void addColumnSumsAddsEachColumnsSum() {
        for (int[] shape : SHAPES) {
            int rows = shape[0];
            int cols = shape[1];
            double[] m = new double[rows * cols];
            double[] row = new double[cols];
            double[] expected = new double[cols];
            for (int j = 0; j < cols; j++) {
                row[j] = -1.0 + j;
                expected[j] = row[j];
            }
            for (int i = 0; i < m.length; i++) {
                m[i] = 0.25 * i - 3;
                expected[i % cols] += m[i];
            }
            FastMath.addColumnSums(m, row, rows, cols);
            assertArrayEquals(expected, row, rows + "x" + cols);
        }
    }

    static Stream<KernelLoops> eachPath() {
        return paths().stream();
    }

    /**
     * Values whose sums round (row sums of ±1,000 added to ±1), so that any order of addition but down each column, row
     * after row, shows; the matrix starting at index 0 and at 3.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("eachPath")
    void columnSumsAddDownEachColumnInRowOrderOnEveryPath(KernelLoops loops) {
        SplittableRandom random = new SplittableRandom(41);
        for (int[] shape : new int[][] {{0, 5}, {3, 0}, {100, 1}, {100, 16}, {9, 40}, {7, 67}, {3, 128}}) {
            int rows = shape[0];
            int cols = shape[1];
            double[] m = random.doubles(rows * cols + 3, -1e3, 1e3).toArray();
            for (int from : new int[] {0, 3}) {
                double[] row = random.doubles(cols + 2, -1, 1).toArray();
                double[] expected = row.clone();
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        expected[j] += m[from + i * cols + j];
                    }
                }
                loops.addColumnSums(m, from, row, rows, cols);
                assertArrayEquals(expected, row, loops.name() + " on " + rows + "x" + cols + " from " + from);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcendental")
    void everyLaneEqualsItsScalarTwin(Forward f) {
        // a range of one element is all tail, i.e. the scalar twin; a long range is all lanes but its tail
        KernelLoops lanes = FastMath.loops().lanesOnly();
        double[] x = millionPoints(31 + f.ordinal());
        double[] y = new double[x.length];
        f.run(lanes, x, y, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            double twin = f.apply(lanes, x[i]);
            double xi = x[i];
            double lane = y[i];
            // raw bits, NaN's sign and payload included: which of the two runs depends on the warm-up's timing
            assertTrue(Double.doubleToRawLongBits(twin) == Double.doubleToRawLongBits(lane),
                    () -> lanes.name() + ": " + f + "(" + xi + ") = " + lane + " (bits " + Long.toHexString(Double.doubleToRawLongBits(lane))
                            + ") in a vector, " + twin + " (bits " + Long.toHexString(Double.doubleToRawLongBits(twin)) + ") alone");
        }
    }

    @Test
    void tanhOfANaNWithItsSignSetKeepsTheSignOnEveryPath() {
        // x86 makes this NaN for 0/0 and ∞ − ∞; FastMath.tanh and StrictMath.tanh keep its sign
        double nan = Double.longBitsToDouble(0xfff8000000000000L);
        double[] x = new double[19];
        java.util.Arrays.fill(x, nan);
        String expected = Long.toHexString(Double.doubleToRawLongBits(StrictMath.tanh(nan)));
        assertEquals(expected, Long.toHexString(Double.doubleToRawLongBits(FastMath.tanh(nan))));
        for (KernelLoops loops : List.of(FastMath.loops(), FastMath.loops().lanesOnly(), ScalarLoops.INSTANCE)) {
            double[] y = new double[x.length];
            loops.tanh(x, y, 0, y.length);
            double[] z = x.clone();
            loops.biasTanh(new double[x.length], z, 1, z.length);
            for (int i = 0; i < y.length; i++) {
                assertEquals(expected, Long.toHexString(Double.doubleToRawLongBits(y[i])), loops.name() + " tanh at " + i);
                assertEquals(expected, Long.toHexString(Double.doubleToRawLongBits(z[i])), loops.name() + " biasTanh at " + i);
            }
        }
    }

    static Stream<Forward> transcendental() {
        return Stream.of(Forward.TANH, Forward.SIGMOID, Forward.EXP, Forward.LOG);
    }

    @Test
    void theVectorLoopsTakeOverOnceCompiled() throws InterruptedException {
        if (!FastMath.simd()) {
            assertEquals("scalar", FastMath.kernels());
            return;
        }
        long deadline = System.nanoTime() + 150_000_000_000L;
        while (FastMath.kernels().contains("warming up") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(FastMath.kernels().matches("Vector API \\(\\d+ lanes\\)"), FastMath.kernels());
    }

    @Test
    void badRangesAndShapesAreRefused() {
        double[] x = new double[10];
        double[] y = new double[10];
        assertThrows(IllegalArgumentException.class, () -> FastMath.tanh(x, y, 5, 3));
        assertThrows(IllegalArgumentException.class, () -> FastMath.exp(x, new double[5], 0, 10));
        assertThrows(IllegalArgumentException.class, () -> FastMath.tanhBackward(x, y, new double[9], 0, 10));
        assertThrows(IllegalArgumentException.class, () -> FastMath.log(x, y, -1, 3));
        IllegalArgumentException shortRow = assertThrows(IllegalArgumentException.class,
                () -> FastMath.addRow(new double[2], x, 2, 5));
        assertTrue(shortRow.getMessage().contains("2x5"), shortRow.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FastMath.addRow(new double[5], x, 3, 5));
        assertThrows(IllegalArgumentException.class, () -> FastMath.addColumnSums(x, new double[4], 2, 5));
        assertThrows(IllegalArgumentException.class,
                () -> FastMath.biasActivation(Activation.TANH, new double[5], x, -1, 5));
        assertThrows(NullPointerException.class, () -> FastMath.biasActivation(null, new double[5], x, 2, 5));
        assertThrows(IllegalArgumentException.class, () -> FastMath.biasActivationBackward(
                Activation.TANH, x, y, new double[10], new double[4], 2, 5));
        assertThrows(IllegalArgumentException.class, () -> FastMath.biasActivationBackward(
                Activation.TANH, x, y, new double[10], null, 3, 5));
    }

    @Test
    void theDispatcherRunsTheLoopsItNames() {
        double[] x = {-2, -0.5, 0, 0.5, 2, 30, -30, Double.NaN, 1, 3, 0.1};
        for (Forward f : Forward.values()) {
            double[] viaKernels = new double[x.length];
            double[] viaLoops = new double[x.length];
            switch (f) {
                case TANH -> FastMath.tanh(x, viaKernels, 0, x.length);
                case SIGMOID -> FastMath.sigmoid(x, viaKernels, 0, x.length);
                case EXP -> FastMath.exp(x, viaKernels, 0, x.length);
                case LOG -> FastMath.log(x, viaKernels, 0, x.length);
                case RELU -> FastMath.relu(x, viaKernels, 0, x.length);
            }
            f.run(FastMath.loops(), x, viaLoops, 0, x.length);
            assertArrayEquals(viaLoops, viaKernels, f + " on " + FastMath.kernels());
        }
    }
}
