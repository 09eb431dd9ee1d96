package org.backprop4j.nn.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Init;

/**
 * Reads a checkpoint file front to back through a fixed 64 kB buffer, checking each declared size
 * against the file's length before it reads what the size describes: a large file that is not a
 * checkpoint, or whose header declares more than the file holds, is refused after reading its header,
 * whatever its length and the heap. The CRC-32 of everything but the last 8 bytes is computed as
 * the bytes go by.
 */
final class CheckpointReader implements Closeable {

    private static final byte[] MAGIC = {'B', 'P', '4', 'J'};
    private static final int MAX_LAYERS = 1 << 16;
    private static final int MAX_NAME = 64;
    private static final int BUFFER = 1 << 16;
    private static final int CHECKSUM_BYTES = 8;

    private final String name;
    private final FileChannel channel;
    private final long size;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).flip();
    private final CRC32 crc = new CRC32();
    private long filled;
    private int parameterCount;

    private CheckpointReader(String name, FileChannel channel, long size) {
        this.name = name;
        this.channel = channel;
        this.size = size;
    }

    /**
     * @param path a file
     * @return a reader at its start
     * @throws CheckpointException if the path is a folder, a device, a pipe or a socket (opening a pipe would wait for a writer)
     * @throws IOException if it cannot be opened
     */
    static CheckpointReader open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new CheckpointException((path.toString().isEmpty() ? DurableFile.shown(path) : path.toString()) + " is a folder, not a checkpoint");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new CheckpointException(path + " is a device, pipe or socket, not a checkpoint");
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new CheckpointReader(path.toString(), channel, channel.size());
        } catch (ClosedByInterruptException e) {
            throw interrupted(path.toString(), e);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private static CheckpointException interrupted(String name, ClosedByInterruptException e) {
        return new CheckpointException(name + " could not be read: the reading thread was interrupted, which closes the file it reads", e);
    }

    /**
     * Reads and checks the header: magic, version, sizes, activations, initialisation, seed and the
     * parameter count, and that the file's length is exactly what they declare.
     *
     * @return the saved architecture
     * @throws CheckpointException if the file is not a checkpoint, of another version, truncated,
     *     longer than its contents, or declares impossible sizes
     * @throws IOException if it cannot be read
     */
    Architecture readArchitecture() throws IOException {
        if (size < MAGIC.length || !startsWithMagic()) {
            throw new CheckpointException(name + " is not a backprop4j checkpoint (no BP4J header)");
        }
        int version = readInt();
        if (version != Checkpoint.VERSION) {
            throw new CheckpointException(name + " is format version " + version + "; this library reads version " + Checkpoint.VERSION);
        }
        int nin = readInt();
        int depth = readInt();
        if (depth < 1 || depth > MAX_LAYERS) {
            throw corrupted("it declares " + depth + " layers");
        }
        List<Integer> nouts = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            nouts.add(readInt());
        }
        Architecture architecture;
        try {
            Activation hidden = readConstant(Activation.class, "hidden activation");
            Activation output = readConstant(Activation.class, "output activation");
            Init init = readConstant(Init.class, "initialisation");
            long seed = readLong();
            architecture = new Architecture(nin, nouts, hidden, output, init, seed);
        } catch (IllegalArgumentException e) {
            throw corrupted(e.getMessage());
        }
        int expected = architecture.parameterCount();
        int count = readInt();
        if (count != expected) {
            throw corrupted("it declares " + count + " parameters for an architecture of " + expected);
        }
        long length = position() + Double.BYTES * (long) count + CHECKSUM_BYTES;
        if (size < length) {
            throw new CheckpointException(name + " is truncated: " + size + " bytes of " + length);
        }
        if (size > length) {
            throw new CheckpointException(name + " has " + (size - length) + " bytes after its end");
        }
        parameterCount = count;
        return architecture;
    }

    /**
     * Reads the parameters that follow the header (call {@link #readArchitecture} first) and the
     * checksum that ends the file.
     *
     * @return the parameters
     * @throws CheckpointException if the checksum does not match or a parameter is not finite
     * @throws IOException if it cannot be read
     */
    double[] readParameters() throws IOException {
        double[] parameters = new double[parameterCount];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = readDouble();
        }
        checkChecksum();
        for (int i = 0; i < parameters.length; i++) {
            if (!Double.isFinite(parameters[i])) {
                throw new CheckpointException(name + " holds a non-finite parameter " + i + ": " + parameters[i]);
            }
        }
        return parameters;
    }

    /**
     * Reads to the end without keeping the parameters, and checks the checksum.
     *
     * @throws CheckpointException if the checksum does not match
     * @throws IOException if it cannot be read
     */
    void checkChecksumOnly() throws IOException {
        long remaining = Double.BYTES * (long) parameterCount;
        while (remaining > 0) {
            int n = (int) Math.min(remaining, BUFFER);
            require(n);
            buffer.position(buffer.position() + n);
            remaining -= n;
        }
        checkChecksum();
    }

    private void checkChecksum() throws IOException {
        long computed = crc.getValue();
        long stored = readLong();
        if (stored != computed) {
            throw corrupted("its checksum does not match its contents");
        }
    }

    private boolean startsWithMagic() throws IOException {
        for (byte b : MAGIC) {
            if (readByte() != b) {
                return false;
            }
        }
        return true;
    }

    private CheckpointException corrupted(String what) {
        return new CheckpointException(name + " is corrupted: " + what);
    }

    /**
     * @param a an architecture
     * @return it in words, for messages: {@code 3 → [4, 1] (TANH hidden, TANH output, UNIFORM init, seed 1337)}
     */
    static String describe(Architecture a) {
        return a.nin() + " → " + a.nouts() + " (" + a.hidden() + " hidden, " + a.output() + " output, "
                + a.init() + " init, seed " + a.seed() + ")";
    }

    private long position() {
        return filled - buffer.remaining();
    }

    private byte readByte() throws IOException {
        require(1);
        return buffer.get();
    }

    private int readInt() throws IOException {
        require(Integer.BYTES);
        return buffer.getInt();
    }

    private long readLong() throws IOException {
        require(Long.BYTES);
        return buffer.getLong();
    }

    private double readDouble() throws IOException {
        require(Double.BYTES);
        return buffer.getDouble();
    }

    private String readName() throws IOException {
        require(2);
        int length = Short.toUnsignedInt(buffer.getShort());
        if (length > MAX_NAME) {
            throw corrupted("it declares a name of " + length + " bytes");
        }
        require(length);
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Reads the name of one of an enum's constants.
     *
     * @throws CheckpointException naming the name read and the ones this library knows, when it is none of them
     */
    private <E extends Enum<E>> E readConstant(Class<E> type, String what) throws IOException {
        String read = readName();
        E[] known = type.getEnumConstants();
        for (E constant : known) {
            if (constant.name().equals(read)) {
                return constant;
            }
        }
        throw new CheckpointException(name + " is corrupted or saved by a newer version: its " + what + " is '" + read
                + "', which this library does not know (it knows " + Arrays.toString(known) + ")");
    }

    /** Makes at least n ≤ 64 kB bytes available in the buffer, never reading past the file's end. */
    private void require(int n) throws IOException {
        if (buffer.remaining() >= n) {
            return;
        }
        if (position() + n > size) {
            throw new CheckpointException(name + " is truncated: " + size + " bytes");
        }
        buffer.compact();
        while (buffer.position() < n) {
            int start = buffer.position();
            int read;
            try {
                read = channel.read(buffer);
            } catch (ClosedByInterruptException e) {
                throw interrupted(name, e);
            }
            if (read < 0) {
                throw new CheckpointException(name + " is truncated: it ended at " + filled + " bytes while being read");
            }
            checksum(buffer.array(), start, filled, read);
            filled += read;
        }
        buffer.flip();
    }

    /** Adds the bytes at file offset {@code at} to the checksum, up to the checksum's own 8 bytes. */
    private void checksum(byte[] bytes, int offset, long at, int length) {
        long end = Math.min(at + length, size - CHECKSUM_BYTES);
        if (end > at) {
            crc.update(bytes, offset, (int) (end - at));
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
