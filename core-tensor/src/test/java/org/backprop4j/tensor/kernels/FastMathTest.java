package org.backprop4j.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** FastMath stays within 2 ulp of StrictMath on a million points and every special value. */
class FastMathTest {

    @Test
    void tanhWithinTwoUlpOnAMillionPoints() {
        SplittableRandom random = new SplittableRandom(1);
        long worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            double x = switch (i % 4) {
                case 0 -> random.nextDouble(-1, 1);
                case 1 -> random.nextDouble(-4, 4);
                case 2 -> random.nextDouble(-30, 30);
                default -> Math.scalb(random.nextDouble(-1, 1), -random.nextInt(60));
            };
            long u = Ulps.between(FastMath.tanh(x), StrictMath.tanh(x));
            worst = Math.max(worst, u);
            assertTrue(u <= 2, () -> "tanh(" + x + "): " + u + " ulp");
        }
        assertTrue(worst <= 2);
    }

    @Test
    void tanhSpecialValues() {
        for (double x : new double[] {0.99999999, 1.0, -1.0, 1.00000001, 21.9999, 0.5, -0.5}) {
            assertTrue(Ulps.between(FastMath.tanh(x), StrictMath.tanh(x)) <= 2, "tanh(" + x + ") at a branch edge");
        }
        double[] specials = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, 0x1p-28, 22, 22.0000001,
            1000, -1000, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double x : specials) {
            assertEquals(Double.doubleToLongBits(StrictMath.tanh(x)), Double.doubleToLongBits(FastMath.tanh(x)),
                    "tanh(" + x + ")");
        }
        assertTrue(Double.isNaN(FastMath.tanh(Double.NaN)));
    }

    /** FastMath.tanh's Padé branch, as written there, for any x. */
    private static double padeTanh(double x) {
        double z = x * x;
        double q = 654729075 + z * (310134825 + z * (18918900 + z * (315315 + z * (1485 + z))));
        double c = 218243025 + z * (16081065 + z * (289575 + z * (1430 + z)));
        return x - x * z * c / q;
    }

    /** FastMath.tanh's middle branch, 1 − 2/(e^{2|x|} + 1) with x's sign, as written there, for any x. */
    private static double expTanh(double x) {
        double e = Math.exp(2 * Math.abs(x));
        return Math.copySign(1.0 - 2.0 / (e + 1.0), x);
    }

    private static void assertSameBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual), what + ": " + expected + " vs " + actual);
    }

    /**
     * At each boundary between two of tanh's formulas (|x| = 2⁻²⁷: x itself or Padé; 1: Padé or
     * 1 − 2/(e + 1); 22: that or ±1) and of sigmoid's (x = ±0), both formulas give StrictMath's bits,
     * so which one runs at the boundary itself cannot be seen.
     */
    @Test
    void atEachBranchBoundaryBothFormulasGiveStrictMathsBits() {
        for (double sign : new double[] {1, -1}) {
            double tiny = sign * 0x1p-27;
            assertSameBits(StrictMath.tanh(tiny), FastMath.tanh(tiny), "tanh(" + tiny + ")");
            assertSameBits(tiny, padeTanh(tiny), "Padé at " + tiny);
            assertSameBits(tiny, FastMath.tanh(tiny), "x itself at " + tiny);
            double one = sign;
            assertSameBits(StrictMath.tanh(one), FastMath.tanh(one), "tanh(" + one + ")");
            assertSameBits(StrictMath.tanh(one), padeTanh(one), "Padé at " + one);
            assertSameBits(StrictMath.tanh(one), expTanh(one), "1 - 2/(e + 1) at " + one);
            double saturated = sign * 22;
            assertSameBits(StrictMath.tanh(saturated), FastMath.tanh(saturated), "tanh(" + saturated + ")");
            assertSameBits(sign, expTanh(saturated), "1 - 2/(e + 1) at " + saturated);
        }
        for (double zero : new double[] {0.0, -0.0}) {
            assertSameBits(0.5, FastMath.sigmoid(zero), "sigmoid(" + zero + ")");
            assertSameBits(0.5, 1.0 / (1.0 + Math.exp(-zero)), "1/(1 + e^-x) at " + zero);
            assertSameBits(0.5, Math.exp(zero) / (1.0 + Math.exp(zero)), "e^x/(1 + e^x) at " + zero);
        }
    }

    @Test
    void sigmoidWithinTwoUlpOnAMillionPoints() {
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 1_000_000; i++) {
            double x = i % 2 == 0 ? random.nextDouble(-5, 5) : random.nextDouble(-700, 700);
            long u = Ulps.between(FastMath.sigmoid(x), Ulps.strictSigmoid(x));
            assertTrue(u <= 2, () -> "sigmoid(" + x + "): " + u + " ulp");
        }
    }

    @Test
    void sigmoidSpecialValues() {
        assertEquals(0.5, FastMath.sigmoid(0.0));
        assertEquals(0.5, FastMath.sigmoid(-0.0));
        assertEquals(0.0, FastMath.sigmoid(-1000));
        assertEquals(1.0, FastMath.sigmoid(1000));
        assertEquals(0.0, FastMath.sigmoid(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, FastMath.sigmoid(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(FastMath.sigmoid(Double.NaN)));
    }

    @Test
    void arrayFormsRunTheKernelsWithinTwoUlp() {
        SplittableRandom random = new SplittableRandom(3);
        double[] x = new double[1001];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble(-30, 30);
        }
        double[] t = new double[x.length];
        double[] s = new double[x.length];
        FastMath.tanh(x, t, 0, x.length);
        FastMath.sigmoid(x, s, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            assertTrue(Ulps.between(t[i], StrictMath.tanh(x[i])) <= 2, "tanh(" + x[i] + ")");
            assertTrue(Ulps.between(s[i], Ulps.strictSigmoid(x[i])) <= 2, "sigmoid(" + x[i] + ")");
        }
        double[] kernel = new double[x.length];
        FastMath.tanh(x, kernel, 0, x.length);
        assertArrayEquals(kernel, t);
        double[] inPlace = x.clone();
        FastMath.sigmoid(inPlace, inPlace, 0, x.length);
        assertArrayEquals(s, inPlace);
    }

    /** Prints what runs the kernels, in a child JVM. */
    static final class KernelsProbe {
        public static void main(String[] args) {
            System.out.println(FastMath.kernels());
        }
    }

    private static String kernelsInAChildJvm(String... options) throws Exception {
        return kernelsInAChildJvm(Map.of(), options);
    }

    private static String kernelsInAChildJvm(Map<String, String> environment, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(options));
        command.add(KernelsProbe.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the child JVM finishes");
        assertEquals(0, process.exitValue(), out);
        return out.lines().filter(l -> !l.startsWith("WARNING") && !l.startsWith("Picked up") && !l.startsWith("NOTE: Picked up")).reduce("", (x, y) -> x + y);
    }

    @Test
    void withoutFusedMultiplyAddInHardwareTheScalarLoopsRun() throws Exception {
        // the lanes and their twins are made of fused multiply-adds, which HotSpot then computes in BigDecimal arithmetic
        assertEquals("scalar", kernelsInAChildJvm("-XX:-UseFMA"));
        assertTrue(kernelsInAChildJvm("-XX:+UseFMA").startsWith(FusedMultiplyAdd.fromHotSpot() ? "Vector API (" : "scalar"));
        assertEquals("scalar", kernelsInAChildJvm(Map.of("JAVA_TOOL_OPTIONS", "-XX:-UseFMA")), "the flag turned off in the environment");
        assertEquals("scalar", kernelsInAChildJvm(Map.of("JDK_JAVA_OPTIONS", "-XX:UseAVX=0")), "without AVX HotSpot turns UseFMA off");
    }

    /** On Linux x86 and 64-bit ARM the processor answers, so choosing the kernels loads none of the JDK's management classes. */
    @Test
    void choosingTheKernelsLoadsNoManagementClassesWhereTheProcessorAnswers() throws Exception {
        String arch = System.getProperty("os.arch");
        Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux")
                && (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64")), "the processor answers on Linux x86 and ARM only");
        Assumptions.assumeTrue(FusedMultiplyAdd.OPTION_VARIABLES.stream().allMatch(v -> System.getenv(v) == null),
                "JVM options in the environment send the question to HotSpot");
        String loaded = kernelsInAChildJvm("-Xlog:class+load=info:stdout");
        assertTrue(loaded.contains(FastMath.class.getName()), "the child chose its kernels");
        assertFalse(loaded.contains("java.lang.management.ManagementFactory"), "no management classes were loaded");
        assertTrue(kernelsInAChildJvm("-Xlog:class+load=info:stdout", "-XX:+UseFMA").contains("java.lang.management.ManagementFactory"),
                "with the flag on the command line HotSpot was asked");
    }

    @Test
    void kernelsNameWhatRuns() {
        assertEquals(FastMath.kernels(), FastMath.kernels());
        assertTrue(FastMath.kernels().equals("scalar") || FastMath.kernels().startsWith("Vector API ("), FastMath.kernels());
    }

    @Test
    void arrayFormsRefuseNullsAndBadRanges() {
        double[] x = new double[4];
        assertEquals("x", assertThrows(NullPointerException.class, () -> FastMath.tanh(null, x, 0, 1)).getMessage());
        assertEquals("y", assertThrows(NullPointerException.class, () -> FastMath.sigmoid(x, null, 0, 1)).getMessage());
        IllegalArgumentException shortY = assertThrows(IllegalArgumentException.class, () -> FastMath.tanh(x, new double[3], 0, 4));
        assertEquals("tanh: the range [0, 4) is not within x (length 4) and y (length 3)", shortY.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FastMath.sigmoid(x, x, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> FastMath.sigmoid(x, x, -1, 2));
        assertThrows(IllegalArgumentException.class, () -> FastMath.tanh(new double[0], x, 2, 2));
        double[] untouched = {1, 2, 3, 4};
        FastMath.tanh(untouched, untouched, 2, 2);
        assertArrayEquals(new double[] {1, 2, 3, 4}, untouched);
    }

    @Test
    void backwardMapsNameTheArrayThatIsWrong() {
        double[] four = new double[4];
        assertEquals("g", assertThrows(NullPointerException.class, () -> FastMath.tanhBackward(null, four, four, 0, 1)).getMessage());
        assertEquals("x", assertThrows(NullPointerException.class, () -> FastMath.logBackward(four, null, four, 0, 1)).getMessage());
        assertEquals("gx", assertThrows(NullPointerException.class, () -> FastMath.expBackward(four, four, null, 0, 1)).getMessage());
        IllegalArgumentException shortX = assertThrows(IllegalArgumentException.class,
                () -> FastMath.logBackward(four, new double[1], four, 0, 4));
        assertEquals("logBackward: the range [0, 4) is not within g (length 4), x (length 1) and gx (length 4)", shortX.getMessage());
        IllegalArgumentException shortGx = assertThrows(IllegalArgumentException.class,
                () -> FastMath.reluBackward(four, four, new double[3], 0, 4));
        assertEquals("reluBackward: the range [0, 4) is not within g (length 4), y (length 4) and gx (length 3)", shortGx.getMessage());
        assertEquals("gz", assertThrows(NullPointerException.class, () -> FastMath.biasActivationBackward(
                Activation.TANH, four, four, null, null, 2, 2)).getMessage());
    }

    @Test
    void rowKernelsNameTheirOwnArrays() {
        assertEquals("bias", assertThrows(NullPointerException.class,
                () -> FastMath.biasActivation(Activation.TANH, null, new double[4], 2, 2)).getMessage());
        assertEquals("z", assertThrows(NullPointerException.class,
                () -> FastMath.biasActivation(Activation.TANH, new double[2], null, 2, 2)).getMessage());
        IllegalArgumentException sums = assertThrows(IllegalArgumentException.class,
                () -> FastMath.addColumnSums(new double[4], new double[1], 2, 2));
        assertEquals("addColumnSums: 2x2 does not fit m (length 4) and row (length 1)", sums.getMessage());
        IllegalArgumentException bias = assertThrows(IllegalArgumentException.class,
                () -> FastMath.biasActivation(Activation.RELU, new double[2], new double[3], 2, 2));
        assertEquals("biasActivation: 2x2 does not fit z (length 3) and bias (length 2)", bias.getMessage());
    }

    /**
     * The whole backward pass of a layer (now a row a call) gives every element and every column sum the bits of the
     * column-range pass over all columns (one pass, row after row), for each activation, from one column to seventeen,
     * with ±0, ±∞ and NaN among the gradients (a NaN compared as NaN, whatever its payload).
     */
    @Test
    void theWholeBackwardPassGivesTheBitsOfTheColumnRangePass() {
        SplittableRandom random = new SplittableRandom(41);
        double[] special = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (Activation activation : Activation.values()) {
            for (int cols = 1; cols <= 17; cols++) {
                int rows = 1 + random.nextInt(9);
                int n = rows * cols;
                double[] g = new double[n];
                double[] y = new double[n];
                for (int i = 0; i < n; i++) {
                    g[i] = random.nextInt(8) == 0 ? special[random.nextInt(special.length)] : random.nextDouble(-2, 2);
                    y[i] = random.nextDouble(-1, 1);
                }
                double[] bias = random.doubles(cols, -1, 1).toArray();
                double[] gzWhole = new double[n];
                double[] biasWhole = bias.clone();
                FastMath.biasActivationBackward(activation, g, y, gzWhole, biasWhole, rows, cols);
                double[] gzColumns = new double[n];
                double[] biasColumns = bias.clone();
                FastMath.biasActivationBackward(activation, g, y, gzColumns, biasColumns, rows, cols, 0, cols);
                String what = activation + " on " + rows + "x" + cols;
                for (int i = 0; i < n; i++) {
                    assertEquals(Double.doubleToLongBits(gzColumns[i]), Double.doubleToLongBits(gzWhole[i]), what + " at " + i);
                }
                for (int j = 0; j < cols; j++) {
                    assertEquals(Double.doubleToLongBits(biasColumns[j]), Double.doubleToLongBits(biasWhole[j]), what + " column " + j);
                }
            }
        }
    }
}
