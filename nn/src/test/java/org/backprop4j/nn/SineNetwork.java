package org.backprop4j.nn;

import java.util.List;

/**
 * The small network that the PyTorch reference scripts beside {@link HingeTest} and
 * {@link OptimizerTorchTest} build too ({@code sine_network.py}): 3 → 4 (tanh) → 2 (identity), parameter
 * k of the flat order 0.5·sin(k + 1), and the three input rows both scripts feed it. One place for it,
 * so the two tests cannot drift apart from each other or from the scripts.
 */
final class SineNetwork {

    /** 3 → 4 (tanh) → 2 (identity): 26 parameters. */
    static final Architecture ARCHITECTURE = Architecture.of(3, List.of(4, 2)).withActivations(Activation.TANH, Activation.IDENTITY);

    private SineNetwork() {
    }

    /** {@return the three input rows the scripts use, a new array at every call} */
    static double[][] inputs() {
        return new double[][] {{1, 2, 3}, {4, 5, 6}, {-1, 0.5, 2}};
    }

    /** {@return the network on each engine, scalar then tensor, parameter k set to 0.5·sin(k + 1)} */
    static List<MultilayerPerceptron<?>> onBothEngines() {
        double[] values = new double[ARCHITECTURE.parameterCount()];
        for (int k = 0; k < values.length; k++) {
            values[k] = 0.5 * Math.sin(k + 1);
        }
        List<MultilayerPerceptron<?>> list = List.of(new org.backprop4j.nn.scalar.MLP(ARCHITECTURE),
                new org.backprop4j.nn.tensor.MLP(ARCHITECTURE));
        for (MultilayerPerceptron<?> n : list) {
            n.setParameterValues(values);
        }
        return list;
    }
}
