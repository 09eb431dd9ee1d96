package org.backprop4j.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FastMath#finiteAfterDescent} on every path the kernels can take: whether each
 * {@code values[i] − rate·gradients[i]} of a range is finite, against that expression element by
 * element, with a NaN, ±∞ or an overflowing difference at every position of ranges that start and end
 * at every offset around the lanes' blocks (up to the arrays' ends), and never looking outside the range.
 */
class DescentCheckTest {

    /** The kinds of new value that is not finite: {value, gradient} at rate 0.5. */
    private static final double[][] NOT_FINITE = {
        {Double.NaN, 1}, {1, Double.NaN}, {Double.POSITIVE_INFINITY, 0}, {Double.NEGATIVE_INFINITY, 1},
        {1, Double.POSITIVE_INFINITY}, {-1, Double.NEGATIVE_INFINITY}, {Double.MAX_VALUE, -Double.MAX_VALUE},
        {-Double.MAX_VALUE, Double.MAX_VALUE},
    };

    static Stream<KernelLoops> eachPath() {
        return VectorKernelsTest.paths().stream();
    }

    private static boolean eachFinite(double[] values, double[] gradients, double rate, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Double.isFinite(values[i] - rate * gradients[i])) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachPath")
    void aValueThatIsNotFiniteIsFoundAtEveryPositionOfEveryRange(KernelLoops loops) {
        SplittableRandom random = new SplittableRandom(19);
        int length = 44;
        double[] values = random.doubles(length, -2, 2).toArray();
        double[] gradients = random.doubles(length, -2, 2).toArray();
        for (int from = 0; from <= 3; from++) {
            for (int to = from; to <= length; to++) {
                String range = loops.name() + " on [" + from + ", " + to + ")";
                assertTrue(loops.finiteAfterDescent(values, gradients, 0.5, from, to), range);
                for (int at = Math.max(0, from - 1); at <= Math.min(to, length - 1); at++) {
                    for (double[] bad : NOT_FINITE) {
                        double[] v = values.clone();
                        double[] g = gradients.clone();
                        v[at] = bad[0];
                        g[at] = bad[1];
                        boolean expected = at < from || at >= to;
                        int position = at;
                        assertEquals(expected, loops.finiteAfterDescent(v, g, 0.5, from, to),
                                () -> range + " with " + Arrays.toString(bad) + " at " + position);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachPath")
    void newValuesWhoseSumOverflowsAreFinite(KernelLoops loops) {
        for (int length : new int[] {2, 5, 16, 17, 33, 100}) {
            double[] values = new double[length];
            Arrays.fill(values, 1.5e308);
            double[] gradients = new double[length];
            Arrays.fill(gradients, -1e307);
            for (int i = 0; i < length; i += 2) {
                values[i] = -values[i];
                gradients[i] = -gradients[i];
            }
            assertEquals(eachFinite(values, gradients, 1, 0, length), loops.finiteAfterDescent(values, gradients, 1, 0, length));
            Arrays.fill(values, 1.7e308);
            Arrays.fill(gradients, 1e307);
            assertTrue(loops.finiteAfterDescent(values, gradients, 1, 0, length), loops.name() + " at " + length);
            gradients[length - 1] = -2e307;
            assertFalse(loops.finiteAfterDescent(values, gradients, 1, 0, length), loops.name() + " at " + length);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachPath")
    void aRateThatIsNotFiniteMakesEveryNewValueSoAndAnEmptyRangeIsFinite(KernelLoops loops) {
        double[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17};
        double[] zeros = new double[values.length];
        double[] gradients = new double[values.length];
        Arrays.fill(gradients, 0.25);
        assertFalse(loops.finiteAfterDescent(values, gradients, Double.NaN, 0, values.length));
        assertFalse(loops.finiteAfterDescent(values, gradients, Double.POSITIVE_INFINITY, 16, 17));
        assertFalse(loops.finiteAfterDescent(values, zeros, Double.POSITIVE_INFINITY, 0, values.length), "∞·0 is NaN");
        assertTrue(loops.finiteAfterDescent(values, zeros, 1e308, 0, values.length));
        assertTrue(loops.finiteAfterDescent(values, gradients, Double.NaN, 3, 3));
        assertTrue(loops.finiteAfterDescent(new double[0], new double[0], Double.NaN, 0, 0));
    }

    @Test
    void thePublicCheckAgreesWithTheExpressionOnRandomRanges() {
        SplittableRandom random = new SplittableRandom(23);
        for (int trial = 0; trial < 300; trial++) {
            int length = random.nextInt(1, 80);
            double[] values = random.doubles(length, -1e3, 1e3).toArray();
            double[] gradients = random.doubles(length, -1e3, 1e3).toArray();
            if (random.nextBoolean()) {
                values[random.nextInt(length)] = NOT_FINITE[random.nextInt(NOT_FINITE.length)][0];
            }
            int from = random.nextInt(length + 1);
            int to = random.nextInt(from, length + 1);
            double rate = random.nextDouble(-2, 2);
            assertEquals(eachFinite(values, gradients, rate, from, to), FastMath.finiteAfterDescent(values, gradients, rate, from, to));
        }
    }

    @Test
    void badRangesAndNullArraysAreRefusedByName() {
        double[] ten = new double[10];
        IllegalArgumentException backwards = assertThrows(IllegalArgumentException.class,
                () -> FastMath.finiteAfterDescent(ten, ten, 1, 5, 3));
        assertEquals("finiteAfterDescent: the range [5, 3) is not within values (length 10) and gradients (length 10)",
                backwards.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FastMath.finiteAfterDescent(ten, ten, 1, -1, 3));
        IllegalArgumentException shortGradients = assertThrows(IllegalArgumentException.class,
                () -> FastMath.finiteAfterDescent(ten, new double[9], 1, 0, 10));
        assertEquals("finiteAfterDescent: the range [0, 10) is not within values (length 10) and gradients (length 9)",
                shortGradients.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FastMath.finiteAfterDescent(new double[9], ten, 1, 0, 10));
        assertTrue(FastMath.finiteAfterDescent(ten, ten, 1, 10, 10));
        assertEquals("values", assertThrows(NullPointerException.class,
                () -> FastMath.finiteAfterDescent(null, ten, 1, 0, 1)).getMessage());
        assertEquals("gradients", assertThrows(NullPointerException.class,
                () -> FastMath.finiteAfterDescent(ten, null, 1, 0, 1)).getMessage());
    }
}
