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
 * instead of one, but a stream of writes fewer. Each pass takes a range's part of a layer as two runs,
 * its weights (one run of W's row-major storage, whatever rows they span) and its biases (one run of b).
 * The first pass walks the layers in the flat order and the second from the last back, its weights in
 * blocks from the last, so that what the first read last, still in cache, is the first the second
 * reads. (The first layer's gradients, the last the backward pass writes, are also the first the check
 * reads.) Both passes borrow the gradients on the calling thread first ({@link UpdatePass#lendGradients}).
 * Each new value is {@code value - rate * gradient}, the bits of {@link ParameterUpdate.Descent#apply},
 * whatever the ranges. One per model, reused from step to step.
 */
final class DescentPass {

    /** The weights the write pass updates a loop at a time, from the last block back. */
    private static final int WRITE_BLOCK = 1024;

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

    /**
     * The first pass over [from, to), layer by layer in the flat order: the range's weights of a layer, which are one
     * run of W's row-major storage whatever rows they span, in one call, then its biases, one run of b. (A call per row,
     * its weights and then its bias, took 1.5 times as long for check and write at {@code medium}: 266 short calls.)
     */
    private void check(int from, int to) {
        Layer[] layers = span.layers();
        for (int l = 0; l < layers.length; l++) {
            int lo = Math.max(from, starts[l]);
            int hi = Math.min(to, starts[l + 1]);
            if (lo >= hi) {
                continue;
            }
            Layer layer = layers[l];
            int nin = layer.nin();
            int first = span.first();
            double[] wv = layer.weight().data().data;
            double[] wg = layer.weight().borrowGrad().data;
            double[] bv = layer.bias().data().data;
            double[] bg = layer.bias().borrowGrad().data;
            if (!FastMath.finiteAfterDescent(wv, wg, rate, weightsFrom(nin, first, starts[l], lo), weightsTo(nin, first, starts[l], hi))
                    || !FastMath.finiteAfterDescent(bv, bg, rate, biasesFrom(nin, first, starts[l], lo), biasesTo(nin, first, starts[l], hi))) {
                refused = true;
                return;
            }
        }
    }

    /*
     * The runs of W's and b's storage that a layer's flat indices [lo, hi) hold, for a layer that starts at flat index
     * start: in the flat order row r of the span is its nin weights, then its bias, so the weights in a range are those from
     * the first row's first weight in it to the last row's last, one run of W (row j's weight i is W's element j·nin + i,
     * j = first + r), and the biases one run of b (a range that begins in a row holds its bias, the row's last index).
     */

    /** The first weight of [lo, hi) in W's storage. */
    private static int weightsFrom(int nin, int first, int start, int lo) {
        int row = (lo - start) / (nin + 1);
        return (first + row) * nin + Math.min(nin, lo - start - row * (nin + 1));
    }

    /** One past the last weight of [lo, hi) in W's storage. */
    private static int weightsTo(int nin, int first, int start, int hi) {
        int row = (hi - 1 - start) / (nin + 1);
        return (first + row) * nin + Math.min(nin, hi - start - row * (nin + 1));
    }

    /** The first bias of [lo, hi) in b's storage. */
    private static int biasesFrom(int nin, int first, int start, int lo) {
        return first + (lo - start) / (nin + 1);
    }

    /** One past the last bias of [lo, hi) in b's storage. */
    private static int biasesTo(int nin, int first, int start, int hi) {
        int row = (hi - 1 - start) / (nin + 1);
        return first + row + (hi - start - row * (nin + 1) > nin ? 1 : 0);
    }

    /**
     * The second pass over [from, to): layers from the last, each layer's biases, then its weights in blocks of
     * {@value #WRITE_BLOCK} from the last back (each block in its order, which C2 vectorises), so that it starts on what
     * the check read last and ends on the first layer's first rows.
     */
    private void write(int from, int to) {
        Layer[] layers = span.layers();
        double rate = this.rate;
        for (int l = layers.length - 1; l >= 0; l--) {
            int lo = Math.max(from, starts[l]);
            int hi = Math.min(to, starts[l + 1]);
            if (lo >= hi) {
                continue;
            }
            Layer layer = layers[l];
            int nin = layer.nin();
            int first = span.first();
            double[] wv = layer.weight().data().data;
            double[] wg = layer.weight().borrowGrad().data;
            double[] bv = layer.bias().data().data;
            double[] bg = layer.bias().borrowGrad().data;
            for (int j = biasesFrom(nin, first, starts[l], lo), end = biasesTo(nin, first, starts[l], hi); j < end; j++) {
                bv[j] = bv[j] - rate * bg[j];
            }
            int weightsFrom = weightsFrom(nin, first, starts[l], lo);
            for (int end = weightsTo(nin, first, starts[l], hi); end > weightsFrom; end -= WRITE_BLOCK) {
                for (int i = Math.max(weightsFrom, end - WRITE_BLOCK); i < end; i++) {
                    wv[i] = wv[i] - rate * wg[i];
                }
            }
        }
    }
}
