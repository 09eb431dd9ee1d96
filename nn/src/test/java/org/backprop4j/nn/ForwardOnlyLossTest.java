package org.backprop4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MultilayerPerceptron#loss} is {@link MultilayerPerceptron#lossAndBackward}'s number without
 * the backward pass: the same bits for every loss, l2 and batch, on both engines, with the gradients
 * left as they were and the same refusals.
 */
class ForwardOnlyLossTest {

    private static List<MultilayerPerceptron<?>> networks(int nin, int nout, Activation last) {
        Architecture a = Architecture.of(nin, List.of(5, nout)).withActivations(Activation.TANH, last);
        return List.of(new org.backprop4j.nn.scalar.MLP(a), new org.backprop4j.nn.tensor.MLP(a));
    }

    /** Targets the loss accepts: one-hot rows, ±1 labels, or any numbers. */
    private static double[][] targets(Loss loss, int rows, int cols, SplittableRandom random) {
        double[][] y = new double[rows][cols];
        for (double[] row : y) {
            switch (loss) {
                case SOFTMAX_CROSS_ENTROPY -> row[random.nextInt(cols)] = 1;
                case HINGE -> {
                    for (int j = 0; j < cols; j++) {
                        row[j] = random.nextBoolean() ? 1 : -1;
                    }
                }
                default -> {
                    for (int j = 0; j < cols; j++) {
                        row[j] = random.nextDouble(-2, 2);
                    }
                }
            }
        }
        return y;
    }

    private static double[][] inputs(int rows, int cols, SplittableRandom random) {
        double[][] x = new double[rows][cols];
        for (double[] row : x) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextDouble(-3, 3);
            }
        }
        return x;
    }

    @Test
    void givesLossAndBackwardsNumberBitForBitAndLeavesTheGradients() {
        SplittableRandom random = new SplittableRandom(22);
        for (Loss loss : Loss.values()) {
            for (double l2 : new double[] {0, 1e-3, 0.5}) {
                for (int rows : new int[] {1, 3, 7, 7, 2}) {   // a length again, and a third: the tensor batch cache
                    int nin = 1 + random.nextInt(4);
                    int nout = (loss == Loss.SOFTMAX_CROSS_ENTROPY ? 2 : 1) + random.nextInt(3);   // softmax needs 2 classes
                    double[][] x = inputs(rows, nin, random);
                    double[][] y = targets(loss, rows, nout, random);
                    for (MultilayerPerceptron<?> n : networks(nin, nout, Activation.IDENTITY)) {
                        n.zeroGrad();
                        double first = n.lossAndBackward(x, y, loss, l2);
                        double[] gradients = n.gradients();
                        double[] parameters = n.parameterValues();
                        double forward = n.loss(x, y, loss, l2);
                        String what = n + " " + loss + " l2 " + l2 + " rows " + rows;
                        assertEquals(Double.doubleToRawLongBits(first), Double.doubleToRawLongBits(forward), what + ": " + first + " vs " + forward);
                        assertArrayEquals(gradients, n.gradients(), 0.0, what + ": the gradients are left as they were");
                        assertArrayEquals(parameters, n.parameterValues(), 0.0, what);
                        assertEquals(Double.doubleToRawLongBits(first), Double.doubleToRawLongBits(n.lossAndBackward(x, y, loss, l2)),
                                what + ": lossAndBackward after loss gives the same number");
                    }
                }
            }
        }
    }

    @Test
    void followsTheNetworkAsItTrains() {
        double[][] x = {{2, 3, -1}, {3, -1, 0.5}, {0.5, 1, 1}, {1, 1, -1}};
        double[][] y = {{1}, {-1}, {-1}, {1}};
        for (MultilayerPerceptron<?> n : networks(3, 1, Activation.TANH)) {
            List<Double> forward = new ArrayList<>();
            List<Double> backward = new ArrayList<>();
            for (int step = 0; step < 5; step++) {
                forward.add(n.loss(x, y, Loss.SUM_OF_SQUARES, 1e-4));
                n.zeroGrad();
                backward.add(n.lossAndBackward(x, y, Loss.SUM_OF_SQUARES, 1e-4));
                n.update((i, p, g) -> p - 0.05 * g);
            }
            assertEquals(backward, forward, n.toString());
            assertTrue(forward.get(4) < forward.get(0), n + ": the loss falls, " + forward);
        }
    }

    @Test
    void refusesWhatLossAndBackwardRefusesWithTheSameMessage() {
        double[][] x = {{1, 2, 3}, {0, 1, -1}};
        double[][] oneHot = {{1, 0}, {0, 1}};
        List<Executable[]> pairs = new ArrayList<>();
        for (MultilayerPerceptron<?> n : networks(3, 2, Activation.IDENTITY)) {
            pairs.add(new Executable[] {() -> n.loss(x, oneHot, Loss.MEAN_SQUARED, -1), () -> n.lossAndBackward(x, oneHot, Loss.MEAN_SQUARED, -1)});
            pairs.add(new Executable[] {() -> n.loss(x, oneHot, Loss.MEAN_SQUARED, Double.NaN),
                () -> n.lossAndBackward(x, oneHot, Loss.MEAN_SQUARED, Double.NaN)});
            pairs.add(new Executable[] {() -> n.loss(x, new double[][] {{1, 0}, {0.5, 0.5}}, Loss.SOFTMAX_CROSS_ENTROPY, 0),
                () -> n.lossAndBackward(x, new double[][] {{1, 0}, {0.5, 0.5}}, Loss.SOFTMAX_CROSS_ENTROPY, 0)});
            pairs.add(new Executable[] {() -> n.loss(x, new double[][] {{1, 0}, {0, 2}}, Loss.HINGE, 0),
                () -> n.lossAndBackward(x, new double[][] {{1, 0}, {0, 2}}, Loss.HINGE, 0)});
            pairs.add(new Executable[] {() -> n.loss(new double[0][], new double[0][], Loss.MEAN_SQUARED, 0),
                () -> n.lossAndBackward(new double[0][], new double[0][], Loss.MEAN_SQUARED, 0)});
            pairs.add(new Executable[] {() -> n.loss(new double[][] {{1, 2}}, new double[][] {{1, 0}}, Loss.MEAN_SQUARED, 0),
                () -> n.lossAndBackward(new double[][] {{1, 2}}, new double[][] {{1, 0}}, Loss.MEAN_SQUARED, 0)});
            pairs.add(new Executable[] {() -> n.loss(x, new double[][] {{1, 0}}, Loss.MEAN_SQUARED, 0),
                () -> n.lossAndBackward(x, new double[][] {{1, 0}}, Loss.MEAN_SQUARED, 0)});
            pairs.add(new Executable[] {() -> n.loss(null, oneHot, Loss.MEAN_SQUARED, 0), () -> n.lossAndBackward(null, oneHot, Loss.MEAN_SQUARED, 0)});
            pairs.add(new Executable[] {() -> n.loss(x, null, Loss.MEAN_SQUARED, 0), () -> n.lossAndBackward(x, null, Loss.MEAN_SQUARED, 0)});
            pairs.add(new Executable[] {() -> n.loss(x, oneHot, null, 0), () -> n.lossAndBackward(x, oneHot, null, 0)});
            pairs.add(new Executable[] {() -> n.loss(new double[][] {{1, 2, 3}, null}, oneHot, Loss.MEAN_SQUARED, 0),
                () -> n.lossAndBackward(new double[][] {{1, 2, 3}, null}, oneHot, Loss.MEAN_SQUARED, 0)});
        }
        for (Executable[] pair : pairs) {
            Throwable forward = assertThrows(RuntimeException.class, pair[0]);
            Throwable backward = assertThrows(RuntimeException.class, pair[1]);
            assertEquals(backward.getClass(), forward.getClass(), backward.getMessage());
            assertEquals(backward.getMessage(), forward.getMessage());
            assertTrue(forward instanceof IllegalArgumentException || forward instanceof NullPointerException, forward.toString());
        }
    }

    @Test
    void theTensorNetworkRefusesItInsideItsOwnUpdate() {
        var n = new org.backprop4j.nn.tensor.MLP(3, List.of(4, 1));
        double[][] x = {{1, 2, 3}};
        double[][] y = {{1}};
        n.zeroGrad();
        n.lossAndBackward(x, y, Loss.MEAN_SQUARED, 0);
        double[] before = n.parameterValues();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> n.update((i, p, g) -> p - n.loss(x, y, Loss.MEAN_SQUARED, 0)));
        assertTrue(e.getMessage().contains("loss of MLP of"), e.getMessage());
        assertTrue(e.getMessage().contains("not thread-safe"), e.getMessage());
        assertArrayEquals(before, n.parameterValues(), 0.0);
        assertEquals(n.lossAndBackward(x, y, Loss.MEAN_SQUARED, 0), n.loss(x, y, Loss.MEAN_SQUARED, 0), 0.0, "usable after the refusal");
    }
}
