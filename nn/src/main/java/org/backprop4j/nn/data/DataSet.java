package org.backprop4j.nn.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Inputs and their targets, row for row: n ≥ 1 rows of equal width each, at least one value a row,
 * every value finite. Immutable: the rows are copied in and copied out.
 */
public final class DataSet {

    /**
     * The most values (rows × width) one table of a data set may hold: what one Java array holds,
     * so that any batch of it fits one matrix of the tensor engine.
     */
    public static final int MAX_VALUES = Integer.MAX_VALUE - 8;

    private final double[][] inputs;
    private final double[][] targets;

    /**
     * A data set holding copies of its inputs and targets, row for row.
     *
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

    /** The rows of {@code source} at the given indices, in that order, sharing its (immutable) rows. */
    private DataSet(DataSet source, int[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("a data set needs at least one row");
        }
        this.inputs = new double[rows.length][];
        this.targets = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            int row = source.checkRow(rows[i]);
            inputs[i] = source.inputs[row];
            targets[i] = source.targets[row];
        }
    }

    /** {@return the number of rows} */
    public int size() {
        return inputs.length;
    }

    /** {@return the number of features per row} */
    public int inputWidth() {
        return inputs[0].length;
    }

    /** {@return the number of targets per row} */
    public int targetWidth() {
        return targets[0].length;
    }

    /** {@return a copy of the inputs} */
    public double[][] inputs() {
        return deepCopy(inputs);
    }

    /** {@return a copy of the targets} */
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
        return new DataSet(this, Objects.requireNonNull(rows, "rows"));
    }

    /**
     * Copies the rows at {@code rows[from]}, {@code rows[from + 1]}, … into caller-owned arrays, one
     * row per element of {@code inputs}: how a training loop gathers each mini-batch into buffers it
     * reuses, without allocating and without reaching this set's own arrays.
     *
     * @param rows row indices, each in [0, size)
     * @param from the position in {@code rows} of the first row to copy
     * @param inputs m arrays of {@link #inputWidth()} values, overwritten with the rows' inputs
     * @param targets m arrays of {@link #targetWidth()} values, overwritten with the rows' targets
     * @throws NullPointerException if an array or row is null, naming it
     * @throws IllegalArgumentException if inputs and targets differ in length or a row has the wrong width
     * @throws IllegalArgumentException if {@code rows[from .. from + m)} is not within rows, or an index is not a row
     */
    public void copyRows(int[] rows, int from, double[][] inputs, double[][] targets) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(targets, "targets");
        if (inputs.length != targets.length) {
            throw new IllegalArgumentException("inputs has " + inputs.length + " rows but targets has " + targets.length);
        }
        if (from < 0 || from > rows.length - inputs.length) {
            throw new IllegalArgumentException("cannot copy " + inputs.length + " rows from position " + from + " of " + rows.length + " row indices");
        }
        for (int i = 0; i < inputs.length; i++) {
            checkRow(rows[from + i]);
            checkBuffer(inputs[i], "inputs", i, inputWidth());
            checkBuffer(targets[i], "targets", i, targetWidth());
        }
        for (int i = 0; i < inputs.length; i++) {
            System.arraycopy(this.inputs[rows[from + i]], 0, inputs[i], 0, inputWidth());
            System.arraycopy(this.targets[rows[from + i]], 0, targets[i], 0, targetWidth());
        }
    }

    private int checkRow(int row) {
        if (row < 0 || row >= size()) {
            throw new IllegalArgumentException("no row " + row + " in a data set of " + size() + " rows");
        }
        return row;
    }

    private static void checkBuffer(double[] buffer, String name, int i, int width) {
        if (buffer == null) {
            throw new NullPointerException(name + " row " + i);
        }
        if (buffer.length != width) {
            throw new IllegalArgumentException(name + " row " + i + " holds " + buffer.length + " values, the data set's rows have " + width);
        }
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
     * A random permutation of 0..n−1.
     *
     * @param n the length, at least 0
     * @param random the source of randomness
     * @return the numbers 0..n−1 in a uniformly random order (Fisher–Yates)
     * @throws IllegalArgumentException if n is negative or above {@link #MAX_VALUES}
     * @throws NullPointerException if random is null
     */
    public static int[] permutation(int n, SplittableRandom random) {
        if (n < 0) {
            throw new IllegalArgumentException("a permutation needs a length of at least 0, got " + n);
        }
        checkSize(n, 1, "a permutation");
        Objects.requireNonNull(random, "random");
        int[] order = new int[n];
        permutation(order, random);
        return order;
    }

    /**
     * Fills an array with a permutation, the same one {@link #permutation(int, SplittableRandom)}
     * returns for its length and the same random state, without allocating.
     *
     * @param order the array to fill with the numbers 0..length−1 in a uniformly random order (Fisher–Yates)
     * @param random the source of randomness
     */
    public static void permutation(int[] order, SplittableRandom random) {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(random, "random");
        int n = order.length;
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /**
     * Refuses a table of rows × width values that one Java array could not hold.
     *
     * @param rows the number of rows
     * @param width the values per row
     * @param what what is being made, for the message
     * @throws IllegalArgumentException if rows × width is above {@link #MAX_VALUES}
     */
    static void checkSize(int rows, int width, String what) {
        long values = (long) rows * width;
        if (values > MAX_VALUES) {
            throw new IllegalArgumentException(what + " of " + rows + " rows × " + width + " values has " + values
                    + " values, more than one Java array holds (" + MAX_VALUES + ")");
        }
    }

    /**
     * A training set and a test set.
     *
     * @param train the training rows
     * @param test the test rows
     */
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
