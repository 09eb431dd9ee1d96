package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The gradient of a gradient through products the engine treats specially: a layer whose weight is
 * small (≤ 1,024 values, ≥ 16 rows: x·Wᵀ runs on a transposed copy of W), a layer whose weight is
 * its input, and x·x. Each first gradient is differentiated again and checked by central differences.
 */
class SecondOrderProductTest {

    private static Tensor random(SplittableRandom random, int rows, int cols) {
        return RandomTensors.uniform(random, rows, cols, -1, 1);
    }

    /**
     * A loss of a first gradient of size about 1 (tanh bounds each element, mean their sum): the
     * check's central differences take steps of 1e−6, so a loss in the thousands would lose digits.
     */
    private static Tensor lossOf(Tensor gradient) {
        return gradient.tanh().mean();
    }

    /** A layer of 40 rows of 8 inputs to 24 outputs: its weight, 192 values in 24 rows, is small enough for x·Wᵀ to run on a transposed copy. */
    private static RandomLayer smallTransposedWeightLayer(long seed) {
        return RandomLayer.uniform(new SplittableRandom(seed), 40, 8, 24, -1, 1);
    }

    @Test
    void aGradientThroughASmallTransposedWeightDifferentiatesAgain() {
        RandomLayer layer = smallTransposedWeightLayer(31);
        Gradients.check(() -> lossOf(layer.linearTanh().sum().gradient(layer.x())), layer.parameters());
        Gradients.check(() -> lossOf(layer.linearTanh().sum().gradient(layer.w())), layer.parameters());
    }

    @Test
    void aGradientThroughALayerWhoseWeightIsItsInputDifferentiatesAgain() {
        SplittableRandom random = new SplittableRandom(32);
        Tensor x = random(random, 16, 16);
        Tensor b = random(random, 1, 16);
        Gradients.check(() -> lossOf(x.linearTanh(x, b).sum().gradient(x)), List.of(x, b));
        Gradients.check(() -> lossOf(x.linear(x, b).tanh().sum().gradient(x)), List.of(x, b));
    }

    @Test
    void aGradientOfTheSquareOfAMatrixDifferentiatesAgain() {
        SplittableRandom random = new SplittableRandom(33);
        Tensor x = random(random, 20, 20);
        Gradients.check(() -> lossOf(x.matmul(x).tanh().sum().gradient(x)), List.of(x));
    }

    @Test
    void backwardAfterGradientAndAgainAccumulatesThroughASmallTransposedWeight() {
        RandomLayer layer = smallTransposedWeightLayer(34);
        Tensor w = layer.w();
        Tensor loss = layer.linearTanh().sum();
        double[] viaGradient = loss.gradient(w).data().data.clone();
        for (double g : w.grad().data) {
            assertEquals(0.0, g, "gradient() leaves grad as it was");
        }
        loss.backward();
        double[] once = w.grad().data.clone();
        for (int i = 0; i < once.length; i++) {
            assertEquals(viaGradient[i], once[i], 1e-12 * (1 + Math.abs(once[i])), "∂w[" + i + "]");
        }
        loss.backward();
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], w.grad().data[i], 0.0, "a second backward doubles ∂w[" + i + "]");
        }
        assertArrayEquals(viaGradient, loss.gradient(w).data().data, 0.0, "gradient() after backward");
    }
}
