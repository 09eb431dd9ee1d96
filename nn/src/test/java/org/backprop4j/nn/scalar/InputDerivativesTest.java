package org.backprop4j.nn.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.scalar.CentralDifference;
import org.backprop4j.scalar.Value;
import org.junit.jupiter.api.Test;

/**
 * Derivatives of a scalar MLP's output with respect to its input (issue 18, nn): an input given as a
 * {@link Value} goes through {@link MLP#forward(List)}, so u′ and u″ are {@code gradient}s of the output,
 * and a loss that contains u″ (a physics-informed loss) backpropagates into the parameters.
 */
class InputDerivativesTest {

    /** 1 → 5 → 5 → 1, tanh hidden, identity output, the default seed. */
    private static final Architecture NETWORK = Architecture.of(1, List.of(5, 5, 1)).withActivations(Activation.TANH, Activation.IDENTITY);
    private static final double[] POINTS = {-0.9, -0.2, 0.35, 0.8};

    private static double u(MLP n, double x) {
        return n.forward(x).get(0).data();
    }

    /** u′(x) as a number, from the gradient graph. */
    private static double uPrime(MLP n, double x) {
        Value input = Value.of(x);
        return n.forward(List.of(input)).get(0).gradient(input).data();
    }

    @Test
    void firstAndSecondDerivativesWithRespectToTheInputAgreeWithCentralDifferences() {
        MLP n = new MLP(NETWORK);
        for (double x : POINTS) {
            Value input = Value.of(x);
            Value u = n.forward(List.of(input)).get(0);
            Value du = u.gradient(input);
            Value d2u = du.gradient(input);
            double numeric = CentralDifference.derivative(t -> u(n, t), x);
            double numericSecond = CentralDifference.derivative(t -> uPrime(n, t), x);
            assertTrue(CentralDifference.agrees(du.data(), numeric), "u'(" + x + ") " + du.data() + " vs " + numeric);
            assertTrue(CentralDifference.agrees(d2u.data(), numericSecond), "u''(" + x + ") " + d2u.data() + " vs " + numericSecond);
            assertEquals(0.0, input.grad(), "gradient() leaves grad alone");
        }
    }

    /** Σ (u″(x) + π² sin πx)² over the points: the residual of the Poisson equation u″ = −π² sin πx. */
    private static Value residualLoss(MLP n) {
        Value loss = Value.of(0);
        for (double x : POINTS) {
            Value input = Value.of(x);
            Value u = n.forward(List.of(input)).get(0);
            Value d2u = u.gradient(input).gradient(input);
            loss = loss.add(d2u.add(Math.PI * Math.PI * Math.sin(Math.PI * x)).pow(2));
        }
        return loss;
    }

    @Test
    void backwardOfALossContainingTheSecondDerivativeGivesParameterGradients() {
        MLP n = new MLP(NETWORK);
        n.zeroGrad();
        residualLoss(n).backward();
        double[] analytic = n.gradients();
        double[] values = n.parameterValues();
        for (int k = 0; k < values.length; k++) {
            int index = k;
            DoubleUnaryOperator lossAt = v -> {
                double[] moved = values.clone();
                moved[index] = v;
                n.setParameterValues(moved);
                return residualLoss(n).data();
            };
            double numeric = CentralDifference.derivative(lossAt, values[k]);
            n.setParameterValues(values);
            assertTrue(CentralDifference.agrees(analytic[k], numeric), "parameter " + k + ": " + analytic[k] + " vs " + numeric);
        }
        assertTrue(java.util.Arrays.stream(analytic).anyMatch(g -> Math.abs(g) > 1e-3), "the loss moves the parameters");
    }
}
