package org.backprop4j.tensor;

import java.util.Locale;

/** Resolves {@link MatrixProducts#current()} once, from the {@link MatrixProducts#PROPERTY} property. */
final class Backends {

    /** The backend in use; fixed for the life of the JVM. */
    static final MatrixProducts CURRENT = choose(System.getProperty(MatrixProducts.PROPERTY, "auto"));

    private Backends() {
    }

    /**
     * The backend a property value names. {@code auto}, the default, sends small products to EJML
     * and the rest to netlib, whose dgemm — even its pure-Java one — beats EJML on larger ones.
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
                return AutoProducts.INSTANCE;
            default:
                throw new IllegalArgumentException(MatrixProducts.PROPERTY + " must be auto, ejml, netlib or netlib-java, not '" + name + "'");
        }
    }
}
