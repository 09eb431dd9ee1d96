package org.backprop4j.benchmarks.timing;

import java.util.Objects;
import org.backprop4j.benchmarks.step.Configuration;

/**
 * What one row of the comparison measures, and the key of its results: a configuration with the tensor
 * engine on one matrix-product backend, on one thread or at every side's defaults (the other sides are
 * timed beside it in the same rounds).
 *
 * @param config the configuration
 * @param backend the backend's name as the options give it, e.g. {@code auto}
 * @param threads one thread, or each side at its defaults
 */
public record RowKey(Configuration config, String backend, Threads threads) {

    /**
     * A row's key; every part is required.
     *
     * @throws NullPointerException if any is null
     */
    public RowKey {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(threads, "threads");
    }

    @Override
    public String toString() {
        return config.label() + " on " + backend + ", " + threads.label();
    }
}
