package org.backprop4j.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The comparison's table, printed and written as Markdown, CSV and JSON. */
final class Report {

    static final String[] COLUMNS = {"config", "params", "batch", "FLOPs/step", "backend", "scalar µs/step",
        "tensor µs/step", "speed-up", "tensor GFLOP/s", "roofline µs/step", "tensor/roofline", "tensor bytes/step",
        "max grad diff"};

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
                String.format(Locale.ROOT, "%.3g", m.config().flopsPerStep()),
                m.backend(),
                skipped ? "skipped" : micros(m.scalarMicros()),
                micros(m.tensorMicros()),
                skipped ? "-" : String.format(Locale.ROOT, "%.1f×", m.speedUp()),
                String.format(Locale.ROOT, "%.2f", m.tensorGflops()),
                micros(m.rooflineMicros()),
                String.format(Locale.ROOT, "%.2f", m.overRoofline()),
                String.format(Locale.ROOT, "%,.0f", m.tensorBytes()),
                String.format(Locale.ROOT, "%.1e", m.gradientDifference()),
            });
        }
        return rows;
    }

    private static String micros(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    static void print(List<Measurement> measurements, PrintStream out) {
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
            text.append(c < 2 || c == 4 ? pad(cells[c], widths[c]) : padLeft(cells[c], widths[c])).append("  ");
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
            md.append(c < 2 || c == 4 ? "---|" : "---:|");
        }
        md.append('\n');
        for (String[] row : rows(measurements)) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return md.toString();
    }

    static String csv(List<Measurement> measurements) {
        StringBuilder csv = new StringBuilder("config,parameters,batch,flops_per_step,backend,scalar_us,scalar_note,"
                + "tensor_us,speed_up,tensor_gflops,roofline_us,tensor_over_roofline,tensor_bytes_per_step,max_gradient_difference\n");
        for (Measurement m : measurements) {
            csv.append(String.join(",", m.config().label(), Integer.toString(m.config().architecture().parameterCount()),
                    Integer.toString(m.config().batch()), num(m.config().flopsPerStep()), quote(m.backend()), num(m.scalarMicros()),
                    quote(m.scalarNote()), num(m.tensorMicros()), num(m.speedUp()), num(m.tensorGflops()), num(m.rooflineMicros()),
                    num(m.overRoofline()), num(m.tensorBytes()), num(m.gradientDifference()))).append('\n');
        }
        return csv.toString();
    }

    static String json(List<Measurement> measurements, String machine) {
        StringBuilder json = new StringBuilder("{\n  \"machine\": ").append(string(machine)).append(",\n  \"results\": [\n");
        for (int i = 0; i < measurements.size(); i++) {
            Measurement m = measurements.get(i);
            json.append(String.format(Locale.ROOT,
                    "    {\"config\": %s, \"parameters\": %d, \"batch\": %d, \"flopsPerStep\": %s, \"backend\": %s, "
                            + "\"scalarMicros\": %s, \"scalarNote\": %s, \"tensorMicros\": %s, \"speedUp\": %s, \"tensorGflops\": %s, "
                            + "\"rooflineMicros\": %s, \"tensorOverRoofline\": %s, \"tensorBytesPerStep\": %s, \"maxGradientDifference\": %s}%s%n",
                    string(m.config().label()), m.config().architecture().parameterCount(), m.config().batch(),
                    jsonNum(m.config().flopsPerStep()), string(m.backend()), jsonNum(m.scalarMicros()), string(m.scalarNote()),
                    jsonNum(m.tensorMicros()), jsonNum(m.speedUp()), jsonNum(m.tensorGflops()), jsonNum(m.rooflineMicros()),
                    jsonNum(m.overRoofline()), jsonNum(m.tensorBytes()), jsonNum(m.gradientDifference()),
                    i + 1 < measurements.size() ? "," : ""));
        }
        return json.append("  ]\n}\n").toString();
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

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
