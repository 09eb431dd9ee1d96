package org.backprop4j.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Powers at the exponents where Java's {@link Math#pow} and C's {@code pow} part ways, against {@code PowerReference}. */
class PowerEdgesTest {

    @Test
    void powersAndTheirDerivativesAreCsAndPyTorchs() {
        for (double[] p : PowerReference.powers()) {
            Value a = Value.of(p[0]);
            Value power = a.pow(p[1]);
            assertEquals(p[2], power.data(), p[0] + " ** " + p[1]);
            power.backward();
            assertEquals(p[3], a.grad(), p[0] + " ** " + p[1] + ": d/da");
            Value b = Value.of(p[0]);
            assertEquals(p[3], b.pow(p[1]).gradient(b).data(), p[0] + " ** " + p[1] + ": gradient()");
        }
    }
}
