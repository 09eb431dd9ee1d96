package org.backprop4j.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.MultilayerPerceptron;
import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.optim.Optimizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An epoch's loss is on the scale of the whole set's loss, for every loss and batch size, so the
 * training and validation curves compare: a network that does not change (learning rate 0) has an
 * epoch loss equal to its validation loss on the same rows, whether the loss is a mean or a sum,
 * with or without an l2 penalty, on both engines.
 */
class TrainerEpochLossTest {

    private static final Architecture NETWORK = Architecture.of(2, List.of(4, 3)).withActivations(Activation.TANH, Activation.IDENTITY);

    /** Seven rows, so batches of 5 and 2 leave a shorter last batch, with targets the loss accepts. */
    private static DataSet data(Loss loss) {
        double[][] x = new double[7][2];
        double[][] y = new double[7][3];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = Math.sin(i + 1);
            x[i][1] = Math.cos(2.0 * i);
            for (int j = 0; j < 3; j++) {
                y[i][j] = switch (loss) {
                    case HINGE -> (i + j) % 2 == 0 ? 1 : -1;
                    case SOFTMAX_CROSS_ENTROPY -> i % 3 == j ? 1 : 0;
                    default -> 3 * Math.sin(i + 2.0 * j);
                };
            }
        }
        return new DataSet(x, y);
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void anUnchangedNetworksEpochLossIsItsValidationLossWhateverTheBatchSize(Loss loss) {
        DataSet data = data(loss);
        for (double l2 : new double[] {0, 0.01}) {
            for (int batch : new int[] {0, 5, 2, 1}) {
                List<MultilayerPerceptron<?>> engines = List.of(new org.backprop4j.nn.scalar.MLP(NETWORK), new org.backprop4j.nn.tensor.MLP(NETWORK));
                for (MultilayerPerceptron<?> n : engines) {
                    History history = new Trainer(n, loss, Optimizer.sgd(step -> 0.0)).epochs(2).batchSize(batch).l2(l2)
                            .validation(data).fit(data);
                    String what = loss + ", l2 " + l2 + ", batch " + batch + ", " + n.getClass().getName();
                    for (int epoch = 0; epoch < 2; epoch++) {
                        double validation = history.validationLosses().get(epoch);
                        assertEquals(validation, history.epochLosses().get(epoch), 1e-12 * validation, what);
                    }
                }
            }
        }
    }
}
