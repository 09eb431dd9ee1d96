package org.backprop4j.nn.tensor;

import org.backprop4j.nn.ParameterUpdate;
import org.backprop4j.tensor.parallel.RangeKernel;
import org.backprop4j.tensor.parallel.Workers;

/**
 * A tensor model's update over a range of its flat parameter indices, so that an
 * {@link ParameterUpdate.Elementwise} rule can run on the engine's threads ({@link Workers}): the
 * range [from, to) is read off the layers the model spans, neuron by neuron (weights, then bias), and
 * each new value goes to {@code next[k]}, computed by {@code rule.apply(k, p, g)} exactly as one
 * pass over every index computes it. One per model, reused from step to step.
 */
final class UpdatePass {

    /** The fewest parameters worth splitting an update over threads. */
    static final int CUTOVER = 32_768;

    /** The range [from, to) of the pass's rule into its next values. */
    static final RangeKernel<UpdatePass> RANGE = UpdatePass::apply;

    private final Span span;
    private ParameterUpdate rule;
    private double[] next;

    UpdatePass(Span span) {
        this.span = span;
    }

    /**
     * Computes every new value into {@code next}, on several threads from {@link #CUTOVER} parameters on.
     *
     * @param rule the update, applied to disjoint ranges at once
     * @param next the new values, one per parameter in the flat order
     */
    void run(ParameterUpdate.Elementwise rule, double[] next) {
        this.rule = rule;
        this.next = next;
        try {
            Workers.shared().run(RANGE, this, next.length, CUTOVER);
        } finally {
            this.rule = null;
            this.next = null;
        }
    }

    private static void apply(UpdatePass pass, int from, int to) {
        Span span = pass.span;
        ParameterUpdate rule = pass.rule;
        double[] next = pass.next;
        int first = span.first();
        int start = 0;
        for (Layer layer : span.layers()) {
            int nin = layer.nin();
            int width = nin + 1;
            int end = start + (span.end(layer) - first) * width;
            double[] wv = layer.weight().data().data;
            double[] wg = layer.weight().grad().data;
            double[] bv = layer.bias().data().data;
            double[] bg = layer.bias().grad().data;
            for (int k = Math.max(from, start), last = Math.min(to, end); k < last; k++) {
                int neuron = (k - start) / width;
                int i = k - start - neuron * width;
                int j = first + neuron;
                next[k] = i < nin ? rule.apply(k, wv[j * nin + i], wg[j * nin + i]) : rule.apply(k, bv[j], bg[j]);
            }
            start = end;
        }
    }
}
