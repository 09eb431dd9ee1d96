package org.backprop4j.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code backprop4j.blas} that names no backend, in a child JVM (the property is read once per JVM):
 * every use of {@code current()} says so in the same words, and an explicit {@code named("ejml")}
 * still works. It used to throw ExceptionInInitializerError once, then NoClassDefFoundError, for
 * {@code named} too.
 */
class BadBackendPropertyTest {

    @TempDir
    Path folder;

    private List<String> run(String... properties) throws Exception {
        Path out = folder.resolve("out.txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(properties));
        command.add(BackendProbe.class.getName());
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(folder.resolve("err.txt").toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the child JVM finishes");
        assertEquals(0, process.exitValue(), Files.readString(folder.resolve("err.txt"), StandardCharsets.UTF_8));
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownBackendIsNamedAtEveryUseAndLeavesNamedBackendsWorking() throws Exception {
        String refusal = "current=java.lang.IllegalArgumentException: backprop4j.blas must be auto, ejml, netlib or netlib-java, not 'bogus'";
        assertEquals(List.of(refusal, refusal, "ejml=ejml"), run("-Dbackprop4j.blas=bogus"));
    }

    @Test
    void aBadThreadCountIsNamedAtEveryUseOfNetlib() throws Exception {
        String refusal = "current=java.lang.IllegalArgumentException: backprop4j.threads must be an integer from 1 to 256, not '0'";
        assertEquals(List.of(refusal, refusal, "ejml=ejml"), run("-Dbackprop4j.blas=netlib", "-Dbackprop4j.threads=0"));
    }

    /** auto loads netlib in the background, where a bad thread count would go unseen: it is refused at once instead. */
    @Test
    void aBadThreadCountIsNamedAtEveryUseOfAuto() throws Exception {
        String refusal = "current=java.lang.IllegalArgumentException: backprop4j.threads must be an integer from 1 to 256, not 'many'";
        assertEquals(List.of(refusal, refusal, "ejml=ejml"), run("-Dbackprop4j.threads=many"));
    }

    /** The property the engine's thread count replaced is refused with the name of the new one, not ignored. */
    @Test
    void theOldOpenBlasThreadPropertyNamesTheNewOne() throws Exception {
        String refusal = "current=java.lang.IllegalArgumentException: backprop4j.blas.threads is no longer read (it is set to '2'): use "
                + "-Dbackprop4j.threads=N, the one thread count for the products and the element-wise loops (N = 1 for one thread)";
        assertEquals(List.of(refusal, refusal, "ejml=ejml"), run("-Dbackprop4j.blas.threads=2"));
    }
}
