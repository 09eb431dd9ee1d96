package org.backprop4j.scalar;

import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A setting that each thread may bind for a while (anomaly detection). Each binding is a scope: while
 * it is open the setting is on in its thread, with the value of the latest binding still open there.
 * Bindings may be closed in any order; when the last one closes the thread is back exactly where it
 * was before the first, whatever other threads hold. Closing a binding twice does nothing; closing it
 * in a thread other than the one that opened it throws {@link IllegalStateException}, because a
 * setting of one thread cannot be changed from another.
 *
 * <p>While no thread has a binding open, reading the setting costs one volatile read instead of a
 * thread-local lookup, so an unused setting costs the engine nothing. A thread that has bound it keeps
 * a small empty record of its bindings after the last closes, so that binding again (a scope a step)
 * allocates no list and sets no thread-local entry.
 *
 * @param <T> the setting's type
 */
final class PerThread<T> {

    /**
     * This thread's bindings, made at its first binding and kept (empty) for the life of the thread, so that a
     * scope opened and closed at every step sets and removes no thread-local entry and allocates no list.
     */
    private final ThreadLocal<Open> open = new ThreadLocal<>();
    /** How many threads have at least one binding open. */
    private final AtomicInteger threads = new AtomicInteger();

    /** @return the value of this thread's latest open binding, or null when none is open */
    T get() {
        if (threads.get() == 0) {
            return null;
        }
        Open bindings = open.get();
        return bindings == null ? null : bindings.latest;
    }

    /**
     * Binds {@code value} in this thread until the returned binding is closed.
     *
     * @param value the value, not null
     * @return the binding to close
     */
    Binding bind(T value) {
        Objects.requireNonNull(value, "value");
        Open bindings = open.get();
        if (bindings == null) {
            bindings = new Open();
            open.set(bindings);
        }
        Binding binding = new Binding(value, Thread.currentThread());
        if (bindings.list.isEmpty()) {
            threads.incrementAndGet();
        }
        bindings.list.add(binding);
        bindings.latest = value;
        return binding;
    }

    /** One thread's open bindings, oldest first, and the value of the latest. */
    private final class Open {
        private final ArrayList<Binding> list = new ArrayList<>(2);
        /** The value of the last binding in {@link #list}; null when it is empty. */
        private T latest;
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
            Open bindings = open.get();
            ArrayList<Binding> list = bindings.list;
            list.remove(this);
            if (list.isEmpty()) {
                bindings.latest = null;
                threads.decrementAndGet();
            } else {
                bindings.latest = list.get(list.size() - 1).value;
            }
        }
    }
}
