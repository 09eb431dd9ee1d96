package org.backprop4j.tensor;

import java.util.ArrayList;
import java.util.Objects;

/**
 * A setting that each thread may bind for a while (anomaly detection, the current workspace). Each binding is a scope: while
 * it is open the setting is on in its thread, with the value of the latest binding still open there.
 * Bindings may be closed in any order; when the last one closes the thread is back exactly where it
 * was before the first, whatever other threads hold. Closing a binding twice does nothing; closing it
 * in a thread other than the one that opened it throws {@link IllegalStateException}, because a
 * setting of one thread cannot be changed from another.
 *
 * <p>While no thread has bound the setting, reading it costs one volatile read instead of a
 * thread-local lookup, so an unused setting costs the engine nothing.
 *
 * @param <T> the setting's type
 */
final class PerThread<T> {

    /** This thread's open bindings, oldest first; null when none is open. */
    private final ThreadLocal<ArrayList<Binding>> open = new ThreadLocal<>();
    /** How many threads have at least one binding open. */
    private volatile int threads;

    /** @return the value of this thread's latest open binding, or null when none is open */
    T get() {
        if (threads == 0) {
            return null;
        }
        ArrayList<Binding> bindings = open.get();
        return bindings == null ? null : bindings.get(bindings.size() - 1).value;
    }

    /**
     * Binds {@code value} in this thread until the returned binding is closed.
     *
     * @param value the value, not null
     * @return the binding to close
     */
    Binding bind(T value) {
        Objects.requireNonNull(value, "value");
        ArrayList<Binding> bindings = open.get();
        if (bindings == null) {
            bindings = new ArrayList<>(2);
            open.set(bindings);
            synchronized (this) {
                threads++;
            }
        }
        Binding binding = new Binding(value, Thread.currentThread());
        bindings.add(binding);
        return binding;
    }

    /** One binding of the setting in one thread. */
    final class Binding {
        private final T value;
        private final Thread owner;
        private boolean closed;

        private Binding(T value, Thread owner) {
            this.value = value;
            this.owner = owner;
        }

        /**
         * Ends this binding: the setting is then that of the latest binding still open in this
         * thread, or unbound. A second call does nothing.
         *
         * @throws IllegalStateException if called in a thread other than the one that bound it
         */
        void close() {
            Thread current = Thread.currentThread();
            if (current != owner) {
                throw new IllegalStateException("a scope must be closed in the thread that opened it ('"
                        + owner.getName() + "'), not in '" + current.getName() + "'");
            }
            if (closed) {
                return;
            }
            closed = true;
            ArrayList<Binding> bindings = open.get();
            bindings.remove(this);
            if (bindings.isEmpty()) {
                open.remove();
                synchronized (PerThread.this) {
                    threads--;
                }
            }
        }
    }
}
