package org.backprop4j.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a history prints: counts, then each figure of the last epoch it has, accuracies in percent. */
class HistoryTest {

    @Test
    void printsTheLastEpochsFiguresAccuraciesInPercent() {
        History history = new History();
        assertEquals("History(0 epochs, 0 steps)", history.toString());
        history.stepLosses.add(0.9);
        history.stepLosses.add(0.5);
        history.stepLosses.add(0.25);
        history.epochLosses.add(0.7);
        history.epochLosses.add(0.3127544);
        assertEquals("History(2 epochs, 3 steps, loss 0.312754)", history.toString());
        history.validationLosses.add(0.5);
        history.validationLosses.add(0.4);
        history.trainAccuracy.add(0.5);
        history.trainAccuracy.add(0.925);
        history.validationAccuracy.add(0.5);
        history.validationAccuracy.add(0.875);
        assertEquals("History(2 epochs, 3 steps, loss 0.312754, validation loss 0.400000, train accuracy 92.5%, "
                + "validation accuracy 87.5%)", history.toString());
    }
}
