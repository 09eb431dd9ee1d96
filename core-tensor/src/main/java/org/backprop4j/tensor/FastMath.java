package org.backprop4j.tensor;

import java.util.Objects;

/**
 * The tensor engine's activations, faster than {@link Math#tanh} (which has no intrinsic on JDK 17
 * and costs about 18 ns) and within 2 ulp of {@link StrictMath}.
 *
 * <p>tanh: for |x| &lt; 1, the [11/10] Padé approximant from Lambert's continued fraction
 * tanh x = x / (1 + x²/(3 + x²/(5 + …))), written as x − x·z·C(z)/Q(z) with z = x² so that the
 * rounding of the correction is small beside x; for 1 ≤ |x| ≤ 22, 1 − 2/(e + 1) with
 * e = e^{2|x|} from the intrinsic {@link Math#exp}, whose error then lands in the small term
 * 2/(e + 1) ≤ 0.24; beyond 22, ±1 (as {@code StrictMath}).
 * sigmoid: 1/(1 + e⁻ˣ) for x ≥ 0 and eˣ/(1 + eˣ) below, so nothing overflows.
 *
 * <p>The array forms run the same formulas over a range, on the JDK's Vector API when the JVM was
 * started with {@code --add-modules jdk.incubator.vector} and the processor has fused multiply-add
 * (there on an exp of their own, a polynomial on the reduced argument by fused multiply-adds with
 * 2ᵏ built in the exponent bits, so a result may differ from the scalar form's by an ulp), as the
 * tensor engine does; they too stay within 2 ulp of {@link StrictMath}.
 */
public final class FastMath {

    private static final double PADE_LIMIT = 1.0;
    private static final double SATURATION = 22.0;
    private static final double TINY = 0x1p-27;

    private FastMath() {
    }

    /**
     * Hyperbolic tangent within 2 ulp of {@link StrictMath#tanh}; ±0, NaN and ±∞ as it.
     *
     * @param x the argument
     * @return tanh x
     */
    public static double tanh(double x) {
        double a = Math.abs(x);
        if (a < PADE_LIMIT) {
            if (a < TINY) {
                return x;
            }
            double z = x * x;
            double q = 654729075 + z * (310134825 + z * (18918900 + z * (315315 + z * (1485 + z))));
            double c = 218243025 + z * (16081065 + z * (289575 + z * (1430 + z)));
            return x - x * z * c / q;
        }
        if (a > SATURATION) {
            return Math.copySign(1.0, x);
        }
        double e = Math.exp(2 * a);
        return Math.copySign(1.0 - 2.0 / (e + 1.0), x);
    }

    /**
     * Logistic sigmoid 1 / (1 + e⁻ˣ), without overflow for any x.
     *
     * @param x the argument
     * @return σ(x), in [0, 1]
     */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * What runs the array forms and the tensor engine's element-wise kernels.
     *
     * @return {@code "Vector API (8 lanes)"} (or 4 or 2 lanes); {@code "Vector API (8 lanes, warming up)"}
     *         while the JIT has not yet compiled the vector loops and their scalar twins, which give
     *         the same bits, run instead; or {@code "scalar"} in a JVM without the Vector API
     */
    public static String kernels() {
        return VectorKernels.path();
    }

    /**
     * y[i] = tanh x[i] for i in [from, to), on the Vector API when the JVM has it; {@code y} may be {@code x}.
     *
     * @param x the arguments
     * @param y the results, written on [from, to) only
     * @param from the first index
     * @param to one past the last index
     * @throws IllegalArgumentException if [from, to) is not a range of both arrays
     */
    public static void tanh(double[] x, double[] y, int from, int to) {
        checkRange("tanh", x, y, from, to);
        VectorKernels.tanh(x, y, from, to);
    }

    /**
     * y[i] = σ(x[i]) for i in [from, to), on the Vector API when the JVM has it; {@code y} may be {@code x}.
     *
     * @param x the arguments
     * @param y the results, written on [from, to) only
     * @param from the first index
     * @param to one past the last index
     * @throws IllegalArgumentException if [from, to) is not a range of both arrays
     */
    public static void sigmoid(double[] x, double[] y, int from, int to) {
        checkRange("sigmoid", x, y, from, to);
        VectorKernels.sigmoid(x, y, from, to);
    }

    private static void checkRange(String name, double[] x, double[] y, int from, int to) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (from < 0 || from > to || to > x.length || to > y.length) {
            throw new IllegalArgumentException(name + ": the range [" + from + ", " + to + ") is not within x (length "
                    + x.length + ") and y (length " + y.length + ")");
        }
    }
}
