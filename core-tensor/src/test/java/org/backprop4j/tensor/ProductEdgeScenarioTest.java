package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
