package org.backprop4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.backprop4j.benchmarks.peer.PyTorch;
import org.backprop4j.benchmarks.peer.StepPeer;
import org.backprop4j.benchmarks.step.Agreement;
import org.backprop4j.benchmarks.step.Configuration;
import org.backprop4j.benchmarks.step.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PyTorch, where installed, is a third-party check of the tensor engine's gradients, and a mismatch stops the comparison. */
class PyTorchTest {

    @TempDir
    Path folder;

    @AfterEach
    void clearProperties() {
        System.clearProperty("configs");
        System.clearProperty("python");
    }

    private PyTorch.Found torch() throws IOException {
        Optional<PyTorch.Found> torch = PyTorch.find("", folder);
        assumeTrue(torch.isPresent(), "no python3 with torch on this machine (tried " + PyTorch.CANDIDATES
                + "): the PyTorch peer cannot be checked here");
        return torch.get();
    }

    @Test
    void pytorchGradientsAgreeWithTheTensorEngine() throws IOException {
        PyTorch.Found found = torch();
        try (PyTorch peer = PyTorch.start(found, true, List.of(Side.PYTORCH))) {
            assertEquals(new PyTorch.Threads(1, peer.threads().blas()), peer.threads(), "one thread means one intra-op thread");
            assertTrue(peer.threads().blas() <= 1, "and one BLAS thread where torch's BLAS is known: " + peer.threads());
            for (Configuration c : new Configuration[] {Configuration.SEED, Configuration.MOONS, Configuration.PINN}) {
                Path spec = folder.resolve(c.label() + ".json");
                PyTorch.writeSpec(c, spec);
                Map<Side, double[]> gradients = peer.load(spec);
                assertEquals(Set.of(Side.PYTORCH), gradients.keySet());
                assertEquals(c.architecture().parameterCount(), gradients.get(Side.PYTORCH).length, c.label());
                double difference = Agreement.withTensor(c, gradients.get(Side.PYTORCH)).relative();
                assertTrue(difference <= Compare.PYTORCH_LIMIT, c.label() + ": " + difference);
                StepPeer.Warm warm = peer.warm(Side.PYTORCH, 1);
                assertTrue(warm.steps() >= 1 && warm.nanos() > 0, c.label());
                assertTrue(peer.time(Side.PYTORCH, 3).nanos() > 0, c.label());
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> peer.time(Side.PYTORCH_F32, 1));
                assertEquals("this PyTorch peer runs [pytorch], not pytorch-f32", e.getMessage());
            }
            assertThrows(IOException.class, () -> peer.load(folder.resolve("missing.json")), "a bad spec ends the peer with its error");
        }
        double cold = PyTorch.coldMicros(found, folder.resolve("seed.json"), 10, Side.PYTORCH, true);
        assertTrue(cold > 0 && cold < 1e6, "cold start " + cold + " µs");
    }

    @Test
    void atItsDefaultsPytorchRunsFloat64AndFloat32AndEachAgreesWithinItsLimit() throws IOException {
        PyTorch.Found found = torch();
        try (PyTorch peer = PyTorch.start(found, false, List.of(Side.PYTORCH, Side.PYTORCH_F32))) {
            assertTrue(peer.threads().intraOp() >= 1, peer.threads().toString());
            for (Configuration c : Configuration.values()) {
                Path spec = folder.resolve(c.label() + ".json");
                PyTorch.writeSpec(c, spec);
                Map<Side, double[]> gradients = peer.load(spec);
                double float64 = Agreement.withTensor(c, gradients.get(Side.PYTORCH)).relative();
                double float32 = Agreement.withTensor(c, gradients.get(Side.PYTORCH_F32)).relative();
                assertTrue(float64 <= Compare.PYTORCH_LIMIT, c.label() + " float64: " + float64);
                assertTrue(float32 <= Compare.PYTORCH_F32_LIMIT, c.label() + " float32: " + float32);
                assertTrue(float32 > 1e-9, c.label() + ": float32 gradients are float32's, not float64's: " + float32);
                for (Side side : List.of(Side.PYTORCH, Side.PYTORCH_F32)) {
                    assertTrue(peer.warm(side, 1).steps() >= 1, c.label() + " " + side);
                    assertTrue(peer.time(side, 2).nanos() > 0, c.label() + " " + side);
                }
            }
        }
        double cold = PyTorch.coldMicros(found, folder.resolve("moons.json"), 10, Side.PYTORCH_F32, false);
        assertTrue(cold > 0 && cold < 1e6, "cold start " + cold + " µs");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PyTorch.start(found, false, List.of(Side.TENSOR)));
        assertEquals("the PyTorch peer runs the PyTorch sides, not tensor", e.getMessage());
    }

    @Test
    void aSpecWithAnUnknownKindOrOptimizerEndsThePeerNamingIt() throws IOException {
        PyTorch.Found found = torch();
        Path spec = folder.resolve("pinn.json");
        PyTorch.writeSpec(Configuration.PINN, spec);
        String text = Files.readString(spec, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\"kind\": \"poisson\", ") && text.contains("\"optimizer\": \"adam\", \"learningRate\": 0.001"), text);
        for (String[] bad : new String[][] {{"\"poisson\"", "\"heat\"", "unknown kind 'heat'"}, {"\"adam\"", "\"lbfgs\"", "unknown optimizer 'lbfgs'"}}) {
            Path wrong = folder.resolve("wrong.json");
            Files.writeString(wrong, text.replace(bad[0], bad[1]), StandardCharsets.UTF_8);
            try (PyTorch peer = PyTorch.start(found, true, List.of(Side.PYTORCH))) {
                IOException e = assertThrows(IOException.class, () -> peer.load(wrong));
                assertTrue(e.getMessage().contains(bad[2]), e.getMessage());
            }
        }
    }

    @Test
    void aPytorchMismatchFailsTheRunNamingConfigurationAndParameter() throws IOException {
        System.setProperty("python", torch().python());
        System.setProperty("configs", "seed,moons");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        UnaryOperator<double[]> broken = g -> {
            if (g.length == 337) {
                g[200] *= 1 + 1e-8;
            }
            return g;
        };
        int status = Compare.run(new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8), UnaryOperator.identity(), broken);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, printed);
        assertTrue(printed.contains("FAILED: PyTorch (float64, 1 thread) and the tensor engine disagree on configuration moons at parameter index 200"), printed);
    }
}
