package org.backprop4j.benchmarks;

/**
 * One row of the comparison: a configuration on one matrix-product backend.
 *
 * @param config the configuration
 * @param backend the backend's name
 * @param scalarMicros the scalar engine's µs per step, or NaN when skipped
 * @param scalarNote why the scalar engine was skipped, or empty
 * @param tensorMicros the tensor engine's µs per step
 * @param rooflineMicros the bare products' µs per step
 * @param tensorBytes the tensor engine's bytes allocated per step
 * @param gradientDifference the largest relative difference between the engines' gradients
 */
record Measurement(Configuration config, String backend, double scalarMicros, String scalarNote, double tensorMicros,
                   double rooflineMicros, double tensorBytes, double gradientDifference) {

    /** @return scalar time over tensor time */
    double speedUp() {
        return scalarMicros / tensorMicros;
    }

    /** @return the tensor engine's useful floating-point rate */
    double tensorGflops() {
        return config.flopsPerStep() / (tensorMicros * 1e3);
    }

    /** @return the tensor engine's time over the bare products': its autograd overhead */
    double overRoofline() {
        return tensorMicros / rooflineMicros;
    }
}
