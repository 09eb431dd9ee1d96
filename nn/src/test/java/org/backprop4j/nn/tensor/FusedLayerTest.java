package org.backprop4j.nn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.tensor.Anomaly;
import org.backprop4j.tensor.AnomalyException;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A layer's fused operation is linear then the activation, bit for bit, forward and backward. */
class FusedLayerTest {

    private static Tensor random(SplittableRandom random, int rows, int cols) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble(-2, 2);
        }
        return Tensor.of(rows, cols, values);
    }

    private static Tensor activate(Activation activation, Tensor x) {
        return switch (activation) {
            case TANH -> x.tanh();
            case RELU -> x.relu();
            case SIGMOID -> x.sigmoid();
            case IDENTITY -> x;
        };
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void theLayerIsLinearThenTheActivation(Activation activation) {
        SplittableRandom random = new SplittableRandom(activation.ordinal());
        Tensor x = random(random, 9, 5);
        Tensor w = random(random, 11, 5);
        Tensor b = random(random, 1, 11);
        Tensor fused = Layer.layer(activation, x, w, b);
        fused.pow(2).sum().backward();
        double[] dw = w.grad().data.clone();
        double[] dx = x.grad().data.clone();
        double[] db = b.grad().data.clone();
        w.zeroGrad();
        x.zeroGrad();
        b.zeroGrad();
        Tensor parts = activate(activation, x.linear(w, b));
        parts.pow(2).sum().backward();
        assertArrayEquals(parts.data().data, fused.data().data, activation + " forward");
        assertArrayEquals(w.grad().data, dw, 0.0, activation + " ∂W");
        assertArrayEquals(x.grad().data, dx, 0.0, activation + " ∂x");
        assertArrayEquals(b.grad().data, db, 0.0, activation + " ∂b");
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void badShapesAreRefused(Activation activation) {
        Tensor x = Tensor.zeros(3, 2);
        assertThrows(IllegalArgumentException.class, () -> Layer.layer(activation, x, Tensor.zeros(4, 3), Tensor.zeros(1, 4)));
        assertThrows(NullPointerException.class, () -> Layer.layer(activation, x, null, Tensor.zeros(1, 4)));
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void anomalyDetectionSeesAnOverflowTheActivationHides(Activation activation) {
        MLP mlp = new MLP(Architecture.of(2, List.of(3, 1)).withActivations(activation, Activation.IDENTITY));
        double[] ones = new double[mlp.parameterCount()];
        Arrays.fill(ones, 1.0);
        mlp.setParameterValues(ones);
        double[][] huge = {{1e308, 1e308}};
        try (Anomaly.Scope scope = Anomaly.detect()) {
            AnomalyException e = assertThrows(AnomalyException.class, () -> mlp.forward(huge));
            assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
        }
    }
}
