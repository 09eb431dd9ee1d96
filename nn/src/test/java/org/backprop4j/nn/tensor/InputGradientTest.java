package org.backprop4j.nn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Loss;
import org.backprop4j.scalar.CentralDifference;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Gradients of a tensor model's output with respect to its inputs (issue 18, item 3): an input that
 * requires a gradient ({@code Tensor.of}) goes through {@link MLP#forward(Tensor)} into the graph, so
 * u' and u'' are tensors and a loss can contain them; checked against central differences.
 */
class InputGradientTest {

    private static final Architecture PINN = Architecture.of(1, List.of(20, 20, 1)).withActivations(Activation.TANH, Activation.IDENTITY);
    private static final double[] XS = {0.0, 0.13, 0.5, 0.77, 1.0};

    private static double u(MLP network, double x) {
        return network.predict(new double[][] {{x}})[0][0];
    }

    /** u'(x) at one point, by the engine. */
    private static double du(MLP network, double x) {
        Tensor input = Tensor.of(1, 1, x);
        return network.forward(input).sum().gradient(input).item();
    }

    @Test
    void firstAndSecondDerivativesWithRespectToTheInputsMatchCentralDifferences() {
        MLP network = new MLP(PINN);
        Tensor x = Tensor.of(XS.length, 1, XS);
        Tensor u = network.forward(x);
        Tensor du = u.sum().gradient(x);
        Tensor d2u = du.sum().gradient(x);
        assertEquals(XS.length, du.rows());
        assertEquals(1, du.cols());
        for (int i = 0; i < XS.length; i++) {
            double first = du.data().data[i];
            double second = d2u.data().data[i];
            double numericFirst = CentralDifference.derivative(v -> u(network, v), XS[i]);
            double numericSecond = CentralDifference.derivative(v -> du(network, v), XS[i]);
            assertTrue(CentralDifference.agrees(first, numericFirst), "u'(" + XS[i] + "): " + first + " vs " + numericFirst);
            assertTrue(CentralDifference.agrees(second, numericSecond), "u''(" + XS[i] + "): " + second + " vs " + numericSecond);
        }
        assertTrue(network.parameters().stream().allMatch(p -> allZero(p.grad().data)), "gradient() leaves the parameters' grad alone");
    }

    /** A PINN-style loss: mean((u'' + x)²) + u(0)², whose parameter gradients need third derivatives' worth of graph. */
    private static Tensor loss(MLP network) {
        Tensor x = Tensor.of(XS.length, 1, XS);
        Tensor d2u = network.forward(x).sum().gradient(x).sum().gradient(x);
        Tensor residual = d2u.add(Tensor.constant(XS.length, 1, XS)).pow(2).mean();
        return residual.add(network.forward(Tensor.constant(1, 1, 0.0)).pow(2).sum());
    }

    @Test
    void theParameterGradientsOfALossContainingTheSecondDerivativeMatchCentralDifferences() {
        MLP network = new MLP(PINN);
        network.zeroGrad();
        loss(network).backward();
        double[] analytic = network.gradients();
        double[] values = network.parameterValues();
        assertEquals(481, values.length);
        for (int k = 0; k < values.length; k++) {
            int index = k;
            double original = values[k];
            double numeric = CentralDifference.derivative(v -> {
                values[index] = v;
                network.setParameterValues(values);
                double value = loss(network).item();
                values[index] = original;
                network.setParameterValues(values);
                return value;
            }, original);
            assertTrue(CentralDifference.agrees(analytic[k], numeric), "parameter " + k + ": " + analytic[k] + " vs " + numeric);
        }
    }

    @Test
    void lossAndBackwardOnAnInputThatRequiresAGradientLeavesItUsableWithItsGradient() {
        MLP network = new MLP(PINN);
        Tensor x = Tensor.of(XS.length, 1, XS);
        Tensor targets = Tensor.constant(XS.length, 1, 1, 2, 3, 4, 5);
        double value = network.lossAndBackward(x, targets, Loss.MEAN_SQUARED, 0);
        double[] viaWorkspace = x.grad().data.clone();
        Tensor fresh = Tensor.of(XS.length, 1, XS);
        Tensor loss = network.forward(fresh).sub(targets).pow(2).mean();
        assertEquals(loss.item(), value, 1e-15);
        assertArrayEquals(loss.gradient(fresh).data().data, viaWorkspace, 1e-15);
        Tensor again = network.forward(x);
        assertEquals(XS.length, again.sum().gradient(x).rows(), "the input was not recycled: it still takes part in graphs");
    }

    private static boolean allZero(double[] values) {
        for (double v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}
