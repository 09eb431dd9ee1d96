package org.backprop4j.benchmarks.step;

import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.tensor.MLP;
import org.backprop4j.tensor.Tensor;

/** The tensor engine's step through {@code MLP.lossAndBackward}, which reuses the graph's buffers from step to step. */
final class TensorStep implements TrainingStep {

    private final Configuration config;
    private final MLP mlp;
    private final Optimizer sgd = Optimizer.sgd(Configuration.LEARNING_RATE);
    private final Tensor x;
    private final Tensor y;

    TensorStep(Configuration config) {
        this.config = config;
        mlp = new MLP(config.architecture());
        x = Tensor.constant(config.data().inputs());
        y = Tensor.constant(config.data().targets());
    }

    @Override
    public double run() {
        mlp.zeroGrad();
        double loss = mlp.lossAndBackward(x, y, config.loss(), 0);
        sgd.step(mlp);
        return loss;
    }
}
