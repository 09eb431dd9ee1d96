package org.backprop4j.benchmarks.report;

import java.io.PrintStream;
import java.util.Locale;

/** The comparison's progress: one line per finished benchmark, with how many are left and the time so far. */
public final class Progress {

    private final int total;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private int done;

    /**
     * A progress of {@code total} benchmarks, none done yet.
     *
     * @param total how many benchmarks the run has
     * @param out where to print
     */
    public Progress(int total, PrintStream out) {
        this.total = total;
        this.out = out;
    }

    /**
     * Prints one finished benchmark's line.
     *
     * @param what the benchmark just finished and its figures
     */
    public void done(String what) {
        done++;
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        out.printf(Locale.ROOT, "   [%d/%d, %d:%02d] %s (%d left)%n", done, total, seconds / 60, seconds % 60, what, total - done);
    }
}
