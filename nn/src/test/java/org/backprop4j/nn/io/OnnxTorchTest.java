package org.backprop4j.nn.io;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.MultilayerPerceptron;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Models exported by {@code torch.onnx.export} import into both engines and compute what PyTorch
 * computes: outputs, the mean squared error and its gradients, to a relative 1e-12. The committed
 * exports and references come from {@code onnx_torch_reference.py} beside them (Debian's torch 1.13:
 * {@code Gemm} from {@code Linear}, {@code MatMul} + {@code Add} from a written-out x·Wᵀ + b, opset 9
 * with initializers listed as inputs, float32 and float64); where {@code /usr/bin/python3} has
 * torch, the script runs again into a temporary folder and its fresh exports are checked too.
 */
class OnnxTorchTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = "onnx_torch_reference.py";
    private static final List<String> MAPPED = List.of("torch_tanh_float32", "torch_relu_sigmoid_float64",
            "torch_matmul_add_float64", "torch_opset9_inputs_float32");

    private static Path resources() throws URISyntaxException {
        return Path.of(OnnxTorchTest.class.getResource(SCRIPT).toURI()).getParent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"torch_tanh_float32", "torch_relu_sigmoid_float64", "torch_matmul_add_float64",
            "torch_opset9_inputs_float32"})
    void committedTorchExportsImportAndAgreeWithTorch(String name) throws IOException, URISyntaxException {
        checkAgainstTorch(resources(), name);
    }

    @Test
    void committedTorchExportsThatAreNoMlpOfOneHiddenActivationAreRefusedNamingTheNode() throws URISyntaxException {
        checkRefusals(resources());
    }

    @Test
    void freshTorchExportsImportAndAgreeWithTorch(@TempDir Path folder) throws IOException, InterruptedException, URISyntaxException {
        assumeTrue(hasTorch(), PYTHON + " cannot import torch here, so no fresh export is made; the committed exports are checked"
                + " by the other tests");
        Process python = new ProcessBuilder(PYTHON, resources().resolve(SCRIPT).toString(), folder.toString())
                .redirectErrorStream(true).start();
        String printed = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(5, TimeUnit.MINUTES), "the export script did not finish");
        assertEquals(0, python.exitValue(), printed);
        for (String name : MAPPED) {
            checkAgainstTorch(folder, name);
        }
        checkRefusals(folder);
    }

    private static boolean hasTorch() throws InterruptedException {
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(2, TimeUnit.MINUTES) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void checkRefusals(Path folder) {
        CheckpointException softmax = assertThrows(CheckpointException.class, () -> Onnx.read(folder.resolve("torch_softmax.onnx")));
        assertTrue(softmax.getMessage().contains("(op Softmax) is not an operator of a multi-layer perceptron"), softmax.getMessage());
        CheckpointException mixed = assertThrows(CheckpointException.class, () -> Onnx.read(folder.resolve("torch_mixed_hidden.onnx")));
        assertTrue(mixed.getMessage().contains("(op Gemm) starts layer 2, which makes layer 1 a hidden layer with activation RELU,"
                + " but layer 0's is TANH"), mixed.getMessage());
    }

    private static void checkAgainstTorch(Path folder, String name) throws IOException {
        Map<String, double[]> ref = readReference(folder.resolve(name + ".ref"));
        Path file = folder.resolve(name + ".onnx");
        Checkpoint read = Onnx.read(file);
        assertEquals((int) ref.get("nin")[0], read.architecture().nin(), name);
        assertEquals(Arrays.stream(ref.get("nouts")).mapToObj(n -> (int) n).toList(), read.architecture().nouts(), name);
        assertEquals(Activation.valueOf(words(folder, name, "hidden")), read.architecture().hidden(), name);
        assertEquals(Activation.valueOf(words(folder, name, "output")), read.architecture().output(), name);
        double[][] x = matrix(ref.get("x"));
        double[][] t = matrix(ref.get("t"));
        double[][] y = matrix(ref.get("y"));
        List<MultilayerPerceptron<?>> models = List.of(Onnx.load(file, org.backprop4j.nn.scalar.MLP::new),
                Onnx.load(file, org.backprop4j.nn.tensor.MLP::new));
        for (MultilayerPerceptron<?> model : models) {
            String engine = name + " on " + model.getClass().getName();
            double[][] predicted = model.predict(x);
            for (int r = 0; r < y.length; r++) {
                for (int c = 0; c < y[r].length; c++) {
                    OnnxRuntimeTest.assertRelativelyClose(y[r][c], predicted[r][c], engine + ", row " + r + ", output " + c);
                }
            }
            model.zeroGrad();
            double loss = model.lossAndBackward(x, t, Loss.MEAN_SQUARED, 0);
            OnnxRuntimeTest.assertRelativelyClose(ref.get("loss")[0], loss, engine + ", loss");
            double[] expected = ref.get("grads");
            double[] gradients = model.gradients();
            assertEquals(expected.length, gradients.length, engine);
            double largest = Arrays.stream(expected).map(Math::abs).max().orElse(0);
            for (int i = 0; i < expected.length; i++) {
                double error = Math.abs(expected[i] - gradients[i]);
                assertTrue(error <= 1e-12 * Math.max(Math.abs(expected[i]), Math.abs(gradients[i])) || error <= 1e-15 * largest,
                        engine + ", gradient " + i + ": torch " + expected[i] + ", here " + gradients[i]);
            }
        }
    }

    private static String words(Path folder, String name, String key) throws IOException {
        for (String line : Files.readAllLines(folder.resolve(name + ".ref"))) {
            if (line.startsWith(key + " ")) {
                return line.substring(key.length() + 1).trim();
            }
        }
        throw new IllegalStateException(name + ".ref has no line " + key);
    }

    /** The numeric lines of a .ref file, by key; x, t and y start with their rows and columns. */
    private static Map<String, double[]> readReference(Path ref) throws IOException {
        Map<String, double[]> values = new HashMap<>();
        for (String line : Files.readAllLines(ref)) {
            String[] parts = line.trim().split(" ");
            if (line.startsWith("#") || parts[0].equals("hidden") || parts[0].equals("output")) {
                continue;
            }
            values.put(parts[0], Arrays.stream(parts, 1, parts.length).mapToDouble(Double::parseDouble).toArray());
        }
        return values;
    }

    private static double[][] matrix(double[] shapeThenValues) {
        int rows = (int) shapeThenValues[0];
        int columns = (int) shapeThenValues[1];
        double[][] m = new double[rows][columns];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(shapeThenValues, 2 + r * columns, m[r], 0, columns);
        }
        return m;
    }
}
