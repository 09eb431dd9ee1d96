package org.backprop4j.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The DOT drawing of the lecture's neuron, as draw_dot draws it. */
class DotTest {

    @Test
    void lectureNeuron() {
        Value x1 = Value.of(2.0).label("x1");
        Value x2 = Value.of(0.0).label("x2");
        Value w1 = Value.of(-3.0).label("w1");
        Value w2 = Value.of(1.0).label("w2");
        Value b = Value.of(6.8813735870195432).label("b");
        Value x1w1 = x1.mul(w1).label("x1*w1");
        Value x2w2 = x2.mul(w2).label("x2*w2");
        Value sum = x1w1.add(x2w2).label("x1*w1 + x2*w2");
        Value n = sum.add(b).label("n");
        Value o = n.tanh().label("o");
        o.backward();
        String expected = String.join("\n",
                "digraph G {",
                "  rankdir=LR;",
                "  v0 [shape=record, label=\"{ x1 | data 2.0000 | grad -1.5000 }\"];",
                "  v1 [shape=record, label=\"{ w1 | data -3.0000 | grad 1.0000 }\"];",
                "  v2 [shape=record, label=\"{ x1*w1 | data -6.0000 | grad 0.5000 }\"];",
                "  v2op [label=\"*\"];",
                "  v2op -> v2;",
                "  v0 -> v2op;",
                "  v1 -> v2op;",
                "  v3 [shape=record, label=\"{ x2 | data 0.0000 | grad 0.5000 }\"];",
                "  v4 [shape=record, label=\"{ w2 | data 1.0000 | grad 0.0000 }\"];",
                "  v5 [shape=record, label=\"{ x2*w2 | data 0.0000 | grad 0.5000 }\"];",
                "  v5op [label=\"*\"];",
                "  v5op -> v5;",
                "  v3 -> v5op;",
                "  v4 -> v5op;",
                "  v6 [shape=record, label=\"{ x1*w1 + x2*w2 | data -6.0000 | grad 0.5000 }\"];",
                "  v6op [label=\"+\"];",
                "  v6op -> v6;",
                "  v2 -> v6op;",
                "  v5 -> v6op;",
                "  v7 [shape=record, label=\"{ b | data 6.8814 | grad 0.5000 }\"];",
                "  v8 [shape=record, label=\"{ n | data 0.8814 | grad 0.5000 }\"];",
                "  v8op [label=\"+\"];",
                "  v8op -> v8;",
                "  v6 -> v8op;",
                "  v7 -> v8op;",
                "  v9 [shape=record, label=\"{ o | data 0.7071 | grad 1.0000 }\"];",
                "  v9op [label=\"tanh\"];",
                "  v9op -> v9;",
                "  v8 -> v9op;",
                "}",
                "");
        assertEquals(expected, o.toDot());
    }

    @Test
    void powerShowsItsExponentInTheOperationAndEscapesLabels() {
        Value x = Value.of(3).label("{x|y}");
        String dot = x.pow(-1).toDot();
        assertTrue(dot.contains("[label=\"**-1\"]"), dot);
        assertTrue(dot.contains("\\{x\\|y\\}"), dot);
        assertEquals(2, dot.split("shape=record").length - 1, "the exponent is no value of its own");
    }

    @Test
    void exponentsAreIntegersBelow1e15AndDoublesFromThere() {
        assertTrue(Value.of(2).pow(3).toDot().contains("[label=\"**3\"]"));
        assertTrue(Value.of(2).pow(0.5).toDot().contains("[label=\"**0.5\"]"));
        assertTrue(Value.of(1).pow(999_999_999_999_999.0).toDot().contains("[label=\"**999999999999999\"]"));
        assertTrue(Value.of(1).pow(-999_999_999_999_999.0).toDot().contains("[label=\"**-999999999999999\"]"));
        assertTrue(Value.of(1).pow(1e15).toDot().contains("[label=\"**1.0E15\"]"));
        assertTrue(Value.of(1).pow(-1e15).toDot().contains("[label=\"**-1.0E15\"]"));
    }

    @Test
    void anExponentAlsoUsedAsAnOperandIsDrawnAsAValue() {
        Value x = Value.of(2.0).label("x");
        Value cube = x.pow(3).label("cube");
        Value exponent = cube.operands().get(1).label("n");
        Value product = cube.mul(exponent).label("product");
        String expected = String.join("\n",
                "digraph G {",
                "  rankdir=LR;",
                "  v0 [shape=record, label=\"{ x | data 2.0000 | grad 0.0000 }\"];",
                "  v1 [shape=record, label=\"{ n | data 3.0000 | grad 0.0000 }\"];",
                "  v2 [shape=record, label=\"{ cube | data 8.0000 | grad 0.0000 }\"];",
                "  v2op [label=\"**3\"];",
                "  v2op -> v2;",
                "  v0 -> v2op;",
                "  v3 [shape=record, label=\"{ product | data 24.0000 | grad 0.0000 }\"];",
                "  v3op [label=\"*\"];",
                "  v3op -> v3;",
                "  v2 -> v3op;",
                "  v1 -> v3op;",
                "}",
                "");
        assertEquals(expected, product.toDot());
        assertEquals(1, cube.toDot().split("shape=record").length - 2, "drawn alone, the exponent stays inside '**3'");
    }
}
