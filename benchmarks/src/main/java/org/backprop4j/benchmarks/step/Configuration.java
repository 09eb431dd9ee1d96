package org.backprop4j.benchmarks.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Init;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.optim.Optimizer;

/**
 * The benchmark configurations of the design card, the same in tests, benchmarks and README: four that
 * fit a batch (SGD on a loss of the network's outputs) and {@link #PINN}, a physics-informed network
 * whose loss holds the network's second derivative with respect to its input.
 */
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
            128, Loss.MEAN_SQUARED),
    /**
     * The physics-informed network of 1-D Poisson u'' = −π² sin(πx) on [0, 1], u(0) = u(1) = 0:
     * 1 → 20 → 20 → 1, Glorot from seed 1 (the network of nn's {@code PoissonExample}), 99 interior points; its loss is mean((u'' + π² sin πx)²) + u(0)² + u(1)²,
     * the mean squared difference of u'' and its {@link #data() targets} −π² sin(πx) plus the boundary's
     * squares, and its optimizer Adam with learning rate {@value #PINN_LEARNING_RATE}.
     */
    PINN(Architecture.of(1, List.of(20, 20, 1)).withActivations(Activation.TANH, Activation.IDENTITY).withInit(Init.GLOROT).withSeed(1),
            99, Loss.MEAN_SQUARED);

    /** The learning rate of every benchmark step that fits a batch (SGD). */
    public static final double LEARNING_RATE = 0.05;
    /** Adam's learning rate at {@link #PINN}. */
    public static final double PINN_LEARNING_RATE = 1e-3;

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

    /** @return the loss of a step; at {@link #PINN}, the loss of u'' against its targets, to which the boundary's squares are added */
    public Loss loss() {
        return loss;
    }

    /** @return whether this is {@link #PINN}, whose step differentiates the network with respect to its input twice */
    public boolean physicsInformed() {
        return this == PINN;
    }

    /** @return the optimizer's learning rate: SGD's {@value #LEARNING_RATE}, or Adam's {@value #PINN_LEARNING_RATE} at {@link #PINN} */
    public double learningRate() {
        return physicsInformed() ? PINN_LEARNING_RATE : LEARNING_RATE;
    }

    /** @return a fresh optimizer of this configuration's step: SGD, or Adam (β₁ 0.9, β₂ 0.999, ε 1e−8) at {@link #PINN} */
    public Optimizer optimizer() {
        return physicsInformed() ? Optimizer.adam(PINN_LEARNING_RATE) : Optimizer.sgd(LEARNING_RATE);
    }

    /** @return the lower-case name used on the command line and in tables */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return the batch: the seed's samples, 100 moons, seeded Gaussian inputs and targets, or at {@link #PINN}
     *         the points xᵢ = i/100, i = 1 … 99, each with the value u'' must take there, −π² sin(πxᵢ)
     */
    public DataSet data() {
        switch (this) {
            case SEED:
                return DataSets.seed();
            case MOONS:
                return DataSets.moons(batch, 0.1, 1);
            case PINN:
                double[][] points = new double[batch][1];
                double[][] secondDerivatives = new double[batch][1];
                for (int i = 0; i < batch; i++) {
                    points[i][0] = (i + 1) / (double) (batch + 1);
                    secondDerivatives[i][0] = -Math.PI * Math.PI * Math.sin(Math.PI * points[i][0]);
                }
                return new DataSet(points, secondDerivatives);
            default:
                int outputs = architecture.nouts().get(architecture.depth() - 1);
                return new DataSet(DataSets.gaussian(batch, architecture.nin(), 1), DataSets.gaussian(batch, outputs, 2));
        }
    }

    /** @return the points where u = 0 at {@link #PINN}: x = 0 and x = 1, as rows of one input */
    public static double[][] pinnBoundary() {
        return new double[][] {{0.0}, {1.0}};
    }

    /**
     * @return ≈ 6·B·Σ nin·nout: 2 in the forward product, 4 in the two backward products; NaN at {@link #PINN},
     *         whose products (forward, two derivatives with respect to the input, and backward through all
     *         three) depend on how the engine differentiates its gradient graph
     */
    public double flopsPerStep() {
        if (physicsInformed()) {
            return Double.NaN;
        }
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
        List<String> labels = new ArrayList<>();
        for (Configuration c : values()) {
            labels.add(c.label());
        }
        throw new IllegalArgumentException("no configuration '" + label + "': choose from " + String.join(", ", labels));
    }
}
