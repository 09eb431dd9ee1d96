package org.backprop4j.nn.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Init;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loading a 300 MB file on a 64 MB heap: the header and the declared sizes are checked against the
 * file's length and the model before anything else is read, so no file, whatever its length, makes
 * {@code load} run out of memory. (Reading the whole file first threw {@code OutOfMemoryError}.)
 */
class CheckpointLargeFileTest {

    private static final long SIZE = 300L << 20;

    private static Path sparse(Path file, byte[] head, long length) throws IOException {
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write(head);
            out.setLength(length);
        }
        return file;
    }

    /** A header that declares nin 1 and one layer of {@code width} neurons, 2·width parameters. */
    private static byte[] headerOfOneWideLayer(int width) {
        byte[] small = new Checkpoint(new Architecture(1, List.of(1), Activation.TANH, Activation.TANH, Init.UNIFORM, 1),
                new double[] {0.5, 0.25}).encode();
        ByteBuffer header = ByteBuffer.wrap(small);
        header.putInt(16, width);
        int countAt = 20 + 3 * (2 + "TANH".length()) + ("UNIFORM".length() - "TANH".length()) + 8;
        assertEquals(2, header.getInt(countAt));
        header.putInt(countAt, 2 * width);
        return java.util.Arrays.copyOf(small, countAt + 4);
    }

    @Test
    void threeHundredMegabyteFilesAreRefusedOnASixtyFourMegabyteHeap(@TempDir Path folder) throws Exception {
        Path zeros = sparse(folder.resolve("zeros"), new byte[0], SIZE);
        byte[] good = Checkpoint.of(new org.backprop4j.nn.scalar.MLP(CheckpointChild.SHAPE)).encode();
        Path padded = sparse(folder.resolve("padded"), good, SIZE);
        int width = (int) ((SIZE - 64) / 16);
        byte[] header = headerOfOneWideLayer(width);
        Path wide = sparse(folder.resolve("wide"), header, header.length + 16L * width + 8);

        Process child = new ProcessBuilder(CheckpointChild.command(List.of("-Xmx64m"), "load", zeros.toString(),
                padded.toString(), wide.toString())).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, child.exitValue(), output);
        List<String> lines = output.lines().toList();
        assertEquals(3, lines.size(), output);
        assertEquals("refused " + zeros + " is not a backprop4j checkpoint (no BP4J header)", lines.get(0));
        assertEquals("refused " + padded + " has " + (SIZE - good.length) + " bytes after its end", lines.get(1));
        assertEquals("refused " + wide + " is corrupted: its checksum does not match its contents", lines.get(2),
                "a file that declares another architecture is checked by streaming, never held in memory");
    }
}
