package org.backprop4j.nn.tensor;

import java.util.Arrays;
import java.util.Objects;

import org.backprop4j.nn.EuclideanNorm;
import org.backprop4j.nn.Model;
import org.backprop4j.nn.ParameterUpdate;
import org.backprop4j.tensor.Tensor;

/**
 * The {@link Model} methods of a tensor model, all read off the neurons it is made of: the twin of
 * the scalar engine's {@code ValueModel}. A tensor model's parameters live in its layers' W and b;
 * a model is a run of neurons (rows of W, entries of b) in each of the layers it spans: a network
 * every neuron of every layer, a layer every neuron of its own, a neuron one row of its layer. In
 * the flat order each neuron gives its weights, then its bias.
 */
sealed interface TensorModel extends Model<Tensor> permits Layer, MLP, Neuron {

    @Override
    default int parameterCount() {
        int count = 0;
        Span span = span();
        for (Layer layer : span.layers()) {
            count += (span.end(layer) - span.first()) * (layer.nin() + 1);
        }
        return count;
    }

    @Override
    default double[] parameterValues() {
        double[] out = new double[parameterCount()];
        copyOut(out, false);
        return out;
    }

    @Override
    default void copyParameterValues(double[] into) {
        Model.checkLength(this, into, "into");
        copyOut(into, false);
    }

    @Override
    default void setParameterValues(double[] values) {
        Model.checkParameterValues(this, values);
        write(values);
    }

    @Override
    default double[] gradients() {
        double[] out = new double[parameterCount()];
        copyOut(out, true);
        return out;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A layer whose every neuron this model spans is cleared by {@link Tensor#zeroGrad()}, which
     * writes no zeros into a gradient only ever lent: the next backward pass writes its first
     * contribution over it. A neuron's span writes zeros into its rows.
     */
    @Override
    default void zeroGrad() {
        Span span = span();
        for (Layer layer : span.layers()) {
            if (span.first() == 0 && span.end(layer) == layer.nout()) {
                layer.weight().zeroGrad();
                layer.bias().zeroGrad();
            } else {
                int nin = layer.nin();
                Arrays.fill(layer.weight().borrowGrad().data, span.first() * nin, span.end(layer) * nin, 0.0);
                Arrays.fill(layer.bias().borrowGrad().data, span.first(), span.end(layer), 0.0);
            }
        }
    }

    @Override
    default double gradientNorm() {
        EuclideanNorm norm = new EuclideanNorm();
        Span span = span();
        for (Layer layer : span.layers()) {
            int nin = layer.nin();
            norm.add(layer.weight().borrowGrad().data, span.first() * nin, span.end(layer) * nin)
                    .add(layer.bias().borrowGrad().data, span.first(), span.end(layer));
        }
        return norm.value();
    }

    @Override
    default void scaleGradients(double factor) {
        Model.checkFactor(factor);
        Span span = span();
        for (Layer layer : span.layers()) {
            int nin = layer.nin();
            scale(layer.weight().borrowGrad().data, span.first() * nin, span.end(layer) * nin, factor);
            scale(layer.bias().borrowGrad().data, span.first(), span.end(layer), factor);
        }
    }

    @Override
    default void update(ParameterUpdate rule) {
        Objects.requireNonNull(rule, "rule");
        Span span = span();
        if (rule instanceof ParameterUpdate.Descent descent) {
            if (span.descentPass().run(descent.rate())) {
                return;
            }
            // refused, nothing written: the plain pass below names the first parameter that is not finite
        } else if (rule instanceof ParameterUpdate.Elementwise elementwise) {
            updateInPlace(span, elementwise, span.next(parameterCount()));
            return;
        }
        double[] next = span.next(parameterCount());
        int k = 0;
        for (Layer layer : span.layers()) {
            double[] wv = layer.weight().data().data;
            double[] wg = layer.weight().borrowGrad().data;
            double[] bv = layer.bias().data().data;
            double[] bg = layer.bias().borrowGrad().data;
            int nin = layer.nin();
            for (int j = span.first(); j < span.end(layer); j++) {
                for (int i = 0, wk = j * nin; i < nin; i++, wk++, k++) {
                    next[k] = rule.apply(k, wv[wk], wg[wk]);
                }
                next[k] = rule.apply(k, bv[j], bg[j]);
                k++;
            }
        }
        Model.checkUpdate(this, next);
        write(next);
    }

    /**
     * Updates every parameter in place by an element-wise rule ({@link UpdatePass}), and puts the old
     * values back if the rule throws or gives a value that is NaN or ±∞.
     *
     * @param old where the old values are kept, one per parameter
     */
    private void updateInPlace(Span span, ParameterUpdate.Elementwise rule, double[] old) {
        UpdatePass pass = span.updatePass();
        boolean finite;
        try {
            finite = pass.run(rule, old);
        } catch (Throwable e) {
            if (pass.keptAll(old.length)) {
                write(old);
            }
            throw e;
        }
        if (!finite) {
            double[] next = parameterValues();
            write(old);
            Model.checkUpdate(this, next);
        }
    }

    /** The neurons this model is made of. */
    private Span span() {
        if (this instanceof MLP network) {
            return network.span();
        }
        return this instanceof Layer layer ? layer.span() : ((Neuron) this).span();
    }

    /** Writes the parameters (or their gradients) into {@code out} in the flat order. */
    private void copyOut(double[] out, boolean gradients) {
        int k = 0;
        Span span = span();
        for (Layer layer : span.layers()) {
            double[] w = (gradients ? layer.weight().borrowGrad() : layer.weight().data()).data;
            double[] b = (gradients ? layer.bias().borrowGrad() : layer.bias().data()).data;
            int nin = layer.nin();
            for (int j = span.first(); j < span.end(layer); j++) {
                System.arraycopy(w, j * nin, out, k, nin);
                k += nin;
                out[k++] = b[j];
            }
        }
    }

    /** Replaces the parameters by {@code values}, in the flat order, unchecked. */
    private void write(double[] values) {
        int k = 0;
        Span span = span();
        for (Layer layer : span.layers()) {
            double[] w = layer.weight().data().data;
            double[] b = layer.bias().data().data;
            int nin = layer.nin();
            for (int j = span.first(); j < span.end(layer); j++) {
                System.arraycopy(values, k, w, j * nin, nin);
                k += nin;
                b[j] = values[k++];
            }
        }
    }

    /** {@code values[from .. to) *= factor}. */
    private static void scale(double[] values, int from, int to, double factor) {
        for (int i = from; i < to; i++) {
            values[i] *= factor;
        }
    }
}
