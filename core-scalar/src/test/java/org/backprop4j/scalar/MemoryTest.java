package org.backprop4j.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.GraphLayout;

/** The retained size of a graph node, measured exactly with JOL (the figure the README states). */
class MemoryTest {

    private static final int NODES = 100_000;

    @Test
    void binaryOperationNodeRetainsAtMost48Bytes() {
        Value x = Value.of(1.0);
        Value w = Value.of(1.0000001);
        Value y = x;
        for (int i = 0; i < NODES; i++) {
            y = y.mul(w);
        }
        long total = GraphLayout.parseInstance(y).totalSize();
        long perNode = (total - 2 * ClassLayout.parseClass(Value.class).instanceSize()) / NODES;
        System.out.printf("retained bytes per binary-operation node: %d%n", perNode);
        assertEquals(ClassLayout.parseClass(Value.class).instanceSize(), perNode,
                "a node retains nothing but itself: no per-node closure or list");
        assertTrue(perNode <= 48, "bytes per node " + perNode);
    }
}
