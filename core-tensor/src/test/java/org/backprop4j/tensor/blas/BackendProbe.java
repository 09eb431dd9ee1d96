package org.backprop4j.tensor.blas;

/**
 * Run in a child JVM by {@link BadBackendPropertyTest}: prints what {@link MatrixProducts#current()}
 * gives or throws, twice, then what {@code named("ejml")} gives or throws.
 */
final class BackendProbe {

    private BackendProbe() {
    }

    /**
     * Prints {@code current=…} twice and {@code ejml=…}.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        for (int i = 0; i < 2; i++) {
            try {
                System.out.println("current=" + MatrixProducts.current().name());
            } catch (RuntimeException | Error e) {
                System.out.println("current=" + e);
            }
        }
        try {
            System.out.println("ejml=" + MatrixProducts.named("ejml").name());
        } catch (RuntimeException | Error e) {
            System.out.println("ejml=" + e);
        }
    }
}
