package org.backprop4j.nn.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.AttributeProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.GraphProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.NodeProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.TensorProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.TensorShapeProto;
import org.backprop4j.nn.io.onnxschema.OnnxSchema.ValueInfoProto;

/**
 * Reads an ONNX graph as a chain of dense layers. It walks the nodes in file order (ONNX requires
 * topological order) and keeps one "current" value, the output of the chain so far, starting at
 * the graph's one input: a {@code Gemm} or {@code MatMul} of the current value by a constant
 * opens a layer, an {@code Add} of a constant gives a {@code MatMul} its bias, an activation node
 * closes it, {@code Identity} passes values on and {@code Constant} defines weights. Anything
 * else — another operator, a second use of an older value (a second path), a value that no
 * initializer or earlier node defines (a missing weight, nodes out of order, a cycle) — is refused
 * at the first node where it shows, naming that node.
 */
final class OnnxGraph {

    /** Why a graph is not an MLP this library can hold: the message names the node or tensor. */
    static final class Unmappable extends Exception {

        private static final long serialVersionUID = 1L;

        Unmappable(String message) {
            super(message);
        }
    }

    /**
     * A graph read as layers.
     *
     * @param nin the input width
     * @param nouts each layer's width
     * @param activations each layer's activation
     * @param parameters every parameter, in the flat order (each neuron's weights, then its bias)
     */
    record Layers(int nin, List<Integer> nouts, List<Activation> activations, double[] parameters) {
    }

    /** One layer as it is read: y = x·Wᵀ + b, then its activation (null until a node gives one). */
    private static final class Layer {
        final int in;
        final int out;
        final double[] weights;
        double[] biases;
        boolean awaitsBias;
        Activation activation;

        Layer(int in, int out, double[] weights, double[] biases, boolean awaitsBias) {
            this.in = in;
            this.out = out;
            this.weights = weights;
            this.biases = biases;
            this.awaitsBias = awaitsBias;
        }

        Activation activationOrIdentity() {
            return activation == null ? Activation.IDENTITY : activation;
        }
    }

    private final Map<String, TensorProto> constants = new HashMap<>();
    private final Set<String> defined = new HashSet<>();
    private final List<Layer> layers = new ArrayList<>();
    private String current;
    private int width;
    private int elementType;
    private String label;

    private OnnxGraph() {
    }

    /**
     * @param activation an activation other than identity
     * @return the ONNX operator that computes it
     */
    static String opOf(Activation activation) {
        return switch (activation) {
            case TANH -> "Tanh";
            case SIGMOID -> "Sigmoid";
            case RELU -> "Relu";
            case IDENTITY -> throw new IllegalArgumentException("identity has no ONNX node: the layer ends at its Gemm");
        };
    }

    /**
     * @param graph the model's graph
     * @return its layers
     * @throws Unmappable naming the first node, input, output or tensor that does not fit
     */
    static Layers read(GraphProto graph) throws Unmappable {
        OnnxGraph reader = new OnnxGraph();
        reader.start(graph);
        for (int k = 0; k < graph.getNodeCount(); k++) {
            reader.node(k, graph.getNode(k));
        }
        return reader.finish(graph);
    }

    private void start(GraphProto graph) throws Unmappable {
        if (graph.getSparseInitializerCount() > 0) {
            throw new Unmappable("the graph has sparse initializers, which this reader does not read");
        }
        for (TensorProto initializer : graph.getInitializerList()) {
            if (!defined.add(initializer.getName())) {
                throw new Unmappable("the graph has two initializers named '" + initializer.getName() + "'");
            }
            constants.put(initializer.getName(), initializer);
        }
        List<ValueInfoProto> inputs = new ArrayList<>();
        for (ValueInfoProto input : graph.getInputList()) {
            if (!constants.containsKey(input.getName())) {
                inputs.add(input);
            }
        }
        if (inputs.size() != 1) {
            List<String> names = new ArrayList<>();
            inputs.forEach(i -> names.add(i.getName()));
            throw new Unmappable("the graph has " + inputs.size() + " inputs that are not initializers " + names
                    + "; a multi-layer perceptron has one");
        }
        ValueInfoProto input = inputs.get(0);
        current = input.getName();
        defined.add(current);
        elementType = elementTypeOf(input, "its input");
        width = widthOf(input, "its input");
    }

    /** @return the element type a graph input or output declares: FLOAT, DOUBLE, or 0 where it declares none */
    private static int elementTypeOf(ValueInfoProto value, String what) throws Unmappable {
        if (!value.hasType()) {
            return 0;
        }
        if (!value.getType().hasTensorType()) {
            throw new Unmappable(what + " '" + value.getName() + "' is not a tensor");
        }
        int type = value.getType().getTensorType().getElemType();
        if (type != TensorProto.DataType.FLOAT_VALUE && type != TensorProto.DataType.DOUBLE_VALUE) {
            throw new Unmappable(what + " '" + value.getName() + "' is a tensor of " + OnnxConstant.typeName(type)
                    + "; a multi-layer perceptron here takes FLOAT or DOUBLE");
        }
        return type;
    }

    /** @return the width a graph input or output declares ([batch, width]), or 0 where it declares none */
    private static int widthOf(ValueInfoProto value, String what) throws Unmappable {
        if (!value.hasType() || !value.getType().getTensorType().hasShape()) {
            return 0;
        }
        TensorShapeProto shape = value.getType().getTensorType().getShape();
        if (shape.getDimCount() != 2) {
            throw new Unmappable(what + " '" + value.getName() + "' has " + shape.getDimCount()
                    + " dimensions; a multi-layer perceptron takes a batch of rows, [batch, width]");
        }
        TensorShapeProto.Dimension dim = shape.getDim(1);
        if (!dim.hasDimValue()) {
            return 0;
        }
        if (dim.getDimValue() < 1 || dim.getDimValue() > Integer.MAX_VALUE) {
            throw new Unmappable(what + " '" + value.getName() + "' declares a width of " + dim.getDimValue());
        }
        return (int) dim.getDimValue();
    }

    private void node(int k, NodeProto node) throws Unmappable {
        label = "node " + k + (node.getName().isEmpty() ? "" : " '" + node.getName() + "'") + " (op " + node.getOpType() + ")";
        if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx")) {
            throw refuse("is of domain '" + node.getDomain() + "', not the standard ONNX operators");
        }
        if (node.getOutputCount() != 1 || node.getOutput(0).isEmpty()) {
            throw refuse("has " + node.getOutputCount() + " outputs; the nodes of a layer have one");
        }
        String output = node.getOutput(0);
        if (defined.contains(output)) {
            throw refuse("defines '" + output + "', which an initializer, the input or an earlier node already defines");
        }
        switch (node.getOpType()) {
            case "Gemm" -> gemm(node);
            case "MatMul" -> matMul(node);
            case "Add" -> add(node);
            case "Tanh" -> activation(node, Activation.TANH);
            case "Sigmoid" -> activation(node, Activation.SIGMOID);
            case "Relu" -> activation(node, Activation.RELU);
            case "Identity" -> identity(node);
            case "Constant" -> constant(node);
            default -> throw refuse("is not an operator of a multi-layer perceptron; this reader maps Gemm, MatMul, Add,"
                    + " Tanh, Sigmoid, Relu, Identity and Constant");
        }
        defined.add(output);
    }

    private void gemm(NodeProto node) throws Unmappable {
        int inputs = node.getInputCount();
        if (inputs < 2 || inputs > 3) {
            throw refuse("has " + inputs + " inputs; Gemm takes A, B and an optional C");
        }
        float alpha = 1;
        float beta = 1;
        long transB = 0;
        for (AttributeProto attribute : node.getAttributeList()) {
            switch (attribute.getName()) {
                case "alpha" -> alpha = floatAttribute(attribute);
                case "beta" -> beta = floatAttribute(attribute);
                case "transA" -> {
                    if (intAttribute(attribute) != 0) {
                        throw refuse("has transA = " + attribute.getI() + "; the input of a layer is not transposed");
                    }
                }
                case "transB" -> transB = intAttribute(attribute);
                default -> throw refuse("has attribute '" + attribute.getName() + "', which this reader does not know");
            }
        }
        if (transB != 0 && transB != 1) {
            throw refuse("has transB = " + transB + "; it must be 0 or 1");
        }
        requireChain(node.getInput(0), "A");
        OnnxConstant b = weight(node.getInput(1), "B");
        if (b.rank() != 2) {
            throw refuse("multiplies by B '" + node.getInput(1) + "' of shape " + b.shape() + "; a layer's weights are a matrix");
        }
        int out = (int) (transB == 1 ? b.dims()[0] : b.dims()[1]);
        int in = (int) (transB == 1 ? b.dims()[1] : b.dims()[0]);
        double[] weights = new double[out * in];
        for (int j = 0; j < out; j++) {
            for (int i = 0; i < in; i++) {
                weights[j * in + i] = alpha * b.values()[transB == 1 ? j * in + i : i * out + j];
            }
        }
        double[] biases = new double[out];
        if (inputs == 3 && !node.getInput(2).isEmpty()) {
            double[] c = bias(node.getInput(2), "C", out);
            for (int j = 0; j < out; j++) {
                biases[j] = beta * c[j];
            }
        }
        open(node, new Layer(in, out, weights, biases, false));
    }

    private void matMul(NodeProto node) throws Unmappable {
        if (node.getInputCount() != 2) {
            throw refuse("has " + node.getInputCount() + " inputs; MatMul takes two");
        }
        noAttributes(node);
        requireChain(node.getInput(0), "its first input");
        OnnxConstant b = weight(node.getInput(1), "its second input");
        if (b.rank() != 2) {
            throw refuse("multiplies by '" + node.getInput(1) + "' of shape " + b.shape() + "; a layer's weights are a matrix");
        }
        int in = (int) b.dims()[0];
        int out = (int) b.dims()[1];
        double[] weights = new double[out * in];
        for (int j = 0; j < out; j++) {
            for (int i = 0; i < in; i++) {
                weights[j * in + i] = b.values()[i * out + j];
            }
        }
        open(node, new Layer(in, out, weights, new double[out], true));
    }

    private void add(NodeProto node) throws Unmappable {
        if (node.getInputCount() != 2) {
            throw refuse("has " + node.getInputCount() + " inputs; Add takes two");
        }
        noAttributes(node);
        int chain = node.getInput(0).equals(current) ? 0 : 1;
        requireChain(node.getInput(chain), "an input");
        String other = node.getInput(1 - chain);
        if (!constants.containsKey(other)) {
            throw refuse(undefinedOrBranch(other, "the bias"));
        }
        Layer layer = layers.isEmpty() ? null : layers.get(layers.size() - 1);
        if (layer == null || !layer.awaitsBias) {
            throw refuse("adds to '" + current + "', which is not the product of a MatMul; a bias is added right after its MatMul");
        }
        layer.biases = bias(other, "the bias", layer.out);
        layer.awaitsBias = false;
        current = node.getOutput(0);
    }

    private void activation(NodeProto node, Activation activation) throws Unmappable {
        if (node.getInputCount() != 1) {
            throw refuse("has " + node.getInputCount() + " inputs; it takes one");
        }
        noAttributes(node);
        requireChain(node.getInput(0), "its input");
        Layer layer = layers.isEmpty() ? null : layers.get(layers.size() - 1);
        if (layer == null || layer.activation != null) {
            throw refuse("applies " + activation + " to '" + current + "', which is not a layer's linear output"
                    + (layer == null ? " (no layer yet)" : " (layer " + (layers.size() - 1) + " already has " + layer.activation + ")"));
        }
        layer.activation = activation;
        layer.awaitsBias = false;
        current = node.getOutput(0);
    }

    private void identity(NodeProto node) throws Unmappable {
        if (node.getInputCount() != 1) {
            throw refuse("has " + node.getInputCount() + " inputs; Identity takes one");
        }
        noAttributes(node);
        String input = node.getInput(0);
        if (constants.containsKey(input)) {
            constants.put(node.getOutput(0), constants.get(input));
        } else {
            requireChain(input, "its input");
            current = node.getOutput(0);
        }
    }

    private void constant(NodeProto node) throws Unmappable {
        if (node.getInputCount() != 0) {
            throw refuse("has " + node.getInputCount() + " inputs; Constant takes none");
        }
        if (node.getAttributeCount() != 1 || !node.getAttribute(0).getName().equals("value") || !node.getAttribute(0).hasT()) {
            throw refuse("does not hold one tensor in its 'value' attribute; this reader reads only tensor constants");
        }
        constants.put(node.getOutput(0), node.getAttribute(0).getT());
    }

    /** Appends a layer after checking its width against the chain's and the hidden activations so far. */
    private void open(NodeProto node, Layer layer) throws Unmappable {
        if (width != 0 && layer.in != width) {
            throw refuse("multiplies a value of width " + width + " by weights for " + layer.in + " inputs");
        }
        if (layer.out < 1 || layer.in < 1) {
            throw refuse("has weights of " + layer.out + " × " + layer.in + "; a layer has at least one input and one neuron");
        }
        int count = layers.size();
        if (count >= 2) {
            Activation first = layers.get(0).activationOrIdentity();
            Activation previous = layers.get(count - 1).activationOrIdentity();
            if (previous != first) {
                throw refuse("starts layer " + count + ", which makes layer " + (count - 1) + " a hidden layer with activation "
                        + previous + ", but layer 0's is " + first + "; an Architecture has one hidden activation");
            }
        }
        layers.add(layer);
        width = layer.out;
        current = node.getOutput(0);
    }

    private Layers finish(GraphProto graph) throws Unmappable {
        if (graph.getOutputCount() != 1) {
            throw new Unmappable("the graph has " + graph.getOutputCount() + " outputs; a multi-layer perceptron has one");
        }
        ValueInfoProto output = graph.getOutput(0);
        if (layers.isEmpty()) {
            throw new Unmappable("the graph has no layer: no Gemm or MatMul reads its input");
        }
        if (!output.getName().equals(current)) {
            throw new Unmappable("the graph's output '" + output.getName() + "' is not the end of its chain of layers, '" + current + "'");
        }
        int type = elementTypeOf(output, "its output");
        if (type != 0 && elementType != 0 && type != elementType) {
            throw new Unmappable("its output '" + output.getName() + "' is " + OnnxConstant.typeName(type) + " but its weights are "
                    + OnnxConstant.typeName(elementType));
        }
        int declared = widthOf(output, "its output");
        if (declared != 0 && declared != width) {
            throw new Unmappable("its output '" + output.getName() + "' declares width " + declared + " but its last layer has " + width);
        }
        List<Integer> nouts = new ArrayList<>();
        List<Activation> activations = new ArrayList<>();
        int count = 0;
        for (Layer layer : layers) {
            nouts.add(layer.out);
            activations.add(layer.activationOrIdentity());
            // No overflow: every weight was stored in the file, of at most Onnx.MAX_FILE_BYTES, in 4 bytes or more.
            count += layer.out * (layer.in + 1);
        }
        double[] parameters = new double[count];
        int k = 0;
        for (Layer layer : layers) {
            for (int j = 0; j < layer.out; j++) {
                System.arraycopy(layer.weights, j * layer.in, parameters, k, layer.in);
                k += layer.in;
                parameters[k++] = layer.biases[j];
            }
        }
        return new Layers(layers.get(0).in, nouts, activations, parameters);
    }

    /** Checks that a node input is the chain's current value. */
    private void requireChain(String input, String role) throws Unmappable {
        if (input.equals(current)) {
            return;
        }
        if (constants.containsKey(input)) {
            throw refuse("takes the constant '" + input + "' as " + role + ", where this reader expects the output of the layer before");
        }
        throw refuse(undefinedOrBranch(input, role));
    }

    private String undefinedOrBranch(String input, String role) {
        if (defined.contains(input)) {
            return "reads '" + input + "' as " + role + ", an earlier value of the chain whose output is now '" + current
                    + "': the graph has more than one path";
        }
        return "reads '" + input + "' as " + role + ", which no initializer, graph input or earlier node defines"
                + " (a missing initializer, nodes out of order, or a cycle)";
    }

    /** @return a constant input, decoded, of the chain's element type */
    private OnnxConstant weight(String input, String role) throws Unmappable {
        TensorProto tensor = constants.get(input);
        if (tensor == null) {
            throw refuse(input.equals(current) ? "takes the chain's value '" + input + "' as " + role + ", where a constant belongs"
                    : undefinedOrBranch(input, role));
        }
        OnnxConstant decoded = OnnxConstant.decode(tensor, label + ": its " + role + " '" + input + "'");
        if (elementType == 0) {
            elementType = decoded.elementType();
        } else if (decoded.elementType() != elementType) {
            throw refuse("mixes element types: its " + role + " '" + input + "' is " + OnnxConstant.typeName(decoded.elementType())
                    + " but the values before it are " + OnnxConstant.typeName(elementType));
        }
        return decoded;
    }

    /** @return a bias of out values, stored as [out] or [1, out] */
    private double[] bias(String input, String role, int out) throws Unmappable {
        OnnxConstant c = weight(input, role);
        boolean fits = c.rank() == 1 && c.dims()[0] == out || c.rank() == 2 && c.dims()[0] == 1 && c.dims()[1] == out;
        if (!fits) {
            throw refuse("adds " + role + " '" + input + "' of shape " + c.shape() + " to a layer of " + out + " neurons; a bias has shape ["
                    + out + "]");
        }
        return c.values();
    }

    private float floatAttribute(AttributeProto attribute) throws Unmappable {
        if (!attribute.hasF()) {
            throw refuse("has attribute '" + attribute.getName() + "' without a float value");
        }
        if (!Float.isFinite(attribute.getF())) {
            throw refuse("has attribute " + attribute.getName() + " = " + attribute.getF());
        }
        return attribute.getF();
    }

    private long intAttribute(AttributeProto attribute) throws Unmappable {
        if (!attribute.hasI()) {
            throw refuse("has attribute '" + attribute.getName() + "' without an int value");
        }
        return attribute.getI();
    }

    private void noAttributes(NodeProto node) throws Unmappable {
        if (node.getAttributeCount() > 0) {
            throw refuse("has attribute '" + node.getAttribute(0).getName() + "', which this reader does not know");
        }
    }

    private Unmappable refuse(String why) {
        return new Unmappable(label + " " + why);
    }
}
