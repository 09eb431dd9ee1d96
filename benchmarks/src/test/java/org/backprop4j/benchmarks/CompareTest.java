package org.backprop4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The comparison refuses to time engines that disagree, and its pieces compute what they claim. */
class CompareTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty("configs");
        System.clearProperty("backends");
        System.clearProperty("rounds");
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
        int status = Compare.run(new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8), broken);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, printed);
        assertTrue(printed.contains("FAILED: the engines disagree on configuration moons at parameter index 123"), printed);
        assertTrue(printed.contains("seed"), "seed passed first: " + printed);
    }

    @Test
    void badOptionsAreNamed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setProperty("configs", "tiny");
        assertEquals(2, Compare.run(new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8), UnaryOperator.identity()));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("no configuration 'tiny'"));
        System.setProperty("configs", "seed");
        System.setProperty("backends", "cuda");
        assertEquals(2, Compare.run(new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8), UnaryOperator.identity()));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("no backend 'cuda': choose from ejml, netlib, netlib-java, auto"));
        System.setProperty("backends", "ejml");
        System.setProperty("rounds", "two");
        assertEquals(2, Compare.run(new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8), UnaryOperator.identity()));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("rounds must be a whole number of at least 1, got 'two'"));
        System.setProperty("rounds", "1");
        assertEquals(2, Compare.run(new String[] {"-wi", "many"}, new PrintStream(bytes, true, StandardCharsets.UTF_8), UnaryOperator.identity()),
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
        assertTrue(Configuration.LARGE.scalarNodesPerStep() > Compare.FULL_SCALAR_NODES, "large is skipped for the scalar engine");
    }

    @Test
    void chartDrawsEverySeries(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws java.io.IOException {
        List<Measurement> measurements = new java.util.ArrayList<>();
        String[] backends = {"ejml", "netlib (Vector API)", "netlib (native OpenBLAS)", "auto (ejml + netlib (native OpenBLAS))"};
        for (Configuration c : Configuration.values()) {
            for (int b = 0; b < backends.length; b++) {
                double base = c.flopsPerStep() / 5e3;
                measurements.add(new Measurement(c, backends[b], c == Configuration.LARGE ? Double.NaN : base * 40, "", base / (b + 1),
                        base / (b + 2), 1000, 1e-14));
            }
        }
        assertEquals(9, Chart.series(measurements, List.of(Configuration.values())).size());
        java.nio.file.Path file = folder.resolve("chart.png");
        Chart.write(measurements, "test chart", file);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(file.toFile());
        assertEquals(1200, image.getWidth());
        java.nio.file.Files.copy(file, java.nio.file.Path.of("target", "test-chart.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void reportRowsAndFiles() {
        Measurement m = new Measurement(Configuration.MOONS, "ejml", 2000, "", 40, 20, 1000, 1e-14);
        assertEquals(50, m.speedUp(), 1e-12);
        assertEquals(2, m.overRoofline(), 1e-12);
        String[] row = Report.rows(List.of(m)).get(0);
        assertEquals("moons", row[0]);
        assertEquals("50.0×", row[7]);
        assertTrue(Report.csv(List.of(m)).lines().count() == 2);
        assertTrue(Report.json(List.of(m), "test").contains("\"speedUp\": 50.0000"));
        assertTrue(Report.markdown(List.of(m), "# t").contains("| moons | 337 |"));
        Measurement skipped = new Measurement(Configuration.LARGE, "ejml", Double.NaN, "skipped", 40, 20, 1000, 1e-14);
        assertEquals("skipped", Report.rows(List.of(skipped)).get(0)[5]);
        assertTrue(Report.json(List.of(skipped), "test").contains("\"scalarMicros\": null"));
    }
}
