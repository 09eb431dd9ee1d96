package org.backprop4j.tensor;

import java.util.Locale;

/** Resolves {@link MatrixProducts#current()} once, from the {@link MatrixProducts#PROPERTY} property. */
final class Backends {

    /** The backend in use; fixed for the life of the JVM. */
    static final MatrixProducts CURRENT = choose(System.getProperty(MatrixProducts.PROPERTY, "auto"));

    private Backends() {
    }

    /** The backend a property value names; netlib is the default because even its pure-Java dgemm beats EJML. */
    static MatrixProducts choose(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "ejml":
                return MatrixProducts.ejml();
            case "netlib":
            case "auto":
            case "":
                return MatrixProducts.netlib();
            default:
                throw new IllegalArgumentException(MatrixProducts.PROPERTY + " must be ejml, netlib or auto, not '" + name + "'");
        }
    }
}
