package org.backprop4j.nn.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.MultilayerPerceptron;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Checkpoints larger than the reader's 64 kB buffer, files closed after every load, and UTF-8 lengths at their edges. */
class CheckpointEdgesTest {

    /** 3 → 200 → 150 → 2: 31,252 parameters, 250,016 bytes of values, nearly four buffers' worth. */
    private static final Architecture LARGE = Architecture.of(3, List.of(200, 150, 2));

    private static double[] randomValues(int n) {
        SplittableRandom random = new SplittableRandom(14);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextDouble(-3, 3);
        }
        return values;
    }

    @Test
    void aCheckpointOfSeveralBuffersRoundTripsBetweenEngines(@TempDir Path folder) throws IOException {
        MultilayerPerceptron<?> saved = new org.backprop4j.nn.tensor.MLP(LARGE);
        double[] values = randomValues(saved.parameterCount());
        saved.setParameterValues(values);
        Path file = folder.resolve("large.bp4j");
        Checkpoint.save(saved, file);
        assertTrue(Files.size(file) > 3 * 65_536, "the file spans several buffers: " + Files.size(file));
        MultilayerPerceptron<?> loaded = new org.backprop4j.nn.scalar.MLP(LARGE);
        Checkpoint.load(file, loaded);
        assertArrayEquals(values, loaded.parameterValues());
        Checkpoint read = Checkpoint.read(file);
        assertEquals(LARGE, read.architecture());
    }

    @Test
    void everyLoadClosesItsFile(@TempDir Path folder) throws IOException {
        Path descriptors = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(descriptors), "counting open files needs /proc/self/fd (Linux)");
        MultilayerPerceptron<?> model = new org.backprop4j.nn.tensor.MLP(3, List.of(4, 1));
        Path file = folder.resolve("small.bp4j");
        Checkpoint.save(model, file);
        Path notACheckpoint = folder.resolve("text.bp4j");
        Files.writeString(notACheckpoint, "not a checkpoint at all", StandardCharsets.UTF_8);
        long before = count(descriptors);
        for (int i = 0; i < 200; i++) {
            Checkpoint.load(file, model);
            Checkpoint.read(file);
            try {
                Checkpoint.read(notACheckpoint);
            } catch (CheckpointException expected) {
                // refused, as it should be; its file must be closed all the same
            }
        }
        long after = count(descriptors);
        assertTrue(after - before < 50, "600 loads left " + (after - before) + " files open");
    }

    private static long count(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    /** The empty path names the working folder: the messages say so, not "path  is a folder". */
    @Test
    void theEmptyPathIsNamedAsTheWorkingFolder() {
        var model = new org.backprop4j.nn.tensor.MLP(3, List.of(2, 1));
        String workingFolder = Path.of("").toAbsolutePath().toString();
        IllegalArgumentException save = assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(model, Path.of("")));
        assertEquals("the empty path (the working folder " + workingFolder + ") is a folder: give a file inside it to save to", save.getMessage());
        CheckpointException load = assertThrows(CheckpointException.class, () -> Checkpoint.load(Path.of(""), model));
        assertTrue(load.getMessage().startsWith("the empty path (the working folder " + workingFolder + ") is a folder"), load.getMessage());
        CheckpointException read = assertThrows(CheckpointException.class, () -> Checkpoint.read(Path.of("")));
        assertTrue(read.getMessage().startsWith("the empty path (the working folder " + workingFolder + ")"), read.getMessage());
    }

    @Test
    void utf8LengthsChangeExactlyAtTheirEdges() {
        int[][] cases = {{0, 1}, {0x7f, 1}, {0x80, 2}, {0x7ff, 2}, {0x800, 3}, {0xffff, 3}, {0x10000, 4}, {0x10ffff, 4}};
        for (int[] c : cases) {
            String text = new String(Character.toChars(c[0]));
            assertEquals(text.getBytes(StandardCharsets.UTF_8).length, c[1], "the table itself, at U+" + Integer.toHexString(c[0]));
            assertEquals(c[1], DurableFile.utf8Length(c[0]), "U+" + Integer.toHexString(c[0]));
        }
    }

    @Test
    void aLargeCheckpointOfAnotherArchitectureIsCheckedWholeBeforeItIsNamed(@TempDir Path folder) throws IOException {
        MultilayerPerceptron<?> saved = new org.backprop4j.nn.tensor.MLP(LARGE);
        saved.setParameterValues(randomValues(saved.parameterCount()));
        Path file = folder.resolve("large.bp4j");
        Checkpoint.save(saved, file);
        MultilayerPerceptron<?> other = new org.backprop4j.nn.scalar.MLP(3, List.of(4, 1));
        CheckpointException wrongModel = assertThrows(CheckpointException.class, () -> Checkpoint.load(file, other));
        assertTrue(wrongModel.getMessage().contains(" holds a network "), wrongModel.getMessage());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 100_000] ^= 0x10;
        Files.write(file, bytes);
        CheckpointException corrupted = assertThrows(CheckpointException.class, () -> Checkpoint.load(file, other));
        assertEquals(file + " is corrupted: its checksum does not match its contents", corrupted.getMessage());
    }

    @Test
    void theDeepestArchitectureAFileMayDeclareReadsBack(@TempDir Path folder) throws IOException {
        Architecture deepest = Architecture.of(1, java.util.Collections.nCopies(1 << 16, 1));
        double[] values = randomValues(deepest.parameterCount());
        Path file = folder.resolve("deep.bp4j");
        Files.write(file, new Checkpoint(deepest, values).encode());
        Checkpoint read = Checkpoint.read(file);
        assertEquals(deepest, read.architecture());
        assertArrayEquals(values, read.parameters());
    }
}
