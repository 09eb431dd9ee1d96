package org.backprop4j.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.Model;
import org.backprop4j.nn.MultilayerPerceptron;
import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.optim.ForeignModelException;
import org.backprop4j.nn.optim.Optimizer;
import org.junit.jupiter.api.Test;

/** What fit checks before its first step, what it leaves behind, and the figures of its progress line. */
class TrainerChecksTest {

    private static final Architecture NET = Architecture.of(2, List.of(4, 1)).withActivations(Activation.TANH, Activation.IDENTITY);

    private static List<MultilayerPerceptron<?>> engines() {
        return List.of(new org.backprop4j.nn.scalar.MLP(NET), new org.backprop4j.nn.tensor.MLP(NET));
    }

    /** Eight ±1-labelled points, the last one labelled 0: HINGE refuses it. */
    private static DataSet oneBadLabelLast() {
        double[][] x = new double[8][];
        double[][] y = new double[8][];
        for (int i = 0; i < 8; i++) {
            x[i] = new double[] {i * 0.25, 1 - i * 0.25};
            y[i] = new double[] {i % 2 == 0 ? 1 : -1};
        }
        y[7][0] = 0;
        return new DataSet(x, y);
    }

    @Test
    void badTargetsAreRefusedBeforeAnyStep() {
        for (MultilayerPerceptron<?> n : engines()) {
            double[] before = n.parameterValues();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Trainer(n, Loss.HINGE, Optimizer.sgd(0.1)).batchSize(1).fit(oneBadLabelLast()));
            assertTrue(e.getMessage().startsWith("the training targets do not fit: HINGE needs labels ±1, target row 7"), e.getMessage());
            assertArrayEquals(before, n.parameterValues(), 0.0, "no batch was trained on");
        }
    }

    @Test
    void badValidationTargetsAreRefusedBeforeAnyStep() {
        for (MultilayerPerceptron<?> n : engines()) {
            double[] before = n.parameterValues();
            DataSet train = oneBadLabelLast().rows(0, 1, 2, 3);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Trainer(n, Loss.HINGE, Optimizer.sgd(0.1)).validation(oneBadLabelLast()).fit(train));
            assertTrue(e.getMessage().startsWith("the validation targets do not fit: HINGE needs labels ±1, target row 7"), e.getMessage());
            assertArrayEquals(before, n.parameterValues(), 0.0, "no epoch was trained");
        }
    }

    @Test
    void aNonFiniteFirstParameterIsRefused() {
        org.backprop4j.nn.scalar.MLP scalar = new org.backprop4j.nn.scalar.MLP(NET);
        scalar.parameters().get(0).setData(Double.NaN);
        org.backprop4j.nn.tensor.MLP tensor = new org.backprop4j.nn.tensor.MLP(NET);
        tensor.parameters().get(0).data().data[0] = Double.NaN;
        for (MultilayerPerceptron<?> n : List.<MultilayerPerceptron<?>>of(scalar, tensor)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Trainer(n, Loss.MEAN_SQUARED, Optimizer.sgd(0.1)).fit(DataSets.xor()));
            assertEquals("the network's parameter 0 is NaN before training: every parameter must be finite", e.getMessage());
        }
    }

    @Test
    void batchSizeZeroMeansTheWholeSetInOneStep() {
        for (MultilayerPerceptron<?> n : engines()) {
            History history = new Trainer(n, Loss.MEAN_SQUARED, Optimizer.sgd(0.1)).batchSize(0).epochs(2).fit(DataSets.xor());
            assertEquals(2, history.stepLosses().size());
        }
    }

    @Test
    void validationLeavesTheGradientsCleared() {
        DataSet moons = DataSets.moons(20, 0.1, 3);
        for (MultilayerPerceptron<?> n : engines()) {
            new Trainer(n, Loss.HINGE, Optimizer.sgd(0.05)).validation(moons.rows(0, 1, 2)).fit(moons);
            assertArrayEquals(new double[n.parameterCount()], n.gradients(), 0.0);
        }
    }

    @Test
    void theProgressLineShowsTheLastFiguresAccuraciesInPercent() {
        DataSet.Split moons = DataSets.moons(40, 0.1, 1).split(0.25, 2);
        for (MultilayerPerceptron<?> n : engines()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            History history = new Trainer(n, Loss.HINGE, Optimizer.adam(0.05)).validation(moons.test())
                    .progress(new PrintStream(bytes, true, StandardCharsets.UTF_8)).fit(moons.train());
            String line = bytes.toString(StandardCharsets.UTF_8).strip();
            Matcher m = Pattern.compile("epoch 1/1  loss (\\S+)  validation loss (\\S+)  train accuracy (\\S+)%  "
                    + "validation accuracy (\\S+)%  \\((\\S+) s\\)").matcher(line);
            assertTrue(m.matches(), line);
            assertEquals(String.format(Locale.ROOT, "%.6f", history.epochLosses().get(0)), m.group(1));
            assertEquals(String.format(Locale.ROOT, "%.6f", history.validationLosses().get(0)), m.group(2));
            assertEquals(String.format(Locale.ROOT, "%.1f", 100 * history.trainAccuracy().get(0)), m.group(3));
            assertEquals(String.format(Locale.ROOT, "%.1f", 100 * history.validationAccuracy().get(0)), m.group(4));
            double seconds = Double.parseDouble(m.group(5));
            assertTrue(seconds >= 0 && seconds < 600, "the run's seconds: " + line);
        }
    }

    /**
     * The hinge loss trains multi-label ±1 targets, but fit scored them with Metrics.accuracy, which
     * refuses a target row naming no one class: after a whole epoch had changed the parameters, fit
     * threw "targets row 0 has its largest value 1.0 in columns 0 and 1".
     */
    @Test
    void multiLabelHingeTargetsTrainWithoutAnAccuracy() {
        DataSet multiLabel = new DataSet(new double[][] {{1, 2, 3}, {3, 2, 1}, {0, 1, 0}},
                new double[][] {{1, 1, -1}, {-1, 1, 1}, {-1, -1, -1}});
        DataSet oneClass = new DataSet(new double[][] {{1, 2, 3}, {3, 2, 1}, {0, 1, 0}},
                new double[][] {{1, -1, -1}, {-1, 1, -1}, {-1, -1, 1}});
        for (MultilayerPerceptron<?> n : List.<MultilayerPerceptron<?>>of(new org.backprop4j.nn.scalar.MLP(3, List.of(4, 3)),
                new org.backprop4j.nn.tensor.MLP(3, List.of(4, 3)))) {
            History history = new Trainer(n, Loss.HINGE, Optimizer.sgd(0.1)).epochs(3).validation(oneClass).fit(multiLabel);
            assertEquals(3, history.epochLosses().size(), n.toString());
            assertEquals(List.of(), history.trainAccuracy(), "multi-label targets name no class to score");
            assertEquals(3, history.validationAccuracy().size(), "the one-class validation set is still scored");
            History swapped = new Trainer(n, Loss.HINGE, Optimizer.sgd(0.1)).epochs(2).validation(multiLabel).fit(oneClass);
            assertEquals(2, swapped.trainAccuracy().size());
            assertEquals(List.of(), swapped.validationAccuracy());
        }
    }

    /**
     * An optimizer that already steps another network is a mistake in the call, not a numerical failure:
     * fit refuses it before any step with a ForeignModelException naming both networks, not a
     * TrainingException that advises a lower learning rate.
     */
    @Test
    void anOptimizerOfAnotherNetworkIsRefusedBeforeAnyStep() {
        for (MultilayerPerceptron<?> n : engines()) {
            Optimizer shared = Optimizer.sgd(0.1);
            MultilayerPerceptron<?> first = n instanceof org.backprop4j.nn.tensor.MLP
                    ? new org.backprop4j.nn.tensor.MLP(NET) : new org.backprop4j.nn.scalar.MLP(NET);
            new Trainer(first, Loss.HINGE, shared).fit(DataSets.moons(8, 0.1, 1));
            double[] before = n.parameterValues();
            ForeignModelException e = assertThrows(ForeignModelException.class,
                    () -> new Trainer(n, Loss.HINGE, shared).fit(DataSets.moons(8, 0.1, 1)));
            assertNamesBothNetworks(e, first, n);
            assertArrayEquals(before, n.parameterValues(), 0.0, "no batch was trained on");
            assertEquals(1, shared.steps(), "the optimizer is as it was");
        }
    }

    /** A user's optimizer that steps through a built-in one, passing checkModel on to it or not. */
    private static Optimizer wrapper(Optimizer inner, boolean passesCheckModelOn) {
        return passesCheckModelOn ? new Optimizer() {
            @Override
            public void step(Model<?> model) {
                inner.step(model);
            }

            @Override
            public void checkModel(Model<?> model) {
                inner.checkModel(model);
            }

            @Override
            public int steps() {
                return inner.steps();
            }
        } : new Optimizer() {
            @Override
            public void step(Model<?> model) {
                inner.step(model);
            }

            @Override
            public int steps() {
                return inner.steps();
            }
        };
    }

    /**
     * A user's optimizer that steps through a built-in one is refused another network with the built-in's
     * ForeignModelException, naming both networks and no learning rate: before any step when it passes
     * checkModel on, at the first step (which changes nothing) when it does not. The second was a
     * TrainingException advising a lower learning rate.
     */
    @Test
    void wrappersOfABuiltInAreRefusedAnotherNetworkAsSuch() {
        List<Supplier<Optimizer>> builtIns = List.of(() -> Optimizer.sgd(0.1), () -> Optimizer.momentum(0.1, 0.9), () -> Optimizer.adam(0.01));
        for (boolean passesOn : new boolean[] {true, false}) {
            for (Supplier<Optimizer> make : builtIns) {
                for (MultilayerPerceptron<?> second : engines()) {
                    Optimizer inner = make.get();
                    Optimizer wrapper = wrapper(inner, passesOn);
                    MultilayerPerceptron<?> first = new org.backprop4j.nn.tensor.MLP(NET);
                    new Trainer(first, Loss.HINGE, wrapper).fit(DataSets.moons(8, 0.1, 1));
                    double[] before = second.parameterValues();
                    String how = (passesOn ? "passes checkModel on: " : "keeps checkModel to itself: ") + inner + ", " + second;
                    ForeignModelException e = assertThrows(ForeignModelException.class,
                            () -> new Trainer(second, Loss.HINGE, wrapper).fit(DataSets.moons(8, 0.1, 1)), how);
                    assertNamesBothNetworks(e, first, second);
                    assertArrayEquals(before, second.parameterValues(), 0.0, "no batch was trained on: " + how);
                    assertEquals(1, wrapper.steps(), "the optimizer is as it was: " + how);
                    assertThrows(NullPointerException.class, () -> wrapper.checkModel(null));
                }
            }
        }
    }

    /** The ownership refusal's message: both networks by name and size, and no advice about the learning rate. */
    private static void assertNamesBothNetworks(ForeignModelException e, MultilayerPerceptron<?> owner, MultilayerPerceptron<?> refused) {
        assertEquals("this optimizer already steps another model (" + owner + ", " + owner.parameterCount()
                + " parameters), so it cannot step " + refused + " (" + refused.parameterCount()
                + " parameters): use one optimizer per model", e.getMessage());
        assertFalse(e.getMessage().contains("learning rate"), e.getMessage());
    }
}
