package org.backprop4j.benchmarks;

import java.util.List;
import java.util.Locale;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Init;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.data.DataSets;

/** The four benchmark configurations of the design card, the same in tests, benchmarks and README. */
public enum Configuration {
    /** The seed's network and its four samples, summed squares. */
    SEED(Architecture.of(3, List.of(4, 4, 1)), 4, Loss.SUM_OF_SQUARES),
    /** Two moons, 2 → 16 → 16 → 1, batch 100. */
    MOONS(Architecture.of(2, List.of(16, 16, 1)).withActivations(Activation.TANH, Activation.IDENTITY), 100, Loss.MEAN_SQUARED),
    /** 64 → 128 → 128 → 10 on seeded Gaussian data, batch 256, Glorot. */
    MEDIUM(Architecture.of(64, List.of(128, 128, 10)).withActivations(Activation.TANH, Activation.IDENTITY).withInit(Init.GLOROT),
            256, Loss.MEAN_SQUARED),
    /** 784 → 256 → 256 → 10 on seeded Gaussian data, batch 128, Glorot. */
    LARGE(Architecture.of(784, List.of(256, 256, 10)).withActivations(Activation.TANH, Activation.IDENTITY).withInit(Init.GLOROT),
            128, Loss.MEAN_SQUARED);

    /** The learning rate of every benchmark step. */
    public static final double LEARNING_RATE = 0.05;

    private final Architecture architecture;
    private final int batch;
    private final Loss loss;

    Configuration(Architecture architecture, int batch, Loss loss) {
        this.architecture = architecture;
        this.batch = batch;
        this.loss = loss;
    }

    /** @return the network */
    public Architecture architecture() {
        return architecture;
    }

    /** @return rows per step */
    public int batch() {
        return batch;
    }

    /** @return the loss of a step */
    public Loss loss() {
        return loss;
    }

    /** @return the lower-case name used on the command line and in tables */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the batch: the seed's samples, 100 moons, or seeded Gaussian inputs and targets */
    public DataSet data() {
        switch (this) {
            case SEED:
                return DataSets.seed();
            case MOONS:
                return DataSets.moons(batch, 0.1, 1);
            default:
                int outputs = architecture.nouts().get(architecture.depth() - 1);
                return new DataSet(DataSets.gaussian(batch, architecture.nin(), 1), DataSets.gaussian(batch, outputs, 2));
        }
    }

    /** @return ≈ 6·B·Σ nin·nout: 2 in the forward product, 4 in the two backward products */
    public double flopsPerStep() {
        double sum = 0;
        for (int layer = 0; layer < architecture.depth(); layer++) {
            sum += (double) architecture.inputsOf(layer) * architecture.nouts().get(layer);
        }
        return 6.0 * batch * sum;
    }

    /**
     * The scalar engine's nodes in one step: per row and layer, nout·(2·nin + 1 + an activation node),
     * the input leaves, and about 4 per output for the loss.
     *
     * @return the estimated node count
     */
    public long scalarNodesPerStep() {
        long perRow = architecture.nin();
        for (int layer = 0; layer < architecture.depth(); layer++) {
            int act = architecture.activationOf(layer) == Activation.IDENTITY ? 0 : 1;
            perRow += (long) architecture.nouts().get(layer) * (2L * architecture.inputsOf(layer) + 1 + act);
        }
        perRow += 4L * architecture.nouts().get(architecture.depth() - 1);
        return perRow * batch;
    }

    /**
     * @param label a name as {@link #label()} gives it
     * @return the configuration
     * @throws IllegalArgumentException naming the valid labels
     */
    public static Configuration of(String label) {
        for (Configuration c : values()) {
            if (c.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("no configuration '" + label + "': choose from seed, moons, medium, large");
    }
}
