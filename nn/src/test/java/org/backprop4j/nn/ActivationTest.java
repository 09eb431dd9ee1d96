package org.backprop4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An activation's fused layer operation is the layer then the activation, bit for bit, forward and backward. */
class ActivationTest {

    private static Tensor random(SplittableRandom random, int rows, int cols) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble(-2, 2);
        }
        return Tensor.of(rows, cols, values);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void linearIsApplyOfTheLayer(Activation activation) {
        SplittableRandom random = new SplittableRandom(activation.ordinal());
        Tensor x = random(random, 9, 5);
        Tensor w = random(random, 11, 5);
        Tensor b = random(random, 1, 11);
        Tensor fused = activation.linear(x, w, b);
        fused.pow(2).sum().backward();
        double[] dw = w.grad().data.clone();
        double[] dx = x.grad().data.clone();
        w.zeroGrad();
        x.zeroGrad();
        b.zeroGrad();
        Tensor parts = activation.apply(x.linear(w, b));
        parts.pow(2).sum().backward();
        assertArrayEquals(parts.data().data, fused.data().data, activation + " forward");
        assertArrayEquals(w.grad().data, dw, 0.0, activation + " ∂W");
        assertArrayEquals(x.grad().data, dx, 0.0, activation + " ∂x");
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void badShapesAreRefused(Activation activation) {
        Tensor x = Tensor.zeros(3, 2);
        assertThrows(IllegalArgumentException.class, () -> activation.linear(x, Tensor.zeros(4, 3), Tensor.zeros(1, 4)));
        assertThrows(NullPointerException.class, () -> activation.linear(x, null, Tensor.zeros(1, 4)));
    }
}
