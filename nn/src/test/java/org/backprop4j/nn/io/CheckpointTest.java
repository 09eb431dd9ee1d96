package org.backprop4j.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Init;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoints: round trips across engines, atomic saves, and every kind of bad file refused without touching the model. */
class CheckpointTest {

    private static final Architecture SHAPE = Architecture.of(3, List.of(4, 2)).withActivations(Activation.RELU, Activation.IDENTITY)
            .withInit(Init.GLOROT).withSeed(99);

    private static org.backprop4j.nn.scalar.MLP trainedScalar() {
        org.backprop4j.nn.scalar.MLP mlp = new org.backprop4j.nn.scalar.MLP(SHAPE);
        new Trainer(mlp, Loss.MEAN_SQUARED, Optimizer.sgd(0.1)).epochs(3)
                .fit(new DataSet(DataSets.gaussian(5, 3, 1), DataSets.gaussian(5, 2, 2)));
        return mlp;
    }

    @Test
    void scalarSaveLoadsIntoTensorAndBack(@TempDir Path folder) throws IOException {
        org.backprop4j.nn.scalar.MLP scalar = trainedScalar();
        Path file = folder.resolve("model.bp4j");
        Checkpoint.save(scalar, file);
        org.backprop4j.nn.tensor.MLP tensor = new org.backprop4j.nn.tensor.MLP(SHAPE.withSeed(1));
        Checkpoint.load(file, tensor);
        assertArrayEquals(scalar.parameterValues(), tensor.parameterValues());
        double[][] x = DataSets.gaussian(4, 3, 7);
        assertArrayEquals(scalar.predict(x)[2], tensor.predict(x)[2], 1e-12);
        Checkpoint read = Checkpoint.read(file);
        assertEquals(SHAPE, read.architecture());
        assertEquals(Checkpoint.of(scalar), read);
        org.backprop4j.nn.scalar.MLP again = new org.backprop4j.nn.scalar.MLP(SHAPE);
        Checkpoint.save(tensor, file);
        Checkpoint.load(file, again);
        assertArrayEquals(scalar.parameterValues(), again.parameterValues());
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void saveReplacesTheFileByRenameNeverByOverwriting(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("model.bp4j");
        org.backprop4j.nn.tensor.MLP first = new org.backprop4j.nn.tensor.MLP(SHAPE);
        Checkpoint.save(first, file);
        byte[] before = Files.readAllBytes(file);
        Path link = folder.resolve("previous");
        Files.createLink(link, file);
        Checkpoint.save(trainedScalar(), file);
        assertArrayEquals(before, Files.readAllBytes(link),
                "the old file's bytes were never written over: a crash mid-save would have left them whole");
        assertTrue(!Arrays.equals(before, Files.readAllBytes(file)));
    }

    private static void assertRefused(Path file, byte[] bytes, String expected) throws IOException {
        Files.write(file, bytes);
        org.backprop4j.nn.tensor.MLP model = new org.backprop4j.nn.tensor.MLP(SHAPE);
        double[] before = model.parameterValues();
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(file, model));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should say " + expected);
        assertArrayEquals(before, model.parameterValues(), "a refused file leaves the model as it was");
    }

    @Test
    void truncatedFilesAreRefusedAtEveryLength(@TempDir Path folder) throws IOException {
        byte[] good = Checkpoint.of(trainedScalar()).encode();
        for (int length = 0; length < good.length; length += 7) {
            byte[] cut = Arrays.copyOf(good, length);
            Files.write(folder.resolve("cut"), cut);
            org.backprop4j.nn.tensor.MLP model = new org.backprop4j.nn.tensor.MLP(SHAPE);
            double[] before = model.parameterValues();
            assertThrows(CheckpointException.class, () -> Checkpoint.load(folder.resolve("cut"), model), "length " + length);
            assertArrayEquals(before, model.parameterValues());
        }
        assertRefused(folder.resolve("t"), Arrays.copyOf(good, good.length - 3), "truncated");
        assertRefused(folder.resolve("x"), Arrays.copyOf(good, good.length + 5), "bytes after its end");
    }

    @Test
    void corruptedWrongVersionAndForeignFilesAreRefused(@TempDir Path folder) throws IOException {
        byte[] good = Checkpoint.of(trainedScalar()).encode();
        byte[] flipped = good.clone();
        flipped[good.length - 20] ^= 0x10;
        assertRefused(folder.resolve("flip"), flipped, "checksum");
        byte[] version = good.clone();
        ByteBuffer.wrap(version).putInt(4, 2);
        assertRefused(folder.resolve("version"), version, "format version 2");
        assertRefused(folder.resolve("text"), "hello, this is not a model".getBytes(java.nio.charset.StandardCharsets.UTF_8), "not a backprop4j checkpoint");
        byte[] activation = good.clone();
        int at = indexOf(activation, "RELU".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        activation[at] = 'X';
        assertRefused(folder.resolve("activation"), activation, "corrupted");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(haystack, i, i + needle.length), needle)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void aDifferentArchitectureIsNamed(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("moons.bp4j");
        Checkpoint.save(new org.backprop4j.nn.tensor.MLP(2, List.of(16, 16, 1)), file);
        org.backprop4j.nn.scalar.MLP seed = new org.backprop4j.nn.scalar.MLP(3, List.of(4, 4, 1));
        double[] before = seed.parameterValues();
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(file, seed));
        assertTrue(e.getMessage().contains("2 → [16, 16, 1]") && e.getMessage().contains("3 → [4, 4, 1]"), e.getMessage());
        assertArrayEquals(before, seed.parameterValues());
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint(SHAPE, new double[3]));
    }
}
