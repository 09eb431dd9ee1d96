package org.backprop4j.nn.train;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.MultilayerPerceptron;
import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.optim.Optimizer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When fit prints its progress, how it numbers its steps, and that one batch of the whole set is never shuffled. */
class TrainerProgressTest {

    private static List<MultilayerPerceptron<?>> engines(Architecture architecture) {
        return List.of(new org.backprop4j.nn.scalar.MLP(architecture), new org.backprop4j.nn.tensor.MLP(architecture));
    }

    @Test
    void aLineAtMostEverySecondAndOneAtTheEnd() {
        long[] now = {0};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Trainer(new org.backprop4j.nn.tensor.MLP(3, List.of(4, 1)), Loss.MEAN_SQUARED, Optimizer.sgd(0.01))
                .epochs(6).progress(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .clock(() -> {
                    long t = now[0];
                    now[0] += 500_000_000L;
                    return t;
                })
                .fit(DataSets.seed());
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("epoch 2/6 ") && lines[0].endsWith("(1.0 s)"), lines[0]);
        assertTrue(lines[1].startsWith("epoch 4/6 ") && lines[1].endsWith("(2.0 s)"), lines[1]);
        assertTrue(lines[2].startsWith("epoch 6/6 ") && lines[2].endsWith("(3.0 s)"), lines[2]);
    }

    @Test
    void aStepIsNumberedWithinItsEpoch() {
        DataSet data = new DataSet(DataSets.gaussian(6, 2, 1), DataSets.gaussian(6, 1, 2));
        for (MultilayerPerceptron<?> model : engines(Architecture.of(2, List.of(3, 1)))) {
            // steps count from 0 over the whole run: step 4 is the second of epoch 2 with three batches an epoch
            Optimizer optimizer = Optimizer.sgd(step -> step == 4 ? Double.NaN : 0.01);
            TrainingException e = assertThrows(TrainingException.class,
                    () -> new Trainer(model, Loss.MEAN_SQUARED, optimizer).epochs(3).batchSize(2).fit(data));
            assertTrue(e.getMessage().contains("epoch 2, step 2 "), e.getMessage());
        }
    }

    @Test
    void oneBatchOfTheWholeSetKeepsTheRowsInOrder() {
        DataSet data = DataSets.moons(40, 0.1, 3);
        Architecture architecture = Architecture.of(2, List.of(8, 1));
        List<MultilayerPerceptron<?>> trained = engines(architecture);
        List<MultilayerPerceptron<?>> byHand = engines(architecture);
        for (int e = 0; e < 2; e++) {
            MultilayerPerceptron<?> model = trained.get(e);
            new Trainer(model, Loss.MEAN_SQUARED, Optimizer.sgd(0.1)).epochs(3).fit(data);
            MultilayerPerceptron<?> reference = byHand.get(e);
            Optimizer sgd = Optimizer.sgd(0.1);
            for (int epoch = 0; epoch < 3; epoch++) {
                reference.zeroGrad();
                reference.lossAndBackward(data.inputs(), data.targets(), Loss.MEAN_SQUARED, 0);
                sgd.step(reference);
            }
            assertArrayEquals(reference.parameterValues(), model.parameterValues(), model.getClass().getName());
        }
    }
}
