package org.backprop4j.nn;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The shape of a multi-layer perceptron and how it starts: input width, layer widths, hidden and
 * output activations, initialisation and seed. Both engines build from it, and both take their
 * first parameters from {@link #initialParameters()}, so the same architecture gives bit-identical
 * networks on either engine.
 *
 * @param nin the number of inputs, at least 1
 * @param nouts the width of each layer, input to output, each at least 1
 * @param hidden the activation of every layer but the last
 * @param output the activation of the last layer
 * @param init how the parameters are drawn
 * @param seed the seed of the draw
 */
public record Architecture(int nin, List<Integer> nouts, Activation hidden, Activation output, Init init, long seed) {

    /** The seed of {@link #of(int, List)}, so that examples are reproducible. */
    public static final long DEFAULT_SEED = 1337L;

    /**
     * The most parameters a network may have: the longest array every JVM allocates (the JDK's own
     * collections assume the same limit), since the flat parameter vector is one {@code double[]}.
     */
    public static final int MAX_PARAMETERS = Integer.MAX_VALUE - 8;

    /**
     * Validates and copies the layer widths.
     *
     * @param nin the number of inputs, at least 1
     * @param nouts the width of each layer, each at least 1
     * @param hidden the activation of every layer but the last
     * @param output the activation of the last layer
     * @param init how the parameters are drawn
     * @param seed the seed of the draw
     * @throws IllegalArgumentException for a size below 1 or an empty layer list, naming it; or for sizes
     *         whose Σ nout·(nin + 1) parameters exceed {@link #MAX_PARAMETERS}, naming the sizes and the count
     * @throws NullPointerException for a null argument or width
     */
    public Architecture {
        if (nin < 1) {
            throw new IllegalArgumentException("nin must be at least 1, got " + nin);
        }
        Objects.requireNonNull(nouts, "nouts");
        if (nouts.isEmpty()) {
            throw new IllegalArgumentException("nouts must name at least one layer, got an empty list");
        }
        for (int i = 0; i < nouts.size(); i++) {
            Integer n = nouts.get(i);
            if (n == null) {
                throw new NullPointerException("nouts[" + i + "]");
            }
            if (n < 1) {
                throw new IllegalArgumentException("layer " + i + " must have at least 1 neuron, got " + n);
            }
        }
        nouts = List.copyOf(nouts);
        checkParameterCount(nin, nouts);
        Objects.requireNonNull(hidden, "hidden");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(init, "init");
    }

    /** Refuses sizes whose parameters cannot fit one Java array, counting in {@code long} so nothing wraps. */
    private static void checkParameterCount(int nin, List<Integer> nouts) {
        String count;
        try {
            long total = 0;
            long in = nin;
            for (int n : nouts) {
                total = Math.addExact(total, Math.multiplyExact(n, in + 1));
                in = n;
            }
            if (total <= MAX_PARAMETERS) {
                return;
            }
            count = Long.toString(total);
        } catch (ArithmeticException e) {
            count = "more than " + Long.MAX_VALUE;
        }
        throw new IllegalArgumentException("a network of sizes " + nin + " → " + nouts + " has " + count
                + " parameters, more than one Java array holds (" + MAX_PARAMETERS + ")");
    }

    /**
     * The original's network: tanh on every neuron, uniform initialisation, the default seed.
     *
     * @param nin the number of inputs
     * @param nouts the layer widths
     * @return the architecture
     */
    public static Architecture of(int nin, List<Integer> nouts) {
        return new Architecture(nin, nouts, Activation.TANH, Activation.TANH, Init.UNIFORM, DEFAULT_SEED);
    }

    /**
     * This architecture with other activations.
     *
     * @param hidden the activation of every layer but the last
     * @param output the activation of the last layer
     * @return a copy with these activations
     */
    public Architecture withActivations(Activation hidden, Activation output) {
        return new Architecture(nin, nouts, hidden, output, init, seed);
    }

    /**
     * This architecture with another initialisation.
     *
     * @param init the initialisation
     * @return a copy with it
     */
    public Architecture withInit(Init init) {
        return new Architecture(nin, nouts, hidden, output, init, seed);
    }

    /**
     * This architecture with another seed.
     *
     * @param seed the seed
     * @return a copy with it
     */
    public Architecture withSeed(long seed) {
        return new Architecture(nin, nouts, hidden, output, init, seed);
    }

    /** {@return the number of layers} */
    public int depth() {
        return nouts.size();
    }

    /**
     * The input width of a layer.
     *
     * @param layer a layer index
     * @return that layer's input width
     */
    public int inputsOf(int layer) {
        checkLayer(layer, depth() - 1);
        return layer == 0 ? nin : nouts.get(layer - 1);
    }

    /**
     * The activation of a layer.
     *
     * @param layer a layer index
     * @return that layer's activation: {@link #hidden()}, or {@link #output()} for the last
     */
    public Activation activationOf(int layer) {
        checkLayer(layer, depth() - 1);
        return layer == nouts.size() - 1 ? output : hidden;
    }

    private void checkLayer(int layer, int last) {
        if (layer < 0 || layer > last) {
            throw new IllegalArgumentException("no layer " + layer + " in a network of " + depth() + " layers (0 to " + last + ")");
        }
    }

    /** {@return Σ nout·(nin + 1) over the layers, at most {@link #MAX_PARAMETERS}} */
    public int parameterCount() {
        return offsetOf(depth());
    }

    /**
     * Where a layer's parameters start in the flat order.
     *
     * @param layer a layer index, or {@link #depth()} for the end
     * @return the flat index of that layer's first parameter
     */
    public int offsetOf(int layer) {
        checkLayer(layer, depth());
        int offset = 0;
        for (int l = 0; l < layer; l++) {
            offset += nouts.get(l) * (inputsOf(l) + 1);
        }
        return offset;
    }

    /**
     * Checks that a batch fits this architecture: every row present and {@link #nin()} wide. An
     * empty batch fits.
     *
     * @param inputs rows of inputs
     * @throws NullPointerException if inputs or a row is null, naming the row
     * @throws IllegalArgumentException naming the first row whose width is not nin, and both widths
     */
    public void checkInputs(double[][] inputs) {
        Objects.requireNonNull(inputs, "inputs");
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw new NullPointerException("inputs row " + i);
            }
            if (inputs[i].length != nin) {
                throw new IllegalArgumentException("inputs row " + i + " has " + inputs[i].length
                        + " values, the network expects " + nin);
            }
        }
    }

    /**
     * Checks that a training batch fits this architecture: {@link #checkInputs} and at least one row,
     * and targets present, row for row. (Each loss checks the targets' widths and values.)
     *
     * @param inputs n ≥ 1 rows of inputs
     * @param targets n rows of targets
     * @throws NullPointerException if an array or row is null, naming it
     * @throws IllegalArgumentException for an empty batch, a row of the wrong width or a different
     *         number of targets, naming the row or both counts
     */
    public void checkBatch(double[][] inputs, double[][] targets) {
        checkInputs(inputs);
        Objects.requireNonNull(targets, "targets");
        if (inputs.length == 0) {
            throw new IllegalArgumentException("a batch needs at least one row, got none");
        }
        if (targets.length != inputs.length) {
            throw new IllegalArgumentException("a batch needs one target row per input row, got " + inputs.length
                    + " input rows and " + targets.length + " target rows");
        }
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] == null) {
                throw new NullPointerException("targets row " + i);
            }
        }
    }

    /**
     * The first parameters, in the one flat order: layer by layer, neuron by neuron, each
     * neuron's weights then its bias; drawn from a {@link SplittableRandom} seeded with
     * {@link #seed()}.
     *
     * @return a new array of {@link #parameterCount()} values
     */
    public double[] initialParameters() {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[parameterCount()];
        int k = 0;
        for (int layer = 0; layer < depth(); layer++) {
            int in = inputsOf(layer);
            int out = nouts.get(layer);
            for (int neuron = 0; neuron < out; neuron++) {
                for (int i = 0; i < in; i++) {
                    values[k++] = init.weight(random, in, out);
                }
                values[k++] = init.bias(random);
            }
        }
        return values;
    }
}
