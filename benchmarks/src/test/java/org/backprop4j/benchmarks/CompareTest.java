package org.backprop4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.UnaryOperator;
import org.backprop4j.benchmarks.peer.PyTorch;
import org.backprop4j.benchmarks.step.Agreement;
import org.backprop4j.benchmarks.step.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison refuses to time engines that disagree, and its pieces compute what they claim. */
class CompareTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty("configs");
        System.clearProperty("backends");
        System.clearProperty("rounds");
        System.clearProperty("quick");
        System.clearProperty("python");
    }

    @Test
    void aGradientMismatchFailsLoudlyNamingConfigurationAndIndex() {
        System.setProperty("configs", "seed,moons");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        UnaryOperator<double[]> broken = g -> {
            if (g.length == 337) {
                g[123] *= 1 + 1e-9;
            }
            return g;
        };
        int status = Compare.run(new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8), broken, UnaryOperator.identity());
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, printed);
        assertTrue(printed.contains("FAILED: the engines disagree on configuration moons at parameter index 123"), printed);
        assertTrue(printed.contains("seed"), "seed passed first: " + printed);
    }

    @Test
    void aQuickThatIsNeitherTrueNorFalseIsRefusedNotReadAsAFullRun() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setProperty("quick", "yes");
        System.setProperty("configs", "tiny"); // also bad, so nothing runs long even if quick were read as off
        assertEquals(2, Compare.run(new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8), UnaryOperator.identity(), UnaryOperator.identity()));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("error: quick must be true or false (or -Dquick alone), got 'yes'", printed.strip(), printed);
    }

    @Test
    void aNamedPythonThatCannotRunThePeerEndsTheComparisonAsABadOption(@TempDir Path folder) {
        String python = folder.resolve("no-such-python3").toString();
        System.setProperty("configs", "seed");
        System.setProperty("quick", "true");
        System.setProperty("python", python);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = Compare.run(new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8), UnaryOperator.identity(), UnaryOperator.identity());
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(2, status, printed);
        List<String> lines = printed.lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("error: -Dpython=" + python + " cannot run the PyTorch peer: "), printed);
    }

    @Test
    void aConfigurationOrBackendNamedTwiceIsRefused() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setProperty("rounds", "0"); // also bad, so nothing runs long even if the duplicates were let through
        System.setProperty("configs", "seed,Seed");
        assertEquals(2, Compare.run(new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8), UnaryOperator.identity(), UnaryOperator.identity()));
        assertEquals("error: configuration 'seed' is named twice", bytes.toString(StandardCharsets.UTF_8).strip());
        bytes.reset();
        System.setProperty("configs", "seed");
        System.setProperty("backends", "ejml,EJML");
        assertEquals(2, Compare.run(new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8), UnaryOperator.identity(), UnaryOperator.identity()));
        assertEquals("error: backend 'ejml' is named twice", bytes.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void roundsAreAWholeNumberFromOneToTheCapAndABiggerOneIsRefusedBeforeAnythingRuns() {
        System.setProperty("configs", "seed");
        System.setProperty("python", "/no-such-python3"); // a bad option too, so nothing is timed even if the rounds were let through
        for (String rounds : List.of("0", "-1", "abc", "1.5", "1001", "2147483647", "99999999999")) {
            System.setProperty("rounds", rounds);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            assertEquals(2, Compare.run(new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8), UnaryOperator.identity(),
                    UnaryOperator.identity()), rounds);
            assertEquals("error: rounds must be a whole number from 1 to " + Options.MAX_ROUNDS + ", got '" + rounds + "'",
                    bytes.toString(StandardCharsets.UTF_8).strip());
        }
        assertEquals(1000, Options.MAX_ROUNDS);
    }

    @Test
    void anEmptyBackendNameInAListIsRefusedNotTimedAsAutoAgain() {
        System.setProperty("configs", "seed");
        System.setProperty("python", "/no-such-python3"); // a bad option too, so nothing is timed even if the list were let through
        for (String backends : List.of(",auto", "ejml,,netlib", "ejml, ", "auto,")) {
            System.setProperty("backends", backends);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            assertEquals(2, Compare.run(new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8), UnaryOperator.identity(),
                    UnaryOperator.identity()), backends);
            assertEquals("error: -Dbackends=" + backends + " has an empty name: choose from ejml, netlib, netlib-java, auto",
                    bytes.toString(StandardCharsets.UTF_8).strip());
        }
    }

    @Test
    void jmhOptionsThatWouldChangeTheUnitOrTheBenchmarkAreRefusedBeforeAnythingRuns() {
        System.setProperty("configs", "seed");
        System.setProperty("python", "/no-such-python3"); // a bad option too, so nothing is timed even if the JMH options were let through
        // -tu us printed 0.0012 and -bm thrpt 0.77 (elements per ns) as "ns per element" where the default gave 1.29
        for (List<String> jmh : List.of(List.of("-tu", "us"), List.of("-bm", "thrpt"), List.of("-opi", "10"), List.of("Small"),
                List.of("-e", "kernel"))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            assertEquals(2, Compare.run(jmh.toArray(new String[0]), new PrintStream(bytes, true, StandardCharsets.UTF_8), UnaryOperator.identity(),
                    UnaryOperator.identity()), jmh.toString());
            assertEquals("error: -Djmh=\"" + String.join(" ", jmh) + "\": the activations are reported in ns per element of each of "
                    + "their benchmarks, so -Djmh may not set a benchmark mode (-bm), time unit (-tu), operations per invocation (-opi), "
                    + "or which benchmarks run (a pattern, -e)", bytes.toString(StandardCharsets.UTF_8).strip(), jmh.toString());
        }
    }

    @Test
    void badOptionsAreNamed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setProperty("configs", "tiny");
        assertEquals(2, Compare.run(new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8), UnaryOperator.identity(), UnaryOperator.identity()));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("no configuration 'tiny'"));
        System.setProperty("configs", "seed");
        System.setProperty("backends", "cuda");
        assertEquals(2, Compare.run(new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8), UnaryOperator.identity(), UnaryOperator.identity()));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("no backend 'cuda': choose from ejml, netlib, netlib-java, auto"));
        System.setProperty("backends", "ejml");
        System.setProperty("rounds", "two");
        assertEquals(2, Compare.run(new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8), UnaryOperator.identity(), UnaryOperator.identity()));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("rounds must be a whole number from 1 to 1000, got 'two'"));
        System.setProperty("rounds", "1");
        assertEquals(2, Compare.run(new String[] {"-wi", "many"}, new PrintStream(bytes, true, StandardCharsets.UTF_8), UnaryOperator.identity(), UnaryOperator.identity()),
                "a bad JMH option is refused before anything runs");
    }

    @Test
    void enginesAgreeOnEveryConfigurationThatFitsABatch() {
        for (Configuration c : Configuration.values()) {
            if (c.physicsInformed()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Agreement.measure(c, 200_000, UnaryOperator.identity()));
                assertTrue(e.getMessage().contains("not at pinn"), e.getMessage());
                continue;
            }
            Agreement.Result result = Agreement.measure(c, 200_000, UnaryOperator.identity());
            assertTrue(result.difference().relative() <= Agreement.LIMIT, c + ": " + result.difference());
            assertTrue(result.rows() >= 1 && result.rows() <= c.batch());
        }
    }

    @Test
    void configurationsMatchTheDesignCard() {
        assertEquals(41, Configuration.SEED.architecture().parameterCount());
        assertEquals(337, Configuration.MOONS.architecture().parameterCount());
        assertEquals(6.0 * 256 * (64 * 128 + 128 * 128 + 128 * 10), Configuration.MEDIUM.flopsPerStep());
        assertEquals(128, Configuration.LARGE.batch());
        assertEquals(Configuration.LARGE, Configuration.of(" Large "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Configuration.of("huge"));
        assertEquals("no configuration 'huge': choose from seed, moons, medium, large, pinn", e.getMessage());
        assertEquals(String.join(",", List.of("seed", "moons", "medium", "large", "pinn")), Compare.DEFAULT_CONFIGS);
        assertTrue(Configuration.MOONS.scalarNodesPerStep() <= Compare.SCALAR_NODES, "the scalar engine is timed at moons");
        assertTrue(Configuration.MEDIUM.scalarNodesPerStep() > Compare.SCALAR_NODES, "and not at medium");
        assertEquals(Configuration.LEARNING_RATE, Configuration.LARGE.learningRate());
        assertTrue(Configuration.SEED.optimizer().toString().startsWith("Sgd"), Configuration.SEED.optimizer().toString());
        assertTrue(!Configuration.SEED.physicsInformed() && Configuration.of("PINN").physicsInformed());
    }

    @Test
    void pinnIsThePoissonProblemOfTheIssue() {
        Configuration pinn = Configuration.PINN;
        assertEquals(20 * 2 + 20 * 21 + 21, pinn.architecture().parameterCount());
        assertEquals(99, pinn.batch());
        double[][] x = pinn.data().inputs();
        double[][] target = pinn.data().targets();
        assertEquals(99, x.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals((i + 1) / 100.0, x[i][0], 1e-15, "interior point " + i);
            assertEquals(-Math.PI * Math.PI * Math.sin(Math.PI * x[i][0]), target[i][0], 1e-15, "u'' there");
        }
        assertArrayEquals(new double[][] {{0}, {1}}, Configuration.pinnBoundary());
        assertEquals(1e-3, pinn.learningRate());
        assertTrue(pinn.optimizer().toString().startsWith("Adam(lr constant 0.001, β₁ 0.9, β₂ 0.999, ε 1.0E-8"), pinn.optimizer().toString());
        assertTrue(Double.isNaN(pinn.flopsPerStep()), "a PINN step's products are not counted");
    }

    @Test
    void withoutTorchTheHintSaysHowToAddIt() {
        assertEquals(1, PyTorch.HINT.lines().count(), PyTorch.HINT);
        assertTrue(PyTorch.HINT.contains("apt-get install python3-torch") && PyTorch.HINT.contains("pip install torch"), PyTorch.HINT);
    }

    @Test
    void aNamedPythonThatCannotRunThePeerIsRefusedNamingIt(@TempDir Path folder) {
        String python = folder.resolve("no-such-python3").toString();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compare.findPyTorch(python, folder, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("-Dpython=" + python + " cannot run the PyTorch peer: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aPythonWithoutTorchIsToldInOneLineWithoutTheErrorBlocksIndent(@TempDir Path folder) throws IOException {
        // what python3 without torch answers (torch_step.py's exit status 3), as a script that needs no Python
        Path python = folder.resolve("python3");
        Files.writeString(python, "#!/bin/sh\necho 'torch is not installed for /opt/py/bin/python3' >&2\nexit 3\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compare.findPyTorch(python.toString(), folder, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        assertEquals("-Dpython=" + python + " cannot run the PyTorch peer: " + python + " --version ended with exit code 3: "
                + "torch is not installed for /opt/py/bin/python3", e.getMessage());
    }
}
