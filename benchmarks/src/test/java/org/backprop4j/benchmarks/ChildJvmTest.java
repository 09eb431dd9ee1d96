package org.backprop4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.UnaryOperator;
import org.backprop4j.benchmarks.peer.ChildJvm;
import org.backprop4j.benchmarks.peer.JavaPeer;
import org.backprop4j.benchmarks.step.Agreement;
import org.backprop4j.benchmarks.step.Configuration;
import org.backprop4j.benchmarks.step.Side;
import org.backprop4j.benchmarks.timing.RowKey;
import org.backprop4j.benchmarks.timing.Threads;
import org.backprop4j.tensor.blas.MatrixProducts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java sides' JVM: which JDK ({@code -Djdk}, checked) and how many threads, and the rows keyed by them. */
class ChildJvmTest {

    /** Where the project's JDK 25 is installed on its machines; a test that needs it is skipped elsewhere. */
    private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @TempDir
    Path folder;

    @AfterEach
    void clearProperties() {
        System.clearProperty("jdk");
        System.clearProperty("configs");
        System.clearProperty("quick");
    }

    @Test
    void aBlankJdkIsTheOneRunningTheComparisonAndAJdkHomeIsTakenAsItIs() {
        Path running = Path.of(System.getProperty("java.home"));
        assertEquals(running, ChildJvm.jdk(""));
        assertEquals(running, ChildJvm.jdk(null));
        assertEquals(running, ChildJvm.jdk(" " + running + " "));
    }

    @Test
    void aJdkThatIsNotOneIsRefusedNamingWhatIsWrong() throws IOException {
        Path missing = folder.resolve("no-such-jdk");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChildJvm.jdk(missing.toString()));
        assertEquals("-Djdk=" + missing + " is not a directory: name a JDK's home, e.g. /usr/lib/jvm/temurin-25-jdk-amd64", e.getMessage());
        Path empty = Files.createDirectory(folder.resolve("empty"));
        e = assertThrows(IllegalArgumentException.class, () -> ChildJvm.jdk(empty.toString()));
        assertEquals("-Djdk=" + empty + " is not a JDK: it has no executable bin/java", e.getMessage());
        Path notExecutable = Files.createDirectories(folder.resolve("plain/bin"));
        Files.writeString(notExecutable.resolve("java"), "not a program");
        e = assertThrows(IllegalArgumentException.class, () -> ChildJvm.jdk(notExecutable.getParent().toString()));
        assertTrue(e.getMessage().endsWith("has no executable bin/java"), e.getMessage());
        Path old = Files.createDirectories(folder.resolve("jdk-11/bin"));
        Files.writeString(old.resolve("java"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(old.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(old.getParent().resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"11.0.22\"\n");
        e = assertThrows(IllegalArgumentException.class, () -> ChildJvm.jdk(old.getParent().toString()));
        assertEquals("-Djdk=" + old.getParent() + " is Java 11: the library needs Java 17 or newer", e.getMessage());
        Files.writeString(old.getParent().resolve("release"), "JAVA_VERSION=\"1.8.0_402\"\n");
        e = assertThrows(IllegalArgumentException.class, () -> ChildJvm.jdk(old.getParent().toString()));
        assertTrue(e.getMessage().contains("is Java 8:"), e.getMessage());
        IllegalArgumentException threads = assertThrows(IllegalArgumentException.class, () -> new ChildJvm(Path.of("/"), 0));
        assertEquals("a child JVM runs on at least 1 thread, got 0", threads.getMessage());
    }

    @Test
    void aRuntimeWithoutTheVectorModuleIsRefusedAsABadOptionNotStartedAndFailedLater() throws IOException {
        // what `jlink --add-modules java.base --output jre` makes: a Java 17 that cannot start with --add-modules jdk.incubator.vector
        Path jre = Files.createDirectories(folder.resolve("jre/bin"));
        Files.writeString(jre.resolve("java"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(jre.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(jre.getParent().resolve("release"), "JAVA_VERSION=\"17.0.15\"\nMODULES=\"java.base java.logging\"\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChildJvm.jdk(jre.getParent().toString()));
        assertEquals("-Djdk=" + jre.getParent() + " has no jdk.incubator.vector module (its release file lists 2), which the Java sides "
                + "start with: name a full JDK's home", e.getMessage());
        Files.writeString(jre.getParent().resolve("release"), "JAVA_VERSION=\"17.0.15\"\nMODULES=\"java.base jdk.incubator.vector\"\n");
        assertEquals(jre.getParent(), ChildJvm.jdk(jre.getParent().toString()));
        Files.writeString(jre.getParent().resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        assertEquals(jre.getParent(), ChildJvm.jdk(jre.getParent().toString()), "a release file without MODULES says nothing about them");
    }

    @Test
    void aBadJdkEndsTheComparisonAsABadOptionBeforeAnythingRuns() {
        System.setProperty("configs", "seed");
        System.setProperty("quick", "true");
        System.setProperty("jdk", folder.resolve("nowhere").toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = Compare.run(new String[0], new PrintStream(bytes, true, StandardCharsets.UTF_8), UnaryOperator.identity(), UnaryOperator.identity());
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(2, status, printed);
        assertEquals("error: -Djdk=" + folder.resolve("nowhere") + " is not a directory: name a JDK's home, e.g. "
                + "/usr/lib/jvm/temurin-25-jdk-amd64", printed.strip());
    }

    @Test
    void aChildOnTwoThreadsSaysSoAndComputesTheSameGradients() throws IOException {
        ChildJvm jvm = new ChildJvm(ChildJvm.jdk(""), 2);
        try (JavaPeer java = JavaPeer.start(jvm, Configuration.MOONS, "ejml", List.of(Side.TENSOR))) {
            assertEquals(new JavaPeer.Description(System.getProperty("java.version"), 2, "ejml"), java.description());
            // this JVM's products may run on OpenBLAS (auto), the child's run on EJML: equal to rounding, as the comparison checks
            assertTrue(Agreement.withTensor(Configuration.MOONS, java.gradients()).relative() <= Agreement.LIMIT);
        }
        MatrixProducts.netlib().name(); // loads the bundled OpenBLAS here, which sets netlib's properties in this JVM
        try (JavaPeer java = JavaPeer.start(jvm, Configuration.MOONS, "netlib", List.of(Side.TENSOR))) {
            assertTrue(java.description().backend().matches("netlib \\(native OpenBLAS [0-9.]+, bundled, 1 thread\\)"),
                    "the child loads the bundled OpenBLAS itself, which runs each product on one thread: " + java.description());
            assertEquals(2, java.description().threads(), "the engine's own splits run on the child's two threads");
        }
        try (JavaPeer java = JavaPeer.start(new ChildJvm(ChildJvm.jdk(""), 1), Configuration.MOONS, "ejml", List.of(Side.TENSOR))) {
            double[] oneThread = java.gradients();
            try (JavaPeer two = JavaPeer.start(jvm, Configuration.MOONS, "ejml", List.of(Side.TENSOR))) {
                assertArrayEquals(oneThread, two.gradients(), "on the same backend one thread and two give the same bits");
            }
        }
    }

    @Test
    void aChildOnJdk25SaysWhichJavaItIs() throws IOException {
        assumeTrue(Files.isExecutable(JDK_25.resolve("bin/java")), "no JDK 25 at " + JDK_25 + " on this machine");
        try (JavaPeer java = JavaPeer.start(new ChildJvm(ChildJvm.jdk(JDK_25.toString()), 1), Configuration.SEED, "ejml",
                List.of(Side.TENSOR))) {
            assertTrue(java.description().javaVersion().startsWith("25"), java.description().toString());
            assertEquals(1, java.description().threads());
            assertTrue(Agreement.withTensor(Configuration.SEED, java.gradients()).relative() <= Agreement.LIMIT);
        }
    }

    @Test
    void eachConfigurationHasARowPerLineAndTheDefaultsLineRunsOnEveryCore() {
        RowKey one = new RowKey(Configuration.MOONS, "auto", Threads.ONE);
        RowKey defaults = new RowKey(Configuration.MOONS, "auto", Threads.DEFAULTS);
        assertTrue(!one.equals(defaults) && one.equals(new RowKey(Configuration.MOONS, "auto", Threads.ONE)));
        assertEquals("moons on auto, 1 thread", one.toString());
        assertEquals("moons on auto, defaults", defaults.toString());
        assertEquals(1, Threads.ONE.tensorThreads());
        assertEquals(Runtime.getRuntime().availableProcessors(), Threads.DEFAULTS.tensorThreads());
        NullPointerException e = assertThrows(NullPointerException.class, () -> new RowKey(Configuration.SEED, "auto", null));
        assertEquals("threads", e.getMessage());
        assertEquals(Side.PYTORCH_F32, Side.of(" PyTorch-F32 "));
        assertEquals(List.of("", "", "", "float64", "float32"), java.util.Arrays.stream(Side.values()).map(Side::torchDtype).toList());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Side.of("pytorch-f16"));
        assertEquals("no side 'pytorch-f16': choose from scalar, tensor, roofline, pytorch, pytorch-f32", bad.getMessage());
    }

    @Test
    void aQuickRunTimesTheDefaultsLineAtMoonsAndLargeOnlyAndAFullRunEverywhere() throws Exception {
        System.setProperty("configs", "seed,moons,large,pinn");
        System.setProperty("quick", "true");
        assertEquals(List.of(Configuration.MOONS, Configuration.LARGE), Options.read(new String[0]).defaultsConfigs());
        System.setProperty("quick", "false");
        assertEquals(List.of(Configuration.SEED, Configuration.MOONS, Configuration.LARGE, Configuration.PINN),
                Options.read(new String[0]).defaultsConfigs());
    }
}
