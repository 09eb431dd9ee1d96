package org.backprop4j.scalar.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.backprop4j.scalar.Value;

/**
 * The code of core-scalar's README, the first part of the walkthrough, in the lecture's order. Each
 * {@code readme:} region is shown in the README to the letter; the lines outside the regions hand
 * the graphs to the drawing check.
 */
final class Walkthrough {

    private Walkthrough() {
    }

    static void slope() {
        // readme:slope
        DoubleUnaryOperator f = x -> 3 * x * x - 4 * x + 5;
        System.out.println(f.applyAsDouble(3.0));

        double h = 0.0001;
        for (double x : new double[] {3.0, -3.0, 2.0 / 3.0}) {
            double slope = (f.applyAsDouble(x + h) - f.applyAsDouble(x)) / h;
            System.out.printf("slope at %.4f: %.4f%n", x, slope);
        }
        // readme:end
    }

    static void threeInputs() {
        // readme:three-inputs
        double h = 0.0001;
        double a = 2.0;
        double b = -3.0;
        double c = 10.0;

        double d1 = a * b + c;
        double d2 = (a + h) * b + c;                  // nudge a
        System.out.println((d2 - d1) / h);            // -3.000000000010772
        double d3 = a * (b + h) + c;                  // nudge b
        System.out.println((d3 - d1) / h);            // 2.0000000000042206
        double d4 = a * b + (c + h);                  // nudge c
        System.out.println((d4 - d1) / h);            // 0.9999999999976694
        // readme:end
    }

    static void expression(Drawings drawings) {
        // readme:expression
        Value a = Value.of(2.0).label("a");
        Value b = Value.of(-3.0).label("b");
        Value c = Value.of(10.0).label("c");
        Value e = a.mul(b).label("e");
        Value d = e.add(c).label("d");
        Value f = Value.of(-2.0).label("f");
        Value L = d.mul(f).label("L");

        System.out.println(L);                         // Value(label=L, data=-8.0, grad=0.0)
        System.out.println(L.op() + " " + L.operands());
        String dot = L.toDot();                        // Graphviz DOT: draw it with dot -Tsvg
        // readme:end
        drawings.add("expression", dot);

        // readme:by-hand
        L.setGrad(1.0);                                // dL/dL
        d.setGrad(f.data() * L.grad());                // L = d·f, so dL/dd = f
        f.setGrad(d.data() * L.grad());                // and dL/df = d
        c.setGrad(1.0 * d.grad());                     // d = e + c: a sum passes its gradient on
        e.setGrad(1.0 * d.grad());
        a.setGrad(b.data() * e.grad());                // e = a·b: chain rule, dL/da = dL/de · b
        b.setGrad(a.data() * e.grad());

        for (Value v : List.of(a, b, c, e, f, d)) {
            System.out.println(v.label() + ".grad = " + v.grad());
        }
        // readme:end
        drawings.add("expression-by-hand", L.toDot());

        // readme:nudge
        double h = 0.0001;
        Value nudged = Value.of(2.0 + h).mul(b).add(c).mul(f);    // L with a + h
        System.out.println((nudged.data() - L.data()) / h);      // 6.000000000021544
        // readme:end

        // readme:step
        for (Value v : List.of(a, b, c, f)) {
            v.setData(v.data() + 0.01 * v.grad());    // a small step along the gradient
        }
        Value L2 = a.mul(b).add(c).mul(f);
        System.out.println(L2.data());                // -7.286496
        // readme:end
    }

    static void neuron(Drawings drawings) {
        // readme:neuron
        Value x1 = Value.of(2.0).label("x1");          // inputs
        Value x2 = Value.of(0.0).label("x2");
        Value w1 = Value.of(-3.0).label("w1");         // weights
        Value w2 = Value.of(1.0).label("w2");
        Value b = Value.of(6.8813735870195432).label("b");   // bias, chosen so the numbers come out nice

        Value x1w1 = x1.mul(w1).label("x1*w1");
        Value x2w2 = x2.mul(w2).label("x2*w2");
        Value x1w1x2w2 = x1w1.add(x2w2).label("x1*w1 + x2*w2");
        Value n = x1w1x2w2.add(b).label("n");
        Value o = n.tanh().label("o");
        System.out.println(o);                         // Value(label=o, data=0.7071067811865477, grad=0.0)
        // readme:end
        drawings.add("neuron", o.toDot());

        // readme:neuron-by-hand
        o.setGrad(1.0);
        n.setGrad((1 - o.data() * o.data()) * o.grad());    // tanh'(n) = 1 − tanh²(n) = 1 − o²
        x1w1x2w2.setGrad(n.grad());                          // + passes it on
        b.setGrad(n.grad());
        x1w1.setGrad(x1w1x2w2.grad());
        x2w2.setGrad(x1w1x2w2.grad());
        x1.setGrad(w1.data() * x1w1.grad());                 // · swaps: d(x1·w1)/dx1 = w1
        w1.setGrad(x1.data() * x1w1.grad());
        x2.setGrad(w2.data() * x2w2.grad());
        w2.setGrad(x2.data() * x2w2.grad());
        System.out.printf("n %.4f  x1 %.4f  w1 %.4f  x2 %.4f  w2 %.4f%n",
                n.grad(), x1.grad(), w1.grad(), x2.grad(), w2.grad());
        // readme:end

        for (Value v : o.graph()) {
            v.setGrad(0.0);
        }
        // readme:backward
        o.backward();
        System.out.println(n.grad());                  // 0.4999999999999998
        System.out.println(x1.grad());                 // -1.4999999999999993
        System.out.println(w1.grad());                 // 0.9999999999999996
        System.out.println(x2.grad());                 // 0.4999999999999998
        System.out.println(w2.grad());                 // 0.0
        // readme:end
        drawings.add("neuron-backward", o.toDot());

        // readme:order
        List<String> names = new ArrayList<>();
        for (Value v : o.graph()) {
            names.add(v.op().isEmpty() ? v.label() : v.label() + " (" + v.op() + ")");
        }
        System.out.println(String.join(", ", names));
        // readme:end
    }

    static void longChain() {
        // readme:long-chain
        Value x = Value.of(1.0).label("x");
        Value y = x;
        for (int i = 0; i < 1_000_000; i++) {
            y = y.add(x);                              // a chain a million nodes deep
        }
        y.backward();
        System.out.println(x.grad());                  // 1000001.0
        // readme:end
    }

    static void tanhFromExp(Drawings drawings) {
        // readme:tanh-from-exp
        Value x1 = Value.of(2.0).label("x1");
        Value x2 = Value.of(0.0).label("x2");
        Value w1 = Value.of(-3.0).label("w1");
        Value w2 = Value.of(1.0).label("w2");
        Value b = Value.of(6.8813735870195432).label("b");
        Value n = x1.mul(w1).add(x2.mul(w2)).add(b).label("n");

        Value e = n.mul(2).exp().label("e");           // e^(2n)
        Value o = e.sub(1).div(e.add(1)).label("o");   // tanh n = (e^(2n) − 1) / (e^(2n) + 1)
        o.backward();
        System.out.printf("o %.4f  x1 %.4f  w1 %.4f  x2 %.4f  w2 %.4f%n",
                o.data(), x1.grad(), w1.grad(), x2.grad(), w2.grad());
        // readme:end
        drawings.addTopDown("neuron-exp", o.toDot());
    }

    static void reuse(Drawings drawings) {
        // readme:reuse
        Value a = Value.of(3.0).label("a");
        Value b = a.add(a).label("b");                 // a is used twice
        b.backward();
        System.out.println(a.grad());                  // 2.0
        // readme:end
        drawings.add("reuse", b.toDot());

        // readme:reuse-two
        Value p = Value.of(-2.0).label("p");
        Value q = Value.of(3.0).label("q");
        Value d = p.mul(q).label("d");
        Value s = p.add(q).label("s");
        Value r = d.mul(s).label("r");
        r.backward();
        System.out.println(p.grad() + " " + q.grad());   // -3.0 -8.0
        // readme:end
        drawings.add("reuse-two", r.toDot());

        // readme:twice
        r.backward();                                  // the same graph, a second time
        System.out.println(p.grad() + " " + q.grad());   // -6.0 -16.0
        System.out.println(d.grad() + " " + s.grad());   // 1.0 -6.0
        // readme:end
    }

    static void secondDerivative(Drawings drawings) {
        // readme:second-derivative
        Value x = Value.of(0.5).label("x");
        Value y = x.tanh().label("y");
        Value dy = y.gradient(x).label("dy/dx");      // 1 − y², built from Values
        Value d2y = dy.gradient(x).label("d2y/dx2");  // differentiate that again: −2y(1 − y²)
        System.out.println(dy.data());                // 0.7864477329659274
        System.out.println(d2y.data());               // -0.7268619813835873
        System.out.println(x.grad());                 // 0.0

        double t = StrictMath.tanh(0.5);        // the tanh Value uses, the same bits on every JDK
        System.out.println(-2 * t * (1 - t * t));     // -0.7268619813835873
        // readme:end
        drawings.addTopDown("tanh-second-derivative", d2y.toDot());

        // readme:hessian
        Value a = Value.of(1.5).label("a");
        Value b = Value.of(-2.0).label("b");
        Value f = a.mul(a).mul(b).add(b.exp());       // f = a²b + eᵇ
        List<Value> g = f.gradients(List.of(a, b));   // [2ab, a² + eᵇ]
        for (Value gi : g) {
            List<Value> row = gi.gradients(List.of(a, b));
            System.out.println(row.get(0).data() + " " + row.get(1).data());
        }
        // readme:end
    }
}
