package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * backward() twice on one graph (issue 11, item 1; micrograd issue #53): inner gradients are
 * computed afresh by each call, leaves accumulate, so a second call adds exactly the same gradient.
 */
class BackwardTwiceTest {

    private final Tensor w1 = Tensor.of(new double[][] {{0.1, -0.2, 0.3}, {-0.4, 0.5, -0.6}, {0.7, -0.8, 0.9}, {0.2, 0.1, -0.3}});
    private final Tensor b1 = Tensor.of(1, 4, 0.01, -0.02, 0.03, -0.04);
    private final Tensor w2 = Tensor.of(1, 4, 0.5, -0.25, 0.125, 0.75);
    private final Tensor b2 = Tensor.of(1, 1, 0.05);

    /** The example at engine level: a 3 → 4 → 1 tanh network, summed squared error on two samples. */
    private Tensor loss() {
        Tensor x = Tensor.constant(new double[][] {{1, 2, 3}, {0, 1, -1}});
        Tensor y = Tensor.constant(2, 1, 1, -1);
        return x.linear(w1, b1).tanh().linear(w2, b2).tanh().sub(y).pow(2).sum();
    }

    private double[] gradients() {
        double[][] parts = {w1.grad().data, b1.grad().data, w2.grad().data, b2.grad().data};
        return Arrays.stream(parts).flatMapToDouble(p -> Arrays.stream(p, 0, p.length)).toArray();
    }

    private void zeroGrad() {
        for (Tensor p : new Tensor[] {w1, b1, w2, b2}) {
            p.zeroGrad();
        }
    }

    @Test
    void aSecondBackwardAfterZeroGradGivesTheSameGradient() {
        Tensor loss = loss();
        loss.backward();
        double[] first = gradients();
        zeroGrad();
        loss.backward();
        assertArrayEquals(first, gradients(), 0.0);
        assertEquals(-0.4728711075070146, first[0], 1e-12, "the first call is right (NumPy, float64)");
    }

    @Test
    void aSecondBackwardWithoutZeroGradAddsExactlyTheSameGradientAgain() {
        Tensor loss = loss();
        loss.backward();
        double[] first = gradients();
        loss.backward();
        double[] twice = gradients();
        for (int i = 0; i < first.length; i++) {
            assertEquals(2 * first[i], twice[i], 0.0, "parameter " + i);
        }
        Tensor fresh = loss();
        zeroGrad();
        fresh.backward();
        assertArrayEquals(first, gradients(), 0.0, "a new graph agrees");
    }

    @Test
    void aNodeUsedTwiceStillGetsBothContributionsAndInnerNodesStartAfresh() {
        Tensor a = Tensor.of(1, 2, 3.0, -1.0);
        Tensor b = a.add(a);
        Tensor c = b.add(b).sum();
        c.backward();
        assertArrayEquals(new double[] {4, 4}, a.grad().data, 0.0);
        assertArrayEquals(new double[] {2, 2}, b.grad().data, 0.0);
        c.backward();
        assertArrayEquals(new double[] {8, 8}, a.grad().data, 0.0, "the leaf accumulates");
        assertArrayEquals(new double[] {2, 2}, b.grad().data, 0.0, "the inner node is computed afresh");
        assertEquals(1.0, c.grad().data[0], 0.0);
    }

    @Test
    void aLeafUsedThreeTimesGetsExactlyTwiceItsGradientFromTwoCalls() {
        // earlier + (c1 + c2 + c3) rounds differently from ((earlier + c1) + c2) + c3: only the first doubles exactly.
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        double[] v = new double[64];
        double[][] weights = new double[3][64];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextDouble(-1, 1);
            for (double[] w : weights) {
                w[i] = random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-8, 1));
            }
        }
        Tensor x = Tensor.of(4, 16, v);
        Tensor loss = x.mul(Tensor.constant(4, 16, weights[0])).sum()
                .add(x.mul(Tensor.constant(4, 16, weights[1])).sum())
                .add(x.mul(Tensor.constant(4, 16, weights[2])).sum());
        loss.backward();
        double[] first = x.grad().data.clone();
        loss.backward();
        for (int i = 0; i < first.length; i++) {
            assertEquals(2 * first[i], x.grad().data[i], 0.0, "element " + i);
        }
    }

    @Test
    void theSecondCallsBufferGoesBackToTheWorkspace() {
        Tensor x = Tensor.of(1, 3, 1, 2, 3);
        Workspace workspace = new Workspace();
        try (Workspace.Scope scope = workspace.enter()) {
            Tensor loss = x.mul(2).sum();
            loss.backward();
            int free = workspace.freeBuffers();
            loss.backward();
            assertEquals(free + 1, workspace.freeBuffers(), "the fresh gradient added into the kept one is given back");
            assertArrayEquals(new double[] {4, 4, 4}, x.grad().data, 0.0);
        }
        x.zeroGrad();
        Tensor loss = x.mul(2).sum();
        loss.backward();
        loss.backward();
        assertArrayEquals(new double[] {4, 4, 4}, x.grad().data, 0.0, "and without a workspace nothing is given back");
    }

    @Test
    void aLeafOutputAccumulatesItsSeed() {
        Tensor a = Tensor.scalar(3);
        a.backward();
        a.backward();
        assertEquals(2.0, a.grad().data[0], 0.0);
    }

    @Test
    void anomalyModeStillChecksEveryCall() {
        Tensor loss = loss();
        try (Anomaly.Scope scope = Anomaly.detect()) {
            loss.backward();
            double[] first = gradients();
            zeroGrad();
            loss.backward();
            assertArrayEquals(first, gradients(), 0.0);
        }
    }
}
