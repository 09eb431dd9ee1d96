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
import org.backprop4j.nn.optim.Optimizer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training loop: mini-batches, history, progress, determinism, clipping, and stopping on NaN. */
class TrainerTest {

    @Test
    void miniBatchesHistoryAndProgress() {
        org.backprop4j.nn.tensor.MLP mlp = new org.backprop4j.nn.tensor.MLP(
                Architecture.of(2, List.of(8, 1)).withActivations(Activation.TANH, Activation.IDENTITY));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        History history = new Trainer(mlp, Loss.HINGE, Optimizer.adam(0.05)).epochs(3).batchSize(16)
                .progress(new PrintStream(bytes, true, StandardCharsets.UTF_8)).fit(DataSets.moons(40, 0.1, 1));
        assertEquals(9, history.stepLosses().size(), "3 epochs of 16 + 16 + 8 rows");
        assertEquals(3, history.epochLosses().size());
        assertEquals(3, history.trainAccuracy().size());
        assertTrue(history.validationAccuracy().isEmpty());
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("epoch 3/3") && printed.contains("train accuracy"), printed);
    }

    @Test
    void sameSeedSameRunOnBothEngines() {
        for (int engine = 0; engine < 2; engine++) {
            double[][] runs = new double[2][];
            for (int r = 0; r < 2; r++) {
                MultilayerPerceptron<?> n = engine == 0 ? new org.backprop4j.nn.scalar.MLP(2, List.of(4, 1))
                        : new org.backprop4j.nn.tensor.MLP(2, List.of(4, 1));
                new Trainer(n, Loss.MEAN_SQUARED, Optimizer.momentum(0.1, 0.9)).epochs(4).batchSize(7).seed(11)
                        .fit(DataSets.moons(30, 0.1, 3));
                runs[r] = n.parameterValues();
            }
            assertArrayEquals(runs[0], runs[1], "bit-identical");
        }
    }

    @Test
    void explodingTrainingStopsBeforeCorruptingParameters() {
        for (MultilayerPerceptron<?> n : List.<MultilayerPerceptron<?>>of(new org.backprop4j.nn.scalar.MLP(
                Architecture.of(3, List.of(4, 1)).withActivations(Activation.RELU, Activation.IDENTITY)),
                new org.backprop4j.nn.tensor.MLP(Architecture.of(3, List.of(4, 1)).withActivations(Activation.RELU, Activation.IDENTITY)))) {
            DataSet data = new DataSet(new double[][] {{1e3, 2e3, -1e3}}, new double[][] {{1e6}});
            TrainingException e = assertThrows(TrainingException.class,
                    () -> new Trainer(n, Loss.SUM_OF_SQUARES, Optimizer.sgd(1e3)).epochs(50).fit(data));
            assertTrue(e.getMessage().contains("epoch") && e.getMessage().contains("as before this step"), e.getMessage());
            assertTrue(java.util.Arrays.stream(n.parameterValues()).allMatch(Double::isFinite), "no NaN reached the parameters");
        }
    }

    @Test
    void clippingBoundsTheStep() {
        org.backprop4j.nn.tensor.MLP clipped = new org.backprop4j.nn.tensor.MLP(3, List.of(4, 1));
        double[] before = clipped.parameterValues();
        DataSet data = DataSets.seed();
        new Trainer(clipped, Loss.SUM_OF_SQUARES, Optimizer.sgd(1.0)).clipGradientNorm(0.01).fit(data);
        double[] after = clipped.parameterValues();
        double moved = 0;
        for (int i = 0; i < before.length; i++) {
            moved += (after[i] - before[i]) * (after[i] - before[i]);
        }
        assertEquals(0.01, Math.sqrt(moved), 1e-12, "lr 1 times a gradient clipped to norm 0.01");
    }

    @Test
    void badSettingsAndMismatchedDataAreRefused() {
        org.backprop4j.nn.tensor.MLP mlp = new org.backprop4j.nn.tensor.MLP(3, List.of(4, 1));
        Trainer trainer = new Trainer(mlp, Loss.HINGE, Optimizer.sgd(0.1));
        assertThrows(IllegalArgumentException.class, () -> trainer.epochs(0));
        assertThrows(IllegalArgumentException.class, () -> trainer.batchSize(-1));
        assertThrows(IllegalArgumentException.class, () -> trainer.l2(-1));
        assertThrows(IllegalArgumentException.class, () -> trainer.clipGradientNorm(0));
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class, () -> trainer.fit(DataSets.xor()));
        assertTrue(width.getMessage().contains("2 inputs") && width.getMessage().contains("expects 3"), width.getMessage());
        DataSet notLabels = new DataSet(new double[][] {{1, 2, 3}}, new double[][] {{0.5}});
        IllegalArgumentException labels = assertThrows(IllegalArgumentException.class, () -> trainer.fit(notLabels));
        assertTrue(labels.getMessage().contains("±1"), labels.getMessage());
        IllegalArgumentException validation = assertThrows(IllegalArgumentException.class,
                () -> trainer.validation(DataSets.xor()).fit(new DataSet(new double[][] {{1, 2, 3}}, new double[][] {{1}})));
        assertTrue(validation.getMessage().contains("validation data has 2 inputs"), validation.getMessage());
        assertThrows(NullPointerException.class, () -> new Trainer(null, Loss.HINGE, Optimizer.sgd(0.1)));
        assertThrows(NullPointerException.class, () -> trainer.fit(null));
    }
}
