package org.backprop4j.nn.readme;

import org.backprop4j.scalar.Value;

/** The top README's first example: the lecture's neuron and its gradients. */
final class FirstExample {

    private FirstExample() {
    }

    static Value run() {
        // readme:first-example
        Value x1 = Value.of(2.0).label("x1");
        Value x2 = Value.of(0.0).label("x2");
        Value w1 = Value.of(-3.0).label("w1");
        Value w2 = Value.of(1.0).label("w2");
        Value b = Value.of(6.8813735870195432).label("b");

        Value n = x1.mul(w1).add(x2.mul(w2)).add(b).label("n");
        Value o = n.tanh().label("o");
        o.backward();

        System.out.println(o);          // Value(label=o, data=0.7071067811865477, grad=1.0)
        System.out.println(x1.grad());  // -1.4999999999999993
        System.out.println(w1.grad());  // 0.9999999999999996
        System.out.println(x2.grad());  // 0.4999999999999998
        System.out.println(w2.grad());  // 0.0
        String dot = o.toDot();         // Graphviz: dot -Tpng
        // readme:end
        return dot == null ? null : o;
    }
}
