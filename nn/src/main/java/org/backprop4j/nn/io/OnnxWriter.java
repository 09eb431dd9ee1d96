package org.backprop4j.nn.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

import com.google.protobuf.ByteString;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.AttributeProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.GraphProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.ModelProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.NodeProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.OperatorSetIdProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.StringStringEntryProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.TensorProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.TensorShapeProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.TypeProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.ValueInfoProto;

/**
 * Turns a network into the bytes of an ONNX model: per layer a {@code Gemm} node y = x·Wᵀ + b and
 * its activation node, the weights as {@code DOUBLE} initializers in little-endian
 * {@code raw_data} (see {@link Onnx} for the names and shapes).
 */
final class OnnxWriter {

    /** The graph's input and output names. */
    static final String INPUT = "input";
    static final String OUTPUT = "output";
    /** The symbolic name of the batch dimension. */
    static final String BATCH = "batch";
    /** The metadata keys of what the graph does not show. */
    static final String INIT_KEY = "backprop4j.init";
    static final String SEED_KEY = "backprop4j.seed";
    static final String HIDDEN_KEY = "backprop4j.hidden";
    static final String PRODUCER = "backprop4j";
    /** Room for everything in a model but its weights: names, shapes and nodes, 1 MiB for up to 65,536 layers. */
    private static final long HEADROOM = 1L << 20;

    private OnnxWriter() {
    }

    /**
     * @param checkpoint the network
     * @return its ONNX model, serialized
     */
    static byte[] encode(Checkpoint checkpoint) {
        checkSize(checkpoint.architecture().parameterCount());
        return model(checkpoint).toByteArray();
    }

    /**
     * Refuses a network whose model would be larger than {@link Onnx#read} accepts.
     *
     * @param parameterCount the network's parameter count
     * @throws IllegalArgumentException if its weights alone, 8 bytes each, leave less than 1 MiB of {@link Onnx#MAX_FILE_BYTES}
     */
    static void checkSize(int parameterCount) {
        if ((long) Double.BYTES * parameterCount > Onnx.MAX_FILE_BYTES - HEADROOM) {
            throw new IllegalArgumentException("a network of " + parameterCount + " parameters takes more than "
                    + (Onnx.MAX_FILE_BYTES - HEADROOM) + " bytes as an ONNX model, more than Onnx.read accepts"
                    + " (Onnx.MAX_FILE_BYTES); save it with Checkpoint.save");
        }
    }

    /**
     * @param checkpoint the network
     * @return its ONNX model
     */
    static ModelProto model(Checkpoint checkpoint) {
        Architecture architecture = checkpoint.architecture();
        double[] parameters = checkpoint.parameters();
        GraphProto.Builder graph = GraphProto.newBuilder().setName("backprop4j_mlp")
                .addInput(value(INPUT, architecture.nin()));
        String previous = INPUT;
        for (int layer = 0; layer < architecture.depth(); layer++) {
            boolean last = layer == architecture.depth() - 1;
            Activation activation = architecture.activationOf(layer);
            String prefix = "layer" + layer;
            String linear = last && activation == Activation.IDENTITY ? OUTPUT : prefix + ".linear";
            graph.addInitializer(weights(prefix + ".weight", architecture, layer, parameters));
            graph.addInitializer(biases(prefix + ".bias", architecture, layer, parameters));
            graph.addNode(NodeProto.newBuilder().setName(prefix + ".gemm").setOpType("Gemm")
                    .addInput(previous).addInput(prefix + ".weight").addInput(prefix + ".bias").addOutput(linear)
                    .addAttribute(AttributeProto.newBuilder().setName("transB").setType(AttributeProto.AttributeType.INT).setI(1)));
            previous = linear;
            if (activation != Activation.IDENTITY) {
                String op = OnnxGraph.opOf(activation);
                String activated = last ? OUTPUT : prefix + "." + op.toLowerCase(Locale.ROOT);
                graph.addNode(NodeProto.newBuilder().setName(prefix + "." + op.toLowerCase(Locale.ROOT))
                        .setOpType(op).addInput(previous).addOutput(activated));
                previous = activated;
            }
        }
        graph.addOutput(value(OUTPUT, architecture.nouts().get(architecture.depth() - 1)));
        return ModelProto.newBuilder()
                .setIrVersion(Onnx.IR_VERSION)
                .setProducerName(PRODUCER)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(Onnx.OPSET))
                .setGraph(graph)
                .addMetadataProps(entry(INIT_KEY, architecture.init().name()))
                .addMetadataProps(entry(SEED_KEY, Long.toString(architecture.seed())))
                .addMetadataProps(entry(HIDDEN_KEY, architecture.hidden().name()))
                .build();
    }

    /** W of one layer, nout × nin, row j = neuron j's weights. */
    private static TensorProto weights(String name, Architecture architecture, int layer, double[] parameters) {
        int in = architecture.inputsOf(layer);
        int out = architecture.nouts().get(layer);
        int offset = architecture.offsetOf(layer);
        ByteBuffer data = ByteBuffer.allocate(Double.BYTES * out * in).order(ByteOrder.LITTLE_ENDIAN);
        for (int j = 0; j < out; j++) {
            for (int i = 0; i < in; i++) {
                data.putDouble(parameters[offset + j * (in + 1) + i]);
            }
        }
        return tensor(name, data.flip()).addDims(out).addDims(in).build();
    }

    /** b of one layer, nout values. */
    private static TensorProto biases(String name, Architecture architecture, int layer, double[] parameters) {
        int in = architecture.inputsOf(layer);
        int out = architecture.nouts().get(layer);
        int offset = architecture.offsetOf(layer);
        ByteBuffer data = ByteBuffer.allocate(Double.BYTES * out).order(ByteOrder.LITTLE_ENDIAN);
        for (int j = 0; j < out; j++) {
            data.putDouble(parameters[offset + j * (in + 1) + in]);
        }
        return tensor(name, data.flip()).addDims(out).build();
    }

    private static TensorProto.Builder tensor(String name, ByteBuffer data) {
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.DOUBLE_VALUE)
                .setRawData(ByteString.copyFrom(data));
    }

    /** A DOUBLE tensor of shape [batch, width]. */
    private static ValueInfoProto value(String name, int width) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width))
                .build();
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.DOUBLE_VALUE).setShape(shape)))
                .build();
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
