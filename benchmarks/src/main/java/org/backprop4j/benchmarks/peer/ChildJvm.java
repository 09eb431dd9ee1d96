package org.backprop4j.benchmarks.peer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backprop4j.tensor.blas.MatrixProducts;
import org.backprop4j.tensor.parallel.Threads;

/**
 * The JVM a Java side runs in: which JDK ({@code -Djdk}, by default the one running the comparison) and on how
 * many threads the library runs ({@code -Dbackprop4j.threads}: its element-wise splits and its layers' two backward
 * products side by side; the bundled OpenBLAS runs each product on one thread).
 *
 * @param javaHome the JDK's home directory, holding {@code bin/java}
 * @param threads the library's thread count, at least 1
 */
public record ChildJvm(Path javaHome, int threads) {

    /** The library's thread count. */
    public static final String THREADS = Threads.PROPERTY;
    /**
     * netlib's properties that the library sets itself in a JVM that has loaded the bundled OpenBLAS (the extracted file's
     * path, and whether native code may run): a child must not inherit them, or it would open that file as a library the
     * user chose, skip the bundled path and its thread setting, and name itself after the file.
     */
    static final List<String> SET_BY_THE_LIBRARY = List.of("dev.ludovic.netlib.blas.nativeLibPath", "dev.ludovic.netlib.blas.allowNative");
    /** The oldest Java release the library runs on. */
    static final int OLDEST_RELEASE = 17;
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");
    /** The modules a runtime holds, as its {@code release} file lists them (a jlink'd runtime may hold only a few). */
    private static final Pattern RELEASE_MODULES = Pattern.compile("(?m)^MODULES=\"([^\"]*)\"");
    /** The module every Java side is started with ({@code --add-modules}): a runtime without it cannot start them. */
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    /**
     * @throws NullPointerException if javaHome is null
     * @throws IllegalArgumentException if threads is below 1
     */
    public ChildJvm {
        Objects.requireNonNull(javaHome, "javaHome");
        if (threads < 1) {
            throw new IllegalArgumentException("a child JVM runs on at least 1 thread, got " + threads);
        }
    }

    /**
     * The JDK named by {@code -Djdk}, checked: a directory with an executable {@code bin/java} whose {@code release}
     * file (where there is one) names Java {@value #OLDEST_RELEASE} or newer and, where it lists the runtime's modules,
     * lists {@code jdk.incubator.vector} (a runtime made by jlink without it could not start the Java sides).
     *
     * @param value the option's value; blank for the JDK running the comparison
     * @return the JDK's home directory
     * @throws IllegalArgumentException naming the value and what is wrong with it
     */
    public static Path jdk(String value) {
        if (value == null || value.isBlank()) {
            return Path.of(System.getProperty("java.home"));
        }
        Path home = Path.of(value.trim());
        Path java = home.resolve("bin").resolve("java");
        if (!Files.isDirectory(home)) {
            throw new IllegalArgumentException("-Djdk=" + value.trim() + " is not a directory: name a JDK's home, e.g. "
                    + "/usr/lib/jvm/temurin-25-jdk-amd64");
        }
        if (!Files.isRegularFile(java) || !Files.isExecutable(java)) {
            throw new IllegalArgumentException("-Djdk=" + value.trim() + " is not a JDK: it has no executable bin/java");
        }
        Path release = home.resolve("release");
        if (Files.isRegularFile(release)) {
            String text;
            try {
                text = Files.readString(release, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("-Djdk=" + value.trim() + ": cannot read its release file: " + e.getMessage(), e);
            }
            Matcher version = RELEASE_VERSION.matcher(text.replace("JAVA_VERSION=\"1.", "JAVA_VERSION=\""));
            if (version.find() && Integer.parseInt(version.group(1)) < OLDEST_RELEASE) {
                throw new IllegalArgumentException("-Djdk=" + value.trim() + " is Java " + version.group(1)
                        + ": the library needs Java " + OLDEST_RELEASE + " or newer");
            }
            Matcher modules = RELEASE_MODULES.matcher(text);
            if (modules.find() && !List.of(modules.group(1).trim().split("\\s+")).contains(VECTOR_MODULE)) {
                throw new IllegalArgumentException("-Djdk=" + value.trim() + " has no " + VECTOR_MODULE + " module (its release file lists "
                        + modules.group(1).trim().split("\\s+").length + "), which the Java sides start with: name a full JDK's home");
            }
        }
        return home;
    }

    /**
     * The command line of a fresh JVM running a class of the comparison's class path.
     *
     * @param backend the matrix-product backend the child uses
     * @param mainClass the class to run
     * @param arguments its arguments
     * @return the command; {@code backprop4j.*} and netlib system properties of this JVM are passed on, but for the
     *         backend and the thread counts, which this JVM sets, and those of {@link #SET_BY_THE_LIBRARY}
     */
    List<String> command(String backend, Class<?> mainClass, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.add("--add-modules");
        command.add("jdk.incubator.vector");
        // JavaCPP loads the bundled OpenBLAS by System.loadLibrary, which JDK 24 and later warn about unless allowed.
        command.add("--enable-native-access=ALL-UNNAMED");
        for (Map.Entry<Object, Object> property : System.getProperties().entrySet()) {
            String key = property.getKey().toString();
            if ((key.startsWith("backprop4j.") || key.startsWith("dev.ludovic.netlib.")) && !key.equals(MatrixProducts.PROPERTY)
                    && !key.equals(THREADS) && !SET_BY_THE_LIBRARY.contains(key)) {
                command.add("-D" + key + "=" + property.getValue());
            }
        }
        command.add("-D" + MatrixProducts.PROPERTY + "=" + backend);
        command.add("-D" + THREADS + "=" + threads);
        command.add("-classpath");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(arguments));
        return command;
    }
}
