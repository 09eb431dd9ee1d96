package org.backprop4j.nn.train;

/** Scores of predictions against targets. */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The share of rows classified right: with one output, the prediction's sign against the
     * target's (labels ±1); with several, the largest output against the target's largest (one-hot).
     *
     * @param predictions n rows of outputs
     * @param targets n rows of targets
     * @return a fraction in [0, 1]
     */
    public static double accuracy(double[][] predictions, double[][] targets) {
        if (predictions.length != targets.length || predictions.length == 0) {
            throw new IllegalArgumentException("accuracy needs as many predictions as targets, at least one; got "
                    + predictions.length + " and " + targets.length);
        }
        int right = 0;
        for (int i = 0; i < predictions.length; i++) {
            boolean correct = predictions[i].length == 1
                    ? (predictions[i][0] > 0) == (targets[i][0] > 0)
                    : argmax(predictions[i]) == argmax(targets[i]);
            if (correct) {
                right++;
            }
        }
        return (double) right / predictions.length;
    }

    /**
     * @param values a non-empty row
     * @return the index of its largest value, the first on ties
     */
    public static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
