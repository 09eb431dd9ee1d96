package org.backprop4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.optim.LearningRate;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.train.Trainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimizer, with a constant rate and with a schedule, steps a network as PyTorch's
 * {@code torch.optim} does: four steps of mean-squared loss plus an L2 penalty over every weight and
 * bias, each step's parameters compared on both engines, by hand and through the {@link Trainer}.
 * References from {@code optimizer_reference.py} beside {@code optimizer_reference.txt} (PyTorch
 * 1.13.0a0, Debian's python3-torch, float64, one thread).
 */
class OptimizerTorchTest {

    private static final double[][] X = SineNetwork.inputs();
    private static final double[][] T = {{0.5, -1}, {-0.25, 1}, {1, 0.75}};
    private static final double L2 = 1e-3;
    private static final int STEPS = 4;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("sgd", (Supplier<Optimizer>) () -> Optimizer.sgd(0.1)));
        cases.add(Arguments.of("sgd-linear", (Supplier<Optimizer>) () -> Optimizer.sgd(LearningRate.linear(0.3, 0.05, 3))));
        cases.add(Arguments.of("momentum", (Supplier<Optimizer>) () -> Optimizer.momentum(0.1, 0.9)));
        cases.add(Arguments.of("momentum-linear", (Supplier<Optimizer>) () -> Optimizer.momentum(LearningRate.linear(0.2, 0.02, 2), 0.5)));
        cases.add(Arguments.of("adam", (Supplier<Optimizer>) () -> Optimizer.adam(0.05)));
        cases.add(Arguments.of("adam-linear", (Supplier<Optimizer>) () -> Optimizer.adam(LearningRate.linear(0.1, 0.01, 3), 0.8, 0.99, 1e-6)));
        return cases.stream();
    }

    /** @return the reference parameters after each step of one optimizer, from optimizer_reference.txt */
    private static double[][] reference(String name) throws IOException {
        double[][] steps = new double[STEPS][];
        try (InputStream in = Objects.requireNonNull(OptimizerTorchTest.class.getResourceAsStream("optimizer_reference.txt"));
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = line.split(" ");
                if (fields[0].equals(name)) {
                    steps[Integer.parseInt(fields[1])] = Arrays.stream(fields, 2, fields.length).mapToDouble(Double::parseDouble).toArray();
                }
            }
        }
        for (double[] step : steps) {
            assertEquals(SineNetwork.ARCHITECTURE.parameterCount(), Objects.requireNonNull(step, name + " is missing a step").length);
        }
        return steps;
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= 1e-13 * Math.max(1, Math.abs(expected[i])),
                    what + ", parameter " + i + ": PyTorch " + expected[i] + ", here " + actual[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyStepIsPyTorchsStep(String name, Supplier<Optimizer> optimizer) throws IOException {
        double[][] torch = reference(name);
        for (MultilayerPerceptron<?> network : SineNetwork.onBothEngines()) {
            Optimizer step = optimizer.get();
            for (int k = 0; k < STEPS; k++) {
                network.zeroGrad();
                network.lossAndBackward(X, T, Loss.MEAN_SQUARED, L2);
                step.step(network);
                assertClose(torch[k], network.parameterValues(), name + " on " + network.getClass().getName() + ", step " + k);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theTrainersFullBatchEpochsArePyTorchsSteps(String name, Supplier<Optimizer> optimizer) throws IOException {
        double[][] torch = reference(name);
        for (MultilayerPerceptron<?> network : SineNetwork.onBothEngines()) {
            new Trainer(network, Loss.MEAN_SQUARED, optimizer.get()).l2(L2).epochs(STEPS).fit(new DataSet(X, T));
            assertClose(torch[STEPS - 1], network.parameterValues(), name + " trained on " + network.getClass().getName());
        }
    }
}
