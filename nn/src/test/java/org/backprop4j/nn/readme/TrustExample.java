package org.backprop4j.nn.readme;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.backprop4j.nn.Loss;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.io.Checkpoint;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.train.Trainer;
import org.backprop4j.nn.train.TrainingException;
import org.backprop4j.tensor.Anomaly;
import org.backprop4j.tensor.AnomalyException;
import org.backprop4j.tensor.Tensor;

/** nn's README, trusting it with real work: anomaly detection and checkpoints. */
final class TrustExample {

    private TrustExample() {
    }

    static String run(Path folder) throws IOException {
        String message = "no anomaly";
        // readme:trust
        try (Anomaly.Scope scope = Anomaly.detect()) {              // off by default; per thread
            Tensor x = Tensor.of(new double[][] {{1.0, -2.0}});
            x.log().sum().backward();
        } catch (AnomalyException e) {
            message = e.getMessage();  // forward of 'log' produced NaN at (0, 1) of its 1x2 result; operands: [1x2 min -2.0 max 1.0]
        }

        var mlp = new org.backprop4j.nn.tensor.MLP(3, List.of(4, 4, 1));
        new Trainer(mlp, Loss.SUM_OF_SQUARES, Optimizer.sgd(0.05))
                .epochs(20).clipGradientNorm(10)                    // stops with a TrainingException on a NaN loss
                .fit(DataSets.seed());
        Path file = folder.resolve("seed.bp4j");
        Checkpoint.save(mlp, file);                                 // durable: fsync, atomic rename, fsync folder

        var scalar = new org.backprop4j.nn.scalar.MLP(3, List.of(4, 4, 1));
        Checkpoint.load(file, scalar);                              // same architecture and seed; checked before it changes
        // readme:end
        return message + "|" + java.util.Arrays.equals(mlp.parameterValues(), scalar.parameterValues());
    }
}
