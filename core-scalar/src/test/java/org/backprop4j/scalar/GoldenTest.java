package org.backprop4j.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** micrograd's own tests and the lecture's neuron, reproduced to 1e−12. */
class GoldenTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void sanityCheck() {
        Value x = Value.of(-4.0);
        Value z = Value.of(2).mul(x).add(2).add(x);
        Value q = z.relu().add(z.mul(x));
        Value h = z.mul(z).relu();
        Value y = h.add(q).add(q.mul(x));
        y.backward();
        assertEquals(-20.0, y.data(), TOLERANCE);
        assertEquals(46.0, x.grad(), TOLERANCE);
    }

    @Test
    void moreOps() {
        Value a = Value.of(-4.0);
        Value b = Value.of(2.0);
        Value c = a.add(b);
        Value d = a.mul(b).add(b.pow(3));
        c = c.add(c.add(1));
        c = c.add(Value.of(1).add(c).add(a.neg()));
        d = d.add(d.mul(2).add(b.add(a).relu()));
        d = d.add(Value.of(3).mul(d).add(b.sub(a).relu()));
        Value e = c.sub(d);
        Value f = e.pow(2);
        Value g = f.div(2.0);
        g = g.add(Value.of(10.0).div(f));
        g.backward();
        assertEquals(24.70408163265306, g.data(), TOLERANCE);
        assertEquals(138.83381924198252, a.grad(), TOLERANCE * 138.8);
        assertEquals(645.5772594752186, b.grad(), TOLERANCE * 645.6);
    }

    @Test
    void lectureNeuron() {
        Value x1 = Value.of(2.0).label("x1");
        Value x2 = Value.of(0.0).label("x2");
        Value w1 = Value.of(-3.0).label("w1");
        Value w2 = Value.of(1.0).label("w2");
        Value b = Value.of(6.8813735870195432).label("b");
        Value o = x1.mul(w1).add(x2.mul(w2)).add(b).tanh().label("o");
        o.backward();
        assertEquals(0.7071067811865476, o.data(), TOLERANCE);
        assertEquals(-1.5, x1.grad(), TOLERANCE);
        assertEquals(1.0, w1.grad(), TOLERANCE);
        assertEquals(0.5, x2.grad(), TOLERANCE);
        assertEquals(0.0, w2.grad(), TOLERANCE);
        assertEquals(0.5, b.grad(), TOLERANCE);
    }

    @Test
    void lectureNeuronThroughExp() {
        Value x1 = Value.of(2.0);
        Value w1 = Value.of(-3.0);
        Value x2 = Value.of(0.0);
        Value w2 = Value.of(1.0);
        Value n = x1.mul(w1).add(x2.mul(w2)).add(6.8813735870195432);
        Value e = n.mul(2).exp();
        Value o = e.sub(1).div(e.add(1));
        o.backward();
        assertEquals(0.7071067811865476, o.data(), TOLERANCE);
        assertEquals(-1.5, x1.grad(), TOLERANCE);
        assertEquals(1.0, w1.grad(), TOLERANCE);
        assertEquals(0.5, x2.grad(), TOLERANCE);
    }
}
