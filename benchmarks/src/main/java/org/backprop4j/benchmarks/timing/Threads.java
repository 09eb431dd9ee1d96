package org.backprop4j.benchmarks.timing;

/**
 * The two lines of each configuration: every side on one thread, or every side at its own defaults (this
 * library on all the machine's cores, PyTorch at the thread count torch chooses, in float64 and float32).
 */
public enum Threads {
    /** Both sides on one thread: the library with {@code -Dbackprop4j.threads=1}, PyTorch with {@code torch.set_num_threads(1)}. */
    ONE("1 thread"),
    /** Each side at its defaults: the library on {@link #availableProcessors()} threads, PyTorch at torch's own default. */
    DEFAULTS("defaults");

    private final String label;

    Threads(String label) {
        this.label = label;
    }

    /**
     * The line's name as tables and progress lines show it.
     *
     * @return {@code 1 thread} or {@code defaults}
     */
    public String label() {
        return label;
    }

    /**
     * How many threads the library runs on in this line: 1, or the machine's available processors (the library's
     * default, {@code -Dbackprop4j.threads}).
     *
     * @return the thread count passed to the Java child
     */
    public int tensorThreads() {
        return this == ONE ? 1 : availableProcessors();
    }

    /**
     * The cores this JVM may use, which is the library's default thread count on this machine.
     *
     * @return {@link Runtime#availableProcessors()}
     */
    public static int availableProcessors() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public String toString() {
        return label;
    }
}
