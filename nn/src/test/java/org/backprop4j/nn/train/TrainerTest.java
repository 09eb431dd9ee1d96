package org.backprop4j.nn.train;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void targetsThatDoNotFitAreRefusedNamingTheSet() {
        Trainer trainer = new Trainer(new org.backprop4j.nn.tensor.MLP(2, List.of(3, 1)), Loss.HINGE, Optimizer.sgd(0.1));
        DataSet twoTargets = new DataSet(new double[][] {{1, 2}}, new double[][] {{1, 1}});
        IllegalArgumentException training = assertThrows(IllegalArgumentException.class, () -> trainer.fit(twoTargets));
        assertTrue(training.getMessage().startsWith("the training targets do not fit: HINGE: target row 0 has 2 values"),
                training.getMessage());
        IllegalArgumentException validation = assertThrows(IllegalArgumentException.class,
                () -> trainer.validation(twoTargets).fit(DataSets.xor()));
        assertTrue(validation.getMessage().startsWith("the validation targets do not fit: HINGE: target row 0 has 2 values"),
                validation.getMessage());
    }

    private static List<MultilayerPerceptron<?>> seedNetworks() {
        return List.of(new org.backprop4j.nn.scalar.MLP(3, List.of(4, 4, 1)), new org.backprop4j.nn.tensor.MLP(3, List.of(4, 4, 1)));
    }

    private static MultilayerPerceptron<?> fresh(MultilayerPerceptron<?> like) {
        return like instanceof org.backprop4j.nn.scalar.MLP ? new org.backprop4j.nn.scalar.MLP(like.architecture())
                : new org.backprop4j.nn.tensor.MLP(like.architecture());
    }

    /**
     * Trains fresh copies for 1, 2, … epochs (one step each) until one stops: its parameters must be
     * those the run one epoch shorter ended with, all finite, the optimizer's
     * step count that run's, and the message must name the step and what broke (a parameter, or the learning rate).
     */
    private static void assertStopsWithParametersAsBefore(MultilayerPerceptron<?> like, Supplier<Optimizer> optimizer) {
        assertStopsWithParametersAsBefore(like, optimizer, "parameter ");
    }

    private static void assertStopsWithParametersAsBefore(MultilayerPerceptron<?> like, Supplier<Optimizer> optimizer, String named) {
        double[] lastGood = fresh(like).parameterValues();
        for (int epochs = 1; epochs <= 10; epochs++) {
            MultilayerPerceptron<?> n = fresh(like);
            Optimizer stepping = optimizer.get();
            Trainer trainer = new Trainer(n, Loss.SUM_OF_SQUARES, stepping).epochs(epochs);
            try {
                trainer.fit(DataSets.seed());
                lastGood = n.parameterValues();
            } catch (TrainingException e) {
                assertTrue(e.getMessage().contains("epoch " + epochs + ", step 1") && e.getMessage().contains(named),
                        e.getMessage());
                assertArrayEquals(lastGood, n.parameterValues(), "the failing step changed no parameter");
                assertTrue(Arrays.stream(n.parameterValues()).allMatch(Double::isFinite));
                assertEquals(epochs - 1, stepping.steps(), stepping + ": the optimizer counted the step it was refused");
                return;
            }
        }
        throw new AssertionError("training never stopped");
    }

    @Test
    void anUpdateThatWouldMakeAParameterNonFiniteChangesNone() {
        for (MultilayerPerceptron<?> n : seedNetworks()) {
            assertStopsWithParametersAsBefore(n, () -> Optimizer.sgd(1e308));
            assertStopsWithParametersAsBefore(n, () -> Optimizer.adam(1e308));
            assertStopsWithParametersAsBefore(n, () -> Optimizer.sgd(step -> step < 2 ? 0.01 : Double.NaN), "the learning rate at step 2 is NaN");
            assertStopsWithParametersAsBefore(n, () -> Optimizer.momentum(1e307, 0.9));
        }
    }

    @Test
    void theStoppingMessageNamesTheFirstParameterTheUpdateWouldBreak() {
        for (MultilayerPerceptron<?> n : seedNetworks()) {
            DataSet data = DataSets.seed();
            double[] p = n.parameterValues();
            n.zeroGrad();
            n.lossAndBackward(data.inputs(), data.targets(), Loss.SUM_OF_SQUARES, 0);
            double[] g = n.gradients();
            int first = 0;
            while (Double.isFinite(p[first] - 1e308 * g[first])) {
                first++;
            }
            TrainingException e = assertThrows(TrainingException.class,
                    () -> new Trainer(n, Loss.SUM_OF_SQUARES, Optimizer.sgd(1e308)).fit(data));
            assertTrue(e.getMessage().contains("parameter " + first + " "), e.getMessage());
            assertArrayEquals(p, n.parameterValues());
        }
    }

    @Test
    void clippingTamesGradientsNear1e300OnBothEngines() {
        Architecture line = Architecture.of(1, List.of(1)).withActivations(Activation.IDENTITY, Activation.IDENTITY);
        for (MultilayerPerceptron<?> n : List.<MultilayerPerceptron<?>>of(new org.backprop4j.nn.scalar.MLP(line),
                new org.backprop4j.nn.tensor.MLP(line))) {
            n.setParameterValues(new double[] {1, 0});
            DataSet data = new DataSet(new double[][] {{1e150}}, new double[][] {{0}});
            n.zeroGrad();
            n.lossAndBackward(data.inputs(), data.targets(), Loss.SUM_OF_SQUARES, 0);
            assertEquals(2e300, n.gradientNorm(), 1e286, "2·y·x = 2e300 for the weight, 2e150 for the bias");
            n.setParameterValues(new double[] {1, 0});
            new Trainer(n, Loss.SUM_OF_SQUARES, Optimizer.sgd(0.5)).clipGradientNorm(1).fit(data);
            double[] after = n.parameterValues();
            assertEquals(0.5, after[0], 1e-15, "a step of 0.5 along the clipped unit gradient");
            assertEquals(-0.5e-150, after[1], 1e-165);
        }
    }

    @Test
    void miniBatchesAreTheRowsOfEachEpochsPermutation() {
        for (MultilayerPerceptron<?> n : List.<MultilayerPerceptron<?>>of(new org.backprop4j.nn.scalar.MLP(2, List.of(4, 1)),
                new org.backprop4j.nn.tensor.MLP(2, List.of(4, 1)))) {
            DataSet data = DataSets.moons(30, 0.1, 3);
            MultilayerPerceptron<?> manual = fresh(n);
            Optimizer optimizer = Optimizer.momentum(0.1, 0.9);
            SplittableRandom random = new SplittableRandom(11);
            for (int epoch = 0; epoch < 3; epoch++) {
                int[] order = DataSet.permutation(data.size(), random);
                for (int from = 0; from < data.size(); from += 7) {
                    DataSet rows = data.rows(Arrays.copyOfRange(order, from, Math.min(from + 7, data.size())));
                    manual.zeroGrad();
                    manual.lossAndBackward(rows.inputs(), rows.targets(), Loss.MEAN_SQUARED, 0.001);
                    optimizer.step(manual);
                }
            }
            new Trainer(n, Loss.MEAN_SQUARED, Optimizer.momentum(0.1, 0.9)).epochs(3).batchSize(7).seed(11).l2(0.001).fit(data);
            assertArrayEquals(manual.parameterValues(), n.parameterValues(), "bit-identical to the loop written out");
        }
    }

    @Test
    void aNetworkWithANonFiniteParameterIsRefusedBeforeTraining() {
        var scalar = new org.backprop4j.nn.scalar.MLP(3, List.of(4, 1));
        var tensor = new org.backprop4j.nn.tensor.MLP(3, List.of(4, 1));
        scalar.parameters().get(5).setData(Double.NaN);
        tensor.layers().get(0).weight().data().data[4] = Double.NaN;   // W[1][1]: flat index 5, after neuron 0's 3 weights and bias
        for (MultilayerPerceptron<?> n : List.<MultilayerPerceptron<?>>of(scalar, tensor)) {
            double[] before = n.parameterValues();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Trainer(n, Loss.SUM_OF_SQUARES, Optimizer.sgd(0.1)).fit(DataSets.seed()));
            assertTrue(e.getMessage().contains("parameter 5 is NaN"), e.getMessage());
            assertArrayEquals(before, n.parameterValues());
        }
    }

    /**
     * A schedule's rate that is negative, NaN or +∞ is refused before anything moves, and the message
     * says to fix the schedule: it used to end "(lower the learning rate, or clip gradients)", which for
     * −0.05 makes things worse and for NaN means nothing.
     */
    @Test
    void aScheduleGivingABadRateIsToldToFixTheSchedule() {
        for (double rate : new double[] {-0.05, Double.NaN, Double.POSITIVE_INFINITY}) {
            for (MultilayerPerceptron<?> n : List.<MultilayerPerceptron<?>>of(new org.backprop4j.nn.scalar.MLP(3, List.of(4, 1)),
                    new org.backprop4j.nn.tensor.MLP(3, List.of(4, 1)))) {
                double[] before = n.parameterValues();
                TrainingException e = assertThrows(TrainingException.class,
                        () -> new Trainer(n, Loss.SUM_OF_SQUARES, Optimizer.sgd(k -> k == 1 ? rate : 0.05)).epochs(3).fit(DataSets.seed()));
                assertTrue(e.getMessage().contains("epoch 2, step 1") && e.getMessage().contains("the learning rate at step 1 is " + rate)
                        && e.getMessage().endsWith("(fix the schedule: every rate it returns must be finite and at least 0)"), e.getMessage());
                assertFalse(e.getMessage().contains("lower the learning rate"), e.getMessage());
                assertFalse(Arrays.equals(before, n.parameterValues()), "the first epoch's step was taken");
            }
        }
        TrainingException big = assertThrows(TrainingException.class,
                () -> new Trainer(new org.backprop4j.nn.tensor.MLP(3, List.of(4, 1)), Loss.SUM_OF_SQUARES, Optimizer.sgd(1e308)).fit(DataSets.seed()));
        assertTrue(big.getMessage().endsWith("(lower the learning rate, or clip gradients)"), big.getMessage());
    }
}
