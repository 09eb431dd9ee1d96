package org.backprop4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a one-thread training step at the design's {@code seed} and {@code moons} allocates when the JIT removes
 * no allocation at all ({@code -XX:-DoEscapeAnalysis}, in a child JVM): every object the step creates is then
 * counted, so the count is the same run to run and shows an object the engine makes each step whether or not
 * the JIT happens to inline it away (as {@code AllocationTest}'s warm figures cannot). The bounds are the counts
 * of 7 December 2026 (JDK 17 and 25: seed and moons 608 bytes a step, scalar kernels, the default backend) plus
 * less than one more graph node (64 bytes). Before: 1,648 and 1,584 (6 December: an iterator at each of the
 * workspace's shelf look-ups, a list and a thread-local entry at each scope); earlier still, each layer's
 * backward made a 56-byte object and each node was 72 bytes (1,864 and 1,800).
 */
class StepAllocationTest {

    /** The most bytes a step may allocate with escape analysis off, by configuration. */
    private static final Map<String, Double> BOUND = Map.of("seed", 660.0, "moons", 660.0);

    @TempDir
    Path folder;

    @Test
    void aOneThreadStepAllocatesNoMoreThanItsGraphWhateverTheJitInlines() throws IOException, InterruptedException {
        Map<String, Double> bytes = child();
        assertEquals(BOUND.keySet(), bytes.keySet());
        for (Map.Entry<String, Double> bound : BOUND.entrySet()) {
            double measured = bytes.get(bound.getKey());
            System.out.printf("allocation without escape analysis, %s: %.1f bytes a step (bound %.0f)%n", bound.getKey(), measured,
                    bound.getValue());
            assertTrue(measured <= bound.getValue(), () -> bound.getKey() + ": " + measured + " bytes a step, more than "
                    + bound.getValue());
        }
    }

    private Map<String, Double> child() throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-DoEscapeAnalysis",
                "-Dbackprop4j.simd=false", "-Dbackprop4j.threads=1", "-cp", System.getProperty("java.class.path"),
                StepAllocationProbe.class.getName());
        Path out = folder.resolve("out.txt");
        Path err = folder.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the child JVM finishes");
        assertEquals(0, process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
        Map<String, Double> bytes = new HashMap<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            String[] words = line.trim().split(" ");
            bytes.put(words[0], Double.parseDouble(words[1]));
        }
        return bytes;
    }
}
