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
import java.util.Optional;
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
        try (PyTorch peer = PyTorch.start(found)) {
            for (Configuration c : new Configuration[] {Configuration.SEED, Configuration.MOONS, Configuration.PINN}) {
                Path spec = folder.resolve(c.label() + ".json");
                PyTorch.writeSpec(c, spec);
                double[] gradients = peer.load(spec);
                assertEquals(c.architecture().parameterCount(), gradients.length, c.label());
                double difference = Agreement.withTensor(c, gradients).relative();
                assertTrue(difference <= Compare.PYTORCH_LIMIT, c.label() + ": " + difference);
                StepPeer.Warm warm = peer.warm(Side.PYTORCH, 1);
                assertTrue(warm.steps() >= 1 && warm.nanos() > 0, c.label());
                assertTrue(peer.time(Side.PYTORCH, 3).nanos() > 0, c.label());
            }
            assertThrows(IOException.class, () -> peer.load(folder.resolve("missing.json")), "a bad spec ends the peer with its error");
        }
        double cold = PyTorch.coldMicros(found, folder.resolve("seed.json"), 10);
        assertTrue(cold > 0 && cold < 1e6, "cold start " + cold + " µs");
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
            try (PyTorch peer = PyTorch.start(found)) {
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
        assertTrue(printed.contains("FAILED: PyTorch and the tensor engine disagree on configuration moons at parameter index 200"), printed);
    }
}
