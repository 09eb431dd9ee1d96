package org.backprop4j.benchmarks.step;

/**
 * One training step of a configuration on one Java side — zero gradients, forward over the batch
 * (inputs and targets constants), the loss, backward, SGD with learning rate 0.05 — or, for the
 * roofline, the bare matrix products of that step; at {@link Configuration#PINN}, the tensor
 * engine's physics-informed step ({@link PinnStep}).
 */
public interface TrainingStep {

    /**
     * Runs one step.
     *
     * @return the step's loss, or for the roofline one output element (so nothing is dead code)
     */
    double run();

    /**
     * The step a Java side runs at a configuration.
     *
     * @param side {@link Side#SCALAR}, {@link Side#TENSOR} or {@link Side#ROOFLINE}
     * @param config the configuration
     * @return a new step with the configuration's initial parameters and data
     * @throws IllegalArgumentException for {@link Side#PYTORCH}, which runs in Python, and for the scalar
     *         engine and the roofline at {@link Configuration#PINN}, which the comparison times on the tensor engine only
     */
    static TrainingStep of(Side side, Configuration config) {
        if (config.physicsInformed() && side != Side.TENSOR && side != Side.PYTORCH) {
            throw new IllegalArgumentException("no " + side.label() + " step at " + config.label()
                    + ": the physics-informed step runs on the tensor engine and PyTorch");
        }
        switch (side) {
            case SCALAR:
                return new ScalarStep(config);
            case TENSOR:
                return config.physicsInformed() ? new PinnStep() : new TensorStep(config);
            case ROOFLINE:
                return new RooflineStep(config);
            default:
                throw new IllegalArgumentException("the " + side.label() + " step does not run in Java");
        }
    }
}
