package org.backprop4j.nn.train;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.MultilayerPerceptron;
import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.optim.ForeignModelException;
import org.backprop4j.nn.optim.Optimizer;

/**
 * The training loop, on either engine: for each epoch, for each mini-batch (the rows in a seeded
 * random order), clear the gradients, compute the loss and backpropagate, then let the optimizer
 * step. It stops with a {@link TrainingException} at the first step whose loss or gradient norm is
 * NaN or ±∞, or whose update would make any parameter NaN or ±∞ (a learning rate too large, a
 * schedule returning NaN): that step changes no parameter. An optimizer that already steps another
 * network is not a numerical failure: it is refused with a {@link ForeignModelException} naming both
 * networks. It can clip the gradients to a global
 * norm, computed without overflow ({@link MultilayerPerceptron#gradientNorm()}). Each mini-batch is
 * gathered into buffers reused from step to step, so a step allocates no more than the network's
 * own {@code lossAndBackward}.
 * With a {@linkplain #validation validation set} it records that set's loss after every epoch (and
 * its accuracy, for classifiers). An epoch's loss is on the scale of the whole set's loss whatever
 * the batch size, so the two curves compare: the row-weighted mean of the steps' losses for a mean
 * loss, their sum for {@link Loss#SUM_OF_SQUARES} (see {@link History#epochLosses()}). Accuracy is recorded for a set whose target rows each name one
 * class (one column, or a largest value in one column only, as {@link Metrics#accuracy} requires):
 * the hinge loss also trains multi-label targets, such as [1, 1, −1], which name no one class.
 *
 * <pre>{@code
 * History history = new Trainer(mlp, Loss.MEAN_SQUARED, Optimizer.adam(0.01))
 *         .epochs(20).batchSize(32).fit(data);
 * }</pre>
 */
public final class Trainer {

    private final MultilayerPerceptron<?> network;
    private final Loss loss;
    private final Optimizer optimizer;
    private int epochs = 1;
    private int batchSize;
    private double l2;
    private long seed = Architecture.DEFAULT_SEED;
    private double maxGradientNorm = Double.POSITIVE_INFINITY;
    private PrintStream progress;
    private DataSet validation;
    /** The clock the progress lines are timed by, in nanoseconds. */
    private LongSupplier nanoTime = System::nanoTime;

    /**
     * A trainer of one network with its loss and optimizer.
     *
     * @param network the network to train
     * @param loss its loss
     * @param optimizer the optimizer, used for this network only
     */
    public Trainer(MultilayerPerceptron<?> network, Loss loss, Optimizer optimizer) {
        this.network = Objects.requireNonNull(network, "network");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    }

    /**
     * Sets the number of epochs.
     *
     * @param epochs passes over the data, at least 1 (default 1)
     * @return this trainer
     */
    public Trainer epochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        this.epochs = epochs;
        return this;
    }

    /**
     * Sets the rows per step.
     *
     * @param batchSize rows per step, at least 1; 0 (the default) for the whole data set
     * @return this trainer
     */
    public Trainer batchSize(int batchSize) {
        if (batchSize < 0) {
            throw new IllegalArgumentException("batchSize must be at least 1, or 0 for the whole set, got " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /**
     * Sets the L2 regularisation strength.
     *
     * @param l2 the L2 regularisation strength added to the loss as l2·Σp², at least 0
     * @return this trainer
     */
    public Trainer l2(double l2) {
        this.l2 = MultilayerPerceptron.checkL2(l2);
        return this;
    }

    /**
     * Sets the seed of the order of rows.
     *
     * @param seed the seed of the order of rows in each epoch
     * @return this trainer
     */
    public Trainer seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Clips gradients by global norm: when ‖g‖₂ exceeds the limit, every gradient is scaled by
     * limit/‖g‖₂ ({@link MultilayerPerceptron#scaleGradients}). The norm is computed without overflow,
     * so gradients near 1e300 are clipped too.
     *
     * @param limit the largest norm, positive
     * @return this trainer
     */
    public Trainer clipGradientNorm(double limit) {
        if (!(limit > 0)) {
            throw new IllegalArgumentException("the gradient norm limit must be positive, got " + limit);
        }
        this.maxGradientNorm = limit;
        return this;
    }

    /**
     * Sets where progress lines are printed.
     *
     * @param out where to print a progress line, at most one a second and one at the end; null for silence
     * @return this trainer
     */
    public Trainer progress(PrintStream out) {
        this.progress = out;
        return this;
    }

    /**
     * Times the progress lines by another clock than {@link System#nanoTime()}, so a test can check
     * when they are printed.
     *
     * @param nanoTime a clock in nanoseconds
     * @return this trainer
     */
    Trainer clock(LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        return this;
    }

    /**
     * Sets a validation set.
     *
     * @param validation a data set whose loss is recorded after every epoch, for every loss (computed as
     *        the training loss is, l2 penalty included, so the two curves compare), and its accuracy
     *        too for classifiers (hinge and softmax cross-entropy) when its target rows each name one
     *        class; or null for none. The validation loss is computed forward only
     *        ({@link MultilayerPerceptron#loss}); after such an epoch the gradients are cleared
     * @return this trainer
     */
    public Trainer validation(DataSet validation) {
        this.validation = validation;
        return this;
    }

    /**
     * Trains on {@code data}.
     *
     * @param data the training set
     * @return the loss of every step and epoch, the validation loss of every epoch when there is a
     *         validation set, and the accuracies when the loss is a classifier's and the set's target
     *         rows each name one class
     * @throws ForeignModelException if the optimizer already steps another network, naming both: before
     *         any step ({@link Optimizer#checkModel}), or, for an optimizer of one's own that steps through
     *         a built-in one without passing {@code checkModel} on, at the step it refuses, which changes
     *         no parameter and not the optimizer (the network's gradients are then that step's)
     * @throws IllegalArgumentException if the data does not fit the network or the loss, or a parameter is
     *         already NaN or ±∞ (naming it)
     * @throws TrainingException at the first non-finite loss or gradient norm, or update that would make a
     *         parameter non-finite (or that the optimizer refuses for another reason, such as a schedule's
     *         NaN rate), naming the epoch, the step (and the parameter's flat index), with the parameters
     *         as before that step, and the optimizer too (its step count, velocities and moments: a
     *         refused step leaves it as it was)
     */
    public History fit(DataSet data) {
        Objects.requireNonNull(data, "data");
        optimizer.checkModel(network);
        Architecture shape = network.architecture();
        int outputs = shape.nouts().get(shape.depth() - 1);
        if (data.inputWidth() != shape.nin()) {
            throw new IllegalArgumentException("the data has " + data.inputWidth() + " inputs per row, the network expects " + shape.nin());
        }
        checkTargets(data, "training", outputs);
        if (validation != null) {
            if (validation.inputWidth() != shape.nin()) {
                throw new IllegalArgumentException("the validation data has " + validation.inputWidth()
                        + " inputs per row, the network expects " + shape.nin());
            }
            checkTargets(validation, "validation", outputs);
        }
        boolean classifier = loss == Loss.HINGE || loss == Loss.SOFTMAX_CROSS_ENTROPY;
        boolean scoreTraining = classifier && namesOneClassPerRow(data);
        boolean scoreValidation = classifier && validation != null && namesOneClassPerRow(validation);
        int batch = batchSize == 0 ? data.size() : Math.min(batchSize, data.size());
        SplittableRandom random = new SplittableRandom(seed);
        History history = new History();
        boolean summed = loss == Loss.SUM_OF_SQUARES;
        Buffers buffers = new Buffers(data, batch, summed && l2 != 0 ? network.parameterCount() : 0);
        double[] initial = network.parameterValues();
        int nonFinite = firstNonFinite(initial);
        if (nonFinite >= 0) {
            throw new IllegalArgumentException("the network's parameter " + nonFinite + " is " + initial[nonFinite]
                    + " before training: every parameter must be finite");
        }
        long start = nanoTime.getAsLong();
        long lastPrint = start;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            if (batch < data.size()) {
                DataSet.permutation(buffers.order, random);
            }
            EpochLoss epochLoss = new EpochLoss(summed, data.size());
            for (int from = 0; from < data.size(); from += batch) {
                int rows = Math.min(batch, data.size() - from);
                double[][] x = rows == batch ? buffers.inputs : buffers.lastInputs;
                double[][] y = rows == batch ? buffers.targets : buffers.lastTargets;
                data.copyRows(buffers.order, from, x, y);
                double penalty = summed && l2 != 0 ? penalty(buffers.parameters) : 0;   // only a sum needs it apart
                double value = step(x, y, buffers, epoch, from / batch + 1);
                history.stepLosses.add(value);
                epochLoss.add(value, penalty, rows);
            }
            history.epochLosses.add(epochLoss.value());
            if (validation != null) {
                history.validationLosses.add(validationLoss());
            }
            if (scoreTraining) {
                history.trainAccuracy.add(accuracy(data, "training", epoch));
            }
            if (scoreValidation) {
                history.validationAccuracy.add(accuracy(validation, "validation", epoch));
            }
            long now = nanoTime.getAsLong();
            if (progress != null && (now - lastPrint >= 1_000_000_000L || epoch == epochs)) {
                progress.println(progressLine(history, epoch, (now - start) / 1e9));
                lastPrint = now;
            }
        }
        return history;
    }

    /**
     * One step: the loss and its gradients, the gradient norm (clipped if asked), then the
     * optimizer's update, which is undone if it made any parameter NaN or ±∞.
     */
    private double step(double[][] x, double[][] y, Buffers buffers, int epoch, int step) {
        network.zeroGrad();
        double value = network.lossAndBackward(x, y, loss, l2);
        if (!Double.isFinite(value)) {
            throw new TrainingException("loss is " + value + " at epoch " + epoch + ", step " + step
                    + "; the parameters are as before this step (lower the learning rate, or clip gradients)");
        }
        double norm = network.gradientNorm();
        if (!Double.isFinite(norm)) {
            throw new TrainingException("gradient norm is " + norm + " at epoch " + epoch + ", step " + step
                    + "; the parameters are as before this step");
        }
        if (norm > maxGradientNorm) {
            network.scaleGradients(maxGradientNorm / norm);
        }
        try {
            optimizer.step(network);
        } catch (ForeignModelException e) {
            throw e;   // a mistake in the call, not in the numbers: no learning rate would help
        } catch (IllegalArgumentException e) {
            // Model.update is all or nothing: a refused update has changed no parameter
            throw new TrainingException("the optimizer's update at epoch " + epoch + ", step " + step + " was refused: "
                    + e.getMessage() + advice(e.getMessage()));
        }
        return value;
    }

    /**
     * Whether {@link Metrics#accuracy} can score a set: one target column, or in every row a largest
     * target value in one column only (multi-label hinge targets such as [1, 1, −1] name no one class).
     */
    private static boolean namesOneClassPerRow(DataSet set) {
        if (set.targetWidth() == 1) {
            return true;
        }
        for (double[] row : set.targets()) {
            int best = Metrics.argmax(row);
            for (int j = best + 1; j < row.length; j++) {
                if (row[j] == row[best]) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * What to do about a refused update: a schedule's own rate that is NaN, ±∞ or negative (refused by the
     * optimizer before it moves anything, in words that begin "the learning rate at step") needs the
     * schedule fixed, where lowering the rate or clipping, the advice for a parameter that would become
     * NaN or ±∞, would not help (a negative rate lowered is still negative).
     */
    private static String advice(String refusal) {
        return refusal != null && refusal.startsWith("the learning rate at step ")
                ? " (fix the schedule: every rate it returns must be finite and at least 0)"
                : " (lower the learning rate, or clip gradients)";
    }

    /** The accuracy on a set, stopping at a NaN prediction as at a NaN loss. */
    private double accuracy(DataSet set, String name, int epoch) {
        double[][] predictions = network.predict(set.inputs());
        for (int i = 0; i < predictions.length; i++) {
            for (double p : predictions[i]) {
                if (Double.isNaN(p)) {
                    throw new TrainingException("the network predicts NaN for " + name + " row " + i + " after epoch " + epoch
                            + " (lower the learning rate, or clip gradients)");
                }
            }
        }
        return Metrics.accuracy(predictions, set.targets());
    }

    /**
     * The loss on the validation set as training computes it, forward only; the gradients are then
     * cleared, as the documentation of {@link #validation} promises.
     */
    private double validationLoss() {
        double value = network.loss(validation.inputs(), validation.targets(), loss, l2);
        network.zeroGrad();
        return value;
    }

    /** The loss's check of a set's targets, its message saying which set it is about. */
    private void checkTargets(DataSet set, String name, int outputs) {
        try {
            loss.checkTargets(set.targets(), outputs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + name + " targets do not fit: " + e.getMessage(), e);
        }
    }

    /** l2·Σp² over the network's parameters as they are now, the penalty the next step's loss includes. */
    private double penalty(double[] parameters) {
        network.copyParameterValues(parameters);
        double sum = 0;
        for (double p : parameters) {
            sum += p * p;
        }
        return l2 * sum;
    }

    /**
     * An epoch's loss from its steps' losses, on the scale of the whole set's loss, so that it
     * compares with the validation loss: for a mean loss the row-weighted mean of the steps' losses;
     * for a summed loss the sum of the steps' data terms (each loss less its l2 penalty) plus the
     * row-weighted mean of the penalties. Either way a network that does not change gets the loss of
     * the whole set in one batch, whatever the batch size.
     */
    private static final class EpochLoss {
        private final boolean summed;
        private final int size;
        private double data;
        private double penalties;

        EpochLoss(boolean summed, int size) {
            this.summed = summed;
            this.size = size;
        }

        void add(double value, double penalty, int rows) {
            if (summed) {
                data += value - penalty;
                penalties += penalty * rows;
            } else {
                data += value * rows;
            }
        }

        double value() {
            return summed ? data + penalties / size : data / size;
        }
    }

    /** @return the index of the first value that is NaN or ±∞, or −1 */
    private static int firstNonFinite(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /** What {@link #fit} reuses at every step, allocated once per fit: the row order and the batches. */
    private static final class Buffers {
        final int[] order;
        final double[][] inputs;
        final double[][] targets;
        final double[][] lastInputs;
        final double[][] lastTargets;
        /** The parameters' values, read before each step of a summed loss with an l2 penalty. */
        final double[] parameters;

        Buffers(DataSet data, int batch, int parameters) {
            this.parameters = new double[parameters];
            order = new int[data.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            inputs = new double[batch][data.inputWidth()];
            targets = new double[batch][data.targetWidth()];
            int last = data.size() % batch;
            lastInputs = new double[last][data.inputWidth()];
            lastTargets = new double[last][data.targetWidth()];
        }
    }

    private String progressLine(History history, int epoch, double seconds) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  loss %.6f", epoch, epochs,
                history.epochLosses.get(epoch - 1)));
        if (!history.validationLosses.isEmpty()) {
            line.append(String.format(Locale.ROOT, "  validation loss %.6f", last(history.validationLosses)));
        }
        if (!history.trainAccuracy.isEmpty()) {
            line.append(String.format(Locale.ROOT, "  train accuracy %.1f%%", 100 * last(history.trainAccuracy)));
        }
        if (!history.validationAccuracy.isEmpty()) {
            line.append(String.format(Locale.ROOT, "  validation accuracy %.1f%%", 100 * last(history.validationAccuracy)));
        }
        return line.append(String.format(Locale.ROOT, "  (%.1f s)", seconds)).toString();
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

    /**
     * @return the loss, optimizer, settings and network, e.g.
     *         {@code Trainer(MEAN_SQUARED, Adam(...), epochs 20, batch 32, l2 0.0, seed 1337, ...) of MLP of [...]}
     */
    @Override
    public String toString() {
        return "Trainer(" + loss + ", " + optimizer + ", epochs " + epochs
                + ", batch " + (batchSize == 0 ? "all" : Integer.toString(batchSize)) + ", l2 " + l2 + ", seed " + seed
                + (maxGradientNorm == Double.POSITIVE_INFINITY ? "" : ", clip gradient norm " + maxGradientNorm)
                + (validation == null ? "" : ", validation " + validation) + ") of " + network;
    }
}
