package org.backprop4j.tensor.blas;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.backprop4j.tensor.parallel.Threads;

/**
 * Which native BLAS library netlib's JNI opens, settled once, before netlib's {@code BLAS} class
 * first initialises: the library the user named through netlib's own properties, else the OpenBLAS
 * bundled in this library's dependencies. A system {@code libblas.so.3} is not preferred to the
 * bundled one: it may be the reference BLAS, 8-9x slower (measured; see the README), and where it
 * is OpenBLAS it is no faster.
 */
final class NativeBlasChoice {

    /** netlib's property naming a native BLAS library for the system's loader, e.g. {@code libblas.so.3}. */
    static final String NATIVE_LIB = "dev.ludovic.netlib.blas.nativeLib";

    /** netlib's property naming a native BLAS library by its path. */
    static final String NATIVE_LIB_PATH = "dev.ludovic.netlib.blas.nativeLibPath";

    /** netlib's property that, set to {@code false}, keeps it from loading any native library. */
    static final String ALLOW_NATIVE = "dev.ludovic.netlib.blas.allowNative";

    /** Where the native library comes from. */
    enum Source {
        /** The OpenBLAS in this library's dependencies. */
        BUNDLED,
        /** The library named by {@link #NATIVE_LIB_PATH} or {@link #NATIVE_LIB}. */
        USERS_LIBRARY,
        /** None of ours: native code is refused, or {@code backprop4j.blas=netlib-java} asks for netlib's Java. */
        NOT_WANTED
    }

    private final Source source;
    private final String library;
    private final String loadFailure;
    private final String jniFailure;

    private NativeBlasChoice(Source source, String library, String loadFailure, String jniFailure) {
        this.source = source;
        this.library = library;
        this.loadFailure = loadFailure;
        this.jniFailure = jniFailure;
    }

    /**
     * Decides where the native library comes from; the user's choice always wins.
     *
     * @param property the system properties, by name ({@code null} when unset)
     * @return the source
     */
    static Source decide(UnaryOperator<String> property) {
        if (!isBlank(property.apply(NATIVE_LIB_PATH)) || !isBlank(property.apply(NATIVE_LIB))) {
            return Source.USERS_LIBRARY;
        }
        String allowNative = property.apply(ALLOW_NATIVE);
        String backend = property.apply(Backend.PROPERTY);
        if ("false".equals(trimmed(allowNative)) || "netlib-java".equals(trimmed(backend))) {
            return Source.NOT_WANTED;
        }
        return Source.BUNDLED;
    }

    /**
     * Settles the choice from the system properties; for the bundled library, extracts and loads it
     * and sets {@link #NATIVE_LIB_PATH} to its file; when no native library is wanted, sets
     * {@link #ALLOW_NATIVE} to {@code false}, so that {@code backprop4j.blas=netlib-java} keeps netlib
     * from opening the system's {@code libblas.so.3} for {@link MatrixProducts#netlib()} too. If it fails to load, the failure is recorded, not
     * thrown, and {@link #ALLOW_NATIVE} is set to {@code false}: netlib then runs its Java
     * implementation rather than whatever {@code libblas.so.3} the system has, which may be the
     * reference BLAS, slower than the Vector API (see the README's measurements).
     *
     * @return the choice
     * @throws IllegalArgumentException if {@code backprop4j.threads} is invalid, or a property it replaced is set ({@link Threads#count()})
     */
    static NativeBlasChoice settle() {
        Threads.count();
        int threads = BundledOpenBlas.THREADS;
        switch (decide(System::getProperty)) {
            case USERS_LIBRARY:
                String usersLibrary = isBlank(System.getProperty(NATIVE_LIB_PATH))
                        ? NATIVE_LIB + "=" + System.getProperty(NATIVE_LIB)
                        : NATIVE_LIB_PATH + "=" + System.getProperty(NATIVE_LIB_PATH);
                String name = usersLibrary.substring(usersLibrary.indexOf('=') + 1).trim();
                return new NativeBlasChoice(Source.USERS_LIBRARY, name + ", system", null, "netlib could not open the BLAS library you chose (" + usersLibrary + ")");
            case NOT_WANTED:
                // netlib itself would open the system's libblas.so.3 for backprop4j.blas=netlib-java; refuse native code as asked.
                System.setProperty(ALLOW_NATIVE, "false");
                return new NativeBlasChoice(Source.NOT_WANTED, "system BLAS", null, null);
            default:
                return bundled(threads, BundledOpenBlas::load);
        }
    }

    /**
     * The choice of the bundled OpenBLAS: loads it with {@code loader} and sets {@link #NATIVE_LIB_PATH}
     * to its file; if it fails to load, records the failure on one line instead of throwing and sets
     * {@link #ALLOW_NATIVE} to {@code false}.
     *
     * @param threads the number of threads OpenBLAS is to run
     * @param loader loads the bundled library for a number of threads ({@link BundledOpenBlas#load})
     * @return the choice
     */
    static NativeBlasChoice bundled(int threads, IntFunction<BundledOpenBlas> loader) {
        try {
            BundledOpenBlas bundled = loader.apply(threads);
            System.setProperty(NATIVE_LIB_PATH, bundled.path());
            return new NativeBlasChoice(Source.BUNDLED, bundled.describe(), null,
                    "netlib's JNI could not open the bundled OpenBLAS (" + bundled.path() + ")");
        } catch (RuntimeException | LinkageError e) {
            System.setProperty(ALLOW_NATIVE, "false");
            return new NativeBlasChoice(Source.BUNDLED, "system BLAS", "the bundled OpenBLAS did not load (" + oneLine(e) + ")", null);
        }
    }

    /** @return where the native library was to come from */
    Source source() {
        return source;
    }

    /** @return what runs when netlib's JNI runs, e.g. {@code OpenBLAS 0.3.31, bundled, 1 thread} or {@code libblas.so.3, system} */
    String library() {
        return library;
    }

    /**
     * The one line that tells the user the native library they get is not the one intended.
     *
     * @param jniRuns whether netlib's JNI runs the products
     * @param running the name of what runs instead, e.g. {@code netlib (pure Java)}
     * @return the line, or empty when all went as intended
     */
    Optional<String> warning(boolean jniRuns, String running) {
        return problem(jniRuns).map(p -> "backprop4j: " + p + "; matrix products run on " + running + " instead");
    }

    /**
     * Why the native library the user gets is not the one intended.
     *
     * @param jniRuns whether netlib's JNI runs the products
     * @return e.g. {@code the bundled OpenBLAS did not load (…)}, or empty when all went as intended
     */
    Optional<String> problem(boolean jniRuns) {
        if (loadFailure != null) {
            return Optional.of(loadFailure);
        }
        return jniRuns || jniFailure == null ? Optional.empty() : Optional.of(explained(jniFailure, NativeBlasChoice::onClassPath));
    }

    /**
     * The classes netlib's JNI library looks up when it starts (its {@code JNI_OnLoad}), from f2j's
     * {@code net.sourceforge.f2j:arpack_combined_all}, a dependency of {@code dev.ludovic.netlib:blas}.
     */
    static final List<String> JNI_CLASSES = List.of("org.netlib.util.booleanW", "org.netlib.util.doubleW",
            "org.netlib.util.floatW", "org.netlib.util.intW");

    /**
     * A JNI failure with its cause where it is a class netlib's JNI needs and the class path lacks: the
     * library then opened, but netlib's JNI did not start (netlib prints {@code FindClass … failed}), so
     * "could not open" alone would send the user to the library's file.
     *
     * @param failure the failure as known without looking further
     * @param onClassPath whether a class of a binary name can be loaded
     * @return the failure, with the first missing class of {@link #JNI_CLASSES} named
     */
    static String explained(String failure, Predicate<String> onClassPath) {
        for (String name : JNI_CLASSES) {
            if (!onClassPath.test(name)) {
                return failure + ": its JNI needs the class " + name + ", from net.sourceforge.f2j:arpack_combined_all"
                        + " (a dependency of dev.ludovic.netlib:blas), which is not on the class path";
            }
        }
        return failure;
    }

    private static boolean onClassPath(String name) {
        try {
            Class.forName(name, false, NativeBlasChoice.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String oneLine(Throwable e) {
        return e.toString().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
