package org.backprop4j.benchmarks.step;

import java.util.Locale;

/** One side of the comparison: something that runs the configuration's training step. */
public enum Side {
    /** The scalar engine through the public {@code nn} API. */
    SCALAR("scalar"),
    /** The tensor engine through {@code MLP.lossAndBackward}, which recycles the graph's buffers. */
    TENSOR("tensor"),
    /** The bare matrix products of the tensor engine's step on the same backend. */
    ROOFLINE("roofline"),
    /** The same step in PyTorch, float64, one thread, in a Python process. */
    PYTORCH("PyTorch");

    private final String label;

    Side(String label) {
        this.label = label;
    }

    /**
     * The side's name as tables and progress lines show it.
     *
     * @return the name in tables and progress lines
     */
    public String label() {
        return label;
    }

    /**
     * The side a name (as {@link #toString()} or {@link #label()} spells it) stands for.
     *
     * @param name a side's name, any case
     * @return the side
     * @throws IllegalArgumentException naming the valid sides
     */
    public static Side of(String name) {
        for (Side side : values()) {
            if (side.label.equalsIgnoreCase(name.trim())) {
                return side;
            }
        }
        throw new IllegalArgumentException("no side '" + name + "': choose from scalar, tensor, roofline, pytorch");
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
