package org.backprop4j.nn.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Inputs and their targets, row for row: n ≥ 1 rows of equal width each, at least one value a row,
 * every value finite. Immutable: the rows are copied in and copied out.
 */
public final class DataSet {

    private final double[][] inputs;
    private final double[][] targets;

    /**
     * @param inputs n rows of features
     * @param targets n rows of targets
     * @throws NullPointerException if an array or row is null
     * @throws IllegalArgumentException if empty, a row is empty, ragged, of different lengths, or not
     *         finite; naming the row (and column)
     */
    public DataSet(double[][] inputs, double[][] targets) {
        this.inputs = copy(inputs, "inputs");
        this.targets = copy(targets, "targets");
        if (inputs.length != targets.length) {
            throw new IllegalArgumentException("inputs have " + inputs.length + " rows but targets have " + targets.length);
        }
    }

    private static double[][] copy(double[][] rows, String name) {
        if (rows == null) {
            throw new NullPointerException(name);
        }
        if (rows.length == 0) {
            throw new IllegalArgumentException(name + " are empty: a data set needs at least one row");
        }
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                throw new NullPointerException(name + " row " + i);
            }
            if (rows[i].length == 0) {
                throw new IllegalArgumentException(name + " row " + i + " is empty: every row needs at least one value");
            }
            if (rows[i].length != rows[0].length) {
                throw new IllegalArgumentException(name + " row " + i + " has " + rows[i].length
                        + " values, row 0 has " + rows[0].length);
            }
            for (int j = 0; j < rows[i].length; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    throw new IllegalArgumentException(name + " row " + i + " column " + j + " is " + rows[i][j]
                            + ": data must be finite");
                }
            }
            copy[i] = rows[i].clone();
        }
        return copy;
    }

    /** Wraps rows already checked and owned by this package: no copy. */
    private DataSet(double[][] inputs, double[][] targets, boolean checked) {
        this.inputs = inputs;
        this.targets = targets;
    }

    /** @return the number of rows */
    public int size() {
        return inputs.length;
    }

    /** @return the number of features per row */
    public int inputWidth() {
        return inputs[0].length;
    }

    /** @return the number of targets per row */
    public int targetWidth() {
        return targets[0].length;
    }

    /** @return a copy of the inputs */
    public double[][] inputs() {
        return deepCopy(inputs);
    }

    /** @return a copy of the targets */
    public double[][] targets() {
        return deepCopy(targets);
    }

    /**
     * The rows at the given indices, in that order.
     *
     * @param rows row indices, each in [0, size)
     * @return a new data set
     */
    public DataSet rows(int... rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("a data set needs at least one row");
        }
        double[][] x = new double[rows.length][];
        double[][] y = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= size()) {
                throw new IndexOutOfBoundsException("row " + rows[i] + " of a data set of " + size());
            }
            x[i] = inputs[rows[i]];
            y[i] = targets[rows[i]];
        }
        return new DataSet(x, y, true);
    }

    /**
     * A seeded random split into a training and a test set.
     *
     * @param testFraction the share of rows in the test set, in (0, 1)
     * @param seed the seed of the shuffle
     * @return the two sets
     */
    public Split split(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        int[] order = permutation(size(), new SplittableRandom(seed));
        int test = (int) Math.round(size() * testFraction);
        if (test == 0 || test == size()) {
            throw new IllegalArgumentException("a split of " + size() + " rows at " + testFraction + " leaves a side empty");
        }
        return new Split(rows(Arrays.copyOfRange(order, test, size())), rows(Arrays.copyOfRange(order, 0, test)));
    }

    /**
     * @param n the length, at least 0
     * @param random the source of randomness
     * @return the numbers 0..n−1 in a uniformly random order (Fisher–Yates)
     * @throws IllegalArgumentException if n is negative
     * @throws NullPointerException if random is null
     */
    public static int[] permutation(int n, SplittableRandom random) {
        if (n < 0) {
            throw new IllegalArgumentException("a permutation needs a length of at least 0, got " + n);
        }
        Objects.requireNonNull(random, "random");
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** A training set and a test set. @param train the training rows @param test the test rows */
    public record Split(DataSet train, DataSet test) {
    }


    private static double[][] deepCopy(double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }

    @Override
    public String toString() {
        return "DataSet(" + size() + " rows, " + inputWidth() + " inputs, " + targetWidth() + " targets)";
    }
}
