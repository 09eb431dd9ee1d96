package org.backprop4j.nn.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Init;
import org.backprop4j.nn.MultilayerPerceptron;
import org.backprop4j.nn.data.DataSets;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every model {@link Onnx#save} writes runs in ONNX Runtime's Java API and gives the library's own
 * outputs on random batches, to a relative 1e-12: each activation as hidden and as output, on both
 * engines, with batches of several sizes through the one dynamic batch dimension.
 */
class OnnxRuntimeTest {

    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 11;
        for (Activation hidden : Activation.values()) {
            for (Activation output : Activation.values()) {
                Architecture shape = new Architecture(5, List.of(7, 6, 3), hidden, output, Init.GLOROT, seed++);
                cases.add(Arguments.of(shape, true));
                cases.add(Arguments.of(shape, false));
            }
        }
        cases.add(Arguments.of(new Architecture(64, List.of(128, 128, 10), Activation.TANH, Activation.IDENTITY, Init.GLOROT, 3), false));
        cases.add(Arguments.of(new Architecture(1, List.of(1), Activation.RELU, Activation.SIGMOID, Init.UNIFORM, 4), true));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, scalar engine: {1}")
    @MethodSource("networks")
    void onnxRuntimeComputesWhatTheLibraryComputes(Architecture shape, boolean scalar, @TempDir Path folder) throws IOException, OrtException {
        MultilayerPerceptron<?> model = scalar ? new org.backprop4j.nn.scalar.MLP(shape) : new org.backprop4j.nn.tensor.MLP(shape);
        Path file = folder.resolve("model.onnx");
        Onnx.save(model, file);
        for (int batch : new int[] {1, 3, 17}) {
            double[][] x = DataSets.gaussian(batch, shape.nin(), 100 + batch);
            double[][] expected = model.predict(x);
            double[][] actual = run(file, x);
            assertEquals(batch, actual.length);
            for (int r = 0; r < batch; r++) {
                assertEquals(expected[r].length, actual[r].length);
                for (int c = 0; c < expected[r].length; c++) {
                    assertRelativelyClose(expected[r][c], actual[r][c], "row " + r + ", output " + c);
                }
            }
        }
    }

    /** |a − b| ≤ 1e-12 · max(|a|, |b|), or both within 1e-300 of 0 (relu's exact zeros). */
    static void assertRelativelyClose(double expected, double actual, String where) {
        double scale = Math.max(Math.abs(expected), Math.abs(actual));
        assertTrue(Math.abs(expected - actual) <= 1e-12 * scale || scale < 1e-300,
                where + ": the library gives " + expected + ", ONNX Runtime " + actual);
    }

    /** Runs an ONNX model in ONNX Runtime on one batch. */
    static double[][] run(Path file, double[][] x) throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = environment.createSession(file.toString(), options);
                    ai.onnxruntime.OnnxTensor input = ai.onnxruntime.OnnxTensor.createTensor(environment, x);
                    OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), input))) {
                Object value = result.get(0).getValue();
                if (value instanceof float[][] floats) {
                    double[][] widened = new double[floats.length][];
                    for (int r = 0; r < floats.length; r++) {
                        widened[r] = new double[floats[r].length];
                        for (int c = 0; c < floats[r].length; c++) {
                            widened[r][c] = floats[r][c];
                        }
                    }
                    return widened;
                }
                return (double[][]) value;
            }
        }
    }

    @ParameterizedTest(name = "{0}, scalar engine: {1}")
    @MethodSource("networks")
    void whatOnnxRuntimeRunsReadsBackBitForBit(Architecture shape, boolean scalar, @TempDir Path folder) throws IOException {
        MultilayerPerceptron<?> model = scalar ? new org.backprop4j.nn.scalar.MLP(shape) : new org.backprop4j.nn.tensor.MLP(shape);
        Path file = folder.resolve("model.onnx");
        Onnx.save(model, file);
        Checkpoint read = Onnx.read(file);
        assertEquals(shape, read.architecture());
        assertArrayEquals(model.parameterValues(), read.parameters());
    }
}
