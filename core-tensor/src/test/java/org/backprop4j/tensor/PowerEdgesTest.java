package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.backprop4j.scalar.PowerReference;
import org.junit.jupiter.api.Test;

/** Powers at the exponents where Java's {@link Math#pow} and C's {@code pow} part ways, against {@code PowerReference}. */
class PowerEdgesTest {

    @Test
    void powersAndTheirDerivativesAreCsAndPyTorchs() {
        for (double[] p : PowerReference.powers()) {
            Tensor a = Tensor.of(1, 2, p[0], p[0]);
            Tensor power = a.pow(p[1]);
            assertEquals(p[2], power.data().get(0, 1), p[0] + " ** " + p[1]);
            power.sum().backward();
            assertEquals(p[3], a.grad().get(0, 1), p[0] + " ** " + p[1] + ": d/da");
            Tensor b = Tensor.of(1, 2, p[0], p[0]);
            assertEquals(p[3], b.pow(p[1]).sum().gradient(b).data().get(0, 0), p[0] + " ** " + p[1] + ": gradient()");
        }
    }
}
