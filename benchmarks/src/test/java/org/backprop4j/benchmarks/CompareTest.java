package org.backprop4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
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
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("rounds must be a whole number of at least 1, got 'two'"));
        System.setProperty("rounds", "1");
        assertEquals(2, Compare.run(new String[] {"-wi", "many"}, new PrintStream(bytes, true, StandardCharsets.UTF_8), UnaryOperator.identity(), UnaryOperator.identity()),
                "a bad JMH option is refused before anything runs");
    }

    @Test
    void enginesAgreeOnEveryConfiguration() {
        for (Configuration c : Configuration.values()) {
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
        assertThrows(IllegalArgumentException.class, () -> Configuration.of("huge"));
        assertTrue(Configuration.MOONS.scalarNodesPerStep() <= Compare.SCALAR_NODES, "the scalar engine is timed at moons");
        assertTrue(Configuration.MEDIUM.scalarNodesPerStep() > Compare.SCALAR_NODES, "and not at medium");
    }

    private static Measurement measurement(Configuration c, String backend, double scalar, double tensor, double roofline,
                                           double pytorch) {
        Map<Side, double[]> micros = new EnumMap<>(Side.class);
        if (!Double.isNaN(scalar)) {
            micros.put(Side.SCALAR, new double[] {scalar, scalar * 1.1, scalar * 0.9});
        }
        micros.put(Side.TENSOR, new double[] {tensor, tensor, tensor});
        micros.put(Side.ROOFLINE, new double[] {roofline, roofline * 1.2, roofline * 0.8});
        if (!Double.isNaN(pytorch)) {
            micros.put(Side.PYTORCH, new double[] {pytorch, pytorch, pytorch * 2});
        }
        return new Measurement(c, backend, micros, Double.isNaN(scalar) ? "skipped" : "", 1000, 1e-14, 2e-15,
                Map.of(Side.TENSOR, 3 * tensor, Side.PYTORCH, 2 * pytorch));
    }

    @Test
    void chartDrawsEverySeries(@TempDir Path folder) throws IOException {
        List<Measurement> measurements = new ArrayList<>();
        String[] backends = {"ejml", "netlib (Vector API)", "netlib (native OpenBLAS)", "auto (ejml + netlib (native OpenBLAS))"};
        for (Configuration c : Configuration.values()) {
            for (int b = 0; b < backends.length; b++) {
                double base = c.flopsPerStep() / 5e3;
                measurements.add(measurement(c, backends[b], c == Configuration.LARGE ? Double.NaN : base * 40, base / (b + 1),
                        base / (b + 2), base));
            }
        }
        assertEquals(10, Chart.series(measurements, List.of(Configuration.values())).size());
        Path file = folder.resolve("chart.png");
        Chart.write(measurements, "test chart", file);
        assertEquals(1200, ImageIO.read(file.toFile()).getWidth());
        Files.copy(file, Path.of("target", "test-chart.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void reportRowsAndFiles() {
        Measurement m = measurement(Configuration.MOONS, "ejml", 2000, 40, 20, 120);
        assertEquals(50, m.speedUp().median(), 1e-12);
        assertEquals(new Spread(50, 45, 55), m.speedUp());
        assertEquals(2, m.overRoofline().median(), 1e-12);
        assertEquals(3, m.fasterThanPytorch().median(), 1e-12);
        String[] row = Report.rows(List.of(m)).get(0);
        assertEquals("moons", row[0]);
        assertEquals("50.0× (45.0–55.0)", row[7]);
        assertEquals("120", row[11]);
        assertEquals("3.00× (3.00–6.00)", row[12]);
        assertEquals("-", row[13], "the scalar cold start was not measured");
        assertEquals("120", row[14]);
        assertEquals(Report.COLUMNS.length, row.length);
        assertEquals(2, Report.csv(List.of(m)).lines().count());
        assertEquals(Report.csv(List.of(m)).lines().findFirst().orElseThrow().split(",").length,
                Report.csv(List.of(m)).lines().skip(1).findFirst().orElseThrow().split(",").length);
        String json = Report.json(List.of(m), "test");
        assertTrue(json.contains("\"speedUp\": {\"median\": 50.0000, \"min\": 45.0000, \"max\": 55.0000}"), json);
        assertTrue(json.contains("\"pytorchMicros\": 120.000"), json);
        assertTrue(json.contains("\"coldMicros\": {\"scalar\": null, \"tensor\": 120.000, \"pytorch\": 240.000}"), json);
        String markdown = Report.markdown(List.of(m), "# t");
        assertTrue(markdown.contains("| PyTorch µs/step | × faster than PyTorch |"), markdown);
        assertTrue(markdown.contains("| moons | 337 |"), markdown);
        Measurement skipped = measurement(Configuration.LARGE, "ejml", Double.NaN, 40, 20, Double.NaN);
        String[] skippedRow = Report.rows(List.of(skipped)).get(0);
        assertEquals("skipped", skippedRow[5]);
        assertEquals("-", skippedRow[7]);
        assertEquals("-", skippedRow[11]);
        assertEquals("-", skippedRow[12]);
        assertTrue(Report.json(List.of(skipped), "test").contains("\"scalarMicros\": null"));
        assertTrue(Report.json(List.of(skipped), "test").contains("\"fasterThanPytorch\": null"));
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
}
