package org.backprop4j.nn;

import java.util.ArrayList;
import java.util.List;

import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.train.Trainer;
import org.backprop4j.scalar.Value;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hinge loss means mean(max(0, 1 − t·p)) over every element on both engines, checked against
 * PyTorch, and every path refuses labels other than ±1.
 */
class HingeTest {

    /*
     * Reference values from nn/src/test/resources/org/backprop4j/nn/hinge_reference.py, run once with
     * PyTorch 1.13.0a0 (Debian's python3-torch), float64: torch.clamp(1 - t * p, min=0).mean(). Run again
     * on 2026-12-07 with the same PyTorch, it gives the same losses, and 15 of these 26 gradients a few
     * ulps apart (at most 4.5e-15 relative: another summation order in its BLAS), well inside the 1e-12
     * the test allows.
     */
    private static final double TORCH_NETWORK_LOSS = 0.8456830948713355;
    private static final double[] TORCH_NETWORK_GRADIENTS = {-0.04222912029072785, 0.08469282218773026, 0.2116147646661884,
        0.093155449897034, 0.004612974669777229, 0.03973255869032087, 0.07485214271086452, 0.024363194793351785,
        -0.013661843247437088, -0.004596287087986575, 0.004469269071463937, 0.004415396408320367, 0.043315950304210496,
        -0.0360308020843327, -0.1153775544728759, -0.05482162143299749, 0.09718573330190193, -0.2804909569524801,
        0.14916923553697276, -0.07704001703136341, -0.16666666666666666, 0.03811419150640609, -0.024717912443376344,
        0.15856757514848335, -0.08827259524639512, -0.16666666666666666};
    private static final double TORCH_DIRECT_LOSS = 1.9666666666666668;
    private static final double[] TORCH_DIRECT_GRADIENT = {-0.16666666666666666, -0.16666666666666666, 0.16666666666666666,
        0.16666666666666666, -0.16666666666666666, -0.16666666666666666};

    private static final double[][] X = SineNetwork.inputs();
    private static final double[][] T = {{1, -1}, {-1, 1}, {1, 1}};
    private static final double[][] P = {{0.3, -1.7, 2.5}, {-0.2, 0.9, -3.0}};
    private static final double[][] LABELS = {{1, 1, -1}, {-1, 1, 1}};

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void bothEnginesGiveTorchsLossAndGradientsThroughANetworkOfTwoOutputs() {
        for (MultilayerPerceptron<?> n : SineNetwork.onBothEngines()) {
            double loss = n.lossAndBackward(X, T, Loss.HINGE, 0);
            assertClose(TORCH_NETWORK_LOSS, loss, n.getClass().getName() + " loss");
            double[] g = n.gradients();
            for (int i = 0; i < g.length; i++) {
                assertClose(TORCH_NETWORK_GRADIENTS[i], g[i], n.getClass().getName() + " gradient " + i);
            }
        }
    }

    @Test
    void bothEnginesLossesHingeGiveTorchsValueAndGradient() {
        Tensor p = Tensor.of(P);
        Tensor tensor = org.backprop4j.nn.tensor.Losses.hinge(p, Tensor.constant(LABELS));
        tensor.backward();
        assertClose(TORCH_DIRECT_LOSS, tensor.item(), "tensor");
        assertArrayEquals(TORCH_DIRECT_GRADIENT, p.grad().data, 1e-15);

        List<List<Value>> rows = new ArrayList<>();
        List<Value> all = new ArrayList<>();
        for (double[] row : P) {
            List<Value> values = new ArrayList<>();
            for (double v : row) {
                values.add(Value.of(v));
            }
            rows.add(values);
            all.addAll(values);
        }
        Value scalar = org.backprop4j.nn.scalar.Losses.hinge(rows, LABELS);
        scalar.backward();
        assertClose(TORCH_DIRECT_LOSS, scalar.data(), "scalar");
        for (int i = 0; i < all.size(); i++) {
            assertEquals(TORCH_DIRECT_GRADIENT[i], all.get(i).grad(), 1e-15, "scalar gradient " + i);
        }
    }

    @Test
    void theEnginesAgreeOnSeededNetworksOfSeveralOutputs() {
        for (int outputs = 1; outputs <= 3; outputs++) {
            Architecture architecture = Architecture.of(3, List.of(5, outputs)).withSeed(outputs);
            double[][] labels = new double[4][outputs];
            for (int i = 0; i < labels.length; i++) {
                for (int j = 0; j < outputs; j++) {
                    labels[i][j] = (i + j) % 2 == 0 ? 1 : -1;
                }
            }
            double[][] x = {{1, 2, 3}, {-1, 0, 1}, {0.5, 0.25, -2}, {3, -3, 1}};
            var scalar = new org.backprop4j.nn.scalar.MLP(architecture);
            var tensor = new org.backprop4j.nn.tensor.MLP(architecture);
            double a = scalar.lossAndBackward(x, labels, Loss.HINGE, 0);
            double b = tensor.lossAndBackward(x, labels, Loss.HINGE, 0);
            assertClose(a, b, outputs + " outputs");
            double[] ga = scalar.gradients();
            double[] gb = tensor.gradients();
            for (int i = 0; i < ga.length; i++) {
                assertClose(ga[i], gb[i], outputs + " outputs, gradient " + i);
            }
        }
    }

    private static void assertRefused(Executable call, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains("±1") && e.getMessage().contains(value), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0, 5, -2, Double.NaN, Double.POSITIVE_INFINITY})
    void everyPathRefusesLabelsOtherThanPlusOrMinusOne(double label) {
        double[][] bad = {{1, -1}, {-1, label}, {1, 1}};
        String named = String.valueOf(label);
        for (MultilayerPerceptron<?> n : SineNetwork.onBothEngines()) {
            n.zeroGrad();
            assertRefused(() -> n.lossAndBackward(X, bad, Loss.HINGE, 0), named);
            assertTrue(java.util.Arrays.stream(n.gradients()).allMatch(g -> g == 0), "a refused call leaves the gradients alone");
            Trainer trainer = new Trainer(n, Loss.HINGE, Optimizer.sgd(0.1));
            assertRefused(() -> trainer.fit(new DataSet(X, finiteOr(bad))), finiteOr(bad) == bad ? named : "0.0");
        }
        var tensor = new org.backprop4j.nn.tensor.MLP(SineNetwork.ARCHITECTURE);
        assertRefused(() -> tensor.lossAndBackward(Tensor.constant(X), Tensor.constant(bad), Loss.HINGE, 0), named);
        assertRefused(() -> org.backprop4j.nn.tensor.Losses.hinge(Tensor.of(P), Tensor.constant(new double[][] {{1, label, 1}, {1, 1, 1}})),
                named);
        assertRefused(() -> org.backprop4j.nn.tensor.Losses.of(Loss.HINGE, Tensor.of(P),
                Tensor.constant(new double[][] {{1, label, 1}, {1, 1, 1}})), named);
        List<List<Value>> scores = List.of(List.of(Value.of(1), Value.of(2)));
        assertRefused(() -> org.backprop4j.nn.scalar.Losses.hinge(scores, new double[][] {{1, label}}), named);
        assertRefused(() -> org.backprop4j.nn.scalar.Losses.of(Loss.HINGE, scores, new double[][] {{label, 1}}), named);
    }

    /** A data set holds finite values only: a non-finite label is replaced by 0, which the trainer must refuse too. */
    private static double[][] finiteOr(double[][] labels) {
        for (double[] row : labels) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    double[][] copy = new double[labels.length][];
                    for (int i = 0; i < labels.length; i++) {
                        copy[i] = labels[i].clone();
                        for (int j = 0; j < copy[i].length; j++) {
                            copy[i][j] = Double.isFinite(copy[i][j]) ? copy[i][j] : 0;
                        }
                    }
                    return copy;
                }
            }
        }
        return labels;
    }
}
