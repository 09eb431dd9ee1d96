package org.backprop4j.nn.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Init;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.AttributeProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.GraphProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.ModelProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.NodeProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.TensorProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.TensorShapeProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.ValueInfoProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Onnx's own contract: what a saved file holds, round trips into either engine, the graph forms it reads, and bad arguments. */
class OnnxTest {

    private static final Architecture SHAPE = TrainedModel.SHAPE;

    @TempDir
    Path folder;

    @Test
    void aSavedFileIsAStandardGraphOfGemmAndActivationNodes() throws IOException {
        Path file = folder.resolve("model.onnx");
        Architecture shape = new Architecture(3, List.of(4, 4, 1), Activation.TANH, Activation.SIGMOID, Init.UNIFORM, 5);
        Onnx.save(new org.backprop4j.nn.tensor.MLP(shape), file);
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(file));
        assertEquals(8, model.getIrVersion());
        assertEquals("", model.getOpsetImport(0).getDomain());
        assertEquals(17, model.getOpsetImport(0).getVersion());
        GraphProto graph = model.getGraph();
        assertEquals(List.of("Gemm", "Tanh", "Gemm", "Tanh", "Gemm", "Sigmoid"),
                graph.getNodeList().stream().map(NodeProto::getOpType).toList());
        AttributeProto transB = graph.getNode(0).getAttribute(0);
        assertEquals("transB", transB.getName());
        assertEquals(1, transB.getI());
        assertEquals(List.of("layer0.weight", "layer0.bias", "layer1.weight", "layer1.bias", "layer2.weight", "layer2.bias"),
                graph.getInitializerList().stream().map(TensorProto::getName).toList());
        assertTrue(graph.getInitializerList().stream().allMatch(t -> t.getDataType() == TensorProto.DataType.DOUBLE_VALUE));
        assertEquals(List.of(4L, 3L), graph.getInitializer(0).getDimsList());
        assertEquals(List.of(4L), graph.getInitializer(1).getDimsList());
        ValueInfoProto input = graph.getInput(0);
        assertEquals("input", input.getName());
        TensorShapeProto shapeOfInput = input.getType().getTensorType().getShape();
        assertEquals("batch", shapeOfInput.getDim(0).getDimParam());
        assertEquals(3, shapeOfInput.getDim(1).getDimValue());
        assertEquals("output", graph.getOutput(0).getName());
        assertEquals(1, graph.getOutput(0).getType().getTensorType().getShape().getDim(1).getDimValue());
        assertEquals("output", graph.getNode(5).getOutput(0));
    }

    @Test
    void anIdentityOutputLayerEndsAtItsGemm() throws IOException {
        Path file = folder.resolve("model.onnx");
        Onnx.save(new org.backprop4j.nn.scalar.MLP(SHAPE), file);
        GraphProto graph = ModelProto.parseFrom(Files.readAllBytes(file)).getGraph();
        assertEquals(List.of("Gemm", "Relu", "Gemm"), graph.getNodeList().stream().map(NodeProto::getOpType).toList());
        assertEquals("output", graph.getNode(2).getOutput(0));
    }

    @Test
    void aScalarSaveLoadsIntoTheTensorEngineAndBack() throws IOException {
        org.backprop4j.nn.scalar.MLP scalar = TrainedModel.scalar();
        Path file = folder.resolve("model.onnx");
        Onnx.save(scalar, file);
        assertEquals(Checkpoint.of(scalar), Onnx.read(file));
        org.backprop4j.nn.tensor.MLP tensor = Onnx.load(file, org.backprop4j.nn.tensor.MLP::new);
        assertEquals(SHAPE, tensor.architecture());
        assertArrayEquals(scalar.parameterValues(), tensor.parameterValues());
        Onnx.save(tensor, file);
        org.backprop4j.nn.scalar.MLP again = Onnx.load(file, org.backprop4j.nn.scalar.MLP::new);
        assertArrayEquals(scalar.parameterValues(), again.parameterValues());
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(file), files.toList(), "a save leaves only its file");
        }
    }

    @Test
    void aOneLayerNetworkKeepsItsHiddenActivationThroughTheMetadata() throws IOException {
        Architecture shape = new Architecture(2, List.of(3), Activation.SIGMOID, Activation.RELU, Init.UNIFORM, 8);
        Path file = folder.resolve("one.onnx");
        Onnx.save(new org.backprop4j.nn.tensor.MLP(shape), file);
        assertEquals(shape, Onnx.read(file).architecture());
    }

    @Test
    void aModelWithoutBackprop4jMetadataGetsTheDefaultsOfArchitectureOf() throws IOException {
        Architecture one = new Architecture(2, List.of(3), Activation.SIGMOID, Activation.RELU, Init.GLOROT, 8);
        ModelProto foreign = OnnxWriter.model(Checkpoint.of(new org.backprop4j.nn.tensor.MLP(one))).toBuilder()
                .setProducerName("pytorch").clearMetadataProps().build();
        Path file = folder.resolve("foreign.onnx");
        Files.write(file, foreign.toByteArray());
        assertEquals(new Architecture(2, List.of(3), Activation.TANH, Activation.RELU, Init.UNIFORM, Architecture.DEFAULT_SEED),
                Onnx.read(file).architecture());
    }

    @Test
    void weightsAsConstantNodesPassedOnByIdentityNodesReadAsInitializersDo() throws IOException {
        org.backprop4j.nn.scalar.MLP scalar = TrainedModel.scalar();
        ModelProto saved = OnnxWriter.model(Checkpoint.of(scalar));
        GraphProto.Builder graph = saved.getGraph().toBuilder().clearInitializer().clearNode();
        for (TensorProto initializer : saved.getGraph().getInitializerList()) {
            graph.addNode(NodeProto.newBuilder().setOpType("Constant").addOutput(initializer.getName() + ".constant")
                    .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                            .setT(initializer.toBuilder().clearName())));
            graph.addNode(NodeProto.newBuilder().setOpType("Identity").addInput(initializer.getName() + ".constant")
                    .addOutput(initializer.getName()));
        }
        graph.addNode(NodeProto.newBuilder().setOpType("Identity").addInput("input").addOutput("input.copy"));
        for (NodeProto node : saved.getGraph().getNodeList()) {
            graph.addNode(node.getInput(0).equals("input") ? node.toBuilder().setInput(0, "input.copy").build() : node);
        }
        Path file = folder.resolve("constants.onnx");
        Files.write(file, saved.toBuilder().setGraph(graph).build().toByteArray());
        assertEquals(Checkpoint.of(scalar), Onnx.read(file));
    }

    @Test
    void gemmWithAlphaBetaAndAnUntransposedBIsFoldedIntoTheLayer() throws IOException {
        double[] w = {1, 2, 3, 4, 5, 6};
        double[] b = {0.5, -0.5};
        GraphProto graph = GraphProto.newBuilder()
                .addInput(ValueInfoProto.newBuilder().setName("x"))
                .addOutput(ValueInfoProto.newBuilder().setName("y"))
                .addInitializer(doubles("B", w, 3, 2))
                .addInitializer(doubles("C", b, 1, 2))
                .addNode(NodeProto.newBuilder().setOpType("Gemm").addInput("x").addInput("B").addInput("C").addOutput("y")
                        .addAttribute(AttributeProto.newBuilder().setName("alpha").setF(2))
                        .addAttribute(AttributeProto.newBuilder().setName("beta").setF(0.5f))
                        .addAttribute(AttributeProto.newBuilder().setName("transB").setI(0)))
                .build();
        Path file = folder.resolve("gemm.onnx");
        Files.write(file, ModelProto.newBuilder().setIrVersion(7).addOpsetImport(
                org.backprop4j.nn.io.onnxschema.OnnxSchema.OperatorSetIdProto.newBuilder().setVersion(13)).setGraph(graph).build().toByteArray());
        Checkpoint read = Onnx.read(file);
        assertEquals(new Architecture(3, List.of(2), Activation.TANH, Activation.IDENTITY, Init.UNIFORM, Architecture.DEFAULT_SEED),
                read.architecture());
        // B is 3 × 2 (in × out): neuron 0's weights are its first column, times alpha; its bias is beta · C[0].
        assertArrayEquals(new double[] {2, 6, 10, 0.25, 4, 8, 12, -0.25}, read.parameters());
    }

    private static TensorProto doubles(String name, double[] values, long... dims) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.DOUBLE_VALUE);
        for (long d : dims) {
            tensor.addDims(d);
        }
        for (double v : values) {
            tensor.addDoubleData(v);
        }
        return tensor.build();
    }

    @Test
    void anEngineThatBuildsAnotherNetworkIsRefused() throws IOException {
        Path file = folder.resolve("model.onnx");
        Onnx.save(new org.backprop4j.nn.tensor.MLP(SHAPE), file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Onnx.load(file, a -> new org.backprop4j.nn.tensor.MLP(a.withSeed(1))));
        assertEquals("the engine built a network " + CheckpointReader.describe(SHAPE.withSeed(1)) + " for the file's "
                + CheckpointReader.describe(SHAPE), e.getMessage());
        assertEquals("the network the engine built",
                assertThrows(NullPointerException.class, () -> Onnx.load(file, a -> null)).getMessage());
    }

    @Test
    void badArgumentsAreNamed() throws IOException {
        Path file = folder.resolve("model.onnx");
        org.backprop4j.nn.tensor.MLP model = new org.backprop4j.nn.tensor.MLP(SHAPE);
        assertEquals("model", assertThrows(NullPointerException.class, () -> Onnx.save(null, file)).getMessage());
        assertEquals("path", assertThrows(NullPointerException.class, () -> Onnx.save(model, null)).getMessage());
        assertEquals("checkpoint", assertThrows(NullPointerException.class, () -> Onnx.write(null, file)).getMessage());
        assertEquals("path", assertThrows(NullPointerException.class, () -> Onnx.write(Checkpoint.of(model), null)).getMessage());
        assertEquals("path", assertThrows(NullPointerException.class, () -> Onnx.read(null)).getMessage());
        assertEquals("path", assertThrows(NullPointerException.class, () -> Onnx.load(null, org.backprop4j.nn.tensor.MLP::new)).getMessage());
        assertEquals("engine", assertThrows(NullPointerException.class, () -> Onnx.load(file, null)).getMessage());
        assertEquals("path " + folder + " is a folder: give a file inside it to save to",
                assertThrows(IllegalArgumentException.class, () -> Onnx.save(model, folder)).getMessage());
    }

    @Test
    void aNetworkTooLargeForOneFileIsRefusedBeforeAnythingIsWritten() {
        OnnxWriter.checkSize((int) ((Onnx.MAX_FILE_BYTES - (1 << 20)) / 8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxWriter.checkSize((int) ((Onnx.MAX_FILE_BYTES - (1 << 20)) / 8) + 1));
        assertEquals("a network of 134086657 parameters takes more than 1072693248 bytes as an ONNX model, more than Onnx.read accepts"
                + " (Onnx.MAX_FILE_BYTES); save it with Checkpoint.save", e.getMessage());
    }

    @Test
    void identityIsTheOneActivationWithoutANode() {
        assertEquals("Tanh", OnnxGraph.opOf(Activation.TANH));
        assertEquals("Sigmoid", OnnxGraph.opOf(Activation.SIGMOID));
        assertEquals("Relu", OnnxGraph.opOf(Activation.RELU));
        assertThrows(IllegalArgumentException.class, () -> OnnxGraph.opOf(Activation.IDENTITY));
    }
    @Test
    void aGemmWithoutCHasZeroBiases() throws IOException {
        GraphProto graph = GraphProto.newBuilder()
                .addInput(ValueInfoProto.newBuilder().setName("x"))
                .addOutput(ValueInfoProto.newBuilder().setName("y"))
                .addInitializer(doubles("B", new double[] {1, 2}, 1, 2))
                .addNode(NodeProto.newBuilder().setOpType("Gemm").addInput("x").addInput("B").addOutput("y")
                        .addAttribute(AttributeProto.newBuilder().setName("transB").setI(1)))
                .build();
        Path file = folder.resolve("gemm.onnx");
        Files.write(file, ModelProto.newBuilder().setIrVersion(7).addOpsetImport(
                org.backprop4j.nn.io.onnxschema.OnnxSchema.OperatorSetIdProto.newBuilder().setVersion(13)).setGraph(graph).build().toByteArray());
        assertArrayEquals(new double[] {1, 2, 0}, Onnx.read(file).parameters());
    }

    @Test
    void theVersionsAtTheEndsOfTheRangesAreRead() throws IOException {
        ModelProto saved = OnnxWriter.model(Checkpoint.of(new org.backprop4j.nn.tensor.MLP(SHAPE)));
        Path file = folder.resolve("versions.onnx");
        for (long ir : new long[] {Onnx.MIN_IR_VERSION, Onnx.MAX_IR_VERSION}) {
            for (long opset : new long[] {Onnx.MIN_OPSET, Onnx.MAX_OPSET}) {
                Files.write(file, saved.toBuilder().setIrVersion(ir).setOpsetImport(0,
                        saved.getOpsetImport(0).toBuilder().setDomain("ai.onnx").setVersion(opset)).build().toByteArray());
                assertEquals(SHAPE, Onnx.read(file).architecture(), "IR " + ir + ", opset " + opset);
            }
        }
        Files.write(file, saved.toBuilder().setIrVersion(Onnx.MIN_IR_VERSION - 1).build().toByteArray());
        assertThrows(CheckpointException.class, () -> Onnx.read(file));
        Files.write(file, saved.toBuilder().setOpsetImport(0, saved.getOpsetImport(0).toBuilder().setVersion(Onnx.MIN_OPSET - 1))
                .build().toByteArray());
        assertThrows(CheckpointException.class, () -> Onnx.read(file));
    }
}
