package org.backprop4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.backprop4j.nn.tensor.MLP;
import org.backprop4j.scalar.CentralDifference;
import org.junit.jupiter.api.Test;

/** The physics-informed step computes the loss, its gradients, and trains. */
class PinnStepTest {

    private static final double[][] POINTS = Configuration.PINN.data().inputs();

    /** u at one point, from the network's plain forward pass. */
    private static double u(MLP mlp, double x) {
        return mlp.predict(new double[][] {{x}})[0][0];
    }

    @Test
    void theSecondDerivativeIsTheNetworksCurvatureAtEachPoint() {
        PinnStep step = new PinnStep();
        double[][] d2u = step.secondDerivative().toArray();
        assertEquals(POINTS.length, d2u.length);
        double h = 1e-4;
        double largest = 0;
        double worst = 0;
        for (int i = 0; i < POINTS.length; i++) {
            double x = POINTS[i][0];
            double numeric = (u(step.mlp(), x + h) - 2 * u(step.mlp(), x) + u(step.mlp(), x - h)) / (h * h);
            largest = Math.max(largest, Math.abs(numeric));
            worst = Math.max(worst, Math.abs(d2u[i][0] - numeric));
        }
        assertTrue(largest > 1e-2, "a curved network, |u''| up to " + largest);
        assertTrue(worst <= 1e-5 * largest, "second differences differ by " + worst + " against |u''| up to " + largest);
    }

    @Test
    void theLossIsTheResidualsMeanSquarePlusTheBoundarysSquares() {
        PinnStep step = new PinnStep();
        double[][] d2u = step.secondDerivative().toArray();
        double sum = 0;
        for (int i = 0; i < POINTS.length; i++) {
            double residual = d2u[i][0] + Math.PI * Math.PI * Math.sin(Math.PI * POINTS[i][0]);
            sum += residual * residual;
        }
        double expected = sum / POINTS.length + Math.pow(u(step.mlp(), 0), 2) + Math.pow(u(step.mlp(), 1), 2);
        assertEquals(expected, step.loss().item(), 1e-12 * expected);
    }

    @Test
    void gradientsAgreeWithCentralDifferencesOfTheLossAndChangeNothing() {
        PinnStep step = new PinnStep();
        double[] before = step.mlp().parameterValues();
        double[] gradients = step.gradients();
        assertArrayEquals(before, step.mlp().parameterValues(), "gradients() takes no step");
        assertArrayEquals(new double[before.length], step.mlp().gradients(), "and leaves every gradient at zero");
        SplittableRandom random = new SplittableRandom(18);
        for (int k = 0; k < 24; k++) {
            int i = random.nextInt(before.length);
            double numeric = CentralDifference.derivative(p -> {
                double[] values = before.clone();
                values[i] = p;
                step.mlp().setParameterValues(values);
                return step.loss().item();
            }, before[i]);
            assertTrue(CentralDifference.agrees(gradients[i], numeric), "parameter " + i + ": " + gradients[i] + " against " + numeric);
        }
    }

    @Test
    void adamStepsLowerTheLoss() {
        PinnStep step = new PinnStep();
        double first = step.loss().item();
        assertEquals(first, step.run(), 1e-12 * first, "a step returns the loss it started from");
        double last = first;
        for (int i = 0; i < 300; i++) {
            last = step.run();
            assertTrue(Double.isFinite(last), "step " + i + ": " + last);
        }
        assertTrue(last < 0.9 * first, "300 Adam steps take the loss from " + first + " to " + last);
    }
}
