package org.backprop4j.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.backprop4j.benchmarks.Compare;
import org.backprop4j.benchmarks.step.Configuration;
import org.backprop4j.benchmarks.step.Side;
import org.backprop4j.benchmarks.timing.Spread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison's table and chart compute and write what they claim (moved here from CompareTest with the classes they test). */
class ReportTest {

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
                double base = (c.physicsInformed() ? 5e6 : c.flopsPerStep()) / 5e3;
                measurements.add(measurement(c, backends[b], c == Configuration.LARGE ? Double.NaN : base * 40, base / (b + 1),
                        base / (b + 2), base));
            }
        }
        assertEquals(10, Chart.series(measurements, List.of(Configuration.values())).size());
        Path file = folder.resolve("chart.png");
        Chart.write(measurements, "test chart", file);
        assertEquals(Chart.WIDTH, ImageIO.read(file.toFile()).getWidth());
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
        Map<Side, double[]> pinnMicros = new EnumMap<>(Side.class);
        pinnMicros.put(Side.TENSOR, new double[] {100, 110});
        pinnMicros.put(Side.PYTORCH, new double[] {800, 1100});
        Measurement pinn = new Measurement(Configuration.PINN, "ejml", pinnMicros, "not timed: " + Compare.PINN_TENSOR_ONLY, 5000,
                Double.NaN, 3e-15, Map.of());
        String[] pinnRow = Report.rows(List.of(pinn)).get(0);
        assertEquals(List.of("pinn", "481", "99", "-", "ejml", "skipped", "105", "-", "-", "-", "-", "950", "9.00× (8.00–10.0)", "-", "-",
                "-", "5,000", "-", "3.0e-15"), List.of(pinnRow));
        String pinnJson = Report.json(List.of(pinn), "test");
        assertTrue(pinnJson.contains("\"flopsPerStep\": null") && pinnJson.contains("\"rooflineMicros\": null")
                && pinnJson.contains("\"maxGradientDifference\": null"), pinnJson);
        assertTrue(Report.csv(List.of(pinn)).contains(",\"not timed: " + Compare.PINN_TENSOR_ONLY + "\","), Report.csv(List.of(pinn)));
    }
}
