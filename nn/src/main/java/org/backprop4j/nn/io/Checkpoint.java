package org.backprop4j.nn.io;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;

import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.MultilayerPerceptron;

/**
 * A saved network: its {@link Architecture} and its parameters in the flat order, in a small
 * versioned binary format that either engine reads.
 *
 * <p>Format version 1, big-endian: the magic bytes {@code BP4J}; the version (int); nin (int); the
 * number of layers (int) and each layer's width (int); the hidden activation, output activation and
 * initialisation names (modified UTF-8); the seed (long); the parameter count (int); the
 * parameters (doubles); then the CRC-32 of everything before it (long).
 *
 * <p><b>Saving is durable and atomic.</b> {@link #save} writes a temporary file
 * ({@code .<name>.<16 hex digits>.tmp}) in the target's folder, forces its bytes to disk, renames it
 * over the target atomically, then forces the folder so the rename is on disk too; the new file keeps
 * the POSIX permissions and group of the one it replaces (a save that may not give it that group
 * fails, naming it). Once {@code save}
 * returns, the file survives a crash or a power cut; until then, the previous file is intact. If
 * {@code save} throws, the file holds either the previous checkpoint or the new one, whole, and the
 * temporary file is gone. A process killed mid-save can leave its temporary file behind; nothing
 * reads it, later saves pick fresh names, and it is safe to delete when no save is running. A
 * path that is a symbolic link, a device, a pipe or a socket is refused (the rename would replace
 * it by a plain file: as root, {@code save} to {@code /dev/null} would replace the device). On a
 * file system that cannot rename atomically, {@code save} refuses. On Windows, where a folder
 * cannot be opened as a file, the folder is not forced and the rename's durability rests with NTFS.
 * A path of another file system than the platform's (a zip file system, an in-memory one in tests)
 * is saved through the same steps, and is as durable as that file system makes them: a zip file
 * system, for one, writes nothing to disk until it is closed.
 *
 * <p><b>Loading checks before it reads, and before it changes anything.</b> {@link #load} reads the
 * header first and checks the declared sizes against the file's length and the model, so a large
 * file that is not a checkpoint of this model is refused after reading a few bytes; then it checks
 * the checksum and that every parameter is finite, and only then changes the model. A bad file
 * leaves the model exactly as it was.
 *
 * <p><b>One architecture, whole.</b> A file loads only into a model whose {@link Architecture} equals
 * the saved one in every field — sizes, activations, initialisation and seed — so that afterwards
 * the model's {@code architecture()} describes what it holds: {@code Checkpoint.of(model)} equals
 * {@code Checkpoint.read(file)}. To load a file of unknown origin, build the model from
 * {@code Checkpoint.read(file).architecture()}. A file saved from either engine loads into either.
 *
 * @param architecture the network's architecture
 * @param parameters its parameters, in the flat order
 */
public record Checkpoint(Architecture architecture, double[] parameters) {

    /** The format version this class writes and reads. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC_BYTES = {'B', 'P', '4', 'J'};

    /**
     * Checks the parameters and copies them.
     *
     * @param architecture the network's architecture
     * @param parameters its parameters in the flat order, all finite
     * @throws NullPointerException if either is null, naming it
     * @throws IllegalArgumentException if the count is not the architecture's, or a parameter is NaN or ±∞ (naming its index)
     */
    public Checkpoint {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(parameters, "parameters");
        if (parameters.length != architecture.parameterCount()) {
            throw new IllegalArgumentException("the architecture has " + architecture.parameterCount()
                    + " parameters, got " + parameters.length);
        }
        parameters = parameters.clone();
        for (int i = 0; i < parameters.length; i++) {
            if (!Double.isFinite(parameters[i])) {
                throw new IllegalArgumentException("parameter " + i + " is " + parameters[i]
                        + ": a checkpoint holds finite parameters only");
            }
        }
    }

    /** {@return a copy of the parameters} */
    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    /**
     * A checkpoint of a network as it is now.
     *
     * @param model any network
     * @return its architecture and current parameters
     * @throws NullPointerException if model is null
     * @throws IllegalArgumentException if a parameter is NaN or ±∞, naming its index
     */
    public static Checkpoint of(MultilayerPerceptron<?> model) {
        Objects.requireNonNull(model, "model");
        return new Checkpoint(model.architecture(), model.parameterValues());
    }

    /**
     * Saves a network durably and atomically (see the class description): once this returns the file
     * survives a crash or power cut; until then the previous file is intact.
     *
     * @param model the network
     * @param path the file to write or replace; its folder must exist
     * @throws NullPointerException if an argument is null, naming it
     * @throws IllegalArgumentException if a parameter is NaN or ±∞ (naming its index; nothing is
     *     written), or the path names no file, or names a folder, a symbolic link, a device, a pipe or a socket
     * @throws CheckpointException if the file cannot be written, naming it, the step that failed and why
     * @throws IOException if it cannot be written for another reason
     */
    public static void save(MultilayerPerceptron<?> model, Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        of(model).write(path);
    }

    /**
     * Writes this checkpoint durably and atomically (see the class description).
     *
     * @param path the file to write or replace; its folder must exist
     * @throws NullPointerException if path is null
     * @throws IllegalArgumentException if the path names no file, or names a folder, a symbolic link, a device, a pipe or a socket
     * @throws CheckpointException if the file cannot be written, naming it, the step that failed and why
     * @throws IOException if it cannot be written for another reason
     */
    public void write(Path path) throws IOException {
        write(path, LocalFileSystemSteps.INSTANCE);
    }

    /** {@link #write(Path)} through the given file operations. */
    void write(Path path, FileSystemSteps steps) throws IOException {
        Objects.requireNonNull(path, "path");
        DurableFile.replace(DurableFile.target(path), encode(), steps);
    }

    /** @return the bytes of this checkpoint in the current format */
    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 8 * parameters.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC_BYTES);
            out.writeInt(VERSION);
            out.writeInt(architecture.nin());
            out.writeInt(architecture.depth());
            for (int n : architecture.nouts()) {
                out.writeInt(n);
            }
            out.writeUTF(architecture.hidden().name());
            out.writeUTF(architecture.output().name());
            out.writeUTF(architecture.init().name());
            out.writeLong(architecture.seed());
            out.writeInt(parameters.length);
            for (double p : parameters) {
                out.writeDouble(p);
            }
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads and checks a checkpoint: the header and the declared sizes against the file's length
     * first, then the parameters and the checksum.
     *
     * @param path the file
     * @return the checkpoint
     * @throws NullPointerException if path is null
     * @throws CheckpointException if the path is a folder, device, pipe or socket, or the file is truncated, corrupted,
     *     of another version or not a checkpoint, or the thread is interrupted (which closes the file)
     * @throws IOException if it cannot be read
     */
    public static Checkpoint read(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        try (CheckpointReader reader = CheckpointReader.open(path)) {
            Architecture architecture = reader.readArchitecture();
            return new Checkpoint(architecture, reader.readParameters());
        }
    }

    /**
     * Loads a saved network's parameters into {@code model}. The header is read first: a file that
     * is not a checkpoint, whose declared sizes disagree with its length, or whose architecture is
     * not the model's in every field (sizes, activations, initialisation, seed) is refused before
     * its parameters are read. Then the checksum and every parameter are checked, and only then is
     * the model changed. On any error the model is unchanged. A file saved from either engine loads
     * into either.
     *
     * @param path the file
     * @param model the network to overwrite
     * @throws NullPointerException if an argument is null, naming it
     * @throws CheckpointException if the file is bad or of another architecture (naming both), or the thread
     *     is interrupted (which closes the file)
     * @throws IOException if it cannot be read
     */
    public static void load(Path path, MultilayerPerceptron<?> model) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(model, "model");
        Architecture have = model.architecture();
        try (CheckpointReader reader = CheckpointReader.open(path)) {
            Architecture saved = reader.readArchitecture();
            if (!saved.equals(have)) {
                reader.checkChecksumOnly();
                throw new CheckpointException(path + " holds a network " + CheckpointReader.describe(saved) + ", not "
                        + CheckpointReader.describe(have) + "; build the model from Checkpoint.read(file).architecture() to load it");
            }
            model.setParameterValues(reader.readParameters());
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint c && architecture.equals(c.architecture)
                && Arrays.equals(parameters, c.parameters);
    }

    @Override
    public int hashCode() {
        return 31 * architecture.hashCode() + Arrays.hashCode(parameters);
    }

    @Override
    public String toString() {
        return "Checkpoint(" + CheckpointReader.describe(architecture) + ", " + parameters.length + " parameters)";
    }
}
