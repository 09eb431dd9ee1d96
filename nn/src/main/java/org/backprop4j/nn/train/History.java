package org.backprop4j.nn.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link Trainer#fit} run recorded: the loss of every step and epoch, the validation loss of
 * every epoch when there is a validation set, and accuracies for classifiers.
 */
public final class History {

    final List<Double> stepLosses = new ArrayList<>();
    final List<Double> epochLosses = new ArrayList<>();
    final List<Double> validationLosses = new ArrayList<>();
    final List<Double> trainAccuracy = new ArrayList<>();
    final List<Double> validationAccuracy = new ArrayList<>();

    History() {
    }

    /** {@return the loss of every step, in order} */
    public List<Double> stepLosses() {
        return Collections.unmodifiableList(stepLosses);
    }

    /**
     * The loss of every epoch.
     *
     * @return the loss of every epoch, in order, on the scale of the whole set's loss so that it compares
     *         with {@link #validationLosses()}: for a mean loss the mean of the steps' losses weighted by
     *         their rows, for the summed {@code SUM_OF_SQUARES} the sum of the steps' losses (their l2
     *         penalty counted once, as a row-weighted mean); a network that did not change gets the
     *         loss of the whole set in one batch, whatever the batch size
     */
    public List<Double> epochLosses() {
        return Collections.unmodifiableList(epochLosses);
    }

    /**
     * The loss on the validation set of every epoch.
     *
     * @return the loss on the validation set after every epoch, computed as the training loss is
     *         (the same loss, plus the same l2·Σp²), for every loss; empty without a validation set
     */
    public List<Double> validationLosses() {
        return Collections.unmodifiableList(validationLosses);
    }

    /** {@return the training accuracy after every epoch (classifiers only; else empty)} */
    public List<Double> trainAccuracy() {
        return Collections.unmodifiableList(trainAccuracy);
    }

    /** {@return the validation accuracy after every epoch (classifiers with a validation set; else empty)} */
    public List<Double> validationAccuracy() {
        return Collections.unmodifiableList(validationAccuracy);
    }

    /** {@return the loss of the last epoch (see {@link #epochLosses()})} */
    public double finalLoss() {
        return epochLosses.get(epochLosses.size() - 1);
    }

    /**
     * @return the number of epochs and steps and the last epoch's figures, e.g.
     *         {@code History(3 epochs, 9 steps, loss 0.312754, train accuracy 92.5%)}
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("History(").append(epochLosses.size()).append(" epochs, ")
                .append(stepLosses.size()).append(" steps");
        appendLast(text, "loss", epochLosses, 1);
        appendLast(text, "validation loss", validationLosses, 1);
        appendLast(text, "train accuracy", trainAccuracy, 100);
        appendLast(text, "validation accuracy", validationAccuracy, 100);
        return text.append(')').toString();
    }

    private static void appendLast(StringBuilder text, String name, List<Double> values, double scale) {
        if (!values.isEmpty()) {
            double last = scale * values.get(values.size() - 1);
            text.append(", ").append(name).append(' ')
                    .append(String.format(Locale.ROOT, scale == 100 ? "%.1f%%" : "%.6g", last));
        }
    }
}
