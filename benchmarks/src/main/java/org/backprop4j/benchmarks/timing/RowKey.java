package org.backprop4j.benchmarks.timing;

import java.util.Objects;
import org.backprop4j.benchmarks.step.Configuration;

/**
 * What one row of the comparison measures, and the key of its results: a configuration with the tensor
 * engine on one matrix-product backend (the other sides are timed beside it in the same rounds).
 *
 * @param config the configuration
 * @param backend the backend's name as the options give it, e.g. {@code auto}
 */
public record RowKey(Configuration config, String backend) {

    /**
     * A row's key; both parts are required.
     *
     * @throws NullPointerException if either is null
     */
    public RowKey {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(backend, "backend");
    }

    @Override
    public String toString() {
        return config.label() + " on " + backend;
    }
}
