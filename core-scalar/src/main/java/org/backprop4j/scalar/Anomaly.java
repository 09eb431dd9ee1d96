package org.backprop4j.scalar;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Anomaly detection for {@link Value} graphs, like PyTorch's anomaly mode: while it is on in a
 * thread, the first operation in that thread whose result (forward) or operand gradient (backward)
 * is NaN or ±∞ throws an {@link AnomalyException} naming the operation, its operands, and where in
 * the caller's code the offending node was created.
 *
 * <p>Off by default. It is per thread: turning it on in one thread changes nothing in another.
 * Use it in a try-with-resources block:
 *
 * <pre>{@code
 * try (Anomaly.Scope scope = Anomaly.detect()) {
 *     loss.backward();
 * }
 * }</pre>
 *
 * <p>While it is on, every new node records the stack of the code that created it, which makes
 * graph building several times slower: it is a debugging aid, not a mode to train in.
 */
public final class Anomaly {

    /** Per thread: the creation stacks of the nodes made while detection is on, one map for all of the thread's open scopes. */
    private static final PerThread<Map<Value, Throwable>> SITES = new PerThread<>();

    private Anomaly() {
    }

    /**
     * A region of code with anomaly detection on. Detection stays on in the thread while any of its
     * scopes is open, whatever the order they are closed in, and is off again once the last closes
     * (unless it was on before). Closing a scope twice does nothing; closing it in another thread
     * than the one that opened it throws {@link IllegalStateException}.
     */
    public static final class Scope implements AutoCloseable {
        private final PerThread<Map<Value, Throwable>>.Binding binding;

        private Scope(PerThread<Map<Value, Throwable>>.Binding binding) {
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
        Map<Value, Throwable> sites = SITES.get();
        return new Scope(SITES.bind(sites != null ? sites : new WeakHashMap<>()));
    }

    /** {@return whether anomaly detection is on in the current thread} */
    public static boolean isEnabled() {
        return SITES.get() != null;
    }

    /** Records where {@code node} is being created, if detection is on in this thread. */
    static void created(Value node) {
        Map<Value, Throwable> sites = SITES.get();
        if (sites != null) {
            sites.put(node, new Throwable("created here"));
        }
    }

    /** Throws for a node whose forward result is not finite; the stack trace is where it is being made. */
    static void forward(Value node) {
        throw new AnomalyException("forward of '" + node.op() + "' produced " + node.data()
                + " from " + describe(node), null);
    }

    /** Throws if the backward rule of {@code node} has just made an operand's gradient non-finite. */
    static void backward(Value node) {
        int index = 0;
        for (Value operand : node.operands()) {
            if (!Double.isFinite(operand.grad()) && Double.isFinite(node.grad())) {
                Map<Value, Throwable> sites = SITES.get();
                Throwable site = sites == null ? null : sites.get(node);
                throw new AnomalyException("backward of '" + node.op() + "' produced gradient "
                        + operand.grad() + " for operand " + index + " of " + describe(node)
                        + " (output grad " + node.grad() + ")"
                        + (site == null ? "" : "; the node was created at the cause's stack trace"), site);
            }
            index++;
        }
    }

    /**
     * The exception for a NaN or ±∞ met while {@link Value#gradients} builds the derivative of
     * {@code node}: the operation of the user's graph being differentiated, its operands and where it was
     * created, followed by what the derivative's own operation produced.
     */
    static AnomalyException gradient(Value node, AnomalyException inner) {
        Map<Value, Throwable> sites = SITES.get();
        Throwable site = sites == null ? null : sites.get(node);
        return new AnomalyException("gradient: the derivative of '" + node.op() + "' of " + describe(node)
                + " is not finite (" + inner.getMessage() + ")"
                + (site == null ? "" : "; the node was created at the cause's stack trace"), site);
    }

    private static String describe(Value node) {
        StringBuilder text = new StringBuilder("[");
        for (Value operand : node.operands()) {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(operand);
        }
        return text.append(']').toString();
    }
}
