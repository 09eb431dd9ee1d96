package org.backprop4j.benchmarks.step;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.backprop4j.nn.Activation;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.tensor.Layer;
import org.backprop4j.nn.tensor.MLP;
import org.backprop4j.scalar.CentralDifference;
import org.backprop4j.tensor.Tensor;
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

    /**
     * u'' carried forward layer by layer with u and u', from first-order tensor operations only: for
     * z = h·Wᵀ + b and a = tanh z, z' = h'·Wᵀ, z'' = h''·Wᵀ, a' = (1 − a²)⊙z', a'' = (1 − a²)⊙(z'' − 2a⊙z'²);
     * at the first layer (one input) h' = 1 and h'' = 0.
     */
    private static Tensor carriedForward(MLP mlp, Tensor points) {
        Tensor h = points;
        Tensor d1 = null;
        Tensor d2 = null;
        for (Layer layer : mlp.layers()) {
            Tensor wt = layer.weight().transpose();
            Tensor z1 = d1 == null ? wt : d1.matmul(wt);
            Tensor z2 = d2 == null ? null : d2.matmul(wt);
            if (layer.activation() == Activation.TANH) {
                h = h.linearTanh(layer.weight(), layer.bias());
                Tensor slope = h.pow(2).neg().add(1);
                Tensor curve = z1.pow(2).mul(h).mul(-2);
                d2 = (z2 == null ? curve : z2.add(curve)).mul(slope);
                d1 = z1.mul(slope);
            } else {
                assertEquals(Activation.IDENTITY, layer.activation());
                h = h.linear(layer.weight(), layer.bias());
                d1 = z1;
                d2 = z2;
            }
        }
        return d2;
    }

    @Test
    void theSecondDerivativeAndItsParameterGradientsAreThoseCarriedForward() {
        PinnStep step = new PinnStep();
        Tensor reverse = step.secondDerivative();
        Tensor forward = carriedForward(step.mlp(), Tensor.constant(POINTS));
        assertTrue(Comparison.largestRelativeDifference(flat(forward.toArray()), flat(reverse.toArray())).relative() <= 1e-12);
        step.mlp().zeroGrad();
        reverse.pow(2).sum().backward();
        double[] viaGradient = step.mlp().gradients();
        step.mlp().zeroGrad();
        forward.pow(2).sum().backward();
        double[] viaForward = step.mlp().gradients();
        Comparison.Difference d = Comparison.largestRelativeDifference(viaForward, viaGradient);
        assertTrue(d.relative() <= 1e-12, "Σ(u'')²'s parameter gradients differ by " + d);
    }

    private static double[] flat(double[][] column) {
        double[] values = new double[column.length];
        for (int i = 0; i < column.length; i++) {
            values[i] = column[i][0];
        }
        return values;
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
    void stepsOnRecycledBuffersFollowTheTrajectoryOfStepsThatAllocateAfresh() {
        PinnStep recycling = new PinnStep();
        PinnStep allocating = new PinnStep();
        Optimizer adam = Configuration.PINN.optimizer();
        for (int i = 0; i < 25; i++) {
            Tensor loss = allocating.loss();
            allocating.mlp().zeroGrad();
            loss.backward();
            adam.step(allocating.mlp());
            assertEquals(loss.item(), recycling.run(), 0.0, "step " + i);
            assertArrayEquals(allocating.mlp().parameterValues(), recycling.mlp().parameterValues(), "step " + i);
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
