package org.backprop4j.benchmarks.step;

/** The guard that keeps benchmarks from timing NaN or saturated arithmetic. */
public final class Finite {

    private Finite() {
    }

    /**
     * Refuses a loss that is not finite.
     *
     * @param loss the loss a step returned
     * @param config the configuration, for the message
     * @param engine the side that ran it, for the message
     * @throws IllegalStateException if the loss is NaN or infinite
     */
    public static void check(double loss, String config, String engine) {
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException(engine + " " + config + ": the loss became " + loss
                    + "; a benchmark must not time non-finite arithmetic");
        }
    }
}
