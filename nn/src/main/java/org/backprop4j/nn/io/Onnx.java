package org.backprop4j.nn.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.MultilayerPerceptron;

/**
 * A network as an ONNX model, the exchange format of ONNX Runtime (Java, C#, Python, the browser)
 * and of {@code torch.onnx.export}: {@link #save} writes either engine's network, {@link #read} and
 * {@link #load} read one written here or exported from PyTorch.
 *
 * <p><b>What is written.</b> One graph computing exactly what {@code predict} computes: for each
 * layer l, a {@code Gemm} node y = x·Wᵀ + b (attribute {@code transB = 1}, W of shape nout × nin as
 * in the tensor engine, b of shape nout), then a {@code Tanh}, {@code Sigmoid} or {@code Relu} node
 * for the layer's activation (none for identity). Weights and biases are {@code DOUBLE}
 * initializers named {@code layer<l>.weight} and {@code layer<l>.bias}, stored bit for bit; the
 * input {@code input} and output {@code output} are {@code DOUBLE} tensors of shape
 * [{@code batch}, width] with a dynamic batch dimension. The model declares IR version
 * {@value #IR_VERSION} and the standard operator set {@value #OPSET} (ONNX Runtime 1.20 runs it, as
 * the tests check), and keeps the architecture's initialisation, seed and hidden activation, which the
 * graph does not show, as metadata ({@code backprop4j.init}, {@code backprop4j.seed},
 * {@code backprop4j.hidden}), so that {@code Onnx.read} of a saved file equals
 * {@code Checkpoint.of(model)}. Saving is durable and atomic, as {@link Checkpoint#save}: a
 * temporary file, forced to disk, renamed over the target, the folder forced.
 *
 * <p><b>What is read.</b> A graph whose nodes, in file order, form one chain from its one input to
 * its one output: per layer a {@code Gemm} ({@code transA = 0}, any {@code transB}, {@code alpha}
 * and {@code beta} folded into W and b) or a {@code MatMul} followed by an optional {@code Add} of
 * the bias, then at most one {@code Tanh}, {@code Sigmoid} or {@code Relu}; {@code Constant} and
 * {@code Identity} nodes may supply or pass on weights, and {@code Identity} may pass on the chain.
 * Weights are {@code FLOAT} or {@code DOUBLE} (float values are widened exactly), stored in
 * {@code raw_data} or the typed fields, as initializers or {@code Constant} nodes: what
 * {@code torch.onnx.export} writes for a {@code torch.nn.Sequential} of {@code Linear} and
 * {@code Tanh}/{@code Sigmoid}/{@code ReLU} modules. Every hidden layer must have the same
 * activation (an {@link Architecture} has one hidden activation). Without backprop4j's metadata the
 * architecture gets {@code Architecture.of}'s initialisation and seed, and a one-layer network
 * {@code tanh} as its (unused) hidden activation.
 *
 * <p><b>What is refused</b>, with a {@link CheckpointException} and never a partial model: a file
 * over {@value #MAX_FILE_BYTES} bytes (before any of it is read); a file that is not a protobuf
 * ONNX model (truncated, or corrupted where protobuf sees it); an IR version outside
 * {@value #MIN_IR_VERSION}–{@value #MAX_IR_VERSION}; no standard operator set, or one outside
 * {@value #MIN_OPSET}–{@value #MAX_OPSET}; the first node that cannot be mapped, named with its
 * op type and why (another operator or domain, a second path through the graph, an input that no
 * earlier node or constant defines — which is what a cycle looks like —, a missing initializer, a
 * shape that does not fit); tensors of another element type, stored in another file, or whose
 * declared dimensions do not match the values they hold (checked before anything is allocated);
 * and weights that are NaN or ±∞. ONNX files carry no checksum, so a flipped bit inside a weight
 * changes that weight; everywhere else it is refused.
 */
public final class Onnx {

    /** The largest file {@link #read} and {@link #load} accept: 1 GiB, about 134 million float64 weights. */
    public static final long MAX_FILE_BYTES = 1L << 30;

    /** The IR version {@link #save} writes: 8, that of operator set 17. */
    public static final int IR_VERSION = 8;

    /** The version of the standard operator set {@link #save} writes. */
    public static final int OPSET = 17;

    /** The lowest IR version {@link #read} accepts: 3, the first with operator-set imports. */
    public static final int MIN_IR_VERSION = 3;

    /** The highest IR version {@link #read} accepts: 10, that of ONNX 1.16 and ONNX Runtime 1.20. */
    public static final int MAX_IR_VERSION = 10;

    /** The lowest standard operator set {@link #read} accepts: 7, from which Gemm and Add broadcast a bias as read here. */
    public static final int MIN_OPSET = 7;

    /** The highest standard operator set {@link #read} accepts: 21, the newest ONNX Runtime 1.20 runs. */
    public static final int MAX_OPSET = 21;

    private Onnx() {
    }

    /**
     * Saves a network as an ONNX model, durably and atomically (see the class description).
     *
     * @param model the network, on either engine
     * @param path the file to write or replace; its folder must exist
     * @throws NullPointerException if an argument is null, naming it
     * @throws IllegalArgumentException if a parameter is NaN or ±∞ (naming its index; nothing is
     *     written), if the network's weights would make a file over {@link #MAX_FILE_BYTES}, or if the
     *     path names no file, or names a folder, a symbolic link, a device, a pipe or a socket
     * @throws CheckpointException if the file cannot be written, naming it, the step that failed and why
     * @throws IOException if it cannot be written for another reason
     */
    public static void save(MultilayerPerceptron<?> model, Path path) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(path, "path");
        write(Checkpoint.of(model), path);
    }

    /**
     * Writes an architecture and its parameters as an ONNX model, durably and atomically.
     *
     * @param checkpoint the network
     * @param path the file to write or replace; its folder must exist
     * @throws NullPointerException if an argument is null, naming it
     * @throws IllegalArgumentException if the network's weights would make a file over {@link #MAX_FILE_BYTES}, or
     *     if the path names no file, or names a folder, a symbolic link, a device, a pipe or a socket
     * @throws CheckpointException if the file cannot be written, naming it, the step that failed and why
     * @throws IOException if it cannot be written for another reason
     */
    public static void write(Checkpoint checkpoint, Path path) throws IOException {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(path, "path");
        DurableFile.replace(DurableFile.target(path), OnnxWriter.encode(checkpoint), LocalFileSystemSteps.INSTANCE);
    }

    /**
     * Reads an ONNX model of a multi-layer perceptron (see the class description for what is read
     * and refused).
     *
     * @param path the file
     * @return its architecture and parameters
     * @throws NullPointerException if path is null
     * @throws CheckpointException if the file is over {@link #MAX_FILE_BYTES}, not an ONNX model,
     *     of an unsupported version, or a graph this library cannot map, naming the first node it
     *     cannot map and why
     * @throws IOException if it cannot be read
     */
    public static Checkpoint read(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        return OnnxReader.read(path);
    }

    /**
     * Reads an ONNX model and builds it on the engine of your choice:
     * {@code Onnx.load(path, org.backprop4j.nn.tensor.MLP::new)} or
     * {@code Onnx.load(path, org.backprop4j.nn.scalar.MLP::new)}. The file is read and checked
     * whole before the engine builds anything.
     *
     * @param path the file
     * @param engine builds a network of an architecture, such as an {@code MLP} constructor
     * @param <M> the network's type
     * @return the network, holding the file's parameters
     * @throws NullPointerException if an argument is null or the engine returns null
     * @throws CheckpointException as {@link #read}
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException if the engine builds a network of another architecture, naming both
     */
    public static <M extends MultilayerPerceptron<?>> M load(Path path, Function<? super Architecture, M> engine)
            throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(engine, "engine");
        Checkpoint checkpoint = read(path);
        M model = Objects.requireNonNull(engine.apply(checkpoint.architecture()), "the network the engine built");
        if (!model.architecture().equals(checkpoint.architecture())) {
            throw new IllegalArgumentException("the engine built a network " + CheckpointReader.describe(model.architecture())
                    + " for the file's " + CheckpointReader.describe(checkpoint.architecture()));
        }
        model.setParameterValues(checkpoint.parameters());
        return model;
    }
}
