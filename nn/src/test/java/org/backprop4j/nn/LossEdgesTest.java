package org.backprop4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.backprop4j.scalar.Value;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every loss at the IEEE edges, on both engines, against PyTorch 1.13 in float64: predictions,
 * logits and targets of ±∞ and ±1e308 beside ordinary values, the value and the gradient with
 * respect to every prediction. The references are {@code loss_edges_reference.txt}, written by
 * {@code loss_edges_reference.py} beside it (the script names the PyTorch expression of each loss).
 * A NaN must be a NaN, an infinity the same infinity, a finite number within 1e−12 relative.
 */
class LossEdgesTest {

    /** One line of the reference file. */
    record Case(Loss loss, double[][] predictions, double[][] targets, double value, double[][] gradient) {

        @Override
        public String toString() {
            return loss + " p " + java.util.Arrays.deepToString(predictions) + " t " + java.util.Arrays.deepToString(targets);
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(LossEdgesTest.class.getResourceAsStream("loss_edges_reference.txt"));
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(";");
                cases.add(new Case(Loss.valueOf(f[0]), matrix(f[1]), matrix(f[2]), Double.parseDouble(f[3]), matrix(f[4])));
            }
        }
        assertTrue(cases.size() > 250, "the reference file holds every case: " + cases.size());
        return cases.stream();
    }

    private static double[][] matrix(String text) {
        String[] rows = text.split("\\|");
        double[][] m = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            String[] values = rows[i].split(",");
            m[i] = new double[values.length];
            for (int j = 0; j < values.length; j++) {
                m[i][j] = Double.parseDouble(values[j]);
            }
        }
        return m;
    }

    private static void assertSame(double expected, double actual, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
        } else {
            assertEquals(expected, actual, 1e-12 * Math.abs(expected) + Double.MIN_VALUE, what);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theScalarEngineGivesTorchsValueAndGradient(Case c) {
        List<List<Value>> rows = new ArrayList<>();
        for (double[] row : c.predictions()) {
            List<Value> values = new ArrayList<>();
            for (double v : row) {
                values.add(Value.of(v));
            }
            rows.add(values);
        }
        Value loss = org.backprop4j.nn.scalar.Losses.of(c.loss(), rows, c.targets());
        loss.backward();
        assertSame(c.value(), loss.data(), "scalar value");
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < rows.get(i).size(); j++) {
                assertSame(c.gradient()[i][j], rows.get(i).get(j).grad(), "scalar gradient (" + i + ", " + j + ")");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theTensorEngineGivesTorchsValueAndGradient(Case c) {
        Tensor p = Tensor.of(c.predictions());
        Tensor loss = org.backprop4j.nn.tensor.Losses.of(c.loss(), p, Tensor.constant(c.targets()));
        loss.backward();
        assertSame(c.value(), loss.item(), "tensor value");
        int cols = p.cols();
        for (int i = 0; i < p.rows(); i++) {
            for (int j = 0; j < cols; j++) {
                assertSame(c.gradient()[i][j], p.grad().data[i * cols + j], "tensor gradient (" + i + ", " + j + ")");
            }
        }
    }

    /**
     * Through a network, where the tensor engine recycles the graph: a logit of −∞ off the target
     * (input 1e308 times a weight of −2) leaves the loss 0 and every gradient 0, on both engines, call
     * after call.
     */
    @Test
    void aNetworkWhoseOtherLogitOverflowsToMinusInfinityHasLossZeroOnBothEngines() {
        Architecture shape = Architecture.of(1, List.of(2)).withActivations(Activation.IDENTITY, Activation.IDENTITY);
        double[][] x = {{1e308}, {1e308}};
        double[][] y = {{1, 0}, {1, 0}};
        for (MultilayerPerceptron<?> n : List.<MultilayerPerceptron<?>>of(new org.backprop4j.nn.scalar.MLP(shape),
                new org.backprop4j.nn.tensor.MLP(shape))) {
            n.setParameterValues(new double[] {0, 0, -2, 0});
            for (int call = 0; call < 3; call++) {
                n.zeroGrad();
                assertEquals(0.0, n.lossAndBackward(x, y, Loss.SOFTMAX_CROSS_ENTROPY, 0), n + " call " + call);
                for (double g : n.gradients()) {
                    assertEquals(0.0, g, n + " call " + call);
                }
            }
        }
    }

    /**
     * Through a network, where the tensor engine recycles the graph: an output of exactly 1 is at the
     * hinge's kink for label 1, and clamp's subgradient there makes the output bias's gradient −mean(t)
     * (relu's would count the kinks as 0 and give +1/3 here).
     */
    @Test
    void aNetworkAtTheHingesKinkGetsClampsGradientOnBothEngines() {
        Architecture shape = Architecture.of(1, List.of(2, 1)).withActivations(Activation.TANH, Activation.IDENTITY);
        double[][] x = {{0.5}, {-1}, {2}};
        double[][] labels = {{1}, {1}, {-1}};
        for (MultilayerPerceptron<?> n : List.<MultilayerPerceptron<?>>of(new org.backprop4j.nn.scalar.MLP(shape),
                new org.backprop4j.nn.tensor.MLP(shape))) {
            n.setParameterValues(new double[] {0, 0, 0, 0, 0, 0, 1});   // every output exactly 1
            for (int call = 0; call < 3; call++) {
                n.zeroGrad();
                assertEquals(2.0 / 3, n.lossAndBackward(x, labels, Loss.HINGE, 0), 1e-15, n + " call " + call);
                double[] g = n.gradients();
                assertEquals(-1.0 / 3, g[g.length - 1], 1e-15, n + " call " + call + ": the output bias's gradient");
            }
        }
    }

    /** The issue's cases, by name: finite where they were NaN on the tensor engine. */
    @Test
    void softmaxCrossEntropyIsFiniteForMinusInfinityAndHugeLogitsOnTheTensorEngine() {
        assertEquals(0.31326168751822286, org.backprop4j.nn.tensor.Losses.softmaxCrossEntropy(
                Tensor.of(new double[][] {{Double.NEGATIVE_INFINITY, 2.0, 1.0}}), Tensor.constant(new double[][] {{0, 1, 0}})).item(), 1e-15);
        assertEquals(0.0, org.backprop4j.nn.tensor.Losses.softmaxCrossEntropy(
                Tensor.of(new double[][] {{1e308, -1e308}}), Tensor.constant(new double[][] {{1, 0}})).item());
        assertEquals(0.0, org.backprop4j.nn.tensor.Losses.softmaxCrossEntropy(
                Tensor.of(new double[][] {{-1e308, 0, 1e308}}), Tensor.constant(new double[][] {{0, 0, 1}})).item());
    }
}
