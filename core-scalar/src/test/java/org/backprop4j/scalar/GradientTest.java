package org.backprop4j.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Value#gradient(Value)} and {@link Value#gradients(List)}: derivatives as Values that can be
 * differentiated again or fed to backward(), leaving every grad as it was; zeros for what the output
 * does not depend on; deep graphs without recursion; bad input named.
 */
class GradientTest {

    @Test
    void leavesUsedSeveralTimesGiveEveryDerivativeAndMixedPartials() {
        // f = x·x·x + x·y: f_x = 3x² + y, f_xx = 6x, f_xxx = 6, f_xy = 1, f_yy = 0
        Value x = Value.of(1.5);
        Value y = Value.of(-2.0);
        Value f = x.mul(x).mul(x).add(x.mul(y));
        List<Value> g = f.gradients(List.of(x, y));
        assertEquals(3 * 1.5 * 1.5 - 2.0, g.get(0).data());
        assertEquals(1.5, g.get(1).data());
        List<Value> hx = g.get(0).gradients(List.of(x, y));
        List<Value> hy = g.get(1).gradients(List.of(x, y));
        assertEquals(9.0, hx.get(0).data());
        assertEquals(1.0, hx.get(1).data());
        assertEquals(1.0, hy.get(0).data());
        assertEquals(0.0, hy.get(1).data());
        assertEquals(6.0, hx.get(0).gradient(x).data());
        assertEquals(0.0, hx.get(0).gradient(x).gradient(x).data(), "the fourth derivative of a cubic");
    }

    @Test
    void thirdDerivativeOfTanhIsItsFormula() {
        for (double at : new double[] {-3, -0.5, 0, 0.3, 1, 2.5}) {
            Value x = Value.of(at);
            Value third = x.tanh().gradient(x).gradient(x).gradient(x);
            double t = Math.tanh(at);
            assertEquals(-2 * (1 - t * t) * (1 - 3 * t * t), third.data(), 1e-14, "tanh''' at " + at);
        }
    }

    @Test
    void anInputTheOutputDoesNotReachGetsAConstantZero() {
        Value x = Value.of(2.0);
        Value unused = Value.of(5.0);
        Value f = x.mul(x);
        List<Value> g = f.gradients(List.of(unused, x, unused));
        assertEquals(0.0, g.get(0).data());
        assertTrue(g.get(0).operands().isEmpty(), "a leaf");
        assertEquals(4.0, g.get(1).data());
        assertEquals(0.0, g.get(0).gradient(unused).data());
        assertEquals(3, g.size());
        assertThrows(UnsupportedOperationException.class, () -> g.set(0, x));
    }

    @Test
    void aConstantDerivativeHasTheDerivativeZeroNotAnError() {
        Value x = Value.of(0.7);
        Value linear = x.mul(3).add(1);
        Value slope = linear.gradient(x);
        assertEquals(3.0, slope.data());
        Value second = slope.gradient(x);
        assertEquals(0.0, second.data());
        assertEquals(0.0, second.gradient(x).data());

        Value r = Value.of(2.0);
        Value reluSlope = r.relu().gradient(r);
        assertEquals(1.0, reluSlope.data());
        assertEquals(0.0, reluSlope.gradient(r).data(), "relu'' = 0");
        Value closed = Value.of(-2.0);
        assertEquals(0.0, closed.relu().gradient(closed).data(), "relu' = 0 below 0");

        // a closed ReLU sends nothing back, neither to a computed node beneath it nor to a leaf that already has a share
        Value below = Value.of(-1.5);
        assertEquals(0.0, below.mul(3).relu().gradient(below).data());
        assertEquals(2.0, below.relu().add(below.mul(2)).gradient(below).data());
        assertEquals(2.0, below.mul(2).add(below.relu()).gradient(below).data());

        Value p = Value.of(0.0);
        assertEquals(0.0, p.pow(0).gradient(p).data(), "d/dx x^0 = 0, even at 0");
        assertEquals(1.0, p.pow(1).gradient(p).data());
        assertEquals(0.0, p.pow(1).gradient(p).gradient(p).data());
    }

    @Test
    void theDerivativeOfASquareIsAProductNotAPower() {
        Value x = Value.of(3.0);
        Value d = x.pow(2).gradient(x);
        assertEquals(6.0, d.data());
        assertTrue(d.graph().stream().noneMatch(v -> v.op().equals("**")), d.toDot());
        Value cube = x.pow(3).gradient(x);
        assertEquals(27.0, cube.data());
        assertTrue(cube.graph().stream().anyMatch(v -> v.op().equals("**")), "3 · x² keeps its power");
    }

    @Test
    void withRespectToItselfOrAnInnerNode() {
        Value a = Value.of(2.0);
        Value b = Value.of(-3.0);
        Value ab = a.mul(b);
        Value f = ab.add(Value.of(10.0)).mul(ab);
        assertEquals(1.0, f.gradient(f).data());
        assertEquals(2 * -6.0 + 10.0, f.gradient(ab).data(), "∂(u + 10)u/∂u = 2u + 10");
        List<Value> twice = f.gradients(List.of(a, a));
        assertSame(twice.get(0), twice.get(1));
    }

    @Test
    void gradientLeavesEveryGradAsItWasBeforeAndAfterBackward() {
        Value x = Value.of(0.4);
        Value w = Value.of(-1.2);
        Value f = x.mul(w).tanh().mul(x);
        f.backward();
        double[] before = grads(f.graph());
        List<Value> g = f.gradients(List.of(x, w));
        assertTrue(Arrays.equals(before, grads(f.graph())), "gradients() wrote into grad");
        assertEquals(x.grad(), g.get(0).data());
        assertEquals(w.grad(), g.get(1).data());
        for (Value v : g.get(0).graph()) {
            if (!f.graph().contains(v)) {
                assertEquals(0.0, v.grad(), "a new node's grad is 0");
            }
        }

        Value x2 = Value.of(0.4);
        Value w2 = Value.of(-1.2);
        Value f2 = x2.mul(w2).tanh().mul(x2);
        f2.gradients(List.of(x2, w2));
        f2.backward();
        assertTrue(Arrays.equals(before, grads(f2.graph())), "backward() after gradients() as on a fresh graph");
    }

    private static double[] grads(List<Value> nodes) {
        return nodes.stream().mapToDouble(Value::grad).toArray();
    }

    @Test
    void backwardOfALossContainingADerivativeGivesItsGradient() {
        // loss = (∂/∂x tanh(w·x))² = (w·(1 − tanh²(w·x)))², differentiated in w by backward() and by central differences
        double x0 = 0.8;
        double w0 = 1.3;
        Value x = Value.of(x0);
        Value w = Value.of(w0);
        Value loss = x.mul(w).tanh().gradient(x).pow(2);
        loss.backward();
        double numeric = CentralDifference.derivative(v -> {
            double t = Math.tanh(v * x0);
            return Math.pow(v * (1 - t * t), 2);
        }, w0);
        assertTrue(CentralDifference.agrees(w.grad(), numeric), w.grad() + " vs " + numeric);
        double t = Math.tanh(w0 * x0);
        assertEquals(Math.pow(w0 * (1 - t * t), 2), loss.data(), 1e-15);
    }

    @Test
    void aGradientGraphOfAMillionNodesNeedsNoDeepStack() {
        // y = x^(n+1) as n products at x = 1: y' = n + 1, y'' = n(n + 1), all exact in doubles;
        // y' is a graph of three nodes per product
        int n = 400_000;
        Value x = Value.of(1.0);
        Value y = x;
        for (int i = 0; i < n; i++) {
            y = y.mul(x);
        }
        Value slope = y.gradient(x);
        assertEquals(n + 1.0, slope.data());
        assertTrue(slope.graph().size() > 1_000_000, "nodes " + slope.graph().size());
        slope.backward();
        assertEquals((double) n * (n + 1), x.grad());
    }

    @Test
    void nullIsRefusedWithItsName() {
        Value x = Value.of(1.0);
        Value f = x.mul(x);
        assertEquals("wrt", assertThrows(NullPointerException.class, () -> f.gradient(null)).getMessage());
        assertEquals("wrt", assertThrows(NullPointerException.class, () -> f.gradients(null)).getMessage());
        List<Value> withNull = new ArrayList<>(Arrays.asList(x, null));
        assertEquals("wrt[1]", assertThrows(NullPointerException.class, () -> f.gradients(withNull)).getMessage());
    }

    @Test
    void eachCallBuildsNewNodesWithTheSameNumbers() {
        Value x = Value.of(-0.6);
        Value f = x.sigmoid().mul(x.exp()).div(x.mul(x).add(1)).log();
        Value first = f.gradient(x).gradient(x);
        Value second = f.gradient(x).gradient(x);
        assertNotSame(first, second);
        assertEquals(Double.doubleToRawLongBits(first.data()), Double.doubleToRawLongBits(second.data()));
    }
}
