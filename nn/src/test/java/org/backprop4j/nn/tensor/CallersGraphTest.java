package org.backprop4j.nn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.backprop4j.nn.Loss;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@code MLP.lossAndBackward(Tensor, …)} recycles the graph it builds, and nothing of the caller's. */
class CallersGraphTest {

    private static final double[][] X = {{2, 3, -1}, {3, -1, 0.5}, {0.5, 1, 1}, {1, 1, -1}};
    private static final double[][] Y = {{1}, {-1}, {-1}, {1}};

    /**
     * Two models chained, the first's output the second's input: the call recycled the first model's
     * graph too, so the output the caller still held threw "this tensor's buffers were recycled" at
     * its next use, though the caller never recycled anything.
     */
    @Test
    void anInputComputedByAnotherModelStaysUsableAndGetsItsGradient() {
        MLP encoder = new MLP(3, List.of(3));
        MLP head = new MLP(3, List.of(4, 1));
        Tensor encoded = encoder.forward(Tensor.constant(X));
        double[][] before = encoded.toArray();
        double loss = head.lossAndBackward(encoded, Tensor.constant(Y), Loss.MEAN_SQUARED, 0.01);
        assertArrayEquals(before, encoded.toArray(), "the caller's tensor is still readable and unchanged");
        double[] encoderGradient = encoder.gradients();
        assertTrue(Arrays.stream(encoderGradient).anyMatch(g -> g != 0), "the gradient reached the first model");
        assertEquals(new MLP(3, List.of(4, 1)).lossAndBackward(Tensor.constant(before), Tensor.constant(Y), Loss.MEAN_SQUARED, 0.01), loss, 0,
                "the same loss as on a constant copy of the input");
        head.zeroGrad();
        encoder.zeroGrad();
        assertEquals(loss, head.lossAndBackward(encoded, Tensor.constant(Y), Loss.MEAN_SQUARED, 0.01), 0,
                "the same input can be used for a second call");
        assertArrayEquals(encoderGradient, encoder.gradients(), 0, "and gives the first model the same gradient again");
    }

    @Test
    void computedTargetsStayUsableToo() {
        MLP head = new MLP(3, List.of(4, 1));
        Tensor targets = Tensor.of(Y).mul(1.0);
        head.lossAndBackward(Tensor.constant(X), targets, Loss.MEAN_SQUARED, 0);
        assertArrayEquals(Y, targets.toArray());
    }
}
