package org.backprop4j.benchmarks.report;

import java.util.Locale;
import java.util.Objects;
import org.backprop4j.benchmarks.timing.Threads;

/**
 * What a row ran on, as the children reported it: the line (one thread, or each side at its defaults), the
 * library's thread count, torch's thread counts, and the Java version of the JVM that ran the Java sides.
 *
 * @param line one thread, or each side at its defaults
 * @param tensorThreads the library's thread count in the Java child
 * @param pytorchThreads {@code torch.get_num_threads()} in the PyTorch child, or 0 where PyTorch did not run
 * @param pytorchBlasThreads the thread count of the OpenBLAS torch runs its products on, or 0 where not known
 * @param jdk the Java child's {@code java.version}, e.g. {@code 17.0.15}
 */
public record Setting(Threads line, int tensorThreads, int pytorchThreads, int pytorchBlasThreads, String jdk) {

    /**
     * @throws NullPointerException if line or jdk is null
     */
    public Setting {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(jdk, "jdk");
    }

    /**
     * The threads cell of the table.
     *
     * @return e.g. {@code 1 / 1}, or {@code defaults: 2 / 1 (BLAS 2)}: the library's threads, then torch's
     */
    String describeThreads() {
        String torch = pytorchThreads == 0 ? "-"
                : pytorchBlasThreads == 0 || pytorchBlasThreads == pytorchThreads ? Integer.toString(pytorchThreads)
                : String.format(Locale.ROOT, "%d (BLAS %d)", pytorchThreads, pytorchBlasThreads);
        return (line == Threads.DEFAULTS ? "defaults: " : "") + tensorThreads + " / " + torch;
    }
}
