package org.backprop4j.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The twins' exp within an ulp of StrictMath's over every argument tanh and sigmoid give it. Its own
 * class, apart from {@link ScalarTwinsTest}: the sweep covers fewer classes than the rest of the twins'
 * tests, and PIT's minion runs every covering test class whole each time it starts. Its messages are
 * built only on a failure: a million of them built eagerly were most of its time.
 */
class ScalarTwinsExpSweepTest {

    @Test
    void theTwinsExpIsWithinAnUlpOfStrictMathsFromItsFloorToTanhsSaturation() {
        // every u that tanh (2|x| up to 44) and sigmoid (−|x| down to −746) give it, densely, subnormal results included
        for (double u = ScalarTwins.EXP_FLOOR; u <= 2 * ScalarTwins.TANH_SATURATION; u += 0x1p-10) {
            double at = u;
            double twin = ScalarTwinsTest.twinExp(u);
            double strict = StrictMath.exp(u);
            assertTrue(Ulps.between(twin, strict) <= 1, () -> "e^" + at + " = " + twin + ", StrictMath " + strict);
        }
        SplittableRandom random = new SplittableRandom(5);
        double halfLn2 = Math.log(2) / 2;
        for (int i = 0; i < 200_000; i++) {
            // the reduced range itself, where k = 0 and the polynomial alone is e^r − 1
            double r = random.nextDouble(-halfLn2, halfLn2);
            assertTrue(Ulps.between(ScalarTwinsTest.twinExp(r), StrictMath.exp(r)) <= 1, () -> "e^" + r);
        }
        assertEquals(1.0, ScalarTwinsTest.twinExp(0.0));
        assertEquals(1.0, ScalarTwinsTest.twinExp(-0.0));
        assertEquals(0.0, ScalarTwinsTest.twinExp(ScalarTwins.EXP_FLOOR));
    }
}
