package org.backprop4j.nn.tensor;

/**
 * The neurons a tensor model is made of, which {@link TensorModel} reads its parameters off: a run
 * of rows of W and entries of b in each layer it spans. A network spans every neuron of each of its
 * layers, a layer every neuron of its own, a neuron one row of its layer. It also keeps the buffer an
 * update computes its new values into, so that updates after the first allocate nothing.
 */
final class Span {

    private final Layer[] layers;
    /** The one neuron of a neuron's span, or −1 for every neuron of each layer. */
    private final int neuron;
    private double[] next;
    private UpdatePass updatePass;
    private DescentPass descentPass;

    private Span(Layer[] layers, int neuron) {
        this.layers = layers;
        this.neuron = neuron;
    }

    /** @return every neuron of each of the layers, in order (the array is kept, not copied) */
    static Span of(Layer... layers) {
        return new Span(layers, -1);
    }

    /** @return neuron j of the layer alone */
    static Span neuron(Layer layer, int j) {
        return new Span(new Layer[] {layer}, j);
    }

    /** @return the layers, input to output (this span's own array) */
    Layer[] layers() {
        return layers;
    }

    /** @return the first of a layer's neurons in this span */
    int first() {
        return neuron < 0 ? 0 : neuron;
    }

    /** @return one past the last of the layer's neurons in this span */
    int end(Layer layer) {
        return neuron < 0 ? layer.nout() : neuron + 1;
    }

    /** @return the pass that applies an element-wise update to this span's parameters, made once */
    UpdatePass updatePass() {
        if (updatePass == null) {
            updatePass = new UpdatePass(this);
        }
        return updatePass;
    }

    /** @return the pass that applies gradient descent's update to this span's parameters, made once */
    DescentPass descentPass() {
        if (descentPass == null) {
            descentPass = new DescentPass(this);
        }
        return descentPass;
    }

    /** @return an array of {@code count} values an update writes before any parameter changes, reused */
    double[] next(int count) {
        if (next == null || next.length != count) {
            next = new double[count];
        }
        return next;
    }
}
