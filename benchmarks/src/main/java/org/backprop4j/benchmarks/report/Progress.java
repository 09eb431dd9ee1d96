package org.backprop4j.benchmarks;

import java.io.PrintStream;
import java.util.Locale;

/** The comparison's progress: one line per finished benchmark, with how many are left and the time so far. */
final class Progress {

    private final int total;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private int done;

    /**
     * @param total how many benchmarks the run has
     * @param out where to print
     */
    Progress(int total, PrintStream out) {
        this.total = total;
        this.out = out;
    }

    /** @param what the benchmark just finished and its figures */
    void done(String what) {
        done++;
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        out.printf(Locale.ROOT, "   [%d/%d, %d:%02d] %s (%d left)%n", done, total, seconds / 60, seconds % 60, what, total - done);
    }
}
