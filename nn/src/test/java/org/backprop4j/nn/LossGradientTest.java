package org.backprop4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.backprop4j.scalar.CentralDifference;
import org.backprop4j.scalar.Value;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every loss's gradient against central differences, on both engines, and their values against plain formulas. */
class LossGradientTest {

    private static final int ROWS = 5;
    /** Outputs per row, for every loss: the hinge loss too is one ±1 classifier per output. */
    private static final int COLS = 3;

    private static double[][] targets(Loss loss, int cols) {
        double[][] t = new double[ROWS][cols];
        for (int i = 0; i < ROWS; i++) {
            if (loss == Loss.HINGE) {
                for (int j = 0; j < cols; j++) {
                    t[i][j] = (i + j) % 2 == 0 ? 1 : -1;
                }
            } else if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
                t[i][i % cols] = 1;
            } else {
                for (int j = 0; j < cols; j++) {
                    t[i][j] = Math.sin(i + 3.0 * j);
                }
            }
        }
        return t;
    }

    private static double[] predictions(Loss loss) {
        SplittableRandom random = new SplittableRandom(loss.ordinal());
        double[] p = new double[ROWS * COLS];
        for (int i = 0; i < p.length; i++) {
            p[i] = random.nextDouble(-2, 2);
        }
        return p;
    }

    private static double tensorLoss(Loss loss, double[] p, double[][] t) {
        return org.backprop4j.nn.tensor.Losses.of(loss, Tensor.constant(ROWS, COLS, p), Tensor.constant(t)).item();
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void tensorLossGradientMatchesCentralDifference(Loss loss) {
        double[][] t = targets(loss, COLS);
        double[] p = predictions(loss);
        Tensor pred = Tensor.of(ROWS, COLS, p);
        org.backprop4j.nn.tensor.Losses.of(loss, pred, Tensor.constant(t)).backward();
        for (int i = 0; i < p.length; i++) {
            int index = i;
            double numeric = CentralDifference.derivative(v -> {
                double[] q = p.clone();
                q[index] = v;
                return tensorLoss(loss, q, t);
            }, p[i]);
            double analytic = pred.grad().data[i];
            assertTrue(CentralDifference.agrees(analytic, numeric), () -> loss + " element " + index + ": " + analytic + " vs " + numeric);
        }
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void scalarLossMatchesTensorLossAndGradient(Loss loss) {
        double[][] t = targets(loss, COLS);
        double[] p = predictions(loss);
        List<List<Value>> rows = new ArrayList<>();
        List<Value> all = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            List<Value> row = new ArrayList<>();
            for (int j = 0; j < COLS; j++) {
                Value v = Value.of(p[i * COLS + j]);
                row.add(v);
                all.add(v);
            }
            rows.add(row);
        }
        Value value = org.backprop4j.nn.scalar.Losses.of(loss, rows, t);
        value.backward();
        Tensor pred = Tensor.of(ROWS, COLS, p);
        Tensor tensor = org.backprop4j.nn.tensor.Losses.of(loss, pred, Tensor.constant(t));
        tensor.backward();
        assertEquals(tensor.item(), value.data(), 1e-12 * Math.abs(tensor.item()));
        for (int i = 0; i < p.length; i++) {
            assertEquals(pred.grad().data[i], all.get(i).grad(), 1e-12 * Math.max(1, Math.abs(all.get(i).grad())));
        }
    }

    @Test
    void lossValuesFollowTheirFormulas() {
        double[][] t = {{1.0}, {-1.0}};
        Tensor p = Tensor.constant(new double[][] {{0.5}, {0.25}});
        assertEquals(0.25 + 1.5625, org.backprop4j.nn.tensor.Losses.sumOfSquares(p, Tensor.constant(t)).item(), 1e-15);
        assertEquals((0.25 + 1.5625) / 2, org.backprop4j.nn.tensor.Losses.meanSquared(p, Tensor.constant(t)).item(), 1e-15);
        assertEquals((0.5 + 1.25) / 2, org.backprop4j.nn.tensor.Losses.hinge(p, Tensor.constant(t)).item(), 1e-15);
        Tensor logits = Tensor.constant(new double[][] {{1000, 0}, {0, 0}});
        double ce = org.backprop4j.nn.tensor.Losses.softmaxCrossEntropy(logits, Tensor.constant(new double[][] {{0, 1}, {1, 0}})).item();
        assertEquals((1000 + Math.log(2)) / 2, ce, 1e-9, "stable at large logits");
    }

    @Test
    void mismatchedShapesAreNamed() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> org.backprop4j.nn.tensor.Losses.meanSquared(Tensor.zeros(3, 2), Tensor.constant(new double[][] {{1}})));
        assertTrue(e.getMessage().contains("3x2") && e.getMessage().contains("1x1"), e.getMessage());
        IllegalArgumentException s = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> org.backprop4j.nn.scalar.Losses.sumOfSquares(List.of(List.of(Value.of(1))), new double[][] {{1}, {2}}));
        assertTrue(s.getMessage().contains("1 and 2"), s.getMessage());
    }

    /**
     * Targets made with {@code Tensor.of} take part in the graph: softmax cross-entropy's derivative by a
     * target is −log softmax(p)ᵢⱼ/n, PyTorch 1.13's (float64, {@code -(Y * log_softmax(P, 1)).sum(1).mean()},
     * values printed by it). It was (max(p) − pᵢⱼ)/n, 0 at each row's largest logit: the log-sum-exp term
     * took no part in the targets' gradient, nor in the mixed second derivative. The loss and the logits'
     * gradient keep their bits.
     */
    @Test
    void softmaxCrossEntropyGivesTargetsMadeWithTensorOfPyTorchsGradient() {
        double[][] logits = {{0.3, -1.2, 2.0}, {1.5, 0.1, -0.7}};
        double[][] oneHot = {{0, 0, 1}, {1, 0, 0}};
        double[] torch = {0.9508356224763953, 1.7008356224763954, 0.10083562247639528,
            0.15278559769456898, 0.852785597694569, 1.252785597694569};
        Tensor p = Tensor.of(logits);
        Tensor t = Tensor.of(oneHot);
        Tensor loss = org.backprop4j.nn.tensor.Losses.softmaxCrossEntropy(p, t);
        loss.backward();
        assertArrayEquals(torch, t.grad().data, 1e-15, "backward()");
        Tensor p2 = Tensor.of(logits);
        Tensor t2 = Tensor.of(oneHot);
        List<Tensor> derivatives = org.backprop4j.nn.tensor.Losses.softmaxCrossEntropy(p2, t2).gradients(List.of(p2, t2));
        assertArrayEquals(torch, derivatives.get(1).data().data, 1e-15, "gradients()");
        // the mixed second derivative: d/dt of Σ c ⊙ ∂loss/∂p, PyTorch's by create_graph=True (it was −c/n)
        double[] mixed = {0.8340223670005282, 0.33402236700052823, -0.16597763299947177,
            0.2586948790778715, -0.4913051209221285, -1.2413051209221284};
        Tensor p3 = Tensor.of(logits);
        Tensor t3 = Tensor.of(oneHot);
        Tensor byLogits = org.backprop4j.nn.tensor.Losses.softmaxCrossEntropy(p3, t3).gradient(p3);
        Tensor weighted = byLogits.mul(Tensor.constant(new double[][] {{1, 2, 3}, {-1, 0.5, 2}})).sum();
        assertArrayEquals(mixed, weighted.gradient(t3).data().data, 1e-15, "d/dt of the logits' gradient");

        Tensor constantTargets = Tensor.of(logits);
        Tensor reference = org.backprop4j.nn.tensor.Losses.softmaxCrossEntropy(constantTargets, Tensor.constant(oneHot));
        reference.backward();
        assertEquals(Double.doubleToLongBits(reference.item()), Double.doubleToLongBits(loss.item()), "the loss's bits");
        assertArrayEquals(constantTargets.grad().data, p.grad().data, 0, "the logits' gradient");
        assertArrayEquals(constantTargets.grad().data, derivatives.get(0).data().data, 0, "the logits' gradient by gradients()");
    }
}
