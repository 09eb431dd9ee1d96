package org.backprop4j.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Accumulation, reuse, depth, IEEE cases and bad input of {@link Value}. */
class ValueTest {

    @Test
    void reusedNodeGetsEveryContribution() {
        Value a = Value.of(3.0);
        Value b = a.add(a);
        Value c = b.add(b);
        c.backward();
        assertEquals(4.0, a.grad());
        assertEquals(2.0, b.grad());
    }

    @Test
    void nodeUsedByManyLaterNodesReceivesEach() {
        Value a = Value.of(-2.0);
        Value b = Value.of(3.0);
        Value d = a.mul(b);
        Value e = a.add(b);
        Value f = d.mul(e);
        f.backward();
        // f = ab(a+b): df/da = b(a+b) + ab = 3 - 6, df/db = a(a+b) + ab = -2 - 6
        assertEquals(-3.0, a.grad(), 1e-15);
        assertEquals(-8.0, b.grad(), 1e-15);
    }

    @Test
    void selfMultiplicationCountsBothFactors() {
        Value a = Value.of(5.0);
        a.mul(a).backward();
        assertEquals(10.0, a.grad());
    }

    @Test
    void backwardTwiceAccumulatesAndSetGradClears() {
        Value x = Value.of(2.0);
        Value y = x.mul(3);
        y.backward();
        assertEquals(3.0, x.grad());
        y.backward();
        assertEquals(6.0, x.grad());
        x.setGrad(0);
        y.backward();
        assertEquals(3.0, x.grad());

        // Unlike micrograd (its issue #53), computed nodes start afresh: the second call adds 12 again, not 24.
        Value z = Value.of(2.0);
        Value square = z.mul(z);
        Value out = square.mul(3);
        out.backward();
        assertEquals(12.0, z.grad());
        out.backward();
        assertEquals(3.0, square.grad());
        assertEquals(24.0, z.grad());
    }

    @Test
    void backwardOfAMillionOperationChainNeedsNoDeepStack() {
        Value x = Value.of(0.5);
        Value y = x;
        for (int i = 0; i < 1_000_000; i++) {
            y = y.mul(1.0000001).add(1e-9);
        }
        Value out = y;
        out.backward();
        assertEquals(Math.pow(1.0000001, 1_000_000), x.grad(), 1e-6);
        assertEquals(4_000_001, out.graph().size(), "x, then a constant and a result per operation");
    }

    @Test
    void tanhAndSigmoidAreStableAtLargeInputs() {
        Value big = Value.of(1000);
        Value t = big.tanh();
        t.backward();
        assertEquals(1.0, t.data());
        assertEquals(0.0, big.grad());

        Value small = Value.of(-1000);
        Value tn = small.tanh();
        tn.backward();
        assertEquals(-1.0, tn.data());
        assertEquals(0.0, small.grad());

        Value low = Value.of(-1000);
        Value s = low.sigmoid();
        s.backward();
        assertEquals(0.0, s.data());
        assertEquals(0.0, low.grad());

        Value high = Value.of(1000);
        Value sh = high.sigmoid();
        sh.backward();
        assertEquals(1.0, sh.data());
        assertEquals(0.0, high.grad());
    }

    @Test
    void reluDerivativeAtZeroIsZero() {
        Value zero = Value.of(0.0);
        Value r = zero.relu();
        r.backward();
        assertEquals(0.0, r.data());
        assertEquals(0.0, zero.grad());
        Value negative = Value.of(-2.0);
        negative.relu().backward();
        assertEquals(0.0, negative.grad());
        Value positive = Value.of(2.0);
        positive.relu().backward();
        assertEquals(1.0, positive.grad());
    }

    @Test
    void reluKeepsTheSignOfNegativeZeroAsMicrogradDoes() {
        // micrograd's rule is "0 if x < 0 else x": −0.0 is not below 0, so it passes through unchanged.
        Value negativeZero = Value.of(-0.0);
        Value r = negativeZero.relu();
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(r.data()));
        assertEquals(Double.NEGATIVE_INFINITY, 1 / r.data());
        r.backward();
        assertEquals(0.0, negativeZero.grad());
    }

    @Test
    void ieeeResultsLikePyTorch() {
        assertTrue(Double.isNaN(Value.of(-4).pow(0.5).data()));
        assertEquals(Double.NEGATIVE_INFINITY, Value.of(0).log().data());
        assertTrue(Double.isNaN(Value.of(-1).log().data()));
        assertEquals(Double.POSITIVE_INFINITY, Value.of(1).div(0.0).data());
        assertEquals(Double.NEGATIVE_INFINITY, Value.of(-1).div(0.0).data());
        assertTrue(Double.isNaN(Value.of(0).div(0.0).data()));
        assertEquals(Double.POSITIVE_INFINITY, Value.of(1).div(Value.of(0)).data());
        assertEquals(Double.POSITIVE_INFINITY, Value.of(1000).exp().data());

        Value zero = Value.of(0);
        zero.log().backward();
        assertEquals(Double.POSITIVE_INFINITY, zero.grad());
    }

    /** pow is C's pow at its corners, as documented, not PyTorch's √x and 1/√x for the exponents ±0.5. */
    @Test
    void powIsCsPowAtMinusInfinityAndMinusZero() {
        assertEquals(Double.POSITIVE_INFINITY, Value.of(Double.NEGATIVE_INFINITY).pow(0.5).data());
        assertEquals(Double.POSITIVE_INFINITY, Value.of(-0.0).pow(-0.5).data());
        assertEquals(0.0, Value.of(Double.NEGATIVE_INFINITY).pow(-0.5).data());
        assertTrue(Double.isNaN(Value.of(-Double.MAX_VALUE).pow(0.5).data()));
        assertEquals(1.0, Value.of(1).pow(Double.NaN).data());
    }

    /** x⁰ is the constant 1: its derivative is 0 everywhere, as PyTorch gives, not 0 · x⁻¹ = NaN at 0. */
    @Test
    void powerZeroHasGradientZeroEvenAtZero() {
        for (double x : new double[] {0.0, -0.0, Double.MIN_VALUE, 2.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            Value a = Value.of(x);
            Value p = a.pow(0);
            p.backward();
            assertEquals(1.0, p.data(), "pow(" + x + ", 0)");
            assertEquals(0.0, a.grad(), "d/dx x^0 at " + x);
        }
    }

    @Test
    void derivedOperationsAreBuiltFromPrimitivesAndDivisionIsOneOfThem() {
        Value a = Value.of(6);
        Value b = Value.of(3);
        Value q = a.div(b);
        assertEquals("/", q.op());
        assertEquals(List.of(a, b), q.operands());
        Value byConstant = a.div(4.0);
        assertEquals("/", byConstant.op());
        assertEquals(4.0, byConstant.operands().get(1).data());
        assertEquals("*", a.neg().op());
        assertEquals("+", a.sub(b).op());
    }

    @Test
    void nullOperandsAreNamed() {
        Value a = Value.of(1);
        List<Function<Value, Value>> binary = List.of(a::add, a::sub, a::mul, a::div);
        for (Function<Value, Value> op : binary) {
            NullPointerException e = assertThrows(NullPointerException.class, () -> op.apply(null));
            assertEquals("other", e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> a.label(null));
    }

    @Test
    void toStringShowsDataAndGrad() {
        Value v = Value.of(2.0);
        v.setGrad(0.5);
        assertEquals("Value(data=2.0, grad=0.5)", v.toString());
        assertEquals("Value(label=w, data=2.0, grad=0.5)", v.label("w").toString());
    }

    @Test
    void graphListsOperandsBeforeResults() {
        Value a = Value.of(1).label("a");
        Value b = Value.of(2).label("b");
        Value c = a.mul(b).label("c");
        Value d = c.add(a).label("d");
        List<Value> graph = d.graph();
        assertEquals(4, graph.size());
        assertEquals(d, graph.get(3));
        assertTrue(graph.indexOf(a) < graph.indexOf(c));
        assertTrue(graph.indexOf(b) < graph.indexOf(c));
        assertFalse(d.operands().isEmpty());
        assertTrue(a.operands().isEmpty());
    }
}
