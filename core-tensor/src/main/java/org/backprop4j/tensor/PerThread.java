package org.backprop4j.tensor;

/**
 * A setting that each thread may bind for a while (anomaly detection, the current workspace).
 * While no thread has bound it, reading it costs one volatile read instead of a thread-local
 * lookup, so an unused setting costs the engine nothing. Binding it in one thread never changes
 * what another thread reads.
 *
 * @param <T> the setting's type
 */
final class PerThread<T> {

    private final ThreadLocal<T> local = new ThreadLocal<>();
    /** How many threads have the setting bound. */
    private volatile int threads;

    /** @return this thread's value, or null when unbound */
    T get() {
        return threads == 0 ? null : local.get();
    }

    /**
     * Binds {@code value} in this thread until the returned binding is closed.
     *
     * @param value the value, not null
     * @return the binding, whose {@code close} restores the previous value
     */
    Binding bind(T value) {
        T previous = get();
        if (previous == null) {
            synchronized (this) {
                threads++;
            }
        }
        local.set(value);
        return new Binding(previous);
    }

    /** One binding of the setting in one thread. */
    final class Binding {
        private final T previous;
        private boolean closed;

        private Binding(T previous) {
            this.previous = previous;
        }

        /** Restores the value bound before this one (idempotent). */
        void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (previous == null) {
                local.remove();
                synchronized (PerThread.this) {
                    threads--;
                }
            } else {
                local.set(previous);
            }
        }
    }
}
