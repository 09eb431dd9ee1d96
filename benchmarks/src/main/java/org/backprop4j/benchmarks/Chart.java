package org.backprop4j.benchmarks;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/** The comparison as a PNG: time per step on a log scale, per configuration, both engines and the roofline. */
final class Chart {

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 540;
    private static final int LEFT = 80;
    private static final int RIGHT = 400;
    private static final int TOP = 60;
    private static final int BOTTOM = 60;
    private static final Color[] COLORS = {new Color(0x7F7F7F), new Color(0x1F77B4), new Color(0xAEC7E8),
        new Color(0x2CA02C), new Color(0x98DF8A), new Color(0xD62728), new Color(0xFF9896), new Color(0x9467BD),
        new Color(0xC5B0D5), new Color(0xFF7F0E), new Color(0xFFBB78)};

    private Chart() {
    }

    /** The series of the chart: the scalar engine once, then the tensor engine and the roofline per backend. */
    static Map<String, double[]> series(List<Measurement> measurements, List<Configuration> configs) {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            int column = configs.indexOf(m.config());
            series.computeIfAbsent("scalar engine", k -> nans(configs.size()))[column] = m.scalarMicros();
            series.computeIfAbsent("tensor, " + m.backend(), k -> nans(configs.size()))[column] = m.tensorMicros();
            series.computeIfAbsent("roofline, " + m.backend(), k -> nans(configs.size()))[column] = m.rooflineMicros();
        }
        return series;
    }

    private static double[] nans(int n) {
        double[] values = new double[n];
        java.util.Arrays.fill(values, Double.NaN);
        return values;
    }

    static void write(List<Measurement> measurements, String title, Path file) throws IOException {
        List<Configuration> configs = new ArrayList<>();
        for (Measurement m : measurements) {
            if (!configs.contains(m.config())) {
                configs.add(m.config());
            }
        }
        Map<String, double[]> series = series(measurements, configs);
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
        double lo = Math.floor(Math.log10(min));
        double hi = Math.max(lo + 1, Math.ceil(Math.log10(max)));
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double decade = lo; decade <= hi; decade++) {
            int y = TOP + (int) Math.round(plotH * (hi - decade) / (hi - lo));
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(label(Math.pow(10, decade)), LEFT - 60, y + 4);
        }
        int groups = configs.size();
        int bars = series.size();
        double groupW = (double) plotW / groups;
        double barW = groupW * 0.8 / bars;
        int s = 0;
        for (Map.Entry<String, double[]> entry : series.entrySet()) {
            g.setColor(COLORS[s % COLORS.length]);
            for (int c = 0; c < groups; c++) {
                double v = entry.getValue()[c];
                if (!(v > 0)) {
                    continue;
                }
                int x = LEFT + (int) Math.round(c * groupW + groupW * 0.1 + s * barW);
                int y = TOP + (int) Math.round(plotH * (hi - Math.log10(v)) / (hi - lo));
                g.fillRect(x, y, Math.max(1, (int) Math.floor(barW) - 1), TOP + plotH - y);
            }
            g.fillRect(LEFT + plotW + 20, TOP + 20 * s, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(entry.getKey(), LEFT + plotW + 40, TOP + 20 * s + 12);
            s++;
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotW, plotH);
        for (int c = 0; c < groups; c++) {
            String name = configs.get(c).label() + " (batch " + configs.get(c).batch() + ")";
            int x = LEFT + (int) Math.round(c * groupW + groupW / 2) - g.getFontMetrics().stringWidth(name) / 2;
            g.drawString(name, x, TOP + plotH + 20);
        }
        g.drawString("µs per training step (log scale); a missing bar was skipped", LEFT, HEIGHT - 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, LEFT, TOP - 25);
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static String label(double micros) {
        if (micros >= 1e6) {
            return String.format(Locale.ROOT, "%.0f s", micros / 1e6);
        }
        if (micros >= 1e3) {
            return String.format(Locale.ROOT, "%.0f ms", micros / 1e3);
        }
        return String.format(Locale.ROOT, "%s µs", micros >= 1 ? String.format(Locale.ROOT, "%.0f", micros) : Double.toString(micros));
    }
}
