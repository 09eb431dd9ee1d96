package org.backprop4j.benchmarks.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backprop4j.benchmarks.step.Configuration;
import org.backprop4j.benchmarks.timing.Threads;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

/**
 * The comparison as a PNG, drawn with XChart: µs per training step on a log axis, a group of bars
 * per configuration — the scalar engine, PyTorch on one thread, PyTorch at its defaults in float64
 * and float32, then the tensor engine and its roofline (the bare matrix products) on each backend,
 * on one thread and at the library's defaults; every series names its thread count.
 */
final class Chart {

    /** Wide enough for five groups of bars whose labels do not overlap, beside a legend of long backend names. */
    static final int WIDTH = 1800;
    private static final int HEIGHT = 620;
    /**
     * Grey for the scalar engine, oranges for PyTorch (one thread, then float64 and float32 at its defaults), then a dark
     * (tensor) and light (roofline) shade of one colour per backend and line.
     */
    private static final Color[] COLORS = {new Color(0x7F7F7F), new Color(0xFF7F0E), new Color(0xD9A33B), new Color(0xFFBB78),
        new Color(0x1F77B4), new Color(0xAEC7E8), new Color(0x2CA02C), new Color(0x98DF8A), new Color(0xD62728), new Color(0xFF9896),
        new Color(0x9467BD), new Color(0xC5B0D5), new Color(0x8C564B), new Color(0xC49C94), new Color(0x17BECF), new Color(0x9EDAE5),
        new Color(0xBCBD22), new Color(0xDBDB8D), new Color(0xE377C2), new Color(0xF7B6D2)};

    private Chart() {
    }

    /**
     * The series of the chart, each named with its thread count: the scalar engine and PyTorch per line, then the tensor
     * engine and the roofline per backend and line; NaN where not timed, and a series never timed is left out.
     */
    static Map<String, double[]> series(List<Measurement> measurements, List<Configuration> configs) {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            String torch = ", " + torchThreads(m.setting()) + ")";
            String pytorch = m.setting().line() == Threads.DEFAULTS ? "PyTorch at its defaults" : "PyTorch";
            // each backend's JVM times these beside it; the chart has one bar each: the first backend's (-Dbackends order)
            putFirst(series, configs, m, "scalar engine (1 thread)", m.scalarMicros());
            putFirst(series, configs, m, pytorch + " (float64" + torch, m.pytorchMicros());
            putFirst(series, configs, m, pytorch + " (float32" + torch, m.pytorchF32Micros());
        }
        for (Measurement m : measurements) {
            String threads = ", " + m.setting().tensorThreads() + (m.setting().tensorThreads() == 1 ? " thread" : " threads")
                    + (m.setting().line() == Threads.DEFAULTS ? " (defaults)" : "");
            put(series, configs, m, "tensor, " + m.backend() + threads, m.tensorMicros());
            put(series, configs, m, "roofline, " + m.backend() + threads, m.rooflineMicros());
        }
        return series;
    }

    /**
     * Each series' colour, fixed by what it is, not by its place in the chart: grey for the scalar engine, an orange for
     * each PyTorch series, and for the tensor engine and its roofline a dark and a light shade of one colour per backend and
     * line, in the order they first appear. (By place, a chart without PyTorch's defaults line, or without PyTorch, gave
     * the tensor engine PyTorch's oranges.)
     *
     * @param names the series' names, as {@link #series} makes them
     * @return the colour of each, in the same order
     */
    static Map<String, Color> colors(Collection<String> names) {
        Map<String, Color> colors = new LinkedHashMap<>();
        Map<String, Integer> pairs = new LinkedHashMap<>();
        for (String name : names) {
            Color color;
            if (name.startsWith("scalar engine")) {
                color = COLORS[0];
            } else if (name.startsWith("PyTorch (")) {
                color = COLORS[1];
            } else if (name.startsWith("PyTorch at its defaults (float64")) {
                color = COLORS[2];
            } else if (name.startsWith("PyTorch at its defaults")) {
                color = COLORS[3];
            } else {
                boolean roofline = name.startsWith("roofline, ");
                String setting = name.substring(name.indexOf(", ") + 2);
                int pair = pairs.computeIfAbsent(setting, k -> pairs.size());
                color = COLORS[4 + (2 * pair + (roofline ? 1 : 0)) % (COLORS.length - 4)];
            }
            colors.put(name, color);
        }
        return colors;
    }

    private static void putFirst(Map<String, double[]> series, List<Configuration> configs, Measurement m, String name, double micros) {
        double[] values = series.get(name);
        if (values == null || Double.isNaN(values[configs.indexOf(m.config())])) {
            put(series, configs, m, name, micros);
        }
    }

    private static void put(Map<String, double[]> series, List<Configuration> configs, Measurement m, String name, double micros) {
        if (!Double.isNaN(micros)) {
            series.computeIfAbsent(name, k -> nans(configs.size()))[configs.indexOf(m.config())] = micros;
        }
    }

    /** @return e.g. {@code 1 thread} or {@code 1 thread, BLAS 2}: torch's intra-op threads and, where they differ, its BLAS's */
    private static String torchThreads(Setting setting) {
        int threads = setting.pytorchThreads();
        String text = threads + (threads == 1 ? " thread" : " threads");
        return setting.pytorchBlasThreads() == 0 || setting.pytorchBlasThreads() == threads ? text : text + ", BLAS " + setting.pytorchBlasThreads();
    }

    private static double[] nans(int n) {
        double[] values = new double[n];
        Arrays.fill(values, Double.NaN);
        return values;
    }

    static void write(List<Measurement> measurements, String title, Path file) throws IOException {
        List<Configuration> configs = new ArrayList<>();
        for (Measurement m : measurements) {
            if (!configs.contains(m.config())) {
                configs.add(m.config());
            }
        }
        List<String> groups = new ArrayList<>();
        for (Configuration c : configs) {
            groups.add(c.label() + (c.physicsInformed() ? " (" + c.batch() + " points)" : " (batch " + c.batch() + ")"));
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("configuration (a missing bar was not timed)").yAxisTitle("µs per training step (log scale)").build();
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendBorderColor(new Color(0xBBBBBB));
        chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisDecimalPattern("#,##0.###");
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setPlotGridLinesColor(new Color(0xDDDDDD));
        chart.getStyler().setAvailableSpaceFill(0.85);
        chart.getStyler().setOverlapped(false);
        Map<String, double[]> series = series(measurements, configs);
        Map<String, Color> colors = colors(series.keySet());
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] values : series.values()) {
            for (double v : values) {
                if (v > 0) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) {
            throw new IllegalArgumentException("nothing was timed: no chart to draw");
        }
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max))));
        for (Map.Entry<String, double[]> entry : series.entrySet()) {
            List<Double> values = new ArrayList<>();
            for (double v : entry.getValue()) {
                values.add(v > 0 ? v : null);
            }
            CategorySeries bars = chart.addSeries(entry.getKey(), groups, values);
            bars.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
            bars.setFillColor(colors.get(entry.getKey()));
        }
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
