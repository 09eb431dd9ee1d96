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
    /** The same step in PyTorch, float64, in a Python process (one thread, or torch's default threads on the defaults line). */
    PYTORCH("PyTorch"),
    /** The same step in PyTorch in float32, at torch's default threads: what a PyTorch user gets without asking. */
    PYTORCH_F32("PyTorch-f32");

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
        throw new IllegalArgumentException("no side '" + name + "': choose from scalar, tensor, roofline, pytorch, pytorch-f32");
    }

    /**
     * Whether PyTorch runs this side, and in which precision.
     *
     * @return {@code float64} or {@code float32} for a PyTorch side, empty for a Java side
     */
    public String torchDtype() {
        return this == PYTORCH ? "float64" : this == PYTORCH_F32 ? "float32" : "";
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
