package org.backprop4j.tensor;

import static org.backprop4j.tensor.Gradients.weightedSum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.backprop4j.tensor.parallel.Workers;
import org.junit.jupiter.api.Test;

/**
 * The fused layers act(x·Wᵀ + b), forward and backward, give on pools of 1 to 4 threads, with and without anomaly
 * detection, the bits of one thread, at shapes on both sides of every cut-over a layer meets: the forward product's
 * bands, the bias and activation pass's split, and the backward's column pass and product split.
 */
class FusedLayerThreadsTest {

    /** Pools of 1 to 4 threads, made once: their workers live as long as the JVM. */
    private static final Workers[] POOLS = {Workers.of(1), Workers.of(2), Workers.of(3), Workers.of(4)};

    /**
     * {batch, in, out}: 47×219→100 is one band (4,700 values, under every pass cut-over) whose backward products, of
     * 1,029,300 multiply-adds, run one after the other; 96×219→100 two bands of just over 2²⁰ multiply-adds, and its
     * backward products side by side; 300×300→64 up to four bands of 19,200 values (over the transcendental pass cut-over, 16,384);
     * 256×64→128, medium's first layer, one band of 32,768 values, whose pass splits; 257×8→257, 66,049 values, over the
     * arithmetic cut-over (65,536) of the identity's pass and of the backward's column pass. (Small enough for the mutation
     * run, which runs this class whole at each of its starts.)
     */
    private static final int[][] SHAPES = {{47, 219, 100}, {96, 219, 100}, {300, 300, 64}, {256, 64, 128}, {257, 8, 257}};

    /** A fused layer operation. */
    @FunctionalInterface
    private interface Fused {
        Tensor apply(Tensor x, Tensor w, Tensor b);
    }

    private static final Fused[] LAYERS = {Tensor::linear, Tensor::linearTanh, Tensor::linearSigmoid, Tensor::linearRelu};

    /** The output, ∂x, ∂W and ∂b of a weighted sum of the layer, on a pool, with or without anomaly detection. */
    private static List<double[]> run(Fused layer, Tensor x, Tensor w, Tensor b, Workers pool, boolean anomaly) {
        List<double[]> results = new ArrayList<>();
        Workers.runOn(pool, () -> {
            x.zeroGrad();
            w.zeroGrad();
            b.zeroGrad();
            Tensor out;
            if (anomaly) {
                try (Anomaly.Scope scope = Anomaly.detect()) {
                    out = layer.apply(x, w, b);
                    weightedSum(out).backward();
                }
            } else {
                out = layer.apply(x, w, b);
                weightedSum(out).backward();
            }
            results.add(out.data().data.clone());
            results.add(x.grad().data.clone());
            results.add(w.grad().data.clone());
            results.add(b.grad().data.clone());
        });
        return results;
    }

    @Test
    void everyThreadCountGivesTheBitsOfOneThreadWithAndWithoutAnomalyDetection() {
        SplittableRandom random = new SplittableRandom(37);
        String[] parts = {"output", "∂x", "∂W", "∂b"};
        for (int[] shape : SHAPES) {
            Tensor x = RandomTensors.uniform(random, shape[0], shape[1], -2, 2);
            Tensor w = RandomTensors.uniform(random, shape[2], shape[1], -0.2, 0.2);
            Tensor b = RandomTensors.uniform(random, 1, shape[2], -1, 1);
            for (Fused layer : LAYERS) {
                List<double[]> expected = run(layer, x, w, b, POOLS[0], false);
                String op = layer.apply(x, w, b).op();
                for (Workers pool : POOLS) {
                    for (boolean anomaly : new boolean[] {false, true}) {
                        List<double[]> actual = run(layer, x, w, b, pool, anomaly);
                        for (int p = 0; p < parts.length; p++) {
                            sameBits(expected.get(p), actual.get(p), op + " at " + shape[0] + "x" + shape[1] + "→" + shape[2] + ", "
                                    + parts[p] + ", " + pool + (anomaly ? ", anomaly detection on" : ""));
                        }
                    }
                }
            }
        }
    }

    private static void sameBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                fail(what + ": element " + i + " is " + actual[i] + ", not " + expected[i]);
            }
        }
    }
}
