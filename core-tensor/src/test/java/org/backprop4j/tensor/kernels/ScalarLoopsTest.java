package org.backprop4j.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** What the scalar loops call themselves, and the fused bias-ReLU at the signed zeros. */
class ScalarLoopsTest {

    @Test
    void theScalarLoopsAreNamedScalarAndHaveNoStandIn() {
        assertEquals("scalar", ScalarLoops.INSTANCE.name());
        assertSame(ScalarLoops.INSTANCE, ScalarLoops.INSTANCE.lanesOnly(), "nothing stands in for them while the JIT warms up");
    }

    /**
     * max(0, z + b) fused equals the ReLU of z + b bit for bit, signed zeros and NaN included: as in
     * PyTorch (1.13, float64: {@code torch.relu(torch.tensor(-0.))} is {@code -0.}) and micrograd
     * ({@code 0 if x < 0 else x}), ReLU keeps −0 (only −0 + −0 gives it) and +0.
     */
    @Test
    void biasReluIsTheReluOfTheSumBitForBitAtTheSignedZeros() {
        double[] values = {-0.0, 0.0, -Double.MIN_VALUE, Double.MIN_VALUE, -1.0, 1.0, Double.NaN, Double.NEGATIVE_INFINITY};
        int n = values.length;
        double[] bias = values.clone();
        double[] z = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                z[i * n + j] = values[i];
            }
        }
        double[] sum = z.clone();
        FastMath.addRow(bias, sum, n, n);
        double[] unfused = new double[n * n];
        FastMath.relu(sum, unfused, 0, n * n);
        double[] fused = z.clone();
        FastMath.biasActivation(Activation.RELU, bias, fused, n, n);
        for (int k = 0; k < n * n; k++) {
            assertEquals(Double.doubleToRawLongBits(unfused[k]), Double.doubleToRawLongBits(fused[k]),
                    "relu(" + z[k] + " + " + bias[k % n] + "): " + unfused[k] + " vs " + fused[k]);
        }
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(fused[0]), "relu(-0 + -0) = -0");
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(fused[1]), "relu(-0 + +0) = +0");
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(fused[4]), "relu(-0 - 1) = +0");
    }
}
