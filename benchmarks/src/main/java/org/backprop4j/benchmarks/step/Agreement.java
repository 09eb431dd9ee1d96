package org.backprop4j.benchmarks.step;

import java.util.Arrays;
import java.util.function.UnaryOperator;

import org.backprop4j.nn.data.DataSet;

/** Before any timing: both engines, built from the same seed, must compute the same gradients. */
public final class Agreement {

    /** The largest relative difference allowed between the engines' gradients. */
    public static final double LIMIT = 1e-12;

    private Agreement() {
    }

    /** What the check found. @param difference the largest difference @param rows how many of the batch's rows it used */
    public record Result(Comparison.Difference difference, int rows) {
    }

    /**
     * Runs one step's forward and backward on each engine and compares every gradient.
     *
     * @param c the configuration
     * @param maxScalarNodes the most scalar-engine nodes to build; fewer rows are used beyond it
     * @param tensorGradients applied to the tensor engine's gradients before comparing (identity, but for tests)
     * @return the largest difference and how many rows it used
     * @throws IllegalArgumentException at {@link Configuration#PINN}, which has no scalar step
     */
    public static Result measure(Configuration c, long maxScalarNodes, UnaryOperator<double[]> tensorGradients) {
        if (c.physicsInformed()) {
            throw new IllegalArgumentException("the engines are compared on the configurations that fit a batch, not at " + c.label()
                    + ", whose step runs on the tensor engine only");
        }
        DataSet data = c.data();
        long perRow = Math.max(1, c.scalarNodesPerStep() / c.batch());
        int rows = (int) Math.max(1, Math.min(c.batch(), maxScalarNodes / perRow));
        double[][] x = Arrays.copyOf(data.inputs(), rows);
        double[][] y = Arrays.copyOf(data.targets(), rows);
        org.backprop4j.nn.scalar.MLP scalar = new org.backprop4j.nn.scalar.MLP(c.architecture());
        org.backprop4j.nn.tensor.MLP tensor = new org.backprop4j.nn.tensor.MLP(c.architecture());
        scalar.lossAndBackward(x, y, c.loss(), 0);
        tensor.lossAndBackward(x, y, c.loss(), 0);
        double[] expected = scalar.gradients();
        double[] actual = tensorGradients.apply(tensor.gradients());
        return new Result(Comparison.largestRelativeDifference(expected, actual), rows);
    }

    /**
     * Compares another implementation's gradients with the tensor engine's, one step on the whole batch
     * (at {@link Configuration#PINN}, the gradients of its physics-informed loss).
     *
     * @param c the configuration
     * @param other the other's gradients at the configuration's initial parameters, in the flat order
     * @return the largest relative difference and where it is
     */
    public static Comparison.Difference withTensor(Configuration c, double[] other) {
        return Comparison.largestRelativeDifference(tensorGradients(c), other);
    }

    /**
     * The tensor engine's gradients of one step on the whole batch at the configuration's initial parameters
     * (at {@link Configuration#PINN}, of its physics-informed loss), in this JVM's thread count and backend.
     *
     * @param c the configuration
     * @return the gradients in the flat order
     */
    public static double[] tensorGradients(Configuration c) {
        if (c.physicsInformed()) {
            return new PinnStep().gradients();
        }
        org.backprop4j.nn.tensor.MLP tensor = new org.backprop4j.nn.tensor.MLP(c.architecture());
        tensor.lossAndBackward(c.data().inputs(), c.data().targets(), c.loss(), 0);
        return tensor.gradients();
    }
}
