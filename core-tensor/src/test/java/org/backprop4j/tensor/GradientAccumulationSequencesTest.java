package org.backprop4j.tensor;

import static org.backprop4j.tensor.LeafWithLoss.plus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Sequences a new user might run between {@code zeroGrad()}, {@code grad()}, {@code borrowGrad()}
 * and {@code backward()}, each checked against PyTorch's rule: a leaf's gradient is what was in it
 * (zeros after {@code zeroGrad()}, whatever a user wrote since) plus each backward call's whole
 * gradient, one addition per element; a call that is refused, or that only builds a gradient graph
 * ({@code gradient()}), adds nothing. The reference is always a fresh leaf's gradient after one call.
 */
class GradientAccumulationSequencesTest {

    private static final int ROWS = 3;
    private static final int COLS = 5;

    private final double[] other = new double[ROWS * COLS];
    private final LeafWithLoss leaves;

    GradientAccumulationSequencesTest() {
        SplittableRandom random = new SplittableRandom(53);
        double[] values = new double[ROWS * COLS];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble(-1, 1);
            other[i] = random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-6, 2));
        }
        leaves = new LeafWithLoss(ROWS, COLS, values, this::loss);
    }

    /** x used twice and with a product in one graph: Σ tanh(x ⊙ x + x·c): x's gradient comes in several parts. */
    private Tensor loss(Tensor x) {
        Tensor c = Tensor.constant(COLS, COLS, squareOf(other));
        return x.mul(x).add(x.matmul(c)).tanh().sum();
    }

    private static double[] squareOf(double[] source) {
        double[] square = new double[COLS * COLS];
        for (int i = 0; i < square.length; i++) {
            square[i] = source[i % source.length] * (i % 3 - 1);
        }
        return square;
    }

    @Test
    void aBackwardCalledTwiceOnOneGraphAfterZeroGradGivesTwiceTheGradientExactly() {
        Tensor x = leaves.zeroedAfterABackward();
        Tensor loss = loss(x);
        loss.backward();
        loss.backward();
        double[] g = leaves.freshGradient();
        assertArrayEquals(plus(g, g), x.borrowGrad().data, 0.0);
    }

    @Test
    void zeroGradThenGradThenAWriteThenBackwardGivesTheWritePlusTheGradient() {
        Tensor x = leaves.zeroedAfterABackward();
        DMatrixRMaj g = x.grad();
        System.arraycopy(other, 0, g.data, 0, other.length);
        loss(x).backward();
        assertArrayEquals(plus(other, leaves.freshGradient()), g.data, 0.0);
        x.zeroGrad();
        loss(x).backward();
        assertArrayEquals(leaves.freshGradient(), g.data, 0.0, "the held matrix is still the gradient, cleared and filled again");
    }

    @Test
    void aRefusedBackwardBetweenZeroGradAndBackwardAddsNothing() {
        Tensor x = leaves.zeroedAfterABackward();
        assertThrows(IllegalArgumentException.class, () -> x.mul(2).backward(), "not 1x1");
        assertThrows(IllegalStateException.class, () -> Tensor.constant(1, 1, 3).mul(2).backward(), "nothing needs a gradient");
        assertArrayEquals(new double[ROWS * COLS], x.borrowGrad().data, 0.0);
        loss(x).backward();
        assertArrayEquals(leaves.freshGradient(), x.borrowGrad().data, 0.0);
    }

    @Test
    void aBackwardStoppedByAnomalyDetectionLeavesAGradientThatZeroGradClearsForTheNextCall() {
        Tensor x = leaves.zeroedAfterABackward();
        Tensor bad = loss(x).add(x.sub(5).pow(0.5).sum());   // square roots of negatives: NaN gradients
        try (Anomaly.Scope scope = Anomaly.detect()) {
            assertThrows(AnomalyException.class, bad::backward);
        }
        x.zeroGrad();
        loss(x).backward();
        assertArrayEquals(leaves.freshGradient(), x.borrowGrad().data, 0.0);
    }

    @Test
    void aGradientGraphBuiltAfterZeroGradLeavesTheGradientAtZerosAndItsBackwardAddsTheSecondDerivative() {
        Tensor x = leaves.zeroedAfterABackward();
        Tensor firstDerivative = loss(x).gradient(x);
        assertArrayEquals(new double[ROWS * COLS], x.borrowGrad().data, 0.0, "gradient() writes no grad field");
        firstDerivative.sum().backward();

        Tensor y = leaves.newLeaf();
        loss(y).gradient(y).sum().backward();
        assertArrayEquals(y.grad().data, x.borrowGrad().data, 0.0);

        double[] secondDerivative = y.grad().data.clone();
        loss(x).backward();
        assertArrayEquals(plus(secondDerivative, leaves.freshGradient()), x.borrowGrad().data, 0.0);
    }

    @Test
    void twoGraphsSharingALeafAddTheirWholeGradientsOneAfterTheOther() {
        Tensor x = leaves.newLeaf();
        Tensor y = leaves.newLeaf();
        loss(x).backward();
        x.zeroGrad();
        Tensor secondGraph = x.mul(Tensor.constant(ROWS, COLS, other)).sum();
        loss(x).backward();
        secondGraph.backward();
        secondGraph.backward();

        Tensor z = leaves.newLeaf();
        z.mul(Tensor.constant(ROWS, COLS, other)).sum().backward();
        double[] second = z.grad().data;
        assertArrayEquals(plus(plus(leaves.freshGradient(), second), second), x.borrowGrad().data, 0.0);
        assertEquals(0, y.borrowGrad().data[0], 0.0, "an untouched leaf stays at zeros");
    }

    @Test
    void gradientsInAWorkspaceAccumulateAsOutsideIt() {
        Tensor x = leaves.newLeaf();
        Workspace workspace = new Workspace();
        DMatrixRMaj held = null;
        for (int step = 0; step < 4; step++) {
            try (Workspace.Scope scope = workspace.enter()) {
                Tensor loss = loss(x);
                loss.backward();
                if (step == 1) {
                    held = x.grad();
                }
                Tensor more = loss(x);
                more.backward();    // earlier gradient set aside, the fresh one given back to the workspace
                workspace.recycle(loss);
                workspace.recycle(more);
                if (step < 3) {
                    x.zeroGrad();
                }
            }
        }
        double[] g = leaves.freshGradient();
        assertArrayEquals(plus(g, g), held.data, 0.0);
        assertArrayEquals(plus(g, g), x.borrowGrad().data, 0.0);
    }

    @Test
    void leavesOnSeveralThreadsEachGetTheirOwnGradients() throws InterruptedException, ExecutionException {
        double[] g = leaves.freshGradient();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                final int kind = t;
                results.add(threads.submit(() -> {
                    Tensor x = leaves.newLeaf();
                    for (int step = 0; step < 200; step++) {
                        x.zeroGrad();
                        if (kind % 2 == 1) {
                            x.grad();
                        }
                        loss(x).backward();
                    }
                    loss(x).backward();
                    return x.borrowGrad().data.clone();
                }));
            }
            for (Future<double[]> result : results) {
                assertArrayEquals(plus(g, g), result.get(), 0.0);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
