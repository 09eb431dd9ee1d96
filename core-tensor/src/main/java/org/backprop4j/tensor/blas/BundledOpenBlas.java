package org.backprop4j.tensor.blas;

import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The OpenBLAS that ships inside bytedeco's {@code openblas} jars. JavaCPP extracts it to its cache
 * ({@code ~/.javacpp/cache}, else {@code org.bytedeco.javacpp.cachedir}, else the temporary
 * directory) and loads it; netlib's JNI then opens the same file. We load the BLAS-only preset,
 * {@code openblas_nolapack}: the same OpenBLAS without the 24 MB LAPACK bindings.
 */
final class BundledOpenBlas {

    /**
     * The threads OpenBLAS runs on: always 1. Its threaded {@code dgemm} changes a product's bits with
     * the thread count (at {@code large}'s 128×784 by 784×256 product, 2 threads changed 23,459 of the
     * 32,768 results; see the README), so the engine's threads ({@code backprop4j.threads}) compute
     * a product in bands of rows instead ({@link ProductBands}), and a layer's two backward products
     * side by side, each band and each product one call on one OpenBLAS thread.
     */
    static final int THREADS = 1;

    /** The OpenBLAS version these jars hold, e.g. {@code 0.3.31}. */
    static final String VERSION = openblas_nolapack.OPENBLAS_VERSION.trim().replace("OpenBLAS ", "");

    private final String path;
    private final int threads;

    private BundledOpenBlas(String path, int threads) {
        this.path = path;
        this.threads = threads;
    }

    /**
     * Extracts and loads the bundled OpenBLAS, then sets its thread count.
     *
     * @param threads how many threads OpenBLAS may use, at least 1
     * @return the loaded library
     * @throws LinkageError if JavaCPP cannot extract or load it (no natives for this platform, no
     *                      writable cache directory, a JVM that refuses native code)
     * @throws RuntimeException for the same reasons, as some JVMs report them
     */
    static BundledOpenBlas load(int threads) {
        Loader.load(openblas_nolapack.class);
        String path = library(Loader.getLoadedLibraries());
        openblas_nolapack.blas_set_num_threads(threads);
        return new BundledOpenBlas(path, openblas_nolapack.blas_get_num_threads());
    }

    /**
     * The file of the OpenBLAS library among those JavaCPP loaded, keyed by names such as
     * {@code openblas_nolapack@.0} or {@code libopenblas}; not its JNI wrapper, {@code jniopenblas_nolapack}.
     */
    static String library(Map<String, String> loaded) {
        for (Map.Entry<String, String> library : loaded.entrySet()) {
            String name = library.getKey().startsWith("lib") ? library.getKey().substring(3) : library.getKey();
            if (name.startsWith("openblas")) {
                return library.getValue();
            }
        }
        throw new IllegalStateException("JavaCPP loaded no OpenBLAS library, only " + loaded.keySet());
    }

    /** @return the thread count OpenBLAS reports now ({@code openblas_get_num_threads}) */
    static int runningThreads() {
        return openblas_nolapack.blas_get_num_threads();
    }

    /** @return the path of the extracted library file, for netlib's {@code nativeLibPath} */
    String path() {
        return path;
    }

    /** @return e.g. {@code OpenBLAS 0.3.31, bundled, 1 thread} */
    String describe() {
        return String.format(Locale.ROOT, "OpenBLAS %s, bundled, %d thread%s", VERSION, threads, threads == 1 ? "" : "s");
    }
}
