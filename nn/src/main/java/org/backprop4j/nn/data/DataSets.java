package org.backprop4j.nn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/** The data sets the examples, tests and benchmarks use, all built in or generated from a seed. */
public final class DataSets {

    private DataSets() {
    }

    /**
     * The seed notebook's four samples: inputs [2, 3, −1], [3, −1, 0.5], [0.5, 1, 1], [1, 1, −1]
     * with targets 1, −1, −1, 1.
     *
     * @return 4 rows, 3 inputs, 1 target
     */
    public static DataSet seed() {
        return new DataSet(
                new double[][] {{2.0, 3.0, -1.0}, {3.0, -1.0, 0.5}, {0.5, 1.0, 1.0}, {1.0, 1.0, -1.0}},
                new double[][] {{1.0}, {-1.0}, {-1.0}, {1.0}});
    }

    /**
     * XOR with labels ±1: (0,0) → −1, (0,1) → 1, (1,0) → 1, (1,1) → −1.
     *
     * @return 4 rows, 2 inputs, 1 target
     */
    public static DataSet xor() {
        return new DataSet(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}},
                new double[][] {{-1}, {1}, {1}, {-1}});
    }

    /**
     * Two interleaving half circles, as scikit-learn's {@code make_moons(n, noise=noise)}: ⌊n/2⌋
     * points on the upper moon (cos t, sin t) and the rest on the lower (1 − cos t, 0.5 − sin t),
     * t evenly spaced over [0, π], Gaussian noise of standard deviation {@code noise} added to
     * each coordinate, then shuffled. Labels are −1 (upper) and +1 (lower), as micrograd's demo uses.
     *
     * @param n the number of points, at least 2
     * @param noise the noise's standard deviation, finite and at least 0
     * @param seed the seed
     * @return n rows, 2 inputs, 1 target
     * @throws IllegalArgumentException if n is below 2 or above half of {@link DataSet#MAX_VALUES}, or the noise is negative, NaN, infinite or so
     *         large that a point's coordinate overflows to ±∞ (naming the noise)
     */
    public static DataSet moons(int n, double noise, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("moons needs at least 2 points, got " + n);
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("noise must be finite and at least 0, got " + noise);
        }
        DataSet.checkSize(n, 2, "moons");
        SplittableRandom random = new SplittableRandom(seed);
        int outer = n / 2;
        int inner = n - outer;
        double[][] x = new double[n][];
        double[][] y = new double[n][];
        for (int i = 0; i < outer; i++) {
            double t = outer == 1 ? 0 : Math.PI * i / (outer - 1);
            x[i] = new double[] {Math.cos(t), Math.sin(t)};
            y[i] = new double[] {-1};
        }
        for (int i = 0; i < inner; i++) {
            double t = inner == 1 ? 0 : Math.PI * i / (inner - 1);
            x[outer + i] = new double[] {1 - Math.cos(t), 0.5 - Math.sin(t)};
            y[outer + i] = new double[] {1};
        }
        int[] order = DataSet.permutation(n, random);
        double[][] xs = new double[n][];
        double[][] ys = new double[n][];
        for (int i = 0; i < n; i++) {
            xs[i] = x[order[i]];
            ys[i] = y[order[i]];
            xs[i][0] += noise * random.nextGaussian();
            xs[i][1] += noise * random.nextGaussian();
            if (!Double.isFinite(xs[i][0]) || !Double.isFinite(xs[i][1])) {
                throw new IllegalArgumentException("noise " + noise + " is too large: it moves point " + i
                        + " to " + Arrays.toString(xs[i]));
            }
        }
        return new DataSet(xs, ys);
    }

    /**
     * The 8×8 handwritten digits (UCI, CC BY 4.0; see {@code digits.README.md} beside the data):
     * 1,797 rows of 64 pixels scaled from 0..16 to [0, 1], and one-hot targets of 10 classes.
     *
     * @return 1,797 rows, 64 inputs, 10 targets
     */
    public static DataSet digits() {
        try (InputStream raw = DataSets.class.getResourceAsStream("digits.csv.gz")) {
            if (raw == null) {
                throw new IllegalStateException("digits.csv.gz is missing from the nn jar");
            }
            return digits(new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read digits.csv.gz", e);
        }
    }

    /**
     * Parses the digits' CSV: per line 64 pixel values in 0..16, then the class, 0..9.
     *
     * @throws IllegalStateException naming the line that does not have that form
     */
    static DataSet digits(BufferedReader reader) throws IOException {
        List<double[]> inputs = new ArrayList<>();
        List<double[]> targets = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            String[] fields = line.split(",");
            if (fields.length != 65) {
                throw new IllegalStateException("digits.csv.gz line " + number + " has " + fields.length + " fields, not 65");
            }
            double[] pixels = new double[64];
            for (int i = 0; i < 64; i++) {
                pixels[i] = digitsField(fields[i], 16, number) / 16.0;
            }
            double[] oneHot = new double[10];
            oneHot[digitsField(fields[64], 9, number)] = 1;
            inputs.add(pixels);
            targets.add(oneHot);
        }
        return new DataSet(inputs.toArray(new double[0][]), targets.toArray(new double[0][]));
    }

    private static int digitsField(String field, int max, int line) {
        try {
            int value = Integer.parseInt(field.trim());
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // named below, with the line
        }
        throw new IllegalStateException("digits.csv.gz line " + line + " has '" + field + "' where a whole number in 0.."
                + max + " belongs");
    }

    /**
     * Rows of independent standard Gaussian values, for benchmarks and tests.
     *
     * @param rows the number of rows, at least 1
     * @param cols the number of columns, at least 1
     * @param seed the seed
     * @return rows×cols values
     * @throws IllegalArgumentException if rows or cols is below 1, naming both, or rows × cols is above
     *         {@link DataSet#MAX_VALUES}
     */
    public static double[][] gaussian(int rows, int cols, long seed) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("gaussian needs at least 1 row and 1 column, got " + rows + "x" + cols);
        }
        DataSet.checkSize(rows, cols, "gaussian data");
        SplittableRandom random = new SplittableRandom(seed);
        double[][] values = new double[rows][cols];
        for (double[] row : values) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return values;
    }
}
