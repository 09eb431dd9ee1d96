package org.backprop4j.nn.examples;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.backprop4j.nn.MultilayerPerceptron;
import org.backprop4j.nn.data.DataSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The examples' pictures, drawn with XChart and written as PNG: a loss curve and a decision boundary. */
public final class Plots {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 560;
    /** Points per side of the grid the decision regions are sampled on. */
    private static final int GRID = 120;

    private static final Color BLUE_REGION = new Color(0xC6DBEF);
    private static final Color RED_REGION = new Color(0xFCBBA1);
    private static final Color BLUE = new Color(0x08519C);
    private static final Color RED = new Color(0xA50F15);

    /** The most steps a loss curve's x axis counts one by one. */
    static final int STEPS_IN_THOUSANDS = 1_000;

    private Plots() {
    }

    /**
     * A loss curve: the loss of every step, and where given the mean of every epoch, on a log axis
     * (a linear one when some loss is 0, as a met hinge loss is). With epochs the x axis counts
     * epochs, each mini-batch step a fraction of one; without, it counts steps from 0, in thousands
     * past {@value #STEPS_IN_THOUSANDS} steps, labelled every half thousand (XChart spaces the ticks of
     * a long integer axis at odd numbers such as 278 and runs their labels together; a fractional
     * axis gets round ones).
     *
     * @param title the title
     * @param stepLosses the loss of each step
     * @param epochLosses the mean loss of each epoch, or an empty list (also drawn as steps alone when there are as many epochs as steps)
     * @param file where to write the PNG
     * @throws IllegalArgumentException if there are no step losses, a loss is negative or not finite, or there are more epochs than steps
     */
    public static void lossCurve(String title, List<Double> stepLosses, List<Double> epochLosses, Path file) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(file, "file");
        if (stepLosses.isEmpty() || epochLosses.size() > stepLosses.size()) {
            throw new IllegalArgumentException("a loss curve needs at least one step and no more epochs than steps, got "
                    + stepLosses.size() + " steps and " + epochLosses.size() + " epochs");
        }
        boolean positive = true;
        for (List<Double> losses : List.of(stepLosses, epochLosses)) {
            for (double loss : losses) {
                if (!(loss >= 0) || Double.isInfinite(loss)) {
                    throw new IllegalArgumentException("a loss curve needs finite losses of at least 0, got " + loss);
                }
                positive &= loss > 0;
            }
        }
        boolean epochs = !epochLosses.isEmpty() && epochLosses.size() < stepLosses.size();
        boolean thousands = !epochs && stepLosses.size() > STEPS_IN_THOUSANDS;
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(epochs ? "epoch" : thousands ? "step (thousands)" : "step").yAxisTitle(positive ? "loss (log scale)" : "loss").build();
        style(chart);
        chart.getStyler().setYAxisLogarithmic(positive);
        chart.getStyler().setXAxisDecimalPattern("#,##0.#");
        if (thousands) {
            chart.getStyler().setxAxisTickLabelsFormattingFunction(
                    x -> Math.abs(2 * x - Math.rint(2 * x)) < 1e-9 ? String.format(Locale.ROOT, "%.1f", x) : "");
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        List<Double> xs = new ArrayList<>(stepLosses.size());
        for (int k = 0; k < stepLosses.size(); k++) {
            xs.add(epochs ? (k + 1) * (double) epochLosses.size() / stepLosses.size() : thousands ? k / 1000.0 : k);
        }
        XYSeries steps = chart.addSeries(epochs ? "loss of each mini-batch step" : "loss of each step", xs, stepLosses);
        steps.setLineColor(epochs ? new Color(0x9ECAE1) : BLUE);
        steps.setMarkerColor(BLUE);
        steps.setMarker(!epochs && stepLosses.size() <= 50 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        if (epochs) {
            List<Integer> ends = new ArrayList<>();
            for (int e = 1; e <= epochLosses.size(); e++) {
                ends.add(e);
            }
            XYSeries means = chart.addSeries("mean loss of each epoch", ends, epochLosses);
            means.setLineColor(BLUE);
            means.setMarkerColor(BLUE);
            means.setMarker(SeriesMarkers.CIRCLE);
        }
        write(chart, file);
    }

    /**
     * Functions of one variable drawn as lines over the same x values, the first solid and wide,
     * the others dashed on top: a learned function against the exact one, say.
     *
     * @param title the title
     * @param xs the x values
     * @param ys one list of values per function, each as long as xs
     * @param names the legend's name of each function
     * @param file where to write the PNG
     * @throws IllegalArgumentException if there are no functions, the names do not match them, or a function's length differs from xs's
     */
    public static void curves(String title, List<Double> xs, List<List<Double>> ys, List<String> names, Path file) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(file, "file");
        if (ys.isEmpty() || ys.size() != names.size()) {
            throw new IllegalArgumentException("curves need at least one function and one name each, got "
                    + ys.size() + " functions and " + names.size() + " names");
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("x").yAxisTitle("u").build();
        style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideS);
        Color[] colors = {BLUE, RED, new Color(0x238B45)};
        for (int k = 0; k < ys.size(); k++) {
            if (ys.get(k).size() != xs.size()) {
                throw new IllegalArgumentException("function " + k + " has " + ys.get(k).size() + " values for " + xs.size() + " x values");
            }
            XYSeries series = chart.addSeries(names.get(k), xs, ys.get(k));
            series.setLineColor(colors[k % colors.length]);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineWidth(k == 0 ? 5f : 2f);
            if (k > 0) {
                series.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_ROUND,
                        10f, new float[] {8f, 6f}, 0f));
            }
        }
        write(chart, file);
    }

    /**
     * A two-input classifier's decision regions (score &gt; 0 blue, else red), with the data on top.
     *
     * @param title the title
     * @param network a network with 2 inputs and 1 output
     * @param data points with labels ±1
     * @param file where to write the PNG
     * @throws IllegalArgumentException if the network or the data do not have 2 inputs and 1 output
     */
    public static void decisionBoundary(String title, MultilayerPerceptron<?> network, DataSet data, Path file) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(file, "file");
        List<Integer> nouts = network.architecture().nouts();
        int inputs = network.architecture().nin();
        int outputs = nouts.get(nouts.size() - 1);
        if (inputs != 2 || outputs != 1 || data.inputs()[0].length != 2 || data.targets()[0].length != 1) {
            throw new IllegalArgumentException("a decision boundary needs 2 inputs and 1 output, got a network "
                    + inputs + " → " + outputs + " and data " + data.inputs()[0].length + " → " + data.targets()[0].length);
        }
        double[][] x = data.inputs();
        double[][] y = data.targets();
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] p : x) {
            minX = Math.min(minX, p[0] - 0.5);
            maxX = Math.max(maxX, p[0] + 0.5);
            minY = Math.min(minY, p[1] - 0.5);
            maxY = Math.max(maxY, p[1] + 0.5);
        }
        double[][] grid = new double[GRID * GRID][];
        for (int r = 0; r < GRID; r++) {
            for (int c = 0; c < GRID; c++) {
                grid[r * GRID + c] = new double[] {minX + (maxX - minX) * c / (GRID - 1), minY + (maxY - minY) * r / (GRID - 1)};
            }
        }
        double[][] scores = network.predict(grid);

        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("x1").yAxisTitle("x2").build();
        style(chart);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setXAxisMin(minX).setXAxisMax(maxX).setYAxisMin(minY).setYAxisMax(maxY);
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setDecimalPattern("0.0");
        Marker tile = new Tile(WIDTH / (double) GRID, HEIGHT / (double) GRID);
        addPoints(chart, "network says +1", grid, scores, true, tile, BLUE_REGION);
        addPoints(chart, "network says −1", grid, scores, false, tile, RED_REGION);
        addPoints(chart, "class +1", x, y, true, SeriesMarkers.CIRCLE, BLUE);
        addPoints(chart, "class −1", x, y, false, SeriesMarkers.CIRCLE, RED);
        write(chart, file);
    }

    /** The points whose value is positive (or not), as one scatter series. */
    private static void addPoints(XYChart chart, String name, double[][] points, double[][] values, boolean positive,
                                  Marker marker, Color color) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            if (values[i][0] > 0 == positive) {
                xs.add(points[i][0]);
                ys.add(points[i][1]);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setMarker(marker);
        series.setMarkerColor(color);
    }

    private static void style(XYChart chart) {
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setLegendBorderColor(new Color(0xBBBBBB));
        styler.setAntiAlias(true);
        chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setPlotGridLinesColor(new Color(0xDDDDDD));
        chart.getStyler().setPlotBorderVisible(true);
    }

    private static void write(XYChart chart, Path file) {
        System.setProperty("java.awt.headless", "true");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (var out = Files.newOutputStream(file)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A filled rectangle a grid cell wide and high (a little more, so cells meet): one sample of a decision region. */
    private static final class Tile extends Marker {

        private final double width;
        private final double height;

        Tile(double width, double height) {
            this.width = width;
            this.height = height;
        }

        @Override
        public void paint(Graphics2D g, double xOffset, double yOffset, int markerSize) {
            g.fill(new Rectangle2D.Double(xOffset - width / 2, yOffset - height / 2, width + 1, height + 1));
        }
    }
}
