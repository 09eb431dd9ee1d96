package org.backprop4j.nn.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.backprop4j.nn.tensor.MLP;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What nn's README says of one flipped bit: a checkpoint's CRC-32 refuses it wherever it is, while an ONNX file, which
 * has no checksum, loads a flipped weight as another network and a flipped seed as the same weights with another seed
 * (or refuses it when the seed is no longer a whole number).
 */
class FileBitFlipTest {

    private static MLP model() {
        return new MLP(2, List.of(3, 1));
    }

    private static byte[] flipped(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    /** @return where {@code part} last starts in {@code bytes} */
    private static int indexOf(byte[] bytes, byte[] part) {
        int found = -1;
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int k = 0; k < part.length; k++) {
                if (bytes[i + k] != part[k]) {
                    continue outer;
                }
            }
            found = i;
        }
        assertTrue(found >= 0, "the bytes are in the file");
        return found;
    }

    @Test
    void aCheckpointRefusesEveryFlippedBitAndLeavesTheModelAsItWas(@TempDir Path folder) throws IOException {
        Path saved = folder.resolve("model.bp4j");
        Checkpoint.save(model(), saved);
        byte[] bytes = Files.readAllBytes(saved);
        Path file = folder.resolve("flipped.bp4j");
        MLP same = new MLP(2, List.of(3, 1));
        double[] before = same.parameterValues();
        for (int bit = 0; bit < bytes.length * 8; bit++) {
            Files.write(file, flipped(bytes, bit));
            int at = bit;
            assertThrows(CheckpointException.class, () -> Checkpoint.load(file, same), () -> "bit " + at + " of " + bytes.length * 8);
            assertArrayEquals(before, same.parameterValues(), () -> "bit " + at);
        }
    }

    @Test
    void anOnnxFileLoadsAFlippedWeightBitAsAnotherNetwork(@TempDir Path folder) throws IOException {
        MLP saved = model();
        Path original = folder.resolve("model.onnx");
        Onnx.save(saved, original);
        byte[] bytes = Files.readAllBytes(original);
        double[] values = saved.parameterValues();
        long first = Double.doubleToRawLongBits(values[0]);
        byte[] little = new byte[8];
        for (int k = 0; k < 8; k++) {
            little[k] = (byte) (first >>> (8 * k));
        }
        int at = indexOf(bytes, little);
        Path file = folder.resolve("flipped.onnx");
        for (int bit = 0; bit < 64; bit++) {
            Files.write(file, flipped(bytes, at * 8 + bit));
            double[] loaded = Onnx.load(file, MLP::new).parameterValues();
            assertEquals(first ^ (1L << bit), Double.doubleToRawLongBits(loaded[0]), "bit " + bit + " of the first weight");
            loaded[0] = values[0];
            assertArrayEquals(values, loaded, "bit " + bit + ": the other parameters");
        }
    }

    @Test
    void anOnnxFileLoadsAFlippedSeedBitAsTheSameWeightsUnlessTheSeedIsNoNumber(@TempDir Path folder) throws IOException {
        MLP saved = model();
        Path original = folder.resolve("model.onnx");
        Onnx.save(saved, original);
        byte[] bytes = Files.readAllBytes(original);
        byte[] seed = Long.toString(saved.architecture().seed()).getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, seed);
        Path file = folder.resolve("flipped.onnx");
        int loads = 0;
        for (int bit = 0; bit < seed.length * 8; bit++) {
            Files.write(file, flipped(bytes, at * 8 + bit));
            try {
                MLP loaded = Onnx.load(file, MLP::new);
                assertNotEquals(saved.architecture().seed(), loaded.architecture().seed(), "bit " + bit);
                assertArrayEquals(saved.parameterValues(), loaded.parameterValues(), "bit " + bit);
                loads++;
            } catch (IllegalArgumentException | IOException e) {
                assertTrue(e.getMessage().contains("which is no whole number"), e.getMessage());
            }
        }
        assertEquals(13, loads, "of the 32 bits of the seed 1337");
    }
}
