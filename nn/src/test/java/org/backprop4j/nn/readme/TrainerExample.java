package org.backprop4j.nn.readme;

import java.util.List;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Init;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.tensor.MLP;
import org.backprop4j.nn.train.History;
import org.backprop4j.nn.train.Metrics;
import org.backprop4j.nn.train.Trainer;

/** nn's README, the library in reference: a classifier trained with the Trainer. */
final class TrainerExample {

    private TrainerExample() {
    }

    static double run() {
        // readme:trainer
        DataSet.Split data = DataSets.digits().split(0.2, 42);           // 8×8 digits, seeded 80/20 split
        MLP mlp = new MLP(Architecture.of(64, List.of(64, 10))
                .withActivations(Activation.TANH, Activation.IDENTITY)    // logits out
                .withInit(Init.GLOROT).withSeed(7));

        History history = new Trainer(mlp, Loss.SOFTMAX_CROSS_ENTROPY, Optimizer.adam(0.01))
                .epochs(30).batchSize(32).progress(System.out)
                .fit(data.train());

        double accuracy = Metrics.accuracy(mlp.predict(data.test().inputs()), data.test().targets());
        System.out.printf("test accuracy %.1f%%, final loss %.4f%n", 100 * accuracy, history.finalLoss());
        // readme:end
        return accuracy;
    }
}
