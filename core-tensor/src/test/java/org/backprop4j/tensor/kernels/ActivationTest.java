package org.backprop4j.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each activation's formula is the one {@link FastMath} computes (tanh and sigmoid within 2 ulp of
 * StrictMath), and its derivative, written with the output, is the slope central differences
 * measure in float64.
 */
class ActivationTest {

    private static final double H = 1e-6;

    @ParameterizedTest
    @EnumSource(Activation.class)
    void theDerivativeWrittenWithTheOutputIsTheSlopeOfTheFormula(Activation activation) {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            double z = random.nextDouble(-6, 6);
            if (activation == Activation.RELU && Math.abs(z) < 2 * H) {
                continue;   // no slope at the kink
            }
            double slope = (activation.apply(z + H) - activation.apply(z - H)) / (2 * H);
            assertEquals(slope, activation.derivative(activation.apply(z)), 1e-8, activation + " at " + z);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.0, 1e-300, 0.3, -0.3, 1.0, -1.0, 2.5, -2.5, 21.0, 23.0, -40.0, 700.0, -745.0})
    void theFormulasAreFastMathsAndWithinTwoUlpOfStrictMath(double z) {
        assertEquals(Double.doubleToLongBits(z), Double.doubleToLongBits(Activation.IDENTITY.apply(z)), "identity");
        assertEquals(Double.doubleToLongBits(FastMath.tanh(z)), Double.doubleToLongBits(Activation.TANH.apply(z)), "tanh");
        assertTrue(Ulps.between(StrictMath.tanh(z), Activation.TANH.apply(z)) <= 2, "tanh(" + z + ")");
        assertEquals(Double.doubleToLongBits(FastMath.sigmoid(z)), Double.doubleToLongBits(Activation.SIGMOID.apply(z)), "sigmoid");
        assertTrue(Ulps.between(Ulps.strictSigmoid(z), Activation.SIGMOID.apply(z)) <= 2, "sigmoid(" + z + ")");
        assertEquals(Double.doubleToLongBits(z < 0 ? 0.0 : z), Double.doubleToLongBits(Activation.RELU.apply(z)), "relu");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-2.0, -0.5, 0.0, 0.25, 0.5, 0.75, 1.0, 3.0})
    void theDerivativesAtAnOutput(double y) {
        assertEquals(1.0, Activation.IDENTITY.derivative(y));
        assertEquals(1 - y * y, Activation.TANH.derivative(y));
        assertEquals(y * (1 - y), Activation.SIGMOID.derivative(y));
        assertEquals(y > 0 ? 1.0 : 0.0, Activation.RELU.derivative(y));
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void aNanStaysNan(Activation activation) {
        assertTrue(Double.isNaN(activation.apply(Double.NaN)), activation.toString());
    }
}
