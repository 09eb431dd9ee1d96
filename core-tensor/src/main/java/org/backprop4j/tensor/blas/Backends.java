package org.backprop4j.tensor.blas;

import java.util.Locale;
import org.backprop4j.tensor.parallel.Threads;

/**
 * Resolves {@link MatrixProducts#current()} once, from the {@link MatrixProducts#PROPERTY} property.
 * A property that names no backend does not break this class: {@link #choose} (and so
 * {@link MatrixProducts#named}) still works, and every call of {@link #current()} throws the same
 * clear {@link IllegalArgumentException}, not an {@link ExceptionInInitializerError} once and a
 * {@link NoClassDefFoundError} after.
 */
final class Backends {

    /** The backend in use, fixed for the life of the JVM; null when the property names none. */
    private static final MatrixProducts CURRENT;
    /** Why the property names no backend, or null. */
    private static final IllegalArgumentException BAD_PROPERTY;

    static {
        MatrixProducts chosen = null;
        IllegalArgumentException bad = null;
        try {
            chosen = choose(System.getProperty(MatrixProducts.PROPERTY, "auto"));
        } catch (IllegalArgumentException e) {
            bad = e;
        } catch (ExceptionInInitializerError e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            bad = new IllegalArgumentException(cause.getMessage(), cause);
        }
        CURRENT = chosen;
        BAD_PROPERTY = bad;
    }

    private Backends() {
    }

    /**
     * @return the backend the property names
     * @throws IllegalArgumentException at every call, if the property (or {@code backprop4j.threads}) is invalid
     */
    static MatrixProducts current() {
        if (CURRENT == null) {
            throw new IllegalArgumentException(BAD_PROPERTY.getMessage(), BAD_PROPERTY);
        }
        return CURRENT;
    }

    /**
     * The backend a property value names. {@code auto}, the default, sends small products to EJML
     * and the rest to netlib, whose dgemm — even its pure-Java one — beats EJML on larger ones.
     *
     * @throws IllegalArgumentException for a name of no backend, or for {@code auto} if
     *                                  {@code backprop4j.threads} is invalid or a property it replaced is set
     */
    static MatrixProducts choose(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "ejml":
                return MatrixProducts.ejml();
            case "netlib":
                return MatrixProducts.netlib();
            case "netlib-java":
                return NetlibProducts.JAVA;
            case "auto":
            case "":
                // auto loads netlib in the background: a bad thread count is refused here, on the caller's thread.
                Threads.count();
                return AutoProducts.INSTANCE;
            default:
                throw new IllegalArgumentException(MatrixProducts.PROPERTY + " must be auto, ejml, netlib or netlib-java, not '" + name + "'");
        }
    }
}
