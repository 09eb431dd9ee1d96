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

    /** Per thread: the creation stacks of the nodes made while detection is on, or null when off. */
    private static final ThreadLocal<Map<Value, Throwable>> SITES = new ThreadLocal<>();

    /**
     * How many threads have detection on. When 0, the engine skips the thread-local lookup, so the
     * mode costs nothing while unused; it never changes what another thread computes.
     */
    private static volatile int threadsDetecting;

    private Anomaly() {
    }

    /** A region of code with anomaly detection on; closing it turns detection off again. */
    public static final class Scope implements AutoCloseable {
        private final Map<Value, Throwable> previous;
        private boolean closed;

        private Scope(Map<Value, Throwable> previous) {
            this.previous = previous;
        }

        /** Turns detection off in this thread (or back to what it was when this scope opened). */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (previous == null) {
                SITES.remove();
                synchronized (Anomaly.class) {
                    threadsDetecting--;
                }
            } else {
                SITES.set(previous);
            }
        }
    }

    /**
     * Turns anomaly detection on in the current thread until the returned scope is closed.
     *
     * @return the scope to close
     */
    public static Scope detect() {
        Map<Value, Throwable> previous = SITES.get();
        if (previous == null) {
            synchronized (Anomaly.class) {
                threadsDetecting++;
            }
        }
        SITES.set(new WeakHashMap<>());
        return new Scope(previous);
    }

    /** @return whether anomaly detection is on in the current thread */
    public static boolean isEnabled() {
        return threadsDetecting != 0 && SITES.get() != null;
    }

    /** Records where {@code node} is being created, if detection is on in this thread. */
    static void created(Value node) {
        if (threadsDetecting != 0) {
            Map<Value, Throwable> sites = SITES.get();
            if (sites != null) {
                sites.put(node, new Throwable("created here"));
            }
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
