package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.backprop4j.tensor.parallel.Workers;
import org.junit.jupiter.api.Test;

/**
 * A user's edge cases through the product paths: an empty operand (refused), a NaN in one row of a product big
 * enough to be cut into bands, and a graph deeper than a thread's kept walk arrays, built on one
 * thread and walked on another.
 */
class ProductEdgeScenarioTest {

    @Test
    void anEmptyOperandIsRefusedWithItsShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(0, 8, new double[0]));
        assertTrue(e.getMessage().contains("0x8"), e.getMessage());
    }

    @Test
    void aNaNInOneRowOfABandedProductStaysInThatRow() {
        SplittableRandom random = new SplittableRandom(3);
        Tensor x = RandomTensors.uniform(random, 200, 64, -1, 1);
        Tensor w = RandomTensors.uniform(random, 64, 64, -1, 1);
        x.data().data[137 * 64 + 5] = Double.NaN;
        double[] y = x.matmul(w).data().data;
        for (int i = 0; i < 200; i++) {
            for (int j = 0; j < 64; j++) {
                double v = y[i * 64 + j];
                assertEquals(i == 137, Double.isNaN(v), "y[" + i + "][" + j + "] = " + v);
            }
        }
    }

    @Test
    void anInfinityTimesAZeroWeightIsNaNThroughASmallTransposedWeight() {
        SplittableRandom random = new SplittableRandom(4);
        Tensor x = RandomTensors.uniform(random, 40, 8, 0.5, 1);
        Tensor w = RandomTensors.uniform(random, 24, 8, 0.5, 1);
        x.data().data[2 * 8 + 3] = Double.POSITIVE_INFINITY;
        w.data().data[7 * 8 + 3] = 0.0;
        double[] y = x.linear(w, Tensor.zeros(1, 24)).data().data;
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 24; j++) {
                double v = y[i * 24 + j];
                String where = "y[" + i + "][" + j + "] = " + v;
                if (i != 2) {
                    assertTrue(Double.isFinite(v), where);
                } else if (j == 7) {
                    assertTrue(Double.isNaN(v), where + ": ∞·0 is NaN");
                } else {
                    assertEquals(Double.POSITIVE_INFINITY, v, where);
                }
            }
        }
    }

    /** Two products and a small transposed weight; every intermediate's gradient is written with β = 0. */
    private static Tensor twoProducts(Tensor x, Tensor w1, Tensor w2, Tensor b2) {
        return Gradients.weightedSum(x.matmul(w1).tanh().linearTanh(w2, b2).matmul(w2));
    }

    @Test
    void gradientsInAWorkspaceWhoseBuffersHeldNaNsEqualThoseWithoutOne() {
        SplittableRandom random = new SplittableRandom(5);
        Tensor x = RandomTensors.uniform(random, 64, 32, -1, 1);
        Tensor w1 = RandomTensors.uniform(random, 32, 48, -1, 1);
        Tensor w2 = RandomTensors.uniform(random, 16, 48, -1, 1);
        Tensor b2 = RandomTensors.uniform(random, 1, 16, -1, 1);
        List<Tensor> leaves = List.of(x, w1, w2, b2);
        twoProducts(x, w1, w2, b2).backward();
        List<double[]> expected = leaves.stream().map(t -> t.grad().data.clone()).toList();
        Tensor poisoned = Tensor.of(64, 32, new double[64 * 32]);
        Arrays.fill(poisoned.data().data, Double.NaN);
        Workspace workspace = new Workspace();
        try (Workspace.Scope scope = workspace.enter()) {
            Tensor bad = twoProducts(poisoned, w1, w2, b2);
            bad.backward();
            workspace.recycle(bad);
            leaves.forEach(Tensor::zeroGrad);
            Tensor good = twoProducts(x, w1, w2, b2);
            good.backward();
            for (int n = 0; n < leaves.size(); n++) {
                assertArrayEquals(expected.get(n), leaves.get(n).grad().data, 0.0, "leaf " + n + " after the NaN step");
            }
            workspace.recycle(good);
        }
    }

    /** A pool of two threads, made once (its workers live as long as the JVM). */
    private static final Workers TWO_THREADS = Workers.of(2);

    /** A layer whose input and weight are computed (their gradients start as workspace buffers β = 0 overwrites). */
    private static Tensor wideLayer(Tensor x, Tensor w, Tensor b) {
        return Gradients.weightedSum(x.tanh().linearTanh(w.tanh(), b));
    }

    @Test
    void aLayerWhoseBackwardSplitsGivesTheOneThreadGradientsInAWorkspaceWhoseBuffersHeldNaNs() {
        SplittableRandom random = new SplittableRandom(6);
        // 512 × 160 results: above the arithmetic cut-over, so G' and the bias sums split by columns on two threads
        Tensor x = RandomTensors.uniform(random, 512, 24, -1, 1);
        Tensor w = RandomTensors.uniform(random, 160, 24, -1, 1);
        Tensor b = RandomTensors.uniform(random, 1, 160, -1, 1);
        List<Tensor> leaves = List.of(x, w, b);
        Workers.runOn(Workers.of(1), () -> wideLayer(x, w, b).backward());
        List<double[]> expected = leaves.stream().map(t -> t.grad().data.clone()).toList();
        leaves.forEach(Tensor::zeroGrad);
        Tensor poisoned = Tensor.of(512, 24, new double[512 * 24]);
        Arrays.fill(poisoned.data().data, Double.NaN);
        Workspace workspace = new Workspace();
        Workers.runOn(TWO_THREADS, () -> {
            try (Workspace.Scope scope = workspace.enter()) {
                Tensor bad = wideLayer(poisoned, w, b);
                bad.backward();
                workspace.recycle(bad);
                leaves.forEach(Tensor::zeroGrad);
                Tensor good = wideLayer(x, w, b);
                good.backward();
                for (int n = 0; n < leaves.size(); n++) {
                    assertArrayEquals(expected.get(n), leaves.get(n).grad().data, 0.0, "leaf " + n + " split on two threads");
                }
                workspace.recycle(good);
            }
        });
    }

    private static Tensor deepChain(Tensor x, int depth) {
        Tensor y = x;
        for (int n = 0; n < depth; n++) {
            y = y.add(x).tanh().mul(Tensor.constant(1, 1, new double[] {2}));
        }
        return y.sum();
    }

    @Test
    void aGraphDeeperThanTheKeptWalkArraysIsWalkedRightOnAnotherThreadAndAfterwardsOnThisOne() throws Exception {
        Tensor big = Tensor.of(1, 1, new double[] {0.3});
        Tensor deep = deepChain(big, 3000);
        Tensor small = Tensor.of(1, 1, new double[] {0.3});
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<Double> walked = other.submit(() -> {
                deep.backward();
                return deep.gradient(big).item();
            });
            double viaGradient = walked.get();
            assertEquals(big.grad().data[0], viaGradient, 0.0, "backward and gradient on the other thread");
        } finally {
            other.shutdown();
        }
        double deepGrad = big.grad().data[0];
        deepChain(small, 3000).backward();
        assertEquals(deepGrad, small.grad().data[0], 0.0, "the same chain walked on this thread");
        Tensor shallow = Tensor.of(1, 1, new double[] {0.3});
        Tensor z = shallow.mul(shallow).sum();
        z.backward();
        assertEquals(0.6, shallow.grad().data[0], 1e-15, "a small graph after the deep one");
        assertTrue(Double.isFinite(deepGrad));
    }
}
