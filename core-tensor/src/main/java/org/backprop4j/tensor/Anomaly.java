package org.backprop4j.tensor;

import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * Anomaly detection for {@link Tensor} graphs, like PyTorch's anomaly mode: while it is on in a
 * thread, the first operation in that thread whose result (forward) or operand gradient (backward)
 * holds a NaN or ±∞ throws an {@link AnomalyException} naming the operation, the shapes, a summary
 * of the operands, and — as its cause — the stack of the code that created the offending tensor.
 *
 * <p>Off by default, and then it costs one read of a counter per operation. It is per thread.
 * Use it in a try-with-resources block:
 *
 * <pre>{@code
 * try (Anomaly.Scope scope = Anomaly.detect()) {
 *     loss.backward();
 * }
 * }</pre>
 *
 * <p>While it is on, every operation scans its result and records where it was created: a
 * debugging aid, several times slower than normal.
 */
public final class Anomaly {

    private static final PerThread<Boolean> DETECTING = new PerThread<>();

    private Anomaly() {
    }

    /**
     * A region of code with anomaly detection on. Detection stays on in the thread while any of its
     * scopes is open, whatever the order they are closed in, and is off again once the last closes
     * (unless it was on before). Closing a scope twice does nothing; closing it in another thread
     * than the one that opened it throws {@link IllegalStateException}.
     */
    public static final class Scope implements AutoCloseable {
        private final PerThread<Boolean>.Binding binding;

        private Scope(PerThread<Boolean>.Binding binding) {
            this.binding = binding;
        }

        /**
         * Ends this scope in the current thread.
         *
         * @throws IllegalStateException if called in a thread other than the one that opened it
         */
        @Override
        public void close() {
            binding.close();
        }
    }

    /**
     * Turns anomaly detection on in the current thread until the returned scope is closed.
     *
     * @return the scope to close
     */
    public static Scope detect() {
        return new Scope(DETECTING.bind(Boolean.TRUE));
    }

    /** {@return whether anomaly detection is on in the current thread} */
    public static boolean isEnabled() {
        return DETECTING.get() != null;
    }

    /** Called for every new result while detection is on: records its creation site and checks its values. */
    static void forward(Tensor out) {
        out.site = new Throwable("created here");
        int bad = firstNonFinite(out.data.data, out.size());
        if (bad >= 0) {
            throw new AnomalyException(String.format(Locale.ROOT, "forward of '%s' produced %s at (%d, %d) of its %dx%d result; operands: %s",
                    out.op(), out.data.data[bad], bad / out.cols(), bad % out.cols(), out.rows(), out.cols(), describe(out.operands())), null);
        }
    }

    /**
     * Called by a fused layer {@code act(x·Wᵀ + b)} while detection is on, after the product and
     * before the activation: throws if a pre-activation x·Wᵀ + b is NaN or ±∞, which the
     * activation would hide (tanh(∞) = 1, σ(−∞) = 0, ReLU(−∞) = 0), as the unfused
     * {@code linear(…)} would have thrown.
     *
     * @param out the layer's result, holding x·Wᵀ so far
     * @param bias b, one value per column
     */
    static void preActivation(Tensor out, double[] bias) {
        double[] z = out.data.data;
        int cols = out.cols();
        for (int k = 0, n = out.size(); k < n; k++) {
            double v = z[k] + bias[k % cols];
            if (!Double.isFinite(v)) {
                throw new AnomalyException(String.format(Locale.ROOT,
                        "forward of '%s' produced %s before its activation (x·Wᵀ + b) at (%d, %d) of its %dx%d result; operands: %s",
                        out.op(), v, k / cols, k % cols, out.rows(), cols, describe(out.operands())), null);
            }
        }
    }

    /** Called after each backward rule while detection is on: throws if it made an operand's gradient non-finite. */
    static void backward(Tensor node) {
        if (firstNonFinite(node.grad.data, node.size()) >= 0) {
            return;
        }
        List<Tensor> operands = node.operands();
        for (int i = 0; i < operands.size(); i++) {
            Tensor operand = operands.get(i);
            DMatrixRMaj written = operand.requiresGrad() ? operand.writtenGrad() : null;
            if (written != null) {
                int bad = firstNonFinite(written.data, operand.size());
                if (bad >= 0) {
                    throw new AnomalyException(String.format(Locale.ROOT,
                            "backward of '%s' produced gradient %s at (%d, %d) of operand %d (%dx%d); operands: %s%s",
                            node.op(), written.data[bad], bad / operand.cols(), bad % operand.cols(), i, operand.rows(),
                            operand.cols(), describe(operands), node.site == null ? "" : "; the node was created at the cause's stack trace"),
                            node.site);
                }
            }
        }
    }

    /**
     * The exception for a NaN or ±∞ met while {@link Tensor#gradients} builds the derivative of {@code node}: the
     * operation of the user's graph being differentiated, its operands and where it was created, then what the
     * derivative's own operation produced.
     */
    static AnomalyException gradient(Tensor node, AnomalyException inner) {
        return new AnomalyException("gradient: the derivative of '" + node.op() + "' of " + describe(node.operands())
                + " is not finite (" + inner.getMessage() + ")"
                + (node.site == null ? "" : "; the node was created at the cause's stack trace"), node.site);
    }

    private static int firstNonFinite(double[] values, int n) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(List<Tensor> operands) {
        StringBuilder text = new StringBuilder("[");
        for (Tensor t : operands) {
            if (text.length() > 1) {
                text.append(", ");
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            int nonFinite = 0;
            for (int i = 0; i < t.size(); i++) {
                double v = t.data.data[i];
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                } else {
                    nonFinite++;
                }
            }
            text.append(String.format(Locale.ROOT, "%dx%d%s min %s max %s", t.rows(), t.cols(), t.label().isEmpty() ? "" : " '" + t.label() + "'",
                    min, max));
            if (nonFinite > 0) {
                text.append(" (").append(nonFinite).append(" non-finite)");
            }
        }
        return text.append(']').toString();
    }
}
