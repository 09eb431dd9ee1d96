package org.backprop4j.nn.tensor;

import java.util.concurrent.atomic.AtomicInteger;

import org.backprop4j.nn.ParameterUpdate;
import org.backprop4j.tensor.parallel.RangeKernel;
import org.backprop4j.tensor.parallel.Workers;

/**
 * A tensor model's update of an {@link ParameterUpdate.Elementwise} rule, in place and over ranges
 * of its flat parameter indices that the engine's threads ({@link Workers}) may run at once. A range
 * [from, to) is read off the layers the model spans, row by row of W: each run of a neuron's weights
 * in the range is copied into {@code old} (at its flat indices), updated in place by one
 * {@link ParameterUpdate.Elementwise#applyInPlace} call and checked for NaN and ±∞ while it is still
 * in cache; then the neuron's bias likewise, by {@code apply}. The new values have exactly the bits
 * one pass over every index gives. When the update is refused (a value not finite, or the rule
 * threw), {@code old} holds every parameter's value from before the update, for the model to put
 * back: a range whose rule throws (anything, even a checked exception thrown undeclared, as Kotlin
 * can) first copies the rest of its parameters into {@code old}.
 * One per model, reused from step to step.
 */
final class UpdatePass {

    /** The fewest parameters worth splitting an update over threads. */
    static final int CUTOVER = 32_768;

    /** The range [from, to) of the pass's rule, in place. */
    static final RangeKernel<UpdatePass> RANGE = UpdatePass::apply;

    private final Span span;
    /** The parameters whose old values are in {@code old}, added by each range once all of its are. */
    private final AtomicInteger kept = new AtomicInteger();
    private ParameterUpdate.Elementwise rule;
    private double[] old;
    /** Whether a range has met a new value that is NaN or ±∞ (written by any thread, read after the run). */
    private boolean refused;

    UpdatePass(Span span) {
        this.span = span;
    }

    /**
     * Updates every parameter in place, keeping the old values in {@code old}, on several threads
     * from {@link #CUTOVER} parameters on.
     *
     * @param rule the update, applied to disjoint ranges at once
     * @param old where each parameter's old value goes, at its flat index
     * @return whether every new value is finite
     * @throws RuntimeException or {@link Error}: what the rule threw; then {@link #keptAll} says
     *         whether {@code old} holds every old value (else no range ran, and nothing changed)
     */
    boolean run(ParameterUpdate.Elementwise rule, double[] old) {
        this.rule = rule;
        this.old = old;
        this.refused = false;
        kept.set(0);
        lendGradients(span);
        try {
            Workers.shared().run(RANGE, this, old.length, CUTOVER);
            return !refused;
        } finally {
            this.rule = null;
            this.old = null;
        }
    }

    /**
     * Borrows every gradient the span's layers hold on this thread, before a pass splits: a gradient that
     * {@code Tensor.zeroGrad()} cleared without writing gets its zeros here, once, and not from each range's thread
     * at once, which would race; the threads the pass starts then see them.
     *
     * @param span the layers
     */
    static void lendGradients(Span span) {
        for (Layer layer : span.layers()) {
            layer.weight().borrowGrad();
            layer.bias().borrowGrad();
        }
    }

    /**
     * @param count the parameter count
     * @return whether the last {@link #run} kept every parameter's old value
     */
    boolean keptAll(int count) {
        return kept.get() == count;
    }

    private static void apply(UpdatePass pass, int from, int to) {
        Span span = pass.span;
        ParameterUpdate.Elementwise rule = pass.rule;
        double[] old = pass.old;
        int first = span.first();
        boolean finite = true;
        int start = 0;
        for (Layer layer : span.layers()) {
            int nin = layer.nin();
            int width = nin + 1;
            int end = start + (span.end(layer) - first) * width;
            if (from < end && to > start) {
                double[] wv = layer.weight().data().data;
                double[] wg = layer.weight().borrowGrad().data;
                double[] bv = layer.bias().data().data;
                double[] bg = layer.bias().borrowGrad().data;
                int lo = Math.max(from, start);
                int hi = Math.min(to, end);
                int row = (lo - start) / width;
                for (int j = first + row, k = start + row * width; k < hi; j++, k += width) {
                    int a = Math.max(lo, k);
                    int b = Math.min(hi, k + nin);
                    if (a < b) {
                        int at = j * nin + a - k;
                        System.arraycopy(wv, at, old, a, b - a);
                        try {
                            rule.applyInPlace(a, wv, wg, at, b - a);
                        } catch (Throwable e) {
                            pass.keep(b, to, to - from);
                            throw e;
                        }
                        finite &= allFinite(wv, at, at + b - a);
                    }
                    int bias = k + nin;
                    if (bias >= lo && bias < hi) {
                        old[bias] = bv[j];
                        try {
                            bv[j] = rule.apply(bias, old[bias], bg[j]);
                        } catch (Throwable e) {
                            pass.keep(bias + 1, to, to - from);
                            throw e;
                        }
                        finite &= Double.isFinite(bv[j]);
                    }
                }
            }
            start = end;
        }
        if (!finite) {
            pass.refused = true;
        }
        pass.kept.addAndGet(to - from);
    }

    /**
     * Copies the parameters [from, to), not yet updated, into {@code old}, once a range's rule has
     * thrown, and counts that range's parameters as kept.
     */
    private void keep(int from, int to, int range) {
        int first = span.first();
        int start = 0;
        for (Layer layer : span.layers()) {
            int nin = layer.nin();
            int width = nin + 1;
            int end = start + (span.end(layer) - first) * width;
            for (int k = Math.max(from, start), last = Math.min(to, end); k < last; k++) {
                int neuron = (k - start) / width;
                int i = k - start - neuron * width;
                int j = first + neuron;
                old[k] = i < nin ? layer.weight().data().data[j * nin + i] : layer.bias().data().data[j];
            }
            start = end;
        }
        kept.addAndGet(range);
    }

    /**
     * Whether values[from .. to) are all finite: their sum is finite only if every one is (a NaN or
     * ±∞ makes it NaN or ±∞), and four partial sums cost a quarter of one; a sum that overflowed is
     * settled element by element.
     */
    static boolean allFinite(double[] values, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            s0 += values[i];
            s1 += values[i + 1];
            s2 += values[i + 2];
            s3 += values[i + 3];
        }
        for (; i < to; i++) {
            s0 += values[i];
        }
        if (Double.isFinite(s0 + s1 + s2 + s3)) {
            return true;
        }
        for (i = from; i < to; i++) {
            if (!Double.isFinite(values[i])) {
                return false;
            }
        }
        return true;
    }
}
