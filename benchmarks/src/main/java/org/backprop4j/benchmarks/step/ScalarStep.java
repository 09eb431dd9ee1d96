package org.backprop4j.benchmarks.step;

import java.util.ArrayList;
import java.util.List;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.scalar.Losses;
import org.backprop4j.nn.scalar.MLP;
import org.backprop4j.scalar.Value;

/** The scalar engine's step: a graph of one {@link Value} per operation, built afresh each step. */
final class ScalarStep implements TrainingStep {

    private final Configuration config;
    private final MLP mlp;
    private final Optimizer sgd = Optimizer.sgd(Configuration.LEARNING_RATE);
    private final double[][] x;
    private final double[][] y;

    ScalarStep(Configuration config) {
        this.config = config;
        mlp = new MLP(config.architecture());
        x = config.data().inputs();
        y = config.data().targets();
    }

    @Override
    public double run() {
        List<List<Value>> predictions = new ArrayList<>(x.length);
        for (double[] row : x) {
            predictions.add(mlp.forward(row));
        }
        Value loss = Losses.of(config.loss(), predictions, y);
        mlp.zeroGrad();
        loss.backward();
        sgd.step(mlp);
        return loss.data();
    }
}
