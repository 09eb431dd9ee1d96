package org.backprop4j.benchmarks.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.backprop4j.benchmarks.step.Side;
import org.backprop4j.benchmarks.timing.Spread;

/** The comparison's table, printed and written as Markdown, CSV and JSON, with its chart. */
public final class Report {

    static final String[] COLUMNS = {"config", "params", "batch", "FLOPs/step", "backend", "threads (tensor / PyTorch)", "JDK",
        "scalar µs/step", "tensor µs/step", "speed-up", "tensor GFLOP/s", "roofline µs/step", "tensor/roofline", "PyTorch µs/step",
        "× faster than PyTorch", "PyTorch f32 µs/step", "× faster than PyTorch f32", "scalar cold µs/step", "tensor cold µs/step",
        "PyTorch cold µs/step", "PyTorch f32 cold µs/step", "tensor bytes/step", "max grad diff", "PyTorch grad diff",
        "PyTorch f32 grad diff"};

    /** Columns 0, 1 and 4 to 6 are text, aligned left; the rest are figures. */
    private static boolean text(int column) {
        return column < 2 || (column >= 4 && column <= 6);
    }

    private Report() {
    }

    static List<String[]> rows(List<Measurement> measurements) {
        List<String[]> rows = new ArrayList<>();
        for (Measurement m : measurements) {
            boolean skipped = Double.isNaN(m.scalarMicros());
            rows.add(new String[] {
                m.config().label(),
                String.format(Locale.ROOT, "%,d", m.config().architecture().parameterCount()),
                Integer.toString(m.config().batch()),
                Double.isNaN(m.config().flopsPerStep()) ? "-" : String.format(Locale.ROOT, "%.3g", m.config().flopsPerStep()),
                m.backend(),
                m.setting().describeThreads(),
                m.setting().jdk(),
                skipped ? "skipped" : micros(m.scalarMicros()),
                micros(m.tensorMicros()),
                ratio(m.speedUp(), "×"),
                Double.isNaN(m.tensorGflops()) ? "-" : String.format(Locale.ROOT, "%.2f", m.tensorGflops()),
                micros(m.rooflineMicros()),
                ratio(m.overRoofline(), ""),
                micros(m.pytorchMicros()),
                ratio(m.fasterThanPytorch(), "×"),
                micros(m.pytorchF32Micros()),
                ratio(m.fasterThanPytorchF32(), "×"),
                micros(m.cold(Side.SCALAR)),
                micros(m.cold(Side.TENSOR)),
                micros(m.cold(Side.PYTORCH)),
                micros(m.cold(Side.PYTORCH_F32)),
                String.format(Locale.ROOT, "%,.0f", m.tensorBytes()),
                difference(m.gradientDifference()),
                difference(m.pytorchDifference(Side.PYTORCH)),
                difference(m.pytorchDifference(Side.PYTORCH_F32)),
            });
        }
        return rows;
    }

    private static String difference(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1e", value);
    }

    /** @return e.g. {@code 2.31× (2.10–2.52)}: the median of the per-round ratios and their range, or "-" */
    static String ratio(Spread spread, String unit) {
        if (!spread.measured()) {
            return "-";
        }
        return String.format(Locale.ROOT, "%s%s (%s–%s)", figure(spread.median()), unit, figure(spread.low()), figure(spread.high()));
    }

    private static String figure(double ratio) {
        return String.format(Locale.ROOT, ratio >= 100 ? "%,.0f" : ratio >= 10 ? "%.1f" : "%.2f", ratio);
    }

    /**
     * A time as the table prints it.
     *
     * @param value µs, or NaN
     * @return e.g. {@code 24.06} or {@code 1,565}, or "-" for NaN
     */
    public static String micros(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    /**
     * Prints the table, its columns aligned.
     *
     * @param measurements one row each
     * @param out where to print
     */
    public static void print(List<Measurement> measurements, PrintStream out) {
        List<String[]> rows = rows(measurements);
        int[] widths = new int[COLUMNS.length];
        for (int c = 0; c < COLUMNS.length; c++) {
            widths[c] = COLUMNS[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        out.println(line(COLUMNS, widths));
        StringBuilder rule = new StringBuilder();
        for (int width : widths) {
            rule.append("-".repeat(width)).append("  ");
        }
        out.println(rule.toString().stripTrailing());
        for (String[] row : rows) {
            out.println(line(row, widths));
        }
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            text.append(text(c) ? pad(cells[c], widths[c]) : padLeft(cells[c], widths[c])).append("  ");
        }
        return text.toString().stripTrailing();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(width - s.length()) + s;
    }

    static String markdown(List<Measurement> measurements, String header) {
        StringBuilder md = new StringBuilder(header).append("\n\n| ").append(String.join(" | ", COLUMNS)).append(" |\n|");
        for (int c = 0; c < COLUMNS.length; c++) {
            md.append(text(c) ? "---|" : "---:|");
        }
        md.append('\n');
        for (String[] row : rows(measurements)) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return md.toString();
    }

    static String csv(List<Measurement> measurements) {
        StringBuilder csv = new StringBuilder("config,parameters,batch,flops_per_step,backend,threads,tensor_threads,pytorch_threads,"
                + "pytorch_blas_threads,java_version,rounds,scalar_us,scalar_note,tensor_us,"
                + "speed_up,speed_up_min,speed_up_max,tensor_gflops,roofline_us,tensor_over_roofline,tensor_over_roofline_min,"
                + "tensor_over_roofline_max,pytorch_us,faster_than_pytorch,faster_than_pytorch_min,faster_than_pytorch_max,"
                + "pytorch_f32_us,faster_than_pytorch_f32,faster_than_pytorch_f32_min,faster_than_pytorch_f32_max,"
                + "scalar_cold_us,tensor_cold_us,pytorch_cold_us,pytorch_f32_cold_us,tensor_bytes_per_step,max_gradient_difference,"
                + "pytorch_gradient_difference,pytorch_f32_gradient_difference\n");
        for (Measurement m : measurements) {
            Setting s = m.setting();
            List<String> cells = new ArrayList<>(List.of(m.config().label(), Integer.toString(m.config().architecture().parameterCount()),
                    Integer.toString(m.config().batch()), num(m.config().flopsPerStep()), quote(m.backend()), s.line().name().toLowerCase(Locale.ROOT),
                    Integer.toString(s.tensorThreads()), count(s.pytorchThreads()), count(s.pytorchBlasThreads()), quote(s.jdk()),
                    Integer.toString(rounds(m)), num(m.scalarMicros()), quote(m.scalarNote()), num(m.tensorMicros())));
            addSpread(cells, m.speedUp());
            cells.addAll(List.of(num(m.tensorGflops()), num(m.rooflineMicros())));
            addSpread(cells, m.overRoofline());
            cells.add(num(m.pytorchMicros()));
            addSpread(cells, m.fasterThanPytorch());
            cells.add(num(m.pytorchF32Micros()));
            addSpread(cells, m.fasterThanPytorchF32());
            cells.addAll(List.of(num(m.cold(Side.SCALAR)), num(m.cold(Side.TENSOR)), num(m.cold(Side.PYTORCH)), num(m.cold(Side.PYTORCH_F32)),
                    num(m.tensorBytes()), num(m.gradientDifference()), num(m.pytorchDifference(Side.PYTORCH)),
                    num(m.pytorchDifference(Side.PYTORCH_F32))));
            csv.append(String.join(",", cells)).append('\n');
        }
        return csv.toString();
    }

    /** @return a thread count, or empty for 0 (not run, or not known) */
    private static String count(int threads) {
        return threads == 0 ? "" : Integer.toString(threads);
    }

    private static void addSpread(List<String> cells, Spread spread) {
        cells.addAll(List.of(num(spread.median()), num(spread.low()), num(spread.high())));
    }

    private static int rounds(Measurement m) {
        double[] tensor = m.micros().get(Side.TENSOR);
        return tensor == null ? 0 : tensor.length;
    }

    static String json(List<Measurement> measurements, String machine) {
        StringBuilder json = new StringBuilder("{\n  \"machine\": ").append(string(machine)).append(",\n  \"results\": [\n");
        for (int i = 0; i < measurements.size(); i++) {
            Measurement m = measurements.get(i);
            Setting s = m.setting();
            json.append(String.format(Locale.ROOT,
                    "    {\"config\": %s, \"parameters\": %d, \"batch\": %d, \"flopsPerStep\": %s, \"backend\": %s, "
                            + "\"threads\": {\"line\": %s, \"tensor\": %d, \"pytorch\": %s, \"pytorchBlas\": %s}, \"javaVersion\": %s, "
                            + "\"rounds\": %d, "
                            + "\"scalarMicros\": %s, \"scalarNote\": %s, \"tensorMicros\": %s, \"speedUp\": %s, \"tensorGflops\": %s, "
                            + "\"rooflineMicros\": %s, \"tensorOverRoofline\": %s, \"pytorchMicros\": %s, \"fasterThanPytorch\": %s, "
                            + "\"pytorchF32Micros\": %s, \"fasterThanPytorchF32\": %s, "
                            + "\"coldMicros\": {\"scalar\": %s, \"tensor\": %s, \"pytorch\": %s, \"pytorchF32\": %s}, "
                            + "\"tensorBytesPerStep\": %s, \"maxGradientDifference\": %s, \"pytorchGradientDifference\": %s, "
                            + "\"pytorchF32GradientDifference\": %s}%s%n",
                    string(m.config().label()), m.config().architecture().parameterCount(), m.config().batch(),
                    jsonNum(m.config().flopsPerStep()), string(m.backend()), string(s.line().name().toLowerCase(Locale.ROOT)),
                    s.tensorThreads(), jsonCount(s.pytorchThreads()), jsonCount(s.pytorchBlasThreads()), string(s.jdk()), rounds(m),
                    jsonNum(m.scalarMicros()), string(m.scalarNote()),
                    jsonNum(m.tensorMicros()), jsonSpread(m.speedUp()), jsonNum(m.tensorGflops()), jsonNum(m.rooflineMicros()),
                    jsonSpread(m.overRoofline()), jsonNum(m.pytorchMicros()), jsonSpread(m.fasterThanPytorch()),
                    jsonNum(m.pytorchF32Micros()), jsonSpread(m.fasterThanPytorchF32()),
                    jsonNum(m.cold(Side.SCALAR)), jsonNum(m.cold(Side.TENSOR)), jsonNum(m.cold(Side.PYTORCH)), jsonNum(m.cold(Side.PYTORCH_F32)),
                    jsonNum(m.tensorBytes()), jsonNum(m.gradientDifference()), jsonNum(m.pytorchDifference(Side.PYTORCH)),
                    jsonNum(m.pytorchDifference(Side.PYTORCH_F32)), i + 1 < measurements.size() ? "," : ""));
        }
        return json.append("  ]\n}\n").toString();
    }

    private static String jsonCount(int threads) {
        return threads == 0 ? "null" : Integer.toString(threads);
    }

    private static String jsonSpread(Spread spread) {
        return spread.measured() ? String.format(Locale.ROOT, "{\"median\": %s, \"min\": %s, \"max\": %s}", jsonNum(spread.median()),
                jsonNum(spread.low()), jsonNum(spread.high())) : "null";
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String jsonNum(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String string(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * Writes the table to {@code folder} as {@code benchmark-results.md}, {@code .csv} and {@code .json}, and its chart as
     * {@code benchmark-chart.png}.
     *
     * @param folder where to write
     * @param measurements one row each
     * @param machine what the figures were measured on, for the Markdown header and the JSON
     * @param quick whether this was a quick run, as the header and the chart's title say
     * @throws IOException if a file cannot be written
     */
    public static void writeFiles(Path folder, List<Measurement> measurements, String machine, boolean quick) throws IOException {
        String header = "Measured " + (quick ? "(quick run) " : "") + "on " + machine + ".";
        write(folder.resolve("benchmark-results.md"), markdown(measurements, header));
        write(folder.resolve("benchmark-results.csv"), csv(measurements));
        write(folder.resolve("benchmark-results.json"), json(measurements, machine));
        Chart.write(measurements, "Training step, one thread and each side's defaults" + (quick ? " (quick run)" : ""),
                folder.resolve("benchmark-chart.png"));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
