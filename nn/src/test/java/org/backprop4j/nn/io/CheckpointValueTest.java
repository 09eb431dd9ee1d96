package org.backprop4j.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.scalar.MLP;
import org.junit.jupiter.api.Test;

/** A checkpoint is a value: equal architecture and parameters make equal checkpoints, with equal hash codes. */
class CheckpointValueTest {

    @Test
    void equalWhenArchitectureAndParametersAreEqual() {
        Architecture architecture = Architecture.of(3, List.of(4, 1));
        MLP first = new MLP(architecture);
        Checkpoint a = Checkpoint.of(first);
        Checkpoint b = Checkpoint.of(new org.backprop4j.nn.tensor.MLP(architecture));
        assertEquals(a, b, "same seed, same network, on either engine");
        assertEquals(a.hashCode(), b.hashCode());

        double[] moved = first.parameterValues();
        moved[moved.length - 1] += 1;
        first.setParameterValues(moved);
        Checkpoint c = Checkpoint.of(first);
        assertNotEquals(a, c, "one parameter differs");
        assertNotEquals(a.hashCode(), c.hashCode());
        assertNotEquals(a, Checkpoint.of(new MLP(architecture.withSeed(7))));
        assertNotEquals(a, Checkpoint.of(new MLP(Architecture.of(3, List.of(5, 1)))), "another architecture");
        assertNotEquals(a, "a string");
        assertTrue(a.toString().startsWith("Checkpoint("), a.toString());
        assertTrue(a.toString().endsWith(", 21 parameters)"), a.toString());
        assertEquals(31 * architecture.hashCode() + java.util.Arrays.hashCode(a.parameters()), a.hashCode());
    }
}
