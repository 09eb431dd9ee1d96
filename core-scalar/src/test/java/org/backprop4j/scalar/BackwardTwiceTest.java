package org.backprop4j.scalar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * backward() twice on one graph (issue 11, item 1; micrograd issue #53): computed nodes' gradients
 * are found afresh by each call, leaves accumulate, so a second call adds exactly the same gradient.
 */
class BackwardTwiceTest {

    private final Value[][] w1 = values(new double[][] {{0.1, -0.2, 0.3}, {-0.4, 0.5, -0.6}, {0.7, -0.8, 0.9}, {0.2, 0.1, -0.3}});
    private final Value[] b1 = values(new double[][] {{0.01, -0.02, 0.03, -0.04}})[0];
    private final Value[] w2 = values(new double[][] {{0.5, -0.25, 0.125, 0.75}})[0];
    private final Value b2 = Value.of(0.05);

    private static Value[][] values(double[][] numbers) {
        Value[][] out = new Value[numbers.length][];
        for (int i = 0; i < numbers.length; i++) {
            out[i] = new Value[numbers[i].length];
            for (int j = 0; j < numbers[i].length; j++) {
                out[i][j] = Value.of(numbers[i][j]);
            }
        }
        return out;
    }

    /** The example at engine level: a 3 → 4 → 1 tanh network, summed squared error on two samples. */
    private Value loss() {
        double[][] xs = {{1, 2, 3}, {0, 1, -1}};
        double[] ys = {1, -1};
        Value total = Value.of(0);
        for (int s = 0; s < xs.length; s++) {
            Value o = b2;
            for (int j = 0; j < w1.length; j++) {
                Value h = b1[j];
                for (int k = 0; k < xs[s].length; k++) {
                    h = h.add(w1[j][k].mul(xs[s][k]));
                }
                o = o.add(w2[j].mul(h.tanh()));
            }
            total = total.add(o.tanh().sub(ys[s]).pow(2));
        }
        return total;
    }

    private Value[] parameters() {
        Value[] all = new Value[12 + 4 + 4 + 1];
        int n = 0;
        for (Value[] row : w1) {
            for (Value v : row) {
                all[n++] = v;
            }
        }
        for (Value v : b1) {
            all[n++] = v;
        }
        for (Value v : w2) {
            all[n++] = v;
        }
        all[n] = b2;
        return all;
    }

    private double[] gradients() {
        Value[] p = parameters();
        double[] g = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            g[i] = p[i].grad();
        }
        return g;
    }

    private void zeroGrad() {
        for (Value p : parameters()) {
            p.setGrad(0);
        }
    }

    @Test
    void aSecondBackwardAfterZeroGradGivesTheSameGradient() {
        Value loss = loss();
        loss.backward();
        double[] first = gradients();
        zeroGrad();
        loss.backward();
        assertArrayEquals(first, gradients(), 0.0);
        assertEquals(-0.4728711075070146, first[0], 1e-12, "the first call is right (NumPy, float64)");
    }

    @Test
    void aSecondBackwardWithoutZeroGradAddsExactlyTheSameGradientAgain() {
        Value loss = loss();
        loss.backward();
        double[] first = gradients();
        loss.backward();
        double[] twice = gradients();
        for (int i = 0; i < first.length; i++) {
            assertEquals(2 * first[i], twice[i], 0.0, "parameter " + i);
        }
    }

    @Test
    void aNodeUsedTwiceStillGetsBothContributionsAndComputedNodesStartAfresh() {
        Value a = Value.of(3);
        Value b = a.add(a);
        Value c = b.add(b);
        c.backward();
        assertEquals(4, a.grad(), 0.0);
        assertEquals(2, b.grad(), 0.0);
        c.backward();
        assertEquals(8, a.grad(), 0.0, "the leaf accumulates");
        assertEquals(2, b.grad(), 0.0, "the computed node is found afresh");
        assertEquals(1, c.grad(), 0.0);
    }

    @Test
    void aLeafOutputAccumulatesItsSeed() {
        Value a = Value.of(3);
        a.backward();
        a.backward();
        assertEquals(2, a.grad(), 0.0);
    }

    @Test
    void anomalyModeStillChecksEveryCall() {
        Value loss = loss();
        try (Anomaly.Scope scope = Anomaly.detect()) {
            loss.backward();
            double[] first = gradients();
            zeroGrad();
            loss.backward();
            assertArrayEquals(first, gradients(), 0.0);
        }
    }
}
