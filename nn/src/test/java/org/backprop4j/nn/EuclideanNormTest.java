package org.backprop4j.nn;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The overflow-safe norm against exact arithmetic, at every magnitude a double has. */
class EuclideanNormTest {

    private static double exact(double[]... parts) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double[] part : parts) {
            for (double v : part) {
                BigDecimal b = new BigDecimal(v);
                sum = sum.add(b.multiply(b));
            }
        }
        return sum.sqrt(new MathContext(40)).doubleValue();
    }

    static IntStream seeds() {
        return IntStream.range(0, 40);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void withinTwoUlpOfTheExactNormAtAnyScale(int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int exponent = random.nextInt(-1074, 1000);
        double[][] parts = new double[1 + random.nextInt(4)][];
        EuclideanNorm norm = new EuclideanNorm();
        for (int p = 0; p < parts.length; p++) {
            parts[p] = new double[random.nextInt(0, 50)];
            int partExponent = exponent + random.nextInt(-60, 8);
            for (int i = 0; i < parts[p].length; i++) {
                parts[p][i] = Math.scalb(random.nextDouble(-1, 1), partExponent);
            }
            norm.add(parts[p], 0, parts[p].length);
        }
        double expected = exact(parts);
        double actual = norm.value();
        assertEquals(expected, actual, 2 * Math.ulp(expected), "seed " + seed + " at 2^" + exponent);
    }

    @Test
    void hugeAndTinyValuesGiveTheirTrueNorm() {
        assertEquals(Math.sqrt(2) * 1e300, EuclideanNorm.of(new double[] {1e300, 1e300}), Math.ulp(Math.sqrt(2) * 1e300));
        assertEquals(5e300, EuclideanNorm.of(new double[] {3e300, -4e300}), Math.ulp(5e300));
        assertEquals(5e-300, EuclideanNorm.of(new double[] {3e-300, 4e-300}), Math.ulp(5e-300));
        assertEquals(Double.MAX_VALUE, EuclideanNorm.of(new double[] {Double.MAX_VALUE, 0}));
        assertEquals(Double.MIN_VALUE, EuclideanNorm.of(new double[] {Double.MIN_VALUE}));
        assertEquals(Double.POSITIVE_INFINITY, EuclideanNorm.of(new double[] {Double.MAX_VALUE, Double.MAX_VALUE}),
                "a norm beyond the largest double is ∞");
        assertEquals(Math.hypot(1e300, 1e-300), new EuclideanNorm().add(new double[] {1e-300}, 0, 1).add(new double[] {1e300}, 0, 1).value());
    }

    @Test
    void nanAndInfinityAndNothing() {
        assertEquals(0, EuclideanNorm.of(new double[0]));
        assertEquals(0, EuclideanNorm.of(new double[] {0, -0.0}));
        assertEquals(Double.POSITIVE_INFINITY, EuclideanNorm.of(new double[] {1, Double.NEGATIVE_INFINITY}));
        assertTrue(Double.isNaN(EuclideanNorm.of(new double[] {Double.NaN, 1})));
        assertTrue(Double.isNaN(EuclideanNorm.of(new double[] {Double.POSITIVE_INFINITY, Double.NaN})), "NaN wins over ∞");
        assertTrue(Double.isNaN(new EuclideanNorm().add(new double[] {Double.NaN}, 0, 1).add(new double[] {Double.POSITIVE_INFINITY}, 0, 1).value()));
        assertEquals(5, new EuclideanNorm().add(new double[] {9, 3, 4, 9}, 1, 3).value(), "only the range counts");
    }

    @Test
    void badRangesAreRefused() {
        assertThrows(NullPointerException.class, () -> EuclideanNorm.of(null));
        assertThrows(NullPointerException.class, () -> new EuclideanNorm().add(null, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new EuclideanNorm().add(new double[2], 1, 3));
        assertThrows(IllegalArgumentException.class, () -> new EuclideanNorm().add(new double[2], 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new EuclideanNorm().add(new double[2], -1, 1));
    }
}
