package org.backprop4j.nn.train;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.MultilayerPerceptron;
import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.optim.LearningRate;
import org.backprop4j.nn.optim.Optimizer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a run reports: validation loss for every loss, accuracy for classifiers, and readable toStrings. */
class TrainerReportTest {

    private static List<MultilayerPerceptron<?>> engines(Architecture architecture) {
        return List.of(new org.backprop4j.nn.scalar.MLP(architecture), new org.backprop4j.nn.tensor.MLP(architecture));
    }

    @Test
    void aRegressionLossRecordsItsValidationLossEveryEpoch() {
        DataSet.Split data = new DataSet(DataSets.gaussian(30, 3, 1), DataSets.gaussian(30, 2, 2)).split(0.3, 4);
        double[][] last = new double[2][];
        int e = 0;
        for (MultilayerPerceptron<?> n : engines(Architecture.of(3, List.of(5, 2)).withActivations(Activation.TANH, Activation.IDENTITY))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            History history = new Trainer(n, Loss.MEAN_SQUARED, Optimizer.sgd(0.05)).epochs(4).batchSize(8).l2(1e-3)
                    .validation(data.test()).progress(new PrintStream(bytes, true, StandardCharsets.UTF_8)).fit(data.train());
            assertEquals(4, history.validationLosses().size(), "one validation loss per epoch");
            assertTrue(history.validationAccuracy().isEmpty() && history.trainAccuracy().isEmpty(), "no accuracy for a regression");
            n.zeroGrad();
            double direct = n.lossAndBackward(data.test().inputs(), data.test().targets(), Loss.MEAN_SQUARED, 1e-3);
            assertEquals(direct, history.validationLosses().get(3), "the loss as training computes it, l2 included");
            String printed = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("validation loss "), printed);
            assertFalse(printed.contains("accuracy"), printed);
            last[e++] = history.validationLosses().stream().mapToDouble(Double::doubleValue).toArray();
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(last[0][i], last[1][i], 1e-12 * Math.abs(last[0][i]), "both engines record the same validation losses");
        }
    }

    @Test
    void aClassifierRecordsValidationLossAndAccuracy() {
        DataSet.Split moons = DataSets.moons(40, 0.1, 1).split(0.25, 2);
        for (MultilayerPerceptron<?> n : engines(Architecture.of(2, List.of(8, 1)).withActivations(Activation.TANH, Activation.IDENTITY))) {
            History history = new Trainer(n, Loss.HINGE, Optimizer.adam(0.05)).epochs(3).validation(moons.test()).fit(moons.train());
            assertEquals(3, history.validationLosses().size());
            assertEquals(3, history.validationAccuracy().size());
            assertEquals(Metrics.accuracy(n.predict(moons.test().inputs()), moons.test().targets()),
                    history.validationAccuracy().get(2));
        }
    }

    @Test
    void aDivergedClassifierStopsWithATrainingExceptionNotAnAccuracyError() {
        for (MultilayerPerceptron<?> n : engines(Architecture.of(3, List.of(4, 1)).withActivations(Activation.RELU, Activation.IDENTITY))) {
            TrainingException e = assertThrows(TrainingException.class,
                    () -> new Trainer(n, Loss.HINGE, Optimizer.sgd(1e308)).epochs(5).fit(DataSets.seed()));
            assertTrue(e.getMessage().contains("epoch 1"), e.getMessage());
        }
    }

    @Test
    void trainerHistoryAndOptimizersPrintWhatTheyAre() {
        var mlp = new org.backprop4j.nn.tensor.MLP(3, List.of(4, 1));
        Trainer trainer = new Trainer(mlp, Loss.SUM_OF_SQUARES, Optimizer.adam(0.01)).epochs(3).batchSize(2).clipGradientNorm(5)
                .validation(DataSets.seed());
        History history = trainer.fit(DataSets.seed());
        String text = trainer.toString();
        for (String part : new String[] {"Trainer(SUM_OF_SQUARES", "Adam(lr constant 0.01", "6 steps", "epochs 3", "batch 2",
                "clip gradient norm 5.0", "validation DataSet(4 rows", ") of MLP of ["}) {
            assertTrue(text.contains(part), () -> "'" + text + "' should show " + part);
        }
        assertFalse(text.contains("@"), text);
        assertTrue(new Trainer(mlp, Loss.HINGE, Optimizer.sgd(0.1)).toString().contains("batch all, l2 0.0, seed 1337) of"));
        String h = history.toString();
        assertTrue(h.startsWith("History(3 epochs, 6 steps, loss ") && h.contains("validation loss ") && !h.contains("accuracy"), h);
        assertEquals("Sgd(lr linear 1.0 → 0.1 over 100 steps, 0 steps)", Optimizer.sgd(LearningRate.linear(1.0, 0.1, 100)).toString());
        assertEquals("Momentum(lr constant 0.1, μ 0.9, 0 steps)", Optimizer.momentum(0.1, 0.9).toString());
    }
}
