package org.backprop4j.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.scalar.MLP;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader at the edges of what it accepts: one layer, a bare header, a whole file holding NaN. */
class CheckpointReaderEdgesTest {

    @TempDir
    Path folder;

    @Test
    void aNetworkOfOneLayerRoundTrips() throws Exception {
        MLP mlp = new MLP(Architecture.of(3, List.of(1)));
        Path file = folder.resolve("one-layer.bp4j");
        Checkpoint.save(mlp, file);
        Checkpoint read = Checkpoint.read(file);
        assertEquals(1, read.architecture().depth());
        assertArrayEquals(mlp.parameterValues(), read.parameters(), 0.0);
    }

    @Test
    void aFileOfTheMagicAloneIsTruncated() throws Exception {
        Path file = folder.resolve("magic.bp4j");
        Files.write(file, "BP4J".getBytes(StandardCharsets.US_ASCII));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(file));
        assertEquals(file + " is truncated: 4 bytes", e.getMessage());
        Files.write(file, "BP4".getBytes(StandardCharsets.US_ASCII));
        e = assertThrows(CheckpointException.class, () -> Checkpoint.read(file));
        assertEquals(file + " is not a backprop4j checkpoint (no BP4J header)", e.getMessage());
    }

    @Test
    void aNonFiniteParameterUnderAValidChecksumIsRefused() throws Exception {
        Architecture architecture = Architecture.of(2, List.of(1));
        byte[] bytes = new Checkpoint(architecture, new double[] {0.5, 0.75, 0.25}).encode();
        // parameter 1 becomes NaN and the checksum is made to match, as a buggy writer would leave it
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.putDouble(bytes.length - 8 - 2 * Double.BYTES, Double.NaN);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        buffer.putLong(bytes.length - 8, crc.getValue());
        Path file = folder.resolve("nan.bp4j");
        Files.write(file, bytes);
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(file));
        assertEquals(file + " holds a non-finite parameter 1: NaN", e.getMessage());
    }

    /** A load in an interrupted thread threw a ClosedByInterruptException with no message at all. */
    @Test
    void aLoadInAnInterruptedThreadSaysSoAndLeavesTheModel() throws Exception {
        Path file = folder.resolve("model.bp4j");
        Checkpoint.save(new MLP(Architecture.of(3, List.of(4, 1))), file);
        MLP model = new MLP(Architecture.of(3, List.of(4, 1)));
        double[] before = model.parameterValues();
        Thread.currentThread().interrupt();
        CheckpointException e;
        try {
            e = assertThrows(CheckpointException.class, () -> Checkpoint.load(file, model));
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is left for the caller to see");
        }
        assertEquals(file + " could not be read: the reading thread was interrupted, which closes the file it reads", e.getMessage());
        assertArrayEquals(before, model.parameterValues());
    }
}
