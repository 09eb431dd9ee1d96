package org.backprop4j.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
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
import org.backprop4j.benchmarks.timing.Threads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison's table and chart compute and write what they claim (moved here from CompareTest with the classes they test). */
class ReportTest {

    private static final Setting ONE = new Setting(Threads.ONE, 1, 1, 1, "17.0.15");
    private static final Setting DEFAULTS = new Setting(Threads.DEFAULTS, 2, 1, 2, "25.0.1");

    /** A defaults row: the tensor engine and roofline on two threads, PyTorch in float64 and float32, no scalar engine. */
    private static Measurement defaults(Configuration c, String backend, double tensor, double pytorch, double pytorchF32) {
        Map<Side, double[]> micros = new EnumMap<>(Side.class);
        micros.put(Side.TENSOR, new double[] {tensor, tensor});
        micros.put(Side.ROOFLINE, new double[] {tensor / 2, tensor / 2});
        micros.put(Side.PYTORCH, new double[] {pytorch, pytorch});
        micros.put(Side.PYTORCH_F32, new double[] {pytorchF32, 2 * pytorchF32});
        return new Measurement(c, backend, DEFAULTS, micros, "not timed: one thread", 900, 1e-14,
                Map.of(Side.PYTORCH, 3e-15, Side.PYTORCH_F32, 4e-6), Map.of(Side.TENSOR, 7.0, Side.PYTORCH_F32, 9.0));
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
        return new Measurement(c, backend, ONE, micros, Double.isNaN(scalar) ? "skipped" : "", 1000, 1e-14, Map.of(Side.PYTORCH, 2e-15),
                Map.of(Side.TENSOR, 3 * tensor, Side.PYTORCH, 2 * pytorch));
    }

    @Test
    void aSeriesColourSaysWhatItIsWhateverElseIsInTheChart() {
        // a quick run at seed on two backends: no PyTorch defaults line; before, its tensor and roofline took PyTorch's oranges
        List<String> seedOnly = List.of("scalar engine (1 thread)", "PyTorch (float64, 1 thread)", "tensor, ejml, 1 thread", "roofline, ejml, 1 thread",
                "tensor, netlib, 1 thread", "roofline, netlib, 1 thread");
        Map<String, Color> colors = Chart.colors(seedOnly);
        assertEquals(List.of(0x7F7F7F, 0xFF7F0E, 0x1F77B4, 0xAEC7E8, 0x2CA02C, 0x98DF8A), seedOnly.stream().map(n -> colors.get(n).getRGB() & 0xFFFFFF).toList());
        // without PyTorch at all (a machine without torch), the tensor engine is blue, not PyTorch's orange
        Map<String, Color> noTorch = Chart.colors(List.of("scalar engine (1 thread)", "tensor, auto, 1 thread", "roofline, auto, 1 thread"));
        assertEquals(0x1F77B4, noTorch.get("tensor, auto, 1 thread").getRGB() & 0xFFFFFF);
        List<String> full = List.of("scalar engine (1 thread)", "PyTorch (float64, 1 thread)", "PyTorch at its defaults (float64, 1 thread, BLAS 2)",
                "PyTorch at its defaults (float32, 1 thread, BLAS 2)", "tensor, auto, 1 thread", "roofline, auto, 1 thread",
                "tensor, auto, 2 threads (defaults)", "roofline, auto, 2 threads (defaults)");
        Map<String, Color> all = Chart.colors(full);
        assertEquals(List.of(0x7F7F7F, 0xFF7F0E, 0xD9A33B, 0xFFBB78, 0x1F77B4, 0xAEC7E8, 0x2CA02C, 0x98DF8A),
                full.stream().map(n -> all.get(n).getRGB() & 0xFFFFFF).toList());
    }

    @Test
    void onTwoBackendsTheChartsScalarAndPyTorchBarsAreTheFirstBackendsAsTheReadmeSays() {
        // each backend's JVM times the scalar engine and PyTorch beside it: the table has both, the chart one bar each
        List<Measurement> measurements = List.of(measurement(Configuration.SEED, "ejml", 12.0, 3.0, 0.6, 255.0),
                measurement(Configuration.SEED, "netlib", 14.0, 6.0, 3.1, 298.0));
        Map<String, double[]> series = Chart.series(measurements, List.of(Configuration.SEED));
        assertEquals(12.0, series.get("scalar engine (1 thread)")[0], 1e-12, "the first backend's (ejml), not the last one's");
        assertEquals(255.0, series.get("PyTorch (float64, 1 thread)")[0], 1e-12);
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
        measurements.add(defaults(Configuration.MOONS, backends[3], 20, 100, 50));
        Map<String, double[]> series = Chart.series(measurements, List.of(Configuration.values()));
        assertEquals(List.of("scalar engine (1 thread)", "PyTorch (float64, 1 thread)", "PyTorch at its defaults (float64, 1 thread, BLAS 2)",
                "PyTorch at its defaults (float32, 1 thread, BLAS 2)"), List.copyOf(series.keySet()).subList(0, 4),
                "every PyTorch series names its precision and threads");
        assertEquals(4 + 2 * backends.length + 2, series.size(), series.keySet().toString());
        assertTrue(series.containsKey("tensor, " + backends[3] + ", 2 threads (defaults)"), series.keySet().toString());
        assertTrue(series.containsKey("roofline, " + backends[0] + ", 1 thread"), series.keySet().toString());
        assertEquals(75, series.get("PyTorch at its defaults (float32, 1 thread, BLAS 2)")[1], 1e-12, "at moons, the median of 50 and 100");
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
        assertEquals("1 / 1", row[5]);
        assertEquals("17.0.15", row[6]);
        assertEquals("50.0× (45.0–55.0)", row[9]);
        assertEquals("120", row[13]);
        assertEquals("3.00× (3.00–6.00)", row[14]);
        assertEquals("-", row[15], "no float32 on the one-thread line");
        assertEquals("-", row[17], "the scalar cold start was not measured");
        assertEquals("120", row[18]);
        assertEquals(Report.COLUMNS.length, row.length);
        assertEquals(2, Report.csv(List.of(m)).lines().count());
        assertEquals(Report.csv(List.of(m)).lines().findFirst().orElseThrow().split(",", -1).length,
                Report.csv(List.of(m)).lines().skip(1).findFirst().orElseThrow().split(",", -1).length);
        String json = Report.json(List.of(m), "test");
        assertTrue(json.contains("\"speedUp\": {\"median\": 50.0000, \"min\": 45.0000, \"max\": 55.0000}"), json);
        assertTrue(json.contains("\"pytorchMicros\": 120.000"), json);
        assertTrue(json.contains("\"coldMicros\": {\"scalar\": null, \"tensor\": 120.000, \"pytorch\": 240.000, \"pytorchF32\": null}"), json);
        String markdown = Report.markdown(List.of(m), "# t");
        assertTrue(markdown.contains("| PyTorch µs/step | × faster than PyTorch |"), markdown);
        assertTrue(markdown.contains("| moons | 337 |"), markdown);
        Measurement skipped = measurement(Configuration.LARGE, "ejml", Double.NaN, 40, 20, Double.NaN);
        String[] skippedRow = Report.rows(List.of(skipped)).get(0);
        assertEquals("skipped", skippedRow[7]);
        assertEquals("-", skippedRow[9]);
        assertEquals("-", skippedRow[13]);
        assertEquals("-", skippedRow[14]);
        assertTrue(Report.json(List.of(skipped), "test").contains("\"scalarMicros\": null"));
        assertTrue(Report.json(List.of(skipped), "test").contains("\"fasterThanPytorch\": null"));
        Map<Side, double[]> pinnMicros = new EnumMap<>(Side.class);
        pinnMicros.put(Side.TENSOR, new double[] {100, 110});
        pinnMicros.put(Side.PYTORCH, new double[] {800, 1100});
        Measurement pinn = new Measurement(Configuration.PINN, "ejml", ONE, pinnMicros, "not timed: " + Compare.PINN_TENSOR_ONLY, 5000,
                Double.NaN, Map.of(Side.PYTORCH, 3e-15), Map.of());
        String[] pinnRow = Report.rows(List.of(pinn)).get(0);
        assertEquals(List.of("pinn", "481", "99", "-", "ejml", "1 / 1", "17.0.15", "skipped", "105", "-", "-", "-", "-", "950",
                "9.00× (8.00–10.0)", "-", "-", "-", "-", "-", "-", "5,000", "-", "3.0e-15", "-"), List.of(pinnRow));
        String pinnJson = Report.json(List.of(pinn), "test");
        assertTrue(pinnJson.contains("\"flopsPerStep\": null") && pinnJson.contains("\"rooflineMicros\": null")
                && pinnJson.contains("\"maxGradientDifference\": null"), pinnJson);
        assertTrue(Report.csv(List.of(pinn)).contains(",\"not timed: " + Compare.PINN_TENSOR_ONLY + "\","), Report.csv(List.of(pinn)));
    }

    @Test
    void theDefaultsLineShowsItsThreadsJavaVersionAndFloat32InEveryFormat() {
        Measurement m = defaults(Configuration.LARGE, "auto (ejml + netlib (native OpenBLAS 0.3.31, bundled, 2 threads))", 2000, 2400, 1800);
        String[] row = Report.rows(List.of(m)).get(0);
        assertEquals("defaults: 2 / 1 (BLAS 2)", row[5]);
        assertEquals("25.0.1", row[6]);
        assertEquals("skipped", row[7], "the scalar engine is not timed on the defaults line");
        assertEquals("2,400", row[13]);
        assertEquals("1.20× (1.20–1.20)", row[14]);
        assertEquals("2,700", row[15], "float32's median of 1,800 and 3,600");
        assertEquals("1.35× (0.90–1.80)", row[16]);
        assertEquals("7.00", row[18]);
        assertEquals("9.00", row[20]);
        assertEquals("3.0e-15", row[23]);
        assertEquals("4.0e-06", row[24]);
        String csv = Report.csv(List.of(m));
        List<String> header = List.of(csv.lines().findFirst().orElseThrow().split(","));
        String line = csv.lines().skip(1).findFirst().orElseThrow();
        List<String> cells = List.of(line.replace("\"auto (ejml + netlib (native OpenBLAS 0.3.31, bundled, 2 threads))\"", "auto").split(",", -1));
        assertEquals(header.size(), cells.size(), csv);
        assertEquals("defaults", cells.get(header.indexOf("threads")));
        assertEquals("2", cells.get(header.indexOf("tensor_threads")));
        assertEquals("1", cells.get(header.indexOf("pytorch_threads")));
        assertEquals("2", cells.get(header.indexOf("pytorch_blas_threads")));
        assertEquals("\"25.0.1\"", cells.get(header.indexOf("java_version")));
        assertEquals("2700.00", cells.get(header.indexOf("pytorch_f32_us")));
        assertEquals("1.35000", cells.get(header.indexOf("faster_than_pytorch_f32")));
        assertEquals("9.00000", cells.get(header.indexOf("pytorch_f32_cold_us")));
        assertEquals("4.00000e-06", cells.get(header.indexOf("pytorch_f32_gradient_difference")));
        String json = Report.json(List.of(m), "test");
        assertTrue(json.contains("\"threads\": {\"line\": \"defaults\", \"tensor\": 2, \"pytorch\": 1, \"pytorchBlas\": 2}, "
                + "\"javaVersion\": \"25.0.1\""), json);
        assertTrue(json.contains("\"pytorchF32Micros\": 2700.00, \"fasterThanPytorchF32\": {\"median\": 1.35000, \"min\": 0.900000, "
                + "\"max\": 1.80000}"), json);
        assertTrue(json.contains("\"coldMicros\": {\"scalar\": null, \"tensor\": 7.00000, \"pytorch\": null, \"pytorchF32\": 9.00000}"), json);
        assertTrue(json.contains("\"pytorchF32GradientDifference\": 4.00000e-06"), json);
        Measurement one = measurement(Configuration.LARGE, "ejml", Double.NaN, 40, 20, Double.NaN);
        assertTrue(Report.json(List.of(one), "test").contains("\"threads\": {\"line\": \"one\", \"tensor\": 1, \"pytorch\": 1, "
                + "\"pytorchBlas\": 1}, \"javaVersion\": \"17.0.15\""), Report.json(List.of(one), "test"));
        assertTrue(Report.markdown(List.of(one, m), "# t").contains("| threads (tensor / PyTorch) | JDK |"));
    }
}
