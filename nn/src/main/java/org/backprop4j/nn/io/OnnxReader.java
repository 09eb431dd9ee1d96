package org.backprop4j.nn.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Init;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.ModelProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.OperatorSetIdProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.StringStringEntryProto;

/**
 * Reads an ONNX file into a {@link Checkpoint}: refuses a file over {@link Onnx#MAX_FILE_BYTES}
 * before reading it, parses the rest with protobuf, checks the IR version and the standard
 * operator set, maps the graph ({@link OnnxGraph}) and reads backprop4j's metadata where present.
 */
final class OnnxReader {

    /** Protobuf's nesting limit: an ONNX MLP nests six deep; 100 is protobuf's own default. */
    private static final int RECURSION_LIMIT = 100;

    private OnnxReader() {
    }

    /**
     * @param path the file
     * @return the network it holds
     * @throws CheckpointException naming the file and what is wrong with it
     * @throws IOException if it cannot be read
     */
    static Checkpoint read(Path path) throws IOException {
        return decode(path.toString(), bytesOf(path));
    }

    /**
     * Reads a whole file of at most {@link Onnx#MAX_FILE_BYTES}, refusing a larger one after reading
     * at most one byte more than that (a file that grows while it is read is refused too).
     */
    private static byte[] bytesOf(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new CheckpointException(path + " is a folder, not an ONNX model");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new CheckpointException(path + " is a device, pipe or socket, not an ONNX model");
        }
        long size = Files.size(path);
        if (size > Onnx.MAX_FILE_BYTES) {
            throw tooLarge(path, size + " bytes");
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) Onnx.MAX_FILE_BYTES + 1);
            if (bytes.length > Onnx.MAX_FILE_BYTES) {
                throw tooLarge(path, "more than " + Onnx.MAX_FILE_BYTES + " bytes");
            }
            return bytes;
        } catch (ClosedByInterruptException e) {
            throw new CheckpointException(path + " could not be read: the reading thread was interrupted, which closes the file it reads", e);
        }
    }

    private static CheckpointException tooLarge(Path path, String size) {
        return new CheckpointException(path + " is " + size + ", more than the " + Onnx.MAX_FILE_BYTES
                + " an ONNX model may have here (Onnx.MAX_FILE_BYTES); it was not read");
    }

    /**
     * @param name the file's name, for messages
     * @param bytes its contents
     * @return the network they hold
     * @throws CheckpointException naming the file and what is wrong
     */
    static Checkpoint decode(String name, byte[] bytes) throws CheckpointException {
        if (bytes.length == 0) {
            throw new CheckpointException(name + " is empty (0 bytes), not an ONNX model");
        }
        ModelProto model;
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.setRecursionLimit(RECURSION_LIMIT);
            model = ModelProto.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new CheckpointException(name + " is not an ONNX model (truncated or corrupted): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CheckpointException(name + " is not an ONNX model: " + e.getMessage(), e);
        }
        if (!model.hasIrVersion() || model.getIrVersion() < Onnx.MIN_IR_VERSION || model.getIrVersion() > Onnx.MAX_IR_VERSION) {
            throw new CheckpointException(name + " is of ONNX IR version " + (model.hasIrVersion() ? model.getIrVersion() : "(none)")
                    + "; this reader reads versions " + Onnx.MIN_IR_VERSION + " to " + Onnx.MAX_IR_VERSION);
        }
        checkOpset(name, model);
        if (!model.hasGraph()) {
            throw new CheckpointException(name + " is an ONNX model without a graph");
        }
        OnnxGraph.Layers layers;
        try {
            layers = OnnxGraph.read(model.getGraph());
        } catch (OnnxGraph.Unmappable e) {
            throw new CheckpointException(name + " is not a multi-layer perceptron this library can read: " + e.getMessage(), e);
        }
        Map<String, String> metadata = new HashMap<>();
        for (StringStringEntryProto entry : model.getMetadataPropsList()) {
            metadata.put(entry.getKey(), entry.getValue());
        }
        if (OnnxWriter.PRODUCER.equals(model.getProducerName())) {
            for (String key : List.of(OnnxWriter.INIT_KEY, OnnxWriter.SEED_KEY, OnnxWriter.HIDDEN_KEY)) {
                if (!metadata.containsKey(key)) {
                    throw new CheckpointException(name + " was written by backprop4j but lacks its metadata " + key
                            + ", which backprop4j writes last: the file is truncated");
                }
            }
        }
        int depth = layers.nouts().size();
        Activation hidden = depth > 1 ? layers.activations().get(0)
                : constant(name, metadata, OnnxWriter.HIDDEN_KEY, Activation.class, Activation.TANH);
        Init init = constant(name, metadata, OnnxWriter.INIT_KEY, Init.class, Init.UNIFORM);
        long seed = seed(name, metadata);
        try {
            Architecture architecture = new Architecture(layers.nin(), layers.nouts(), hidden,
                    layers.activations().get(depth - 1), init, seed);
            return new Checkpoint(architecture, layers.parameters());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(name + " holds a network this library cannot build: " + e.getMessage(), e);
        }
    }

    private static void checkOpset(String name, ModelProto model) throws CheckpointException {
        OperatorSetIdProto standard = null;
        for (OperatorSetIdProto opset : model.getOpsetImportList()) {
            if (opset.getDomain().isEmpty() || opset.getDomain().equals("ai.onnx")) {
                standard = opset;
            }
        }
        if (standard == null) {
            throw new CheckpointException(name + " imports no version of the standard ONNX operator set");
        }
        if (standard.getVersion() < Onnx.MIN_OPSET || standard.getVersion() > Onnx.MAX_OPSET) {
            throw new CheckpointException(name + " uses version " + standard.getVersion() + " of the standard ONNX operator set;"
                    + " this reader knows versions " + Onnx.MIN_OPSET + " to " + Onnx.MAX_OPSET);
        }
    }

    private static <E extends Enum<E>> E constant(String name, Map<String, String> metadata, String key, Class<E> type, E absent)
            throws CheckpointException {
        String value = metadata.get(key);
        if (value == null) {
            return absent;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(name + " has metadata " + key + " = '" + value + "', which is no " + type.getSimpleName(), e);
        }
    }

    private static long seed(String name, Map<String, String> metadata) throws CheckpointException {
        String value = metadata.get(OnnxWriter.SEED_KEY);
        if (value == null) {
            return Architecture.DEFAULT_SEED;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new CheckpointException(name + " has metadata " + OnnxWriter.SEED_KEY + " = '" + value + "', which is no whole number", e);
        }
    }
}
