package org.backprop4j.benchmarks.report;

import java.util.Map;
import org.backprop4j.benchmarks.step.Configuration;
import org.backprop4j.benchmarks.step.Side;
import org.backprop4j.benchmarks.timing.Spread;

/**
 * One row of the comparison: a configuration on one matrix-product backend, on one thread or at each
 * side's defaults, every side timed in the same interleaved rounds.
 *
 * @param config the configuration
 * @param backend the backend's name, as the Java child reported it
 * @param setting the line, the thread counts and the Java version the row ran on
 * @param micros µs per step of each side, one per round (a side missing was not timed)
 * @param scalarNote why the scalar engine was skipped, or empty
 * @param tensorBytes the tensor engine's bytes allocated per step
 * @param gradientDifference the largest relative difference between the engines' gradients, or NaN (not compared at {@code pinn})
 * @param pytorchDifferences per PyTorch side, the largest relative difference between its gradients and the tensor engine's
 *                           (a side missing was not compared)
 * @param coldMicros each side's mean µs per step over the first steps of a fresh process (a side missing was not measured)
 */
public record Measurement(Configuration config, String backend, Setting setting, Map<Side, double[]> micros, String scalarNote,
                          double tensorBytes, double gradientDifference, Map<Side, Double> pytorchDifferences,
                          Map<Side, Double> coldMicros) {

    /** @param side a PyTorch side @return its gradients' largest relative difference from the tensor engine's, or NaN */
    double pytorchDifference(Side side) {
        return pytorchDifferences.getOrDefault(side, Double.NaN);
    }

    /**
     * @param side a side
     * @return its µs per step over the rounds, or {@link Spread#NONE}
     */
    Spread steady(Side side) {
        double[] values = micros.get(side);
        return values == null ? Spread.NONE : Spread.of(values);
    }

    /**
     * @param numerator one side
     * @param denominator another
     * @return the spread of their per-round time ratios, or {@link Spread#NONE} if either was not timed
     */
    Spread ratio(Side numerator, Side denominator) {
        double[] top = micros.get(numerator);
        double[] bottom = micros.get(denominator);
        return top == null || bottom == null ? Spread.NONE : Spread.ofRatios(top, bottom);
    }

    /** @param side a side @return its cold-start µs per step, or NaN */
    double cold(Side side) {
        return coldMicros.getOrDefault(side, Double.NaN);
    }

    /** @return the scalar engine's median µs per step, or NaN when skipped */
    double scalarMicros() {
        return steady(Side.SCALAR).median();
    }

    /** @return the tensor engine's median µs per step */
    double tensorMicros() {
        return steady(Side.TENSOR).median();
    }

    /** @return the bare products' median µs per step */
    double rooflineMicros() {
        return steady(Side.ROOFLINE).median();
    }

    /** @return PyTorch's median µs per step, or NaN when not timed */
    double pytorchMicros() {
        return steady(Side.PYTORCH).median();
    }

    /** @return scalar time over tensor time, per round */
    Spread speedUp() {
        return ratio(Side.SCALAR, Side.TENSOR);
    }

    /** @return the tensor engine's time over the bare products', per round: its autograd overhead */
    Spread overRoofline() {
        return ratio(Side.TENSOR, Side.ROOFLINE);
    }

    /** @return PyTorch's time over the tensor engine's, per round */
    Spread fasterThanPytorch() {
        return ratio(Side.PYTORCH, Side.TENSOR);
    }

    /** @return PyTorch's float32 median µs per step, or NaN when not timed */
    double pytorchF32Micros() {
        return steady(Side.PYTORCH_F32).median();
    }

    /** @return PyTorch's float32 time over the tensor engine's, per round */
    Spread fasterThanPytorchF32() {
        return ratio(Side.PYTORCH_F32, Side.TENSOR);
    }

    /** @return the tensor engine's useful floating-point rate at its median step time */
    double tensorGflops() {
        return config.flopsPerStep() / (tensorMicros() * 1e3);
    }
}
