package org.backprop4j.nn.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Init;
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
 * <p>{@link #save} writes a temporary file beside the target and moves it into place, so a crash
 * mid-save leaves the previous file intact. {@link #load} reads and checks the whole file — magic,
 * version, sizes, checksum, finite values, architecture — before it changes the network, so a bad
 * file leaves the network exactly as it was.
 *
 * @param architecture the network's architecture
 * @param parameters its parameters, in the flat order
 */
public record Checkpoint(Architecture architecture, double[] parameters) {

    /** The format version this class writes and reads. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC_BYTES = {'B', 'P', '4', 'J'};
    private static final int MAX_LAYERS = 1 << 16;

    /**
     * Checks the parameter count and copies the parameters.
     *
     * @param architecture the network's architecture
     * @param parameters its parameters in the flat order
     * @throws IllegalArgumentException if the count is not the architecture's
     */
    public Checkpoint {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(parameters, "parameters");
        if (parameters.length != architecture.parameterCount()) {
            throw new IllegalArgumentException("the architecture has " + architecture.parameterCount()
                    + " parameters, got " + parameters.length);
        }
        parameters = parameters.clone();
    }

    /** @return a copy of the parameters */
    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    /**
     * @param network any network
     * @return its architecture and current parameters
     */
    public static Checkpoint of(MultilayerPerceptron<?> network) {
        return new Checkpoint(network.architecture(), network.parameterValues());
    }

    /**
     * Saves a network atomically: a crash mid-save leaves any previous file whole.
     *
     * @param network the network
     * @param file the file to write or replace
     * @throws IOException if it cannot be written
     */
    public static void save(MultilayerPerceptron<?> network, Path file) throws IOException {
        of(network).write(file);
    }

    /**
     * Writes this checkpoint atomically.
     *
     * @param file the file to write or replace
     * @throws IOException if it cannot be written
     */
    public void write(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, target.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, encode());
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** @return the bytes of this checkpoint in the current format */
    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
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
     * Reads and checks a checkpoint.
     *
     * @param file the file
     * @return the checkpoint
     * @throws CheckpointException if the file is truncated, corrupted, of another version or not a checkpoint
     * @throws IOException if it cannot be read
     */
    public static Checkpoint read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file.toString());
    }

    static Checkpoint decode(byte[] bytes, String name) throws CheckpointException {
        if (bytes.length < 8 || bytes[0] != MAGIC_BYTES[0] || bytes[1] != MAGIC_BYTES[1] || bytes[2] != MAGIC_BYTES[2]
                || bytes[3] != MAGIC_BYTES[3]) {
            throw new CheckpointException(name + " is not a backprop4j checkpoint (no BP4J header)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            in.skipNBytes(4);
            int version = in.readInt();
            if (version != VERSION) {
                throw new CheckpointException(name + " is format version " + version + "; this library reads version " + VERSION);
            }
            if (bytes.length < 8 + 8) {
                throw new CheckpointException(name + " is truncated: " + bytes.length + " bytes");
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, bytes.length - 8);
            long stored = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
            int nin = in.readInt();
            int depth = in.readInt();
            if (depth < 1 || depth > MAX_LAYERS) {
                throw corrupt(name, stored, crc, "has " + depth + " layers");
            }
            List<Integer> nouts = new ArrayList<>();
            for (int i = 0; i < depth; i++) {
                nouts.add(in.readInt());
            }
            Activation hidden = Activation.valueOf(in.readUTF());
            Activation output = Activation.valueOf(in.readUTF());
            Init init = Init.valueOf(in.readUTF());
            long seed = in.readLong();
            Architecture architecture = new Architecture(nin, nouts, hidden, output, init, seed);
            int count = in.readInt();
            if (count != architecture.parameterCount()) {
                throw corrupt(name, stored, crc, "declares " + count + " parameters for an architecture of " + architecture.parameterCount());
            }
            long expectedLength = 4L + 4 + 4 + 4 + 4L * depth + utf(hidden) + utf(output) + utf(init) + 8 + 4 + 8L * count + 8;
            if (bytes.length < expectedLength) {
                throw new CheckpointException(name + " is truncated: " + bytes.length + " bytes of " + expectedLength);
            }
            if (bytes.length > expectedLength) {
                throw new CheckpointException(name + " has " + (bytes.length - expectedLength) + " bytes after its end");
            }
            if (stored != crc.getValue()) {
                throw new CheckpointException(name + " is corrupted: its checksum does not match its contents");
            }
            double[] parameters = new double[count];
            for (int i = 0; i < count; i++) {
                parameters[i] = in.readDouble();
                if (!Double.isFinite(parameters[i])) {
                    throw new CheckpointException(name + " holds a non-finite parameter " + i + ": " + parameters[i]);
                }
            }
            return new Checkpoint(architecture, parameters);
        } catch (EOFException e) {
            throw new CheckpointException(name + " is truncated");
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(name + " is corrupted: " + e.getMessage());
        } catch (CheckpointException e) {
            throw e;
        } catch (IOException e) {
            throw new CheckpointException(name + " cannot be decoded: " + e.getMessage());
        }
    }

    private static int utf(Enum<?> value) {
        return 2 + value.name().length();
    }

    private static CheckpointException corrupt(String name, long stored, CRC32 crc, String what) {
        return new CheckpointException(name + (stored == crc.getValue() ? " " + what : " is corrupted: it " + what));
    }

    /**
     * Loads a saved network's parameters into {@code network}, after checking the whole file and
     * that its architecture's sizes and activations are the network's. On any error the network is
     * unchanged. A file saved from either engine loads into either.
     *
     * @param file the file
     * @param network the network to overwrite
     * @throws CheckpointException if the file is bad or of another architecture (naming both)
     * @throws IOException if it cannot be read
     */
    public static void load(Path file, MultilayerPerceptron<?> network) throws IOException {
        Checkpoint checkpoint = read(file);
        Architecture have = network.architecture();
        Architecture saved = checkpoint.architecture();
        if (have.nin() != saved.nin() || !have.nouts().equals(saved.nouts()) || have.hidden() != saved.hidden()
                || have.output() != saved.output()) {
            throw new CheckpointException(file + " holds a network " + describe(saved) + ", not " + describe(have));
        }
        network.setParameterValues(checkpoint.parameters);
    }

    private static String describe(Architecture a) {
        return a.nin() + " → " + a.nouts() + " (" + a.hidden() + " hidden, " + a.output() + " output)";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint c && architecture.equals(c.architecture)
                && java.util.Arrays.equals(parameters, c.parameters);
    }

    @Override
    public int hashCode() {
        return 31 * architecture.hashCode() + java.util.Arrays.hashCode(parameters);
    }

    @Override
    public String toString() {
        return "Checkpoint(" + describe(architecture) + ", " + parameters.length + " parameters)";
    }
}
