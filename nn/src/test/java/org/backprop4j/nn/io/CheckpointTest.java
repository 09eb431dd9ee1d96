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
import org.backprop4j.nn.data.DataSets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoints: round trips across engines, atomic saves, and every kind of bad file refused without touching the model. */
class CheckpointTest {

    private static final Architecture SHAPE = TrainedModel.SHAPE;

    @Test
    void scalarSaveLoadsIntoTensorAndBack(@TempDir Path folder) throws IOException {
        org.backprop4j.nn.scalar.MLP scalar = TrainedModel.scalar();
        Path file = folder.resolve("model.bp4j");
        Checkpoint.save(scalar, file);
        org.backprop4j.nn.tensor.MLP tensor = new org.backprop4j.nn.tensor.MLP(SHAPE);
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
        Checkpoint.save(TrainedModel.scalar(), file);
        assertArrayEquals(before, Files.readAllBytes(link),
                "the old file's bytes were never written over: a crash mid-save would have left them whole");
        assertTrue(!Arrays.equals(before, Files.readAllBytes(file)));
    }

    private static void assertRefused(Path file, byte[] bytes, String expected) throws IOException {
        if (bytes != null) {
            Files.write(file, bytes);
        }
        org.backprop4j.nn.tensor.MLP model = new org.backprop4j.nn.tensor.MLP(SHAPE);
        double[] before = model.parameterValues();
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(file, model));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should say " + expected);
        assertArrayEquals(before, model.parameterValues(), "a refused file leaves the model as it was");
    }

    @Test
    void truncatedFilesAreRefusedAtEveryLength(@TempDir Path folder) throws IOException {
        byte[] good = Checkpoint.of(TrainedModel.scalar()).encode();
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
        byte[] good = Checkpoint.of(TrainedModel.scalar()).encode();
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
        assertEquals("the architecture has 26 parameters, got 3",
                assertThrows(IllegalArgumentException.class, () -> new Checkpoint(SHAPE, new double[3])).getMessage());
    }

    private static org.backprop4j.nn.MultilayerPerceptron<?> build(String engine, Architecture architecture) {
        return engine.equals("scalar") ? new org.backprop4j.nn.scalar.MLP(architecture) : new org.backprop4j.nn.tensor.MLP(architecture);
    }

    /** Writes a non-finite value straight into one parameter, as a diverged optimizer would leave it. */
    private static void poison(org.backprop4j.nn.MultilayerPerceptron<?> model, int index, double bad) {
        if (model instanceof org.backprop4j.nn.scalar.MLP scalar) {
            scalar.parameters().get(index).setData(bad);
        } else {
            int layer = 0;
            while (SHAPE.offsetOf(layer + 1) <= index) {
                layer++;
            }
            int width = SHAPE.inputsOf(layer) + 1;
            int neuron = (index - SHAPE.offsetOf(layer)) / width;
            int k = (index - SHAPE.offsetOf(layer)) % width;
            var parameters = ((org.backprop4j.nn.tensor.MLP) model).parameters();
            if (k < width - 1) {
                parameters.get(2 * layer).data().set(neuron, k, bad);
            } else {
                parameters.get(2 * layer + 1).data().set(0, neuron, bad);
            }
        }
        assertEquals(bad, model.parameterValues()[index]);
    }

    private static List<Path> listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    @ParameterizedTest
    @CsvSource({"scalar, NaN, 0", "scalar, Infinity, 17", "tensor, -Infinity, 25", "tensor, NaN, 21"})
    void aModelHoldingNonFiniteParametersIsRefusedNamingTheIndexAndNothingIsWritten(String engine, double bad, int index,
            @TempDir Path folder) throws IOException {
        var model = build(engine, SHAPE);
        Path file = folder.resolve("model.bp4j");
        Checkpoint.save(model, file);
        byte[] before = Files.readAllBytes(file);
        poison(model, index, bad);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(model, file));
        assertEquals("parameter " + index + " is " + bad + ": a checkpoint holds finite parameters only", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "the previous file is untouched");
        assertEquals(List.of(file), listing(folder), "nothing else is written");
        Path fresh = folder.resolve("fresh.bp4j");
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(model, fresh));
        assertFalse(Files.exists(fresh));
        double[] values = SHAPE.initialParameters();
        values[index] = bad;
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint(SHAPE, values));
    }

    @Test
    void nullArgumentsAreNamed(@TempDir Path folder) throws IOException {
        var model = new org.backprop4j.nn.tensor.MLP(SHAPE);
        Path file = folder.resolve("model.bp4j");
        Checkpoint.save(model, file);
        assertEquals("model", assertThrows(NullPointerException.class, () -> Checkpoint.save(null, file)).getMessage());
        assertEquals("path", assertThrows(NullPointerException.class, () -> Checkpoint.save(model, null)).getMessage());
        assertEquals("path", assertThrows(NullPointerException.class, () -> Checkpoint.load(null, model)).getMessage());
        assertEquals("model", assertThrows(NullPointerException.class, () -> Checkpoint.load(file, null)).getMessage());
        assertEquals("path", assertThrows(NullPointerException.class, () -> Checkpoint.read(null)).getMessage());
        assertEquals("model", assertThrows(NullPointerException.class, () -> Checkpoint.of(null)).getMessage());
        assertEquals("path", assertThrows(NullPointerException.class, () -> Checkpoint.of(model).write(null)).getMessage());
    }

    @Test
    void pathsThatNameNoFileOrAFolderAreRefusedClearly(@TempDir Path folder) throws IOException {
        var model = new org.backprop4j.nn.scalar.MLP(SHAPE);
        Path root = folder.getRoot();
        IllegalArgumentException noName = assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(model, root));
        assertEquals("path " + root + " names no file: give the file to save to", noName.getMessage());
        IllegalArgumentException isFolder = assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(model, folder));
        assertEquals("path " + folder + " is a folder: give a file inside it to save to", isFolder.getMessage());
        Path missing = folder.resolve("missing").resolve("model.bp4j");
        CheckpointException noFolder = assertThrows(CheckpointException.class, () -> Checkpoint.save(model, missing));
        assertEquals("cannot save " + missing + ": its folder " + missing.getParent() + " does not exist", noFolder.getMessage());
        Path file = folder.resolve("a-file");
        Files.write(file, new byte[] {1});
        CheckpointException notAFolder = assertThrows(CheckpointException.class, () -> Checkpoint.save(model, file.resolve("model.bp4j")));
        assertTrue(notAFolder.getMessage().endsWith(file + " is not a folder"), notAFolder.getMessage());
        CheckpointException loadFolder = assertThrows(CheckpointException.class, () -> Checkpoint.load(folder, model));
        assertEquals(folder + " is a folder, not a checkpoint", loadFolder.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Checkpoint.load(folder.resolve("absent"), model));
        assertEquals(List.of(file), listing(folder));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aFolderThatCannotBeWrittenIsReportedByTheTargetsName() {
        Path target = Path.of("/proc/model.bp4j");   // no process, not even root, can create files in /proc
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Checkpoint.save(new org.backprop4j.nn.tensor.MLP(SHAPE), target));
        assertTrue(e.getMessage().startsWith("cannot save /proc/model.bp4j: creating a temporary file in /proc failed"), e.getMessage());
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
    }

    @Test
    void aFileWithTheLongestNameTheFileSystemAllowsSaves(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("m".repeat(250) + ".bp4j");
        var model = TrainedModel.scalar();
        Checkpoint.save(model, file);
        assertEquals(Checkpoint.of(model), Checkpoint.read(file));
        assertEquals(List.of(file), listing(folder));
    }

    @ParameterizedTest
    @CsvSource({"scalar, tensor", "tensor, scalar", "scalar, scalar", "tensor, tensor"})
    void aFileOfAnotherSeedOrInitialisationIsRefusedSoTheModelsArchitectureStaysTrue(String from, String into,
            @TempDir Path folder) throws IOException {
        var saved = build(from, SHAPE);
        Path file = folder.resolve("model.bp4j");
        Checkpoint.save(saved, file);
        for (Architecture other : List.of(SHAPE.withSeed(1), SHAPE.withInit(Init.UNIFORM))) {
            var model = build(into, other);
            double[] before = model.parameterValues();
            CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(file, model));
            assertTrue(e.getMessage().contains("GLOROT init, seed 99)") && e.getMessage().contains(
                    other.init() + " init, seed " + other.seed() + ")"), e.getMessage());
            assertArrayEquals(before, model.parameterValues());
            assertEquals(other, model.architecture());
        }
        var rebuilt = build(into, Checkpoint.read(file).architecture());
        Checkpoint.load(file, rebuilt);
        assertEquals(Checkpoint.read(file), Checkpoint.of(rebuilt), "after a load the model's architecture is the file's");
        assertEquals(SHAPE, rebuilt.architecture());
    }

    @Test
    void aCorruptedHeaderIsReportedAsCorruptionNotAsAnotherArchitecture(@TempDir Path folder) throws IOException {
        byte[] good = Checkpoint.of(TrainedModel.scalar()).encode();
        byte[] seed = good.clone();
        int at = indexOf(seed, "GLOROT".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + 6;
        seed[at + 7] ^= 1;
        assertRefused(folder.resolve("seed"), seed, "checksum does not match");
    }

    /** An activation this library does not know was reported as "is corrupted: No enum constant org.backprop4j.nn.Activation.GELU". */
    @Test
    void anActivationThisLibraryDoesNotKnowIsNamedWithTheOnesItKnows(@TempDir Path folder) throws IOException {
        byte[] good = Checkpoint.of(new org.backprop4j.nn.scalar.MLP(SHAPE)).encode();
        byte[] newer = good.clone();
        int at = indexOf(newer, "RELU".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        System.arraycopy("GELU".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, newer, at, 4);
        assertRefused(folder.resolve("newer"), newer, "is corrupted or saved by a newer version: its hidden activation is 'GELU',"
                + " which this library does not know (it knows " + Arrays.toString(Activation.values()) + ")");
    }

    @Test
    void aLargeFileIsRefusedFromItsHeaderWithoutReadingTheRest(@TempDir Path folder) throws IOException {
        Path zeros = folder.resolve("zeros");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(zeros.toFile(), "rw")) {
            file.setLength(300L << 20);
        }
        assertRefused(zeros, null, "not a backprop4j checkpoint");
        Path padded = folder.resolve("padded");
        byte[] good = Checkpoint.of(TrainedModel.scalar()).encode();
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(padded.toFile(), "rw")) {
            file.write(good);
            file.setLength(300L << 20);
        }
        assertRefused(padded, null, "has " + ((300L << 20) - good.length) + " bytes after its end");
        byte[] huge = good.clone();
        ByteBuffer.wrap(huge).putInt(16, 1 << 30);
        assertRefused(folder.resolve("huge"), huge, "is corrupted: a network of sizes 3 → [1073741824, 2] has 6442450946 parameters,"
                + " more than one Java array holds");
        byte[] wide = good.clone();
        ByteBuffer.wrap(wide).putInt(16, 1000);
        assertRefused(folder.resolve("wide"), wide, "it declares 26 parameters for an architecture of 6002");
    }

    @Test
    void aSymbolicLinkIsRefusedAndLeftAsItWas(@TempDir Path folder) throws IOException {
        var model = new org.backprop4j.nn.scalar.MLP(SHAPE);
        Path file = folder.resolve("run-42.bp4j");
        Checkpoint.save(model, file);
        Path link = Files.createSymbolicLink(folder.resolve("latest.bp4j"), file.getFileName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(model, link));
        assertEquals("path " + link + " is a symbolic link, which a save would replace by a file: save to the file it names, " + file,
                e.getMessage());
        assertTrue(Files.isSymbolicLink(link));
        Checkpoint.load(link, model);
    }

    @Test
    void aSocketOrDeviceIsNeverReplacedNorRead(@TempDir Path folder) throws IOException {
        Path socket = folder.resolve("model.sock");   // stands for any special file: as root, a rename would replace /dev/null
        try (java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(socket));
            var model = new org.backprop4j.nn.tensor.MLP(SHAPE);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(model, socket));
            assertEquals("path " + socket + " is a device, pipe or socket, which a save would replace by a file", e.getMessage());
            assertTrue(Files.exists(socket) && !Files.isRegularFile(socket), "the socket is still there");
            CheckpointException load = assertThrows(CheckpointException.class, () -> Checkpoint.load(socket, model));
            assertEquals(socket + " is a device, pipe or socket, not a checkpoint", load.getMessage());
            assertEquals(List.of(socket), listing(folder));
        }
    }
}
