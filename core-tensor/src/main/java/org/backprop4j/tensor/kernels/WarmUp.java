package org.backprop4j.tensor.kernels;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Decides when the Vector API lanes have been compiled: runs each exercise on the lanes and on
 * their scalar twins, {@value #RUNS_PER_TIMING} times each, timed on a clock, until the lanes are
 * the faster at every exercise in {@value #ROUNDS_IN_A_ROW} rounds in a row; gives up once more than
 * its time limit has passed since it began. Running the exercises is also what gets the lanes
 * compiled.
 *
 * <p>The clock and the exercises are given, so a test drives the decision with a clock of its own.
 */
final class WarmUp {

    /** The name of the thread that {@link #start} runs a warm-up on. */
    static final String THREAD_NAME = "backprop4j-vector-warm-up";

    /** Rounds the lanes must win in a row. */
    static final int ROUNDS_IN_A_ROW = 3;

    /** Runs of an exercise on one side per timing. */
    static final int RUNS_PER_TIMING = 20;

    /**
     * How long the warm-up thread waits before it begins: a second. A job that ends sooner never
     * gains from the lanes, and on a small machine the warm-up (a core for a few seconds, and the
     * JIT's compile queue) would slow its first steps, and the background load of the native BLAS.
     */
    static final long DELAY_MILLIS = 1_000;

    /** How long the warm-up tries before it leaves the twins in place: a minute. */
    static final long LIMIT_NANOS = 60_000_000_000L;

    /** Rows of the exercises' matrices. */
    static final int ROWS = 5;

    /**
     * Columns of the exercises' matrices: odd, so every row ends in a tail whatever the lane count,
     * and more than 32, the most doubles a vector holds (2,048 bits), so every row holds a whole vector.
     */
    static final int COLS = 37;

    /**
     * A width of whole vectors whatever the lane count (at most 32): the bias passes run such a layer's rows
     * as one loop, and the exercises run it too, so the JIT has seen that path before the lanes run it.
     */
    static final int WHOLE_VECTORS = 32;

    private final KernelLoops lanes;
    private final KernelLoops twins;
    private final List<Consumer<KernelLoops>> exercises;
    private final LongSupplier nanos;
    private final long limitNanos;

    /**
     * @param lanes the loops to warm up
     * @param twins the loops they must beat
     * @param exercises each a piece of work to run on either
     * @param nanos the clock, in nanoseconds
     * @param limitNanos how long to try
     */
    WarmUp(KernelLoops lanes, KernelLoops twins, List<Consumer<KernelLoops>> exercises, LongSupplier nanos, long limitNanos) {
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        this.twins = Objects.requireNonNull(twins, "twins");
        this.exercises = List.copyOf(Objects.requireNonNull(exercises, "exercises"));
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        if (limitNanos < 0) {
            throw new IllegalArgumentException("time limit of " + limitNanos + " ns");
        }
        this.limitNanos = limitNanos;
    }

    /**
     * Runs rounds until the lanes win {@value #ROUNDS_IN_A_ROW} in a row, or until a round would
     * begin more than the time limit after the first.
     *
     * @return whether the lanes won
     */
    boolean lanesWin() {
        long start = nanos.getAsLong();
        int won = 0;
        while (won < ROUNDS_IN_A_ROW) {
            if (nanos.getAsLong() - start > limitNanos) {
                return false;
            }
            won = lanesWinRound() ? won + 1 : 0;
        }
        return true;
    }

    /** @return whether the lanes were the faster at every exercise; every exercise runs, whatever the first ones gave */
    private boolean lanesWinRound() {
        boolean all = true;
        for (Consumer<KernelLoops> exercise : exercises) {
            long onLanes = time(exercise, lanes);
            long onTwins = time(exercise, twins);
            all &= onLanes < onTwins;
        }
        return all;
    }

    private long time(Consumer<KernelLoops> exercise, KernelLoops loops) {
        long start = nanos.getAsLong();
        for (int run = 0; run < RUNS_PER_TIMING; run++) {
            exercise.accept(loops);
        }
        return nanos.getAsLong() - start;
    }

    /**
     * The work that warms the lanes up: every loop on a {@value #ROWS}×{@value #COLS} matrix (whole
     * vectors and a tail in every row) of seeded values in (−6, 6), which fall on both sides of
     * tanh's switch at |x| = 1, of sigmoid's at 0 and of exp's reduction at ln2/2: tanh, then the
     * layer's bias and tanh ({@value #COLS} wide, then {@value #WHOLE_VECTORS}) and the column sums of the result
     * (a bias gradient's) at every width up to {@value #COLS}, so every block size of that loop runs, the tanh layer's
     * backward pass (G ⊙ tanh' and the column sums), and a descent's check over x and the result; sigmoid, then
     * bias and sigmoid likewise; exp; exp, then log of its results.
     *
     * @return four exercises, sharing their arrays (one warm-up runs them one at a time)
     */
    static List<Consumer<KernelLoops>> exercises() {
        SplittableRandom random = new SplittableRandom(37);
        double[] x = random.doubles(ROWS * COLS, -6, 6).toArray();
        double[] bias = random.doubles(COLS, -0.5, 0.5).toArray();
        double[] y = new double[x.length];
        double[] sums = new double[COLS];
        double[] gz = new double[x.length];
        return List.of(
                loops -> {
                    loops.tanh(x, y, 0, x.length);
                    loops.biasTanh(bias, y, ROWS, COLS);
                    loops.biasTanh(bias, y, ROWS, WHOLE_VECTORS);
                    for (int cols = 1; cols <= COLS; cols++) {
                        loops.addColumnSums(y, 0, sums, ROWS, cols);
                    }
                    loops.biasActivationBackward(Activation.TANH, x, y, gz, sums, ROWS, COLS);
                    loops.finiteAfterDescent(x, y, 0.5, 0, x.length);
                },
                loops -> {
                    loops.sigmoid(x, y, 0, x.length);
                    loops.biasSigmoid(bias, y, ROWS, COLS);
                    loops.biasSigmoid(bias, y, ROWS, WHOLE_VECTORS);
                },
                loops -> loops.exp(x, y, 0, x.length),
                loops -> {
                    loops.exp(x, y, 0, x.length);
                    loops.log(y, y, 0, y.length);
                });
    }

    /**
     * Sleeps for {@code millis} (an interrupt ends the wait early, and is kept).
     *
     * @param millis how long
     */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts a warm-up on its own thread, named {@value #THREAD_NAME}: a daemon (it never keeps
     * the JVM alive) at the lowest priority.
     *
     * @param warmUp what the thread runs
     * @return the started thread
     */
    static Thread start(Runnable warmUp) {
        Thread thread = new Thread(warmUp, THREAD_NAME);
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }
}
