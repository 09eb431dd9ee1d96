package org.backprop4j.nn.tensor;

import org.backprop4j.nn.ParameterUpdate;
import org.backprop4j.tensor.kernels.FastMath;
import org.backprop4j.tensor.parallel.RangeKernel;
import org.backprop4j.tensor.parallel.Workers;

/**
 * A tensor model's update by {@link ParameterUpdate.Descent}, p ← p − rate·g, in two passes over
 * ranges of its flat parameter indices that the engine's threads ({@link Workers}) may run at once,
 * from {@link UpdatePass#CUTOVER} parameters on. The first pass computes every new value and checks
 * it for NaN and ±∞, writing nothing ({@link FastMath#finiteAfterDescent}, on the Vector API's lanes
 * when the engine's kernels run on them); only if all are finite does the second write them. So no old
 * value is kept (the in-place pass of other rules, {@link UpdatePass}, writes each one out to put it
 * back if the update is refused): two streams of reads over the parameters and their gradients
 * instead of one, but a stream of writes fewer. The first pass walks each range in the flat order and
 * the second from its last row back, so that the rows the first read last, still in cache, are the
 * first the second reads. (The first layer's gradients, the last the backward pass writes, are also the
 * first the check reads.) Both passes borrow the gradients on the calling thread first
 * ({@link UpdatePass#lendGradients}).
 * Each new value is {@code value - rate * gradient}, the bits of {@link ParameterUpdate.Descent#apply},
 * whatever the ranges. One per model, reused from step to step.
 */
final class DescentPass {

    /** Checks the range [from, to): sets {@code refused} if a new value there is NaN or ±∞. */
    private static final RangeKernel<DescentPass> CHECK = (pass, from, to) -> pass.check(from, to);

    /** Writes the new values of the range [from, to). */
    private static final RangeKernel<DescentPass> WRITE = (pass, from, to) -> pass.write(from, to);

    private final Span span;
    /** Where each of the span's layers starts in the flat order, and (last) the parameter count. */
    private final int[] starts;
    private double rate;
    /** Whether a range has met a new value that is NaN or ±∞ (written by any thread, read after the run). */
    private boolean refused;

    DescentPass(Span span) {
        this.span = span;
        Layer[] layers = span.layers();
        starts = new int[layers.length + 1];
        for (int l = 0; l < layers.length; l++) {
            starts[l + 1] = starts[l] + (span.end(layers[l]) - span.first()) * (layers[l].nin() + 1);
        }
    }

    /**
     * Updates every parameter of the span, p ← p − rate·g, if every new value is finite.
     *
     * @param rate the learning rate
     * @return whether the parameters were updated; if not (a new value would be NaN or ±∞), none has changed
     */
    boolean run(double rate) {
        this.rate = rate;
        this.refused = false;
        int count = starts[starts.length - 1];
        UpdatePass.lendGradients(span);
        Workers.shared().run(CHECK, this, count, UpdatePass.CUTOVER);
        if (refused) {
            return false;
        }
        Workers.shared().run(WRITE, this, count, UpdatePass.CUTOVER);
        return true;
    }

    /** The first pass over [from, to), in the flat order: each row's weights, then its bias. */
    private void check(int from, int to) {
        Layer[] layers = span.layers();
        int first = span.first();
        for (int l = 0; l < layers.length; l++) {
            int start = starts[l];
            int lo = Math.max(from, start);
            int hi = Math.min(to, starts[l + 1]);
            if (lo >= hi) {
                continue;
            }
            Layer layer = layers[l];
            int nin = layer.nin();
            int width = nin + 1;
            double[] wv = layer.weight().data().data;
            double[] wg = layer.weight().borrowGrad().data;
            double[] bv = layer.bias().data().data;
            double[] bg = layer.bias().borrowGrad().data;
            for (int row = (lo - start) / width, k = start + row * width; k < hi; row++, k += width) {
                int a = Math.max(lo, k);
                int b = Math.min(hi, k + nin);
                int j = first + row;
                boolean finite = a >= b || FastMath.finiteAfterDescent(wv, wg, rate, j * nin + a - k, j * nin + b - k);
                if (k + nin >= lo && k + nin < hi) {
                    finite &= Double.isFinite(bv[j] - rate * bg[j]);
                }
                if (!finite) {
                    refused = true;
                    return;
                }
            }
        }
    }

    /**
     * The second pass over [from, to): layers and rows from the last, each row's bias then its weights
     * (in their order, which C2 vectorises).
     */
    private void write(int from, int to) {
        Layer[] layers = span.layers();
        int first = span.first();
        double rate = this.rate;
        for (int l = layers.length - 1; l >= 0; l--) {
            int start = starts[l];
            int lo = Math.max(from, start);
            int hi = Math.min(to, starts[l + 1]);
            if (lo >= hi) {
                continue;
            }
            Layer layer = layers[l];
            int nin = layer.nin();
            int width = nin + 1;
            double[] wv = layer.weight().data().data;
            double[] wg = layer.weight().borrowGrad().data;
            double[] bv = layer.bias().data().data;
            double[] bg = layer.bias().borrowGrad().data;
            for (int row = (hi - 1 - start) / width; row >= (lo - start) / width; row--) {
                int k = start + row * width;
                int j = first + row;
                if (k + nin >= lo && k + nin < hi) {
                    bv[j] = bv[j] - rate * bg[j];
                }
                for (int i = j * nin + Math.max(lo, k) - k, end = j * nin + Math.min(hi, k + nin) - k; i < end; i++) {
                    wv[i] = wv[i] - rate * wg[i];
                }
            }
        }
    }
}
