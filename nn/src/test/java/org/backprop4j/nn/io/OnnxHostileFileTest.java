package org.backprop4j.nn.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import com.google.protobuf.ByteString;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Init;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.GraphProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.ModelProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.NodeProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.OperatorSetIdProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.StringStringEntryProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.TensorProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.TypeProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files that are not an MLP this library can hold — truncated, bit-flipped, oversized, or well-formed
 * ONNX that declares huge sizes, cycles, unknown operator sets, other types or missing weights — are
 * refused with a {@link CheckpointException} that says what is wrong, and never give a partial model.
 */
class OnnxHostileFileTest {

    private static final Architecture SHAPE = new Architecture(5, List.of(7, 6, 3), Activation.TANH, Activation.SIGMOID,
            Init.GLOROT, 42);

    @TempDir
    Path folder;

    private static ModelProto model() {
        return OnnxWriter.model(Checkpoint.of(new org.backprop4j.nn.tensor.MLP(SHAPE)));
    }

    private Path writtenModel() throws IOException {
        Path file = folder.resolve("written.onnx");
        Files.write(file, model().toByteArray());
        return file;
    }

    private String refused(byte[] bytes) throws IOException {
        Path file = folder.resolve("hostile.onnx");
        Files.write(file, bytes);
        return assertThrows(CheckpointException.class, () -> Onnx.read(file)).getMessage();
    }

    private String refused(UnaryOperator<ModelProto.Builder> change) throws IOException {
        return refused(change.apply(model().toBuilder()).build().toByteArray());
    }

    private static void assertContains(String message, String part) {
        assertTrue(message.contains(part), "expected «" + part + "» in: " + message);
    }

    @Test
    void everyTruncationIsRefused() throws IOException {
        byte[] whole = model().toByteArray();
        for (int length = 0; length < whole.length; length++) {
            Path file = folder.resolve("cut.onnx");
            Files.write(file, Arrays.copyOf(whole, length));
            assertThrows(CheckpointException.class, () -> Onnx.read(file), "a file cut to " + length + " of " + whole.length + " bytes");
        }
    }

    @Test
    void aFileCutBetweenItsMetadataNamesWhatIsMissing() throws IOException {
        assertContains(refused(m -> m.removeMetadataProps(2)),
                "was written by backprop4j but lacks its metadata backprop4j.hidden, which backprop4j writes last: the file is truncated");
    }

    @Test
    void aFlippedBitIsRefusedOrChangesAWeightButNeverTheShape() throws IOException {
        byte[] whole = model().toByteArray();
        SplittableRandom random = new SplittableRandom(2026);
        int refusedCount = 0;
        int readCount = 0;
        for (int trial = 0; trial < 1500; trial++) {
            byte[] flipped = whole.clone();
            flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
            Path file = folder.resolve("flipped.onnx");
            Files.write(file, flipped);
            try {
                Architecture read = Onnx.read(file).architecture();
                assertEquals(List.of(SHAPE.nin(), SHAPE.nouts(), SHAPE.hidden(), SHAPE.output()),
                        List.of(read.nin(), read.nouts(), read.hidden(), read.output()), "trial " + trial);
                readCount++;
            } catch (CheckpointException expected) {
                refusedCount++;
            }
        }
        assertTrue(refusedCount > 100 && readCount > 100, refusedCount + " refused, " + readCount + " read");
    }

    @Test
    void aFileOverTheCapIsRefusedBeforeItIsRead() throws IOException {
        Path file = folder.resolve("huge.onnx");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(Onnx.MAX_FILE_BYTES + 1);
        }
        long start = System.nanoTime();
        CheckpointException e = assertThrows(CheckpointException.class, () -> Onnx.read(file));
        assertEquals(file + " is " + (Onnx.MAX_FILE_BYTES + 1) + " bytes, more than the " + Onnx.MAX_FILE_BYTES
                + " an ONNX model may have here (Onnx.MAX_FILE_BYTES); it was not read", e.getMessage());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "refusing took longer than reading a little would");
    }

    @Test
    void hugeDeclaredDimensionsAreRefusedBeforeAnythingIsAllocated() throws IOException {
        assertContains(refused(m -> { m.getGraphBuilder().getInitializerBuilder(0).setDims(0, 1L << 40); return m; }),
                "node 0 'layer0.gemm' (op Gemm): its B 'layer0.weight' declares shape [1099511627776, 5] (5497558138880 values) but holds 35 values");
        assertContains(refused(m -> { m.getGraphBuilder().getInitializerBuilder(0).setDims(0, 1L << 62).setDims(1, 1L << 62); return m; }),
                "declares shape [4611686018427387904, 4611686018427387904] (more than 9223372036854775807 values) but holds 35 values");
        assertContains(refused(m -> { m.getGraphBuilder().getInitializerBuilder(1).setDims(0, -7); return m; }),
                "its C 'layer0.bias' declares dimension 0 as -7");
        assertContains(refused(m -> { m.getGraphBuilder().getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder()
                .getDimBuilder(1).setDimValue(1L << 40); return m; }), "its input 'input' declares a width of 1099511627776");
    }

    @Test
    void aCycleIsRefusedAtItsFirstNode() throws IOException {
        String message = refused(m -> {
            GraphProto.Builder graph = m.getGraphBuilder();
            graph.getNodeBuilder(0).setInput(0, "layer0.tanh");
            return m;
        });
        assertContains(message, "node 0 'layer0.gemm' (op Gemm) reads 'layer0.tanh' as A, which no initializer, graph input or earlier"
                + " node defines (a missing initializer, nodes out of order, or a cycle)");
    }

    @Test
    void unknownVersionsAndOperatorSetsAreRefused() throws IOException {
        assertContains(refused(m -> m.setOpsetImport(0, OperatorSetIdProto.newBuilder().setDomain("").setVersion(99))),
                "uses version 99 of the standard ONNX operator set; this reader knows versions 7 to 21");
        assertContains(refused(m -> m.setOpsetImport(0, OperatorSetIdProto.newBuilder().setDomain("com.microsoft").setVersion(1))),
                "imports no version of the standard ONNX operator set");
        assertContains(refused(m -> m.setIrVersion(11)), "is of ONNX IR version 11; this reader reads versions 3 to 10");
        assertContains(refused(m -> m.clearIrVersion()), "is of ONNX IR version (none)");
        assertContains(refused(m -> { m.getGraphBuilder().getNodeBuilder(1).setDomain("com.microsoft"); return m; }),
                "node 1 'layer0.tanh' (op Tanh) is of domain 'com.microsoft', not the standard ONNX operators");
    }

    @Test
    void otherOperatorsAndSecondPathsAreRefusedNamingTheNode() throws IOException {
        assertContains(refused(m -> { m.getGraphBuilder().getNodeBuilder(3).setOpType("Softmax"); return m; }),
                "node 3 'layer1.tanh' (op Softmax) is not an operator of a multi-layer perceptron; this reader maps Gemm, MatMul, Add,"
                        + " Tanh, Sigmoid, Relu, Identity and Constant");
        assertContains(refused(m -> { m.getGraphBuilder().addNode(2, NodeProto.newBuilder().setOpType("Add").addInput("input")
                .addInput("layer0.tanh").addOutput("residual")); return m; }),
                "node 2 (op Add) reads 'input' as the bias, an earlier value of the chain whose output is now 'layer0.tanh': the graph has more"
                        + " than one path");
        assertContains(refused(m -> { m.getGraphBuilder().getNodeBuilder(1).addOutput("mask"); return m; }),
                "node 1 'layer0.tanh' (op Tanh) has 2 outputs; the nodes of a layer have one");
        assertContains(refused(m -> { m.getGraphBuilder().getNodeBuilder(0).addAttribute(
                org.backprop4j.nn.io.onnxschema.OnnxSchema.AttributeProto.newBuilder().setName("transA").setI(1)); return m; }),
                "node 0 'layer0.gemm' (op Gemm) has transA = 1; the input of a layer is not transposed");
        assertContains(refused(m -> { m.getGraphBuilder().getNodeBuilder(1).setOutput(0, "layer0.weight"); return m; }),
                "node 1 'layer0.tanh' (op Tanh) defines 'layer0.weight', which an initializer, the input or an earlier node already defines");
        assertContains(refused(m -> { m.getGraphBuilder().addOutput(m.getGraph().getInput(0)); return m; }),
                "the graph has 2 outputs; a multi-layer perceptron has one");
        assertContains(refused(m -> { m.getGraphBuilder().clearNode(); return m; }),
                "the graph has no layer: no Gemm or MatMul reads its input");
    }

    @Test
    void otherDataTypesAreRefused() throws IOException {
        assertContains(refused(m -> { m.getGraphBuilder().getInitializerBuilder(0).setDataType(TensorProto.DataType.INT64_VALUE); return m; }),
                "its B 'layer0.weight' holds INT64 values; weights must be FLOAT or DOUBLE");
        assertContains(refused(m -> { m.getGraphBuilder().getInitializerBuilder(0).setDataType(77); return m; }),
                "holds data type 77 values");
        assertContains(refused(m -> { m.getGraphBuilder().getInitializerBuilder(0).setDataType(TensorProto.DataType.FLOAT_VALUE); return m; }),
                "its B 'layer0.weight' declares shape [7, 5] (35 values) but holds 70 values");
        assertContains(refused(m -> { m.getGraphBuilder().getInputBuilder(0).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.INT32_VALUE))); return m; }),
                "its input 'input' is a tensor of INT32; a multi-layer perceptron here takes FLOAT or DOUBLE");
        assertContains(refused(m -> { m.getGraphBuilder().getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder()
                .setElemType(TensorProto.DataType.FLOAT_VALUE); return m; }),
                "mixes element types: its B 'layer0.weight' is DOUBLE but the values before it are FLOAT");
        assertContains(refused(m -> { m.getGraphBuilder().getOutputBuilder(0).getTypeBuilder().getTensorTypeBuilder()
                .setElemType(TensorProto.DataType.FLOAT_VALUE); return m; }),
                "its output 'output' is FLOAT but its weights are DOUBLE");
        assertContains(refused(m -> { m.getGraphBuilder().getInitializerBuilder(1).setRawData(ByteString.copyFrom(new byte[13])); return m; }),
                "holds 13 bytes of raw data, not a whole number of DOUBLE values");
        assertContains(refused(m -> { m.getGraphBuilder().getInitializerBuilder(1).addDoubleData(1); return m; }),
                "its C 'layer0.bias' holds its values twice, in raw_data and in a typed field");
    }

    @Test
    void missingOrNonFiniteOrExternalWeightsAreRefused() throws IOException {
        assertContains(refused(m -> { m.getGraphBuilder().removeInitializer(2); return m; }),
                "node 2 'layer1.gemm' (op Gemm) reads 'layer1.weight' as B, which no initializer, graph input or earlier node defines");
        byte[] nan = new byte[8 * 7];
        java.nio.ByteBuffer.wrap(nan).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(3 * 8, Double.NaN);
        assertContains(refused(m -> { m.getGraphBuilder().getInitializerBuilder(1).setRawData(ByteString.copyFrom(nan)); return m; }),
                "its C 'layer0.bias' holds NaN at index 3; weights must be finite");
        assertContains(refused(m -> { m.getGraphBuilder().getInitializerBuilder(0).setDataLocation(TensorProto.DataLocation.EXTERNAL); return m; }),
                "keeps its values in another file (ONNX external data), which this reader does not open");
        assertContains(refused(m -> { m.getGraphBuilder().getInitializerBuilder(0).addExternalData(
                StringStringEntryProto.newBuilder().setKey("location").setValue("/etc/passwd")); return m; }), "external data");
    }

    @Test
    void metadataThatIsNoConstantIsRefused() throws IOException {
        assertContains(refused(m -> m.setMetadataProps(0, StringStringEntryProto.newBuilder().setKey("backprop4j.init").setValue("XAVIER"))),
                "has metadata backprop4j.init = 'XAVIER', which is no Init");
        assertContains(refused(m -> m.setMetadataProps(1, StringStringEntryProto.newBuilder().setKey("backprop4j.seed").setValue("12x"))),
                "has metadata backprop4j.seed = '12x', which is no whole number");
    }

    @Test
    void filesThatAreNoOnnxAtAllAreRefused() throws IOException {
        assertContains(refused(new byte[] {'B', 'P', '4', 'J', 0, 0, 0, 1}), "is not an ONNX model");
        assertContains(refused(new byte[0]), "is empty (0 bytes), not an ONNX model");
        assertContains(refused(m -> m.clearIrVersion()), "is of ONNX IR version (none)");
        Path checkpoint = folder.resolve("model.bp4j");
        Checkpoint.save(new org.backprop4j.nn.tensor.MLP(SHAPE), checkpoint);
        assertThrows(CheckpointException.class, () -> Onnx.read(checkpoint));
        assertContains(assertThrows(CheckpointException.class, () -> Onnx.read(folder)).getMessage(), "is a folder, not an ONNX model");
        assertContains(refused(m -> m.clearGraph()), "is an ONNX model without a graph");
    }

    @Test
    void aRefusedFileLeavesNoModelBehind() throws IOException {
        Path file = folder.resolve("bad.onnx");
        Files.write(file, model().toBuilder().setIrVersion(99).build().toByteArray());
        int[] built = {0};
        assertThrows(CheckpointException.class, () -> Onnx.load(file, a -> {
            built[0]++;
            return new org.backprop4j.nn.tensor.MLP(a);
        }));
        assertEquals(0, built[0], "the engine was asked to build a network from a refused file");
    }
    @Test
    void nodesOffTheChainOrWithAttributesTheyDoNotHaveAreRefused() throws IOException {
        assertContains(refused(m -> { m.getGraphBuilder().getNodeBuilder(1).setInput(0, "input"); return m; }),
                "node 1 'layer0.tanh' (op Tanh) reads 'input' as its input, an earlier value of the chain whose output is now 'layer0.linear':"
                        + " the graph has more than one path");
        assertContains(refused(m -> { m.getGraphBuilder().getNodeBuilder(1).addAttribute(
                org.backprop4j.nn.io.onnxschema.OnnxSchema.AttributeProto.newBuilder().setName("alpha").setF(2)); return m; }),
                "node 1 'layer0.tanh' (op Tanh) has attribute 'alpha', which this reader does not know");
        assertContains(refused(m -> { m.getGraphBuilder().addNode(2, NodeProto.newBuilder().setOpType("Tanh").addInput("layer0.tanh")
                .addOutput("twice")); return m; }),
                "node 2 (op Tanh) applies TANH to 'layer0.tanh', which is not a layer's linear output (layer 0 already has TANH)");
        assertContains(refused(m -> { m.getGraphBuilder().addNode(0, NodeProto.newBuilder().setOpType("Relu").addInput("input")
                .addOutput("early")); return m; }),
                "node 0 (op Relu) applies RELU to 'input', which is not a layer's linear output (no layer yet)");
        assertContains(refused(m -> { m.getGraphBuilder().addNode(2, NodeProto.newBuilder().setOpType("Identity").addInput("input")
                .addOutput("copy")); return m; }),
                "node 2 (op Identity) reads 'input' as its input, an earlier value of the chain");
        assertContains(refused(m -> { m.getGraphBuilder().addNode(2, NodeProto.newBuilder().setOpType("Identity").addInput("layer0.tanh")
                .addOutput("copy").addAttribute(org.backprop4j.nn.io.onnxschema.OnnxSchema.AttributeProto.newBuilder().setName("x"))); return m; }),
                "node 2 (op Identity) has attribute 'x', which this reader does not know");
        assertContains(refused(m -> { m.getGraphBuilder().addNode(2, NodeProto.newBuilder().setOpType("Gemm").addInput("layer0.tanh")
                .addOutput("one")); return m; }), "node 2 (op Gemm) has 1 inputs; Gemm takes A, B and an optional C");
        assertContains(refused(m -> { m.getGraphBuilder().getNodeBuilder(0).addInput("extra"); return m; }),
                "node 0 'layer0.gemm' (op Gemm) has 4 inputs; Gemm takes A, B and an optional C");
        assertContains(refused(m -> { m.getGraphBuilder().getNodeBuilder(0).setInput(1, "layer0.bias"); return m; }),
                "node 0 'layer0.gemm' (op Gemm) multiplies by B 'layer0.bias' of shape [7]; a layer's weights are a matrix");
        assertContains(refused(m -> { m.getGraphBuilder().getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder()
                .getDimBuilder(1).setDimValue(4); return m; }),
                "node 0 'layer0.gemm' (op Gemm) multiplies a value of width 4 by weights for 5 inputs");
        assertContains(refused(m -> { m.getGraphBuilder().getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder()
                .getDimBuilder(1).setDimValue(0); return m; }), "its input 'input' declares a width of 0");
        assertContains(refused(m -> { m.getGraphBuilder().addInput(m.getGraph().getInput(0).toBuilder().setName("second")); return m; }),
                "the graph has 2 inputs that are not initializers [input, second]; a multi-layer perceptron has one");
    }

    @Test
    void matMulAndAddNodesOffTheChainAreRefused() throws IOException {
        UnaryOperator<ModelProto.Builder> toMatMul = m -> {
            GraphProto.Builder graph = m.getGraphBuilder();
            TensorProto w = graph.getInitializer(0);
            java.nio.ByteBuffer from = w.getRawData().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            java.nio.ByteBuffer to = java.nio.ByteBuffer.allocate(from.capacity()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int j = 0; j < 7; j++) {
                for (int i = 0; i < 5; i++) {
                    to.putDouble(8 * (i * 7 + j), from.getDouble(8 * (j * 5 + i)));
                }
            }
            graph.addInitializer(w.toBuilder().setName("w.t").setDims(0, 5).setDims(1, 7).setRawData(ByteString.copyFrom(to.array())));
            graph.setNode(0, NodeProto.newBuilder().setOpType("MatMul").addInput("input").addInput("w.t").addOutput("product"));
            graph.addNode(1, NodeProto.newBuilder().setOpType("Add").addInput("product").addInput("layer0.bias").addOutput("layer0.linear"));
            return m;
        };
        assertContains(refused(m -> { toMatMul.apply(m).getGraphBuilder().getNodeBuilder(0).setInput(0, "w.t"); return m; }),
                "node 0 (op MatMul) takes the constant 'w.t' as its first input, where this reader expects the output of the layer before");
        assertContains(refused(m -> { toMatMul.apply(m).getGraphBuilder().getNodeBuilder(0).addAttribute(
                org.backprop4j.nn.io.onnxschema.OnnxSchema.AttributeProto.newBuilder().setName("transB").setI(1)); return m; }),
                "node 0 (op MatMul) has attribute 'transB', which this reader does not know");
        assertContains(refused(m -> { toMatMul.apply(m).getGraphBuilder().getNodeBuilder(1).setInput(0, "input"); return m; }),
                "node 1 (op Add) takes the constant 'layer0.bias' as an input, where this reader expects the output of the layer before");
        assertContains(refused(m -> { toMatMul.apply(m).getGraphBuilder().getNodeBuilder(1).addAttribute(
                org.backprop4j.nn.io.onnxschema.OnnxSchema.AttributeProto.newBuilder().setName("broadcast").setI(1)); return m; }),
                "node 1 (op Add) has attribute 'broadcast', which this reader does not know");
        assertContains(refused(m -> { toMatMul.apply(m).getGraphBuilder().getNodeBuilder(1).setOpType("Sub"); return m; }),
                "node 1 (op Sub) is not an operator of a multi-layer perceptron");
        assertContains(refused(m -> { toMatMul.apply(m).getGraphBuilder().getNodeBuilder(0).setInput(1, "layer0.bias"); return m; }),
                "node 0 (op MatMul) multiplies by 'layer0.bias' of shape [7]; a layer's weights are a matrix");
        Path file = folder.resolve("matmul.onnx");
        Files.write(file, toMatMul.apply(model().toBuilder()).build().toByteArray());
        assertEquals(Onnx.read(writtenModel()), Onnx.read(file), "MatMul of Wᵀ and Add of b read as Gemm of W and b");
    }

    @Test
    void tensorsWithoutTheirValuesAreRefusedNamingTheirShape() throws IOException {
        assertContains(refused(m -> { m.getGraphBuilder().getInitializerBuilder(0).clearRawData(); return m; }),
                "its B 'layer0.weight' declares shape [7, 5] (35 values) but holds 0 values");
        assertContains(refused(m -> { m.getGraphBuilder().getInitializerBuilder(1).setDims(0, 0).clearRawData(); return m; }),
                "node 0 'layer0.gemm' (op Gemm) adds C 'layer0.bias' of shape [0] to a layer of 7 neurons; a bias has shape [7]");
    }

    @Test
    void aDeviceIsRefusedWithoutWaitingForIt() {
        Path device = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(device), "this system has no /dev/null");
        assertContains(assertThrows(CheckpointException.class, () -> Onnx.read(device)).getMessage(),
                "/dev/null is a device, pipe or socket, not an ONNX model");
    }
}
