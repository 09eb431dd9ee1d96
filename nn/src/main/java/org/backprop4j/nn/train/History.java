package org.backprop4j.nn.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What a {@link Trainer#fit} run recorded: the loss of every step and epoch, and accuracies for classifiers. */
public final class History {

    final List<Double> stepLosses = new ArrayList<>();
    final List<Double> epochLosses = new ArrayList<>();
    final List<Double> trainAccuracy = new ArrayList<>();
    final List<Double> validationAccuracy = new ArrayList<>();

    History() {
    }

    /** @return the loss of every step, in order */
    public List<Double> stepLosses() {
        return Collections.unmodifiableList(stepLosses);
    }

    /** @return the mean loss of every epoch, in order */
    public List<Double> epochLosses() {
        return Collections.unmodifiableList(epochLosses);
    }

    /** @return the training accuracy after every epoch (classifiers only; else empty) */
    public List<Double> trainAccuracy() {
        return Collections.unmodifiableList(trainAccuracy);
    }

    /** @return the validation accuracy after every epoch (classifiers with a validation set; else empty) */
    public List<Double> validationAccuracy() {
        return Collections.unmodifiableList(validationAccuracy);
    }

    /** @return the mean loss of the last epoch */
    public double finalLoss() {
        return epochLosses.get(epochLosses.size() - 1);
    }
}
