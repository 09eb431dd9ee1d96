package org.backprop4j.benchmarks.peer;

/** The guard that keeps benchmarks from timing NaN or saturated arithmetic. */
final class Finite {

    private Finite() {
    }

    static void check(double loss, String config, String engine) {
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException(engine + " " + config + ": the loss became " + loss
                    + "; a benchmark must not time non-finite arithmetic");
        }
    }
}
