package org.backprop4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.backprop4j.tensor.parallel.Workers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Training gives the same bits on 1, 2, 3 and 4 threads — losses and parameters after a few steps
 * of networks whose every split loop is above its cut-over ({@link ThreadCountProbe}), the matrix
 * products cut into bands of rows among them — on every engine path: the bundled OpenBLAS, EJML and
 * netlib's Java dgemm for the products (EJML's are never split), the Vector
 * API lanes and the scalar loops for the kernels; and {@code -Dbackprop4j.threads=N} gives the bits
 * of N threads. Each other path runs in a child JVM (the backend and the kernels are chosen once per JVM).
 */
class ThreadCountBitsTest {

    @TempDir
    Path folder;

    @Test
    void thisJvmsPathGivesTheSameBitsOnOneToFourThreads() {
        ThreadCountProbe.digest();
        Set<String> digests = new HashSet<>();
        for (int threads : ThreadCountProbe.THREADS) {
            Workers.runOn(Workers.of(threads), () -> digests.add(ThreadCountProbe.digest()));
        }
        digests.add(ThreadCountProbe.digest());
        assertEquals(1, digests.size(), digests.toString());
    }

    @ParameterizedTest(name = "backprop4j.blas={0}, kernels {1}, backprop4j.threads={2}")
    @CsvSource({
        "netlib, lanes, 3",
        "netlib, scalar, 1",
        "ejml, lanes, 2",
        "ejml, scalar, 4",
        "netlib-java, lanes, 1",
    })
    void everyPathGivesTheSameBitsOnOneToFourThreads(String backend, String kernels, int jvmThreads) throws Exception {
        List<String> lines = child(backend, kernels, jvmThreads);
        String expected = lines.get(0).substring(lines.get(0).indexOf(' ') + 1);
        for (int i = 0; i < ThreadCountProbe.THREADS.length; i++) {
            assertEquals("threads=" + ThreadCountProbe.THREADS[i] + " " + expected, lines.get(i), String.join("\n", lines));
        }
        assertEquals("shared=" + jvmThreads + " " + expected, lines.get(4), "-Dbackprop4j.threads=" + jvmThreads);
        String products = lines.get(5);
        switch (backend) {
            case "netlib":
                assertTrue(products.matches("products=netlib \\(native OpenBLAS .*, bundled, 1 thread\\)"), products);
                break;
            case "ejml":
                assertEquals("products=ejml", products);
                break;
            default:
                assertTrue(products.matches("products=netlib \\((Vector API|pure Java)\\)"), products);
        }
        String ran = lines.get(6);
        assertTrue(kernels.equals("scalar") ? ran.equals("kernels=scalar") : ran.matches("kernels=Vector API \\(\\d+ lanes\\)"), ran);
    }

    private List<String> child(String backend, String kernels, int threads) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dbackprop4j.blas=" + backend, "-Dbackprop4j.threads=" + threads));
        if (kernels.equals("lanes")) {
            command.add(1, "--add-modules");
            command.add(2, "jdk.incubator.vector");
        } else {
            command.add("-Dbackprop4j.simd=false");
        }
        command.add(ThreadCountProbe.class.getName());
        if (kernels.equals("lanes")) {
            command.add("lanes");
        }
        Path out = folder.resolve("out.txt");
        Path err = folder.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the child JVM finishes");
        assertEquals(0, process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }
}
