package org.backprop4j.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How netlib's native library is chosen and what happens when it cannot load, each case in a child
 * JVM of its own (netlib's {@code BLAS} class initialises once per JVM): nothing throws, the
 * products fall back to netlib's scalar Java code, and one line says why; and that code gives the
 * same bits from the JVM's first product on.
 */
class NativeFallbackTest {

    private static final String WARNING = "backprop4j: ";

    @TempDir
    Path folder;

    /** The output of one child JVM. */
    private static final class Child {
        final String out;
        final String err;

        Child(String out, String err) {
            this.out = out;
            this.err = err;
        }

        String line(String key) {
            return out.lines().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + key + "= line in " + out + err));
        }

        /** The warnings' messages, without the logging framework's level and header. */
        List<String> warnings() {
            return err.lines().filter(l -> l.contains(WARNING)).map(l -> l.substring(l.indexOf(WARNING))).collect(Collectors.toList());
        }
    }

    private Child run(String classPath, String... properties) throws IOException, InterruptedException {
        return run(List.of(NetlibProbe.class.getName()), classPath, properties);
    }

    /** Runs {@code main}, a probe's class name and its arguments, in a child JVM. */
    private Child run(List<String> main, String classPath, String... properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-cp", classPath));
        command.addAll(Arrays.asList(properties));
        command.addAll(main);
        Path out = folder.resolve("out.txt");
        Path err = folder.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the child JVM finishes");
        Child child = new Child(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        assertEquals(0, process.exitValue(), "the child JVM succeeds: " + child.out + child.err);
        return child;
    }

    private static String testClassPath() {
        return System.getProperty("java.class.path");
    }

    /** A path under a regular file: no directory can be made there, whoever runs the test. */
    private Path unwritable(String name) throws IOException {
        Path file = folder.resolve("a-file");
        if (!Files.exists(file)) {
            Files.writeString(file, "not a directory");
        }
        return file.resolve(name);
    }

    @Test
    void anUnwritableCacheFallsBackToNetlibsJavaWithOneWarning() throws Exception {
        Child child = run(testClassPath(), "-Dorg.bytedeco.javacpp.cachedir=" + unwritable("cache"),
                "-Duser.home=" + unwritable("home"), "-Djava.io.tmpdir=" + unwritable("tmp"));
        String netlib = child.line("netlib");
        assertTrue(netlib.startsWith("netlib (pure Java; the bundled OpenBLAS did not load (java.lang.UnsatisfiedLinkError: "), netlib);
        assertEquals("auto (ejml + " + netlib + ")", child.line("auto"), "auto stays on the fallback and says why");
        assertEquals("backprop4j-blas-load daemon=true", child.line("load"), "auto loaded netlib in the background");
        List<String> warnings = child.warnings();
        assertEquals(1, warnings.size(), child.err);
        String warning = warnings.get(0);
        assertTrue(warning.startsWith(WARNING + "the bundled OpenBLAS did not load (java.lang.UnsatisfiedLinkError: "), warning);
        assertTrue(warning.endsWith("; matrix products run on netlib (pure Java) instead"), warning);
        assertTrue(warning.contains("cache"), "the warning names the cause: " + warning);
    }

    @Test
    void missingNativesFallBackToTheVectorApiWithOneWarning() throws Exception {
        String withoutNatives = Arrays.stream(testClassPath().split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().matches("openblas-.*-(linux|macosx|windows)-.*\\.jar"))
                .collect(Collectors.joining(File.pathSeparator));
        assertTrue(withoutNatives.length() < testClassPath().length(), "the test class path holds the natives");
        Child child = run(withoutNatives, "-Dorg.bytedeco.javacpp.cachedir=" + folder.resolve("cache"));
        assertTrue(child.line("netlib").startsWith("netlib (pure Java; the bundled OpenBLAS did not load (java.lang.UnsatisfiedLinkError"),
                child.line("netlib"));
        List<String> warnings = child.warnings();
        assertEquals(1, warnings.size(), child.err);
        assertTrue(warnings.get(0).contains("the bundled OpenBLAS did not load (java.lang.UnsatisfiedLinkError"), warnings.get(0));
    }

    @Test
    void aLibraryTheUserNamesWinsAndIsNamedWhenItFails() throws Exception {
        Path cache = folder.resolve("cache");
        Child child = run(testClassPath(), "-Dorg.bytedeco.javacpp.cachedir=" + cache,
                "-Ddev.ludovic.netlib.blas.nativeLib=libbackprop4j-no-such-blas.so");
        assertEquals("netlib (pure Java; netlib could not open the BLAS library you chose "
                + "(dev.ludovic.netlib.blas.nativeLib=libbackprop4j-no-such-blas.so))", child.line("netlib"));
        assertEquals(List.of(WARNING + "netlib could not open the BLAS library you chose "
                + "(dev.ludovic.netlib.blas.nativeLib=libbackprop4j-no-such-blas.so); matrix products run on netlib (pure Java) instead"),
                child.warnings());
        assertTrue(!Files.exists(cache), "the bundled library was not extracted");
    }

    @Test
    void refusingNativeCodeGivesNetlibsJavaWithoutAWarning() throws Exception {
        Path cache = folder.resolve("cache");
        Child child = run(testClassPath(), "-Dorg.bytedeco.javacpp.cachedir=" + cache, "-Ddev.ludovic.netlib.blas.allowNative=false");
        assertEquals("netlib (pure Java)", child.line("netlib"));
        assertEquals(List.of(), child.warnings());
        assertTrue(!Files.exists(cache), "the bundled library was not extracted");
    }

    /** netlib-java asks for no native code: netlib() then opens neither the bundled library nor the system's libblas.so.3. */
    @Test
    void theJavaBackendOpensNoNativeLibraryForNetlibEither() throws Exception {
        Path cache = folder.resolve("cache");
        Child child = run(testClassPath(), "-Dorg.bytedeco.javacpp.cachedir=" + cache, "-Dbackprop4j.blas=netlib-java");
        assertEquals("netlib (pure Java)", child.line("netlib"));
        assertEquals("auto (ejml + netlib (pure Java))", child.line("auto"));
        assertEquals(List.of(), child.warnings());
        assertTrue(!Files.exists(cache), "the bundled library was not extracted");
    }

    @Test
    void theDefaultBackendLoadsTheBundledOpenBlasInTheBackgroundThenRunsIt() throws Exception {
        Child child = run(testClassPath(), "-Dorg.bytedeco.javacpp.cachedir=" + folder.resolve("cache"));
        assertTrue(child.line("netlib").matches("netlib \\(native OpenBLAS [0-9.]+, bundled, 1 thread\\)"), child.line("netlib"));
        assertEquals("auto (ejml + " + child.line("netlib") + ")", child.line("auto"));
        assertEquals("backprop4j-blas-load daemon=true", child.line("load"), "the name waited for a load in the background");
        assertEquals("none", child.line("first"), "a product far short of the threshold starts no load");
        assertEquals(List.of(), child.warnings());
    }

    @Test
    void loadingAtTheFirstProductStartsNoThread() throws Exception {
        Child child = run(testClassPath(), "-Dorg.bytedeco.javacpp.cachedir=" + folder.resolve("cache"), "-Dbackprop4j.blas.background=false");
        assertEquals("auto (ejml + " + child.line("netlib") + ")", child.line("auto"));
        assertTrue(child.out.lines().noneMatch(line -> line.startsWith("load=")), child.out);
    }

    @Test
    void openBlasRunsOneThreadWhateverTheEngineRuns() throws Exception {
        Child child = run(testClassPath(), "-Dorg.bytedeco.javacpp.cachedir=" + folder.resolve("cache"), "-Dbackprop4j.threads=3");
        assertTrue(child.line("netlib").matches("netlib \\(native OpenBLAS [0-9.]+, bundled, 1 thread\\)"), child.line("netlib"));
        assertEquals("1", child.line("threads"), "openblas_get_num_threads");
        assertEquals(List.of(), child.warnings());
    }

    /**
     * netlib's Java products give the first call's bits on every later call while the JIT compiles
     * them: netlib's Vector API dgemm, which it picks itself under {@code --add-modules jdk.incubator.vector},
     * did not on JDK 25 (the first 192×128 by 128×128 call differed from the 599 after it).
     */
    @Test
    void netlibsJavaGivesTheFirstCallsBitsOnEveryCall() throws Exception {
        Child child = run(List.of(SteadyBitsProbe.class.getName(), "current"), testClassPath(),
                "-Dorg.bytedeco.javacpp.cachedir=" + folder.resolve("cache"), "-Dbackprop4j.blas=netlib-java");
        assertEquals("netlib (pure Java)", child.line("name"));
        for (String transposes : List.of("NN", "TN", "NT", "TT")) {
            assertEquals("0", child.line(transposes), transposes + ": calls whose bits differ from the first call's");
        }
    }

    /** The same where the bundled OpenBLAS cannot load, with the products cut into bands on two threads. */
    @Test
    void theFallbackGivesTheFirstCallsBitsOnEveryCallInBands() throws Exception {
        Child child = run(List.of(SteadyBitsProbe.class.getName(), "netlib"), testClassPath(),
                "-Dorg.bytedeco.javacpp.cachedir=" + unwritable("cache"), "-Duser.home=" + unwritable("home"),
                "-Djava.io.tmpdir=" + unwritable("tmp"), "-Dbackprop4j.threads=2");
        assertTrue(child.line("name").startsWith("netlib (pure Java; the bundled OpenBLAS did not load"), child.line("name"));
        assertEquals(2, RowBands.NETLIB_JAVA.count(192, 128, 128, 2), "the products split in two bands");
        for (String transposes : List.of("NN", "TN", "NT", "TT")) {
            assertEquals("0", child.line(transposes), transposes + ": calls whose bits differ from the first call's");
        }
    }
}
