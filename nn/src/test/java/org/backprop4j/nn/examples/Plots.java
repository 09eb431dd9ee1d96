package org.backprop4j.nn.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

import org.backprop4j.nn.MultilayerPerceptron;
import org.backprop4j.nn.data.DataSet;

/** The examples' pictures, drawn with java.awt on a headless image and written as PNG. */
public final class Plots {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int MARGIN = 60;

    private Plots() {
    }

    /**
     * A loss curve: loss per step on a log scale; losses of 0 (a hinge loss that is met) sit on the bottom line.
     *
     * @param title the title
     * @param losses the loss of each step, all positive
     * @param file where to write the PNG
     */
    public static void lossCurve(String title, List<Double> losses, Path file) {
        BufferedImage image = canvas();
        Graphics2D g = graphics(image);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : losses) {
            if (v > 0) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            min = 1;
            max = 1;
        }
        double lo = Math.floor(Math.log10(min));
        double hi = Math.max(lo + 1, Math.ceil(Math.log10(max)));
        int plotW = WIDTH - 2 * MARGIN;
        int plotH = HEIGHT - 2 * MARGIN;
        g.setColor(new Color(0xDDDDDD));
        for (double decade = lo; decade <= hi; decade++) {
            int y = MARGIN + (int) Math.round(plotH * (hi - decade) / (hi - lo));
            g.drawLine(MARGIN, y, WIDTH - MARGIN, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "1e%d", (int) decade), MARGIN - 34, y + 4);
            g.setColor(new Color(0xDDDDDD));
        }
        axes(g, title, "step", "loss (log scale)");
        g.setColor(Color.DARK_GRAY);
        g.drawString("0", MARGIN - 4, HEIGHT - MARGIN + 16);
        g.drawString(Integer.toString(losses.size()), WIDTH - MARGIN - 12, HEIGHT - MARGIN + 16);
        g.setColor(new Color(0x1F77B4));
        g.setStroke(new BasicStroke(2f));
        int prevX = -1;
        int prevY = -1;
        for (int i = 0; i < losses.size(); i++) {
            double v = Math.max(losses.get(i), min);
            int x = MARGIN + (int) Math.round(plotW * (double) i / Math.max(1, losses.size() - 1));
            int y = MARGIN + (int) Math.round(plotH * (hi - Math.log10(v)) / (hi - lo));
            if (prevX >= 0) {
                g.drawLine(prevX, prevY, x, y);
            }
            prevX = x;
            prevY = y;
        }
        g.dispose();
        write(image, file);
    }

    /**
     * A two-input classifier's decision regions (score &gt; 0 blue, else red) with the data on top.
     *
     * @param title the title
     * @param network a network with 2 inputs and 1 output
     * @param data points with labels ±1
     * @param file where to write the PNG
     */
    public static void decisionBoundary(String title, MultilayerPerceptron<?> network, DataSet data, Path file) {
        double[][] x = data.inputs();
        double[][] y = data.targets();
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] p : x) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        minX -= 0.5;
        maxX += 0.5;
        minY -= 0.5;
        maxY += 0.5;
        BufferedImage image = canvas();
        Graphics2D g = graphics(image);
        int plotW = WIDTH - 2 * MARGIN;
        int plotH = HEIGHT - 2 * MARGIN;
        int cell = 4;
        int cols = plotW / cell;
        int rows = plotH / cell;
        double[][] grid = new double[cols * rows][];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                grid[r * cols + c] = new double[] {minX + (maxX - minX) * (c + 0.5) / cols, maxY - (maxY - minY) * (r + 0.5) / rows};
            }
        }
        double[][] scores = network.predict(grid);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                g.setColor(scores[r * cols + c][0] > 0 ? new Color(0xC6DBEF) : new Color(0xFCBBA1));
                g.fillRect(MARGIN + c * cell, MARGIN + r * cell, cell, cell);
            }
        }
        for (int i = 0; i < x.length; i++) {
            int px = MARGIN + (int) Math.round(plotW * (x[i][0] - minX) / (maxX - minX));
            int py = MARGIN + (int) Math.round(plotH * (maxY - x[i][1]) / (maxY - minY));
            g.setColor(y[i][0] > 0 ? new Color(0x08519C) : new Color(0xA50F15));
            g.fillOval(px - 4, py - 4, 8, 8);
            g.setColor(Color.WHITE);
            g.drawOval(px - 4, py - 4, 8, 8);
        }
        axes(g, title, String.format(Locale.ROOT, "x1 from %.1f to %.1f", minX, maxX),
                String.format(Locale.ROOT, "x2 from %.1f to %.1f", minY, maxY));
        g.dispose();
        write(image, file);
    }

    private static BufferedImage canvas() {
        System.setProperty("java.awt.headless", "true");
        return new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return g;
    }

    private static void axes(Graphics2D g, String title, String xLabel, String yLabel) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(MARGIN, MARGIN, WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, MARGIN, MARGIN - 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(xLabel, WIDTH / 2 - 40, HEIGHT - MARGIN + 32);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(yLabel, -HEIGHT / 2 - 40, 16);
        rotated.dispose();
    }

    private static void write(BufferedImage image, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
