package org.backprop4j.nn.train;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.Model;
import org.backprop4j.nn.MultilayerPerceptron;
import org.backprop4j.nn.ParameterUpdate;
import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.optim.Optimizer;

/**
 * The training loop, on either engine: for each epoch, for each mini-batch (the rows in a seeded
 * random order), clear the gradients, compute the loss and backpropagate, then let the optimizer
 * step. It stops with a {@link TrainingException} at the first loss or gradient that is NaN or ±∞,
 * before that step touches the parameters, and can clip the gradients to a global norm. With a
 * {@linkplain #validation validation set} it records that set's loss after every epoch (and its
 * accuracy, for classifiers).
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

    /**
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
     * @param l2 the L2 regularisation strength added to the loss as l2·Σp², at least 0
     * @return this trainer
     */
    public Trainer l2(double l2) {
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("l2 must be finite and at least 0, got " + l2);
        }
        this.l2 = l2;
        return this;
    }

    /**
     * @param seed the seed of the order of rows in each epoch
     * @return this trainer
     */
    public Trainer seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Clips gradients by global norm: when ‖g‖₂ exceeds the limit, every gradient is scaled by limit/‖g‖₂.
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
     * @param out where to print a progress line, at most one a second and one at the end; null for silence
     * @return this trainer
     */
    public Trainer progress(PrintStream out) {
        this.progress = out;
        return this;
    }

    /**
     * @param validation a data set whose loss is recorded after every epoch, for every loss (computed as
     *        the training loss is, l2 penalty included, so the two curves compare), and its accuracy
     *        too for classifiers (hinge and softmax cross-entropy); or null for none. Computing the
     *        validation loss runs a backward pass, so after such an epoch the gradients are cleared
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
     *         validation set, and the accuracies when the loss is a classifier's
     * @throws IllegalArgumentException if the data does not fit the network or the loss
     * @throws TrainingException at the first non-finite loss or gradient, with the parameters as before that step
     */
    public History fit(DataSet data) {
        Objects.requireNonNull(data, "data");
        Architecture shape = network.architecture();
        int outputs = shape.nouts().get(shape.depth() - 1);
        if (data.inputWidth() != shape.nin()) {
            throw new IllegalArgumentException("the data has " + data.inputWidth() + " inputs per row, the network expects " + shape.nin());
        }
        loss.checkTargets(data.targets(), outputs);
        if (validation != null) {
            if (validation.inputWidth() != shape.nin()) {
                throw new IllegalArgumentException("the validation data has " + validation.inputWidth()
                        + " inputs per row, the network expects " + shape.nin());
            }
            loss.checkTargets(validation.targets(), outputs);
        }
        boolean classifier = loss == Loss.HINGE || loss == Loss.SOFTMAX_CROSS_ENTROPY;
        int batch = batchSize == 0 ? data.size() : Math.min(batchSize, data.size());
        SplittableRandom random = new SplittableRandom(seed);
        History history = new History();
        long start = System.nanoTime();
        long lastPrint = start;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int[] order = batch == data.size() ? null : DataSet.permutation(data.size(), random);
            double total = 0;
            for (int from = 0; from < data.size(); from += batch) {
                DataSet rows = order == null ? data : data.rows(Arrays.copyOfRange(order, from, Math.min(from + batch, data.size())));
                double value = step(rows, epoch, from / batch + 1);
                history.stepLosses.add(value);
                total += value * rows.size();
            }
            history.epochLosses.add(total / data.size());
            if (validation != null) {
                history.validationLosses.add(validationLoss());
            }
            if (classifier) {
                history.trainAccuracy.add(accuracy(data, "training", epoch));
                if (validation != null) {
                    history.validationAccuracy.add(accuracy(validation, "validation", epoch));
                }
            }
            long now = System.nanoTime();
            if (progress != null && (now - lastPrint >= 1_000_000_000L || epoch == epochs)) {
                progress.println(progressLine(history, epoch, (now - start) / 1e9));
                lastPrint = now;
            }
        }
        return history;
    }

    private double step(DataSet rows, int epoch, int step) {
        network.zeroGrad();
        double value = network.lossAndBackward(rows.inputs(), rows.targets(), loss, l2);
        if (!Double.isFinite(value)) {
            throw new TrainingException("loss is " + value + " at epoch " + epoch + ", step " + step
                    + "; the parameters are as before this step (lower the learning rate, or clip gradients)");
        }
        double[] sumOfSquares = {0};
        network.update((i, p, g) -> {
            sumOfSquares[0] += g * g;
            return p;
        });
        double norm = Math.sqrt(sumOfSquares[0]);
        if (!Double.isFinite(norm)) {
            throw new TrainingException("gradient norm is " + norm + " at epoch " + epoch + ", step " + step
                    + "; the parameters are as before this step");
        }
        if (norm > maxGradientNorm) {
            optimizer.step(new ScaledGradients<>(network, maxGradientNorm / norm));
        } else {
            optimizer.step(network);
        }
        return value;
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

    /** The loss on the validation set as training computes it; the gradients it leaves are cleared. */
    private double validationLoss() {
        network.zeroGrad();
        double value = network.lossAndBackward(validation.inputs(), validation.targets(), loss, l2);
        network.zeroGrad();
        return value;
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

    /** A view of a model whose gradients read scaled by a factor: how clipping reaches the optimizer. */
    private static final class ScaledGradients<P> implements Model<P> {
        private final Model<P> model;
        private final double scale;

        ScaledGradients(Model<P> model, double scale) {
            this.model = model;
            this.scale = scale;
        }

        @Override
        public int parameterCount() {
            return model.parameterCount();
        }

        @Override
        public double[] parameterValues() {
            return model.parameterValues();
        }

        @Override
        public void setParameterValues(double[] values) {
            model.setParameterValues(values);
        }

        @Override
        public double[] gradients() {
            double[] g = model.gradients();
            for (int i = 0; i < g.length; i++) {
                g[i] *= scale;
            }
            return g;
        }

        @Override
        public void zeroGrad() {
            model.zeroGrad();
        }

        @Override
        public List<P> parameters() {
            return model.parameters();
        }

        @Override
        public void update(ParameterUpdate rule) {
            model.update((i, p, g) -> rule.apply(i, p, g * scale));
        }
    }
}
