package org.backprop4j.nn.fuzz;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.EuclideanNorm;
import org.backprop4j.nn.Init;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.Model;
import org.backprop4j.nn.MultilayerPerceptron;
import org.backprop4j.nn.ParameterUpdate;
import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.io.Checkpoint;
import org.backprop4j.nn.io.CheckpointException;
import org.backprop4j.nn.io.Onnx;
import org.backprop4j.nn.optim.LearningRate;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.train.History;
import org.backprop4j.nn.train.Trainer;
import org.backprop4j.nn.train.TrainingException;
import org.backprop4j.scalar.Value;
import org.backprop4j.tensor.blas.MatrixProducts;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.Workspace;
import org.ejml.data.DMatrixRMaj;

/**
 * For each type the public API takes or is called on, the values a hostile caller would pass: the
 * first is a good value, the rest are the awkward ones (null, empty, ragged, NaN, ±∞, 0, negative and
 * huge sizes, mismatched shapes, wrong lengths, recycled tensors, rules that return NaN or throw).
 * Each value is made afresh for each call, on the thread that makes the call.
 */
final class Candidates {

    /** One value, named for the failure report. @param name what it is @param make makes it afresh */
    record Candidate(String name, Supplier<Object> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final AtomicInteger FILES = new AtomicInteger();

    private final Path folder;
    private final Map<String, List<Candidate>> byType = new LinkedHashMap<>();

    Candidates(Path folder) {
        this.folder = folder;
        primitives();
        arrays();
        engines();
        models();
        training();
        data();
        files();
    }

    /** @return the candidates for a parameter or receiver type, good first; empty when the type is unknown */
    List<Candidate> of(Type type) {
        List<Candidate> found = byType.get(key(type));
        return found == null ? List.of() : found;
    }

    /** @return the key a type's candidates are filed under: its raw name, with type arguments for lists */
    static String key(Type type) {
        if (type instanceof Class<?> c) {
            return c.getTypeName();
        }
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (raw == List.class || raw == Model.class) {
                return raw.getName() + "<" + key(p.getActualTypeArguments()[0]) + ">";
            }
            return raw.getName();
        }
        if (type instanceof WildcardType) {
            return "?";
        }
        return type.getTypeName();
    }

    private void put(String key, Object... namesAndMakers) {
        List<Candidate> list = new ArrayList<>();
        for (int i = 0; i < namesAndMakers.length; i += 2) {
            @SuppressWarnings("unchecked")
            Supplier<Object> make = (Supplier<Object>) namesAndMakers[i + 1];
            list.add(new Candidate((String) namesAndMakers[i], make));
        }
        byType.put(key, list);
    }

    private static Supplier<Object> is(Object value) {
        return () -> value;
    }

    private void primitives() {
        put("int", "2", is(2), "0", is(0), "1", is(1), "-1", is(-1), "3", is(3), "65536", is(65536),
                "Integer.MAX_VALUE", is(Integer.MAX_VALUE), "Integer.MIN_VALUE", is(Integer.MIN_VALUE));
        put("long", "7L", is(7L), "0L", is(0L), "-1L", is(-1L), "Long.MAX_VALUE", is(Long.MAX_VALUE),
                "Long.MIN_VALUE", is(Long.MIN_VALUE));
        put("double", "0.5", is(0.5), "NaN", is(Double.NaN), "+Inf", is(Double.POSITIVE_INFINITY),
                "-Inf", is(Double.NEGATIVE_INFINITY), "0.0", is(0.0), "-0.0", is(-0.0), "-1.0", is(-1.0),
                "1e308", is(1e308), "Double.MIN_VALUE", is(Double.MIN_VALUE), "2.0", is(2.0));
        put("boolean", "false", is(false), "true", is(true));
        put("java.lang.String", "\"ejml\"", is("ejml"), "null", is(null), "\"\"", is(""),
                "\"no-such-thing\"", is("no-such-thing"), "\" \"", is(" "));
        put("java.lang.Object", "\"x\"", is("x"), "null", is(null), "1", is(1));
        put("java.lang.Thread", "this thread", (Supplier<Object>) Thread::currentThread, "null", is(null));
        put("java.lang.Throwable", "an IOException", (Supplier<Object>) () -> new IOException("disk full"), "null", is(null));
    }

    private void arrays() {
        put("double[]", "{0.1, 0.2, 0.3}", (Supplier<Object>) () -> new double[] {0.1, 0.2, 0.3},
                "null", is(null), "{}", (Supplier<Object>) () -> new double[0],
                "{NaN, 0.2, 0.3}", (Supplier<Object>) () -> new double[] {Double.NaN, 0.2, 0.3},
                "{+Inf, 0.2, 0.3}", (Supplier<Object>) () -> new double[] {Double.POSITIVE_INFINITY, 0.2, 0.3},
                "{1}", (Supplier<Object>) () -> new double[] {1},
                "{1, 2, 3, 4, 5, 6}", (Supplier<Object>) () -> new double[] {1, 2, 3, 4, 5, 6},
                "double[1000]", (Supplier<Object>) () -> new double[1000]);
        put("double[][]", "{{1, 2, 3}, {4, 5, 6}}", (Supplier<Object>) () -> new double[][] {{1, 2, 3}, {4, 5, 6}},
                "null", is(null), "{}", (Supplier<Object>) () -> new double[0][],
                "{{}}", (Supplier<Object>) () -> new double[][] {{}},
                "{null}", (Supplier<Object>) () -> new double[][] {null},
                "ragged {{1, 2, 3}, {4}}", (Supplier<Object>) () -> new double[][] {{1, 2, 3}, {4}},
                "{{NaN, 2, 3}, {4, 5, 6}}", (Supplier<Object>) () -> new double[][] {{Double.NaN, 2, 3}, {4, 5, 6}},
                "{{1, 2, 3}, {4, 5, -Inf}}", (Supplier<Object>) () -> new double[][] {{1, 2, 3}, {4, 5, Double.NEGATIVE_INFINITY}},
                "{{1}, {-1}}", (Supplier<Object>) () -> new double[][] {{1}, {-1}},
                "{{0.5}, {2}}", (Supplier<Object>) () -> new double[][] {{0.5}, {2}},
                "{{1, 0}, {0, 1}}", (Supplier<Object>) () -> new double[][] {{1, 0}, {0, 1}},
                "{{1, 2, 3, 4}}", (Supplier<Object>) () -> new double[][] {{1, 2, 3, 4}});
        put("int[]", "{0, 1}", (Supplier<Object>) () -> new int[] {0, 1}, "null", is(null),
                "{}", (Supplier<Object>) () -> new int[0], "{-1}", (Supplier<Object>) () -> new int[] {-1},
                "{Integer.MAX_VALUE}", (Supplier<Object>) () -> new int[] {Integer.MAX_VALUE},
                "{0, 0}", (Supplier<Object>) () -> new int[] {0, 0});
        put("java.util.List<java.lang.Integer>", "[4, 1]", is(List.of(4, 1)), "null", is(null), "[]", is(List.of()),
                "[0]", is(List.of(0)), "[-1]", is(List.of(-1)), "[Integer.MAX_VALUE]", is(List.of(Integer.MAX_VALUE)),
                "[65536, 65536]", is(List.of(65536, 65536)), "[4, null]", is(Arrays.asList(4, null)));
        put("java.util.List<org.backprop4j.nn.Activation>", "[TANH, IDENTITY]", is(List.of(Activation.TANH, Activation.IDENTITY)),
                "null", is(null), "[]", is(List.of()), "[null]", is(Arrays.asList((Activation) null)));
    }

    private void engines() {
        put("org.backprop4j.scalar.Value", "Value.of(0.5)", (Supplier<Object>) () -> Value.of(0.5), "null", is(null),
                "Value.of(NaN)", (Supplier<Object>) () -> Value.of(Double.NaN),
                "Value.of(+Inf)", (Supplier<Object>) () -> Value.of(Double.POSITIVE_INFINITY),
                "Value.of(0)", (Supplier<Object>) () -> Value.of(0),
                "2·3 (a product node)", (Supplier<Object>) () -> Value.of(2).mul(Value.of(3)));
        put("java.util.List<org.backprop4j.scalar.Value>",
                "[0.1, 0.2, 0.3]", (Supplier<Object>) () -> List.of(Value.of(0.1), Value.of(0.2), Value.of(0.3)),
                "null", is(null), "[]", is(List.of()),
                "[0.1, null, 0.3]", (Supplier<Object>) () -> Arrays.asList(Value.of(0.1), null, Value.of(0.3)),
                "[0.1, 0.2]", (Supplier<Object>) () -> List.of(Value.of(0.1), Value.of(0.2)),
                "[NaN, 0.2, 0.3]", (Supplier<Object>) () -> List.of(Value.of(Double.NaN), Value.of(0.2), Value.of(0.3)));
        put("java.util.List<java.util.List<org.backprop4j.scalar.Value>>",
                "[[0.5], [-0.5]]", (Supplier<Object>) () -> List.of(List.of(Value.of(0.5)), List.of(Value.of(-0.5))),
                "null", is(null), "[]", is(List.of()), "[[]]", is(List.of(List.of())),
                "[null]", is(Arrays.asList((List<Value>) null)),
                "[[null]]", (Supplier<Object>) () -> List.of(Arrays.asList((Value) null)),
                "[[0.5], [null]] (a null Value in the second row)", (Supplier<Object>) () -> List.of(List.of(Value.of(0.5)), Arrays.asList((Value) null)),
                "[[-Inf], [1e308]]", (Supplier<Object>) () -> List.of(List.of(Value.of(Double.NEGATIVE_INFINITY)), List.of(Value.of(1e308))),
                "ragged [[1, 2], [3]]", (Supplier<Object>) () -> List.of(List.of(Value.of(1), Value.of(2)), List.of(Value.of(3))));
        put("org.backprop4j.tensor.Tensor", "Tensor.of(2x3)", (Supplier<Object>) () -> Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}),
                "null", is(null), "Tensor.scalar(2)", (Supplier<Object>) () -> Tensor.scalar(2),
                "Tensor.of(3x2)", (Supplier<Object>) () -> Tensor.of(3, 2, 1, 2, 3, 4, 5, 6),
                "Tensor.constant(2x3)", (Supplier<Object>) () -> Tensor.constant(new double[][] {{1, 2, 3}, {4, 5, 6}}),
                "Tensor.of(1x3 row)", (Supplier<Object>) () -> Tensor.of(1, 3, 1, 2, 3),
                "Tensor.of(2x1 column)", (Supplier<Object>) () -> Tensor.of(2, 1, 1, -1),
                "Tensor.of(2x3 with NaN)", (Supplier<Object>) () -> Tensor.of(2, 3, Double.NaN, 2, 3, 4, 5, 6),
                "Tensor.of(2x3 with -Inf, +Inf, ±1e308)", (Supplier<Object>) () -> Tensor.of(2, 3, Double.NEGATIVE_INFINITY, 2, 1,
                        1e308, -1e308, Double.POSITIVE_INFINITY),
                "tanh of a 2x3 parameter", (Supplier<Object>) () -> Tensor.of(2, 3, 1, 2, 3, 4, 5, 6).tanh(),
                "a tensor recycled by a Workspace", (Supplier<Object>) Candidates::recycledTensor);
        put("java.util.List<org.backprop4j.tensor.Tensor>",
                "[Tensor.of(2x3), Tensor.scalar(2)]", (Supplier<Object>) () -> List.of(Tensor.of(2, 3, 1, 2, 3, 4, 5, 6), Tensor.scalar(2)),
                "null", is(null), "[]", is(List.of()),
                "[null]", is(Arrays.asList((Tensor) null)),
                "[Tensor.constant(2x3)]", (Supplier<Object>) () -> List.of(Tensor.constant(2, 3, 1, 2, 3, 4, 5, 6)),
                "[a tensor recycled by a Workspace]", (Supplier<Object>) () -> List.of(recycledTensor()));
        put("org.ejml.data.DMatrixRMaj", "2x3", (Supplier<Object>) () -> new DMatrixRMaj(2, 3, true, 1, 2, 3, 4, 5, 6),
                "null", is(null), "0x0", (Supplier<Object>) () -> new DMatrixRMaj(0, 0),
                "3x2", (Supplier<Object>) () -> new DMatrixRMaj(3, 2, true, 1, 2, 3, 4, 5, 6),
                "2x3 of NaN", (Supplier<Object>) () -> new DMatrixRMaj(2, 3, true, Double.NaN, 2, 3, 4, 5, 6),
                "1x1", (Supplier<Object>) () -> new DMatrixRMaj(1, 1, true, 7));
        put("org.backprop4j.tensor.Workspace", "new Workspace()", (Supplier<Object>) Workspace::new, "null", is(null));
        put("org.backprop4j.tensor.Workspace$Scope", "new Workspace().enter()", (Supplier<Object>) () -> new Workspace().enter());
        put("org.backprop4j.scalar.Anomaly$Scope", "scalar Anomaly.detect()", (Supplier<Object>) org.backprop4j.scalar.Anomaly::detect);
        put("org.backprop4j.tensor.Anomaly$Scope", "tensor Anomaly.detect()", (Supplier<Object>) org.backprop4j.tensor.Anomaly::detect);
        put("org.backprop4j.tensor.blas.MatrixProducts", "MatrixProducts.ejml()", (Supplier<Object>) MatrixProducts::ejml, "null", is(null),
                "MatrixProducts.netlib()", (Supplier<Object>) MatrixProducts::netlib,
                "MatrixProducts.current()", (Supplier<Object>) MatrixProducts::current);
        put("org.backprop4j.scalar.AnomalyException", "a scalar AnomalyException",
                (Supplier<Object>) () -> anomaly(() -> Value.of(-1).log()));
        put("org.backprop4j.tensor.AnomalyException", "a tensor AnomalyException",
                (Supplier<Object>) () -> anomaly(() -> Tensor.of(1, 1, -1).log()));
    }

    private static Tensor recycledTensor() {
        Workspace workspace = new Workspace();
        Tensor kept;
        try (Workspace.Scope scope = workspace.enter()) {
            kept = Tensor.of(1, 2, 1, 2).mul(2);
        }
        workspace.recycle(kept);
        return kept;
    }

    private static RuntimeException anomaly(Runnable failing) {
        try (org.backprop4j.scalar.Anomaly.Scope s = org.backprop4j.scalar.Anomaly.detect();
                org.backprop4j.tensor.Anomaly.Scope t = org.backprop4j.tensor.Anomaly.detect()) {
            failing.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new IllegalStateException("anomaly mode did not throw");
    }

    private void models() {
        Supplier<Object> scalarMlp = () -> new org.backprop4j.nn.scalar.MLP(3, List.of(4, 1));
        Supplier<Object> tensorMlp = () -> new org.backprop4j.nn.tensor.MLP(3, List.of(4, 1));
        put("org.backprop4j.nn.scalar.MLP", "scalar MLP(3, [4, 1])", scalarMlp, "null", is(null));
        put("org.backprop4j.nn.tensor.MLP", "tensor MLP(3, [4, 1])", tensorMlp, "null", is(null),
                "tensor MLP(3, [4, 3]) (its outputs the shape of the good tensor)", (Supplier<Object>) () ->
                        new org.backprop4j.nn.tensor.MLP(3, List.of(4, 3)));
        put("org.backprop4j.nn.scalar.Neuron", "scalar Neuron(3)", (Supplier<Object>) () -> new org.backprop4j.nn.scalar.Neuron(3), "null", is(null));
        put("org.backprop4j.nn.tensor.Neuron", "tensor Neuron(3)", (Supplier<Object>) () -> new org.backprop4j.nn.tensor.Neuron(3), "null", is(null));
        put("org.backprop4j.nn.scalar.Layer", "scalar Layer(3, 4)", (Supplier<Object>) () -> new org.backprop4j.nn.scalar.Layer(3, 4), "null", is(null));
        put("org.backprop4j.nn.tensor.Layer", "tensor Layer(3, 4)", (Supplier<Object>) () -> new org.backprop4j.nn.tensor.Layer(3, 4), "null", is(null));
        put("org.backprop4j.nn.MultilayerPerceptron", "scalar MLP(3, [4, 1])", scalarMlp, "null", is(null),
                "tensor MLP(3, [4, 1])", tensorMlp, "tensor MLP(2, [3, 2])", (Supplier<Object>) () -> new org.backprop4j.nn.tensor.MLP(2, List.of(3, 2)));
        put("org.backprop4j.nn.Model<?>", "scalar MLP(3, [4, 1])", scalarMlp, "null", is(null), "tensor MLP(3, [4, 1])", tensorMlp,
                "tensor Neuron(3)", (Supplier<Object>) () -> new org.backprop4j.nn.tensor.Neuron(3),
                "scalar MLP(3, [4, 1]) with gradients of a batch", (Supplier<Object>) Candidates::withGradients,
                "scalar MLP(3, [4, 1]) with an infinite gradient at index 5", (Supplier<Object>) Candidates::withInfiniteGradient);
        put("org.backprop4j.nn.Model<org.backprop4j.scalar.Value>", "scalar MLP(3, [4, 1])", scalarMlp, "null", is(null),
                "scalar Neuron(3)", (Supplier<Object>) () -> new org.backprop4j.nn.scalar.Neuron(3));
        put("org.backprop4j.nn.Model<org.backprop4j.tensor.Tensor>", "tensor MLP(3, [4, 1])", tensorMlp, "null", is(null),
                "tensor Layer(3, 4)", (Supplier<Object>) () -> new org.backprop4j.nn.tensor.Layer(3, 4));
        put("org.backprop4j.nn.Architecture", "Architecture.of(3, [4, 1])", (Supplier<Object>) () -> Architecture.of(3, List.of(4, 1)),
                "null", is(null), "Architecture.of(3, [4, 2])", (Supplier<Object>) () -> Architecture.of(3, List.of(4, 2)),
                "Architecture.of(2, [4, 1])", (Supplier<Object>) () -> Architecture.of(2, List.of(4, 1)));
        enumeration("org.backprop4j.nn.Activation", Activation.values());
        enumeration("org.backprop4j.tensor.kernels.Activation", org.backprop4j.tensor.kernels.Activation.values());
        enumeration("org.backprop4j.nn.Init", Init.values());
        put("org.backprop4j.tensor.parallel.Workers", "Workers.of(2)", (Supplier<Object>) () -> org.backprop4j.tensor.parallel.Workers.of(2),
                "Workers.shared()", (Supplier<Object>) org.backprop4j.tensor.parallel.Workers::shared, "null", is(null));
        put("org.backprop4j.tensor.parallel.RangeKernel", "a kernel that writes nothing",
                is((org.backprop4j.tensor.parallel.RangeKernel<Object>) (target, from, to) -> { }), "null", is(null),
                "a kernel that refuses its range", is((org.backprop4j.tensor.parallel.RangeKernel<Object>) (target, from, to) -> {
                    throw new IllegalArgumentException("this kernel refuses [" + from + ", " + to + ")");
                }));
        put("T", "an int[4]", (Supplier<Object>) () -> new int[4], "null", is(null));
        put("java.lang.Runnable", "a runnable that does nothing", is((Runnable) () -> { }), "null", is(null),
                "a runnable that fails", is((Runnable) () -> {
                    throw new IllegalStateException("this runnable fails");
                }));
        enumeration("org.backprop4j.nn.Loss", Loss.values());
        put("org.backprop4j.nn.EuclideanNorm", "new EuclideanNorm()", (Supplier<Object>) EuclideanNorm::new);
        put("org.backprop4j.nn.ParameterUpdate$Descent", "new Descent(0.05)", is(new ParameterUpdate.Descent(0.05)),
                "new Descent(NaN)", is(new ParameterUpdate.Descent(Double.NaN)), "null", is(null));
        put("org.backprop4j.nn.ParameterUpdate", "p − 0.05·g", is((ParameterUpdate) (i, p, g) -> p - 0.05 * g), "null", is(null),
                "new Descent(0.05)", is(new ParameterUpdate.Descent(0.05)),
                "a rule that returns NaN", is((ParameterUpdate) (i, p, g) -> Double.NaN),
                "a rule that fails at index 2", is((ParameterUpdate) (i, p, g) -> {
                    if (i == 2) {
                        throw new IllegalStateException("this rule refuses index 2");
                    }
                    return p + 1;
                }));
    }

    private static org.backprop4j.nn.scalar.MLP withGradients() {
        org.backprop4j.nn.scalar.MLP mlp = new org.backprop4j.nn.scalar.MLP(3, List.of(4, 1));
        DataSet seed = DataSets.seed();
        mlp.lossAndBackward(seed.inputs(), seed.targets(), Loss.SUM_OF_SQUARES, 0);
        return mlp;
    }

    /** A model whose update by any optimizer is refused: an optimizer must come out of it unchanged. */
    private static org.backprop4j.nn.scalar.MLP withInfiniteGradient() {
        org.backprop4j.nn.scalar.MLP mlp = withGradients();
        mlp.parameters().get(5).setGrad(Double.POSITIVE_INFINITY);
        return mlp;
    }

    private void enumeration(String key, Enum<?>[] constants) {
        List<Candidate> list = new ArrayList<>();
        list.add(new Candidate(constants[0].name(), is(constants[0])));
        list.add(new Candidate("null", is(null)));
        for (int i = 1; i < constants.length; i++) {
            list.add(new Candidate(constants[i].name(), is(constants[i])));
        }
        byType.put(key, list);
    }

    private void training() {
        put("org.backprop4j.nn.optim.LearningRate", "LearningRate.constant(0.05)", (Supplier<Object>) () -> LearningRate.constant(0.05),
                "null", is(null), "a schedule of NaN", is((LearningRate) step -> Double.NaN),
                "a schedule of -1", is((LearningRate) step -> -1), "a schedule of +Inf", is((LearningRate) step -> Double.POSITIVE_INFINITY));
        put("org.backprop4j.nn.optim.Optimizer", "Optimizer.sgd(0.05)", (Supplier<Object>) () -> Optimizer.sgd(0.05), "null", is(null),
                "Optimizer.sgd(1e308)", (Supplier<Object>) () -> Optimizer.sgd(1e308),
                "Optimizer.adam(1e308)", (Supplier<Object>) () -> Optimizer.adam(1e308),
                "Optimizer.momentum(0.05, 0.9)", (Supplier<Object>) () -> Optimizer.momentum(0.05, 0.9));
        put("org.backprop4j.nn.train.Trainer", "a scalar Trainer, 2 epochs",
                (Supplier<Object>) () -> trainer(new org.backprop4j.nn.scalar.MLP(3, List.of(4, 1)), Loss.SUM_OF_SQUARES),
                "a tensor Trainer, 2 epochs",
                (Supplier<Object>) () -> trainer(new org.backprop4j.nn.tensor.MLP(3, List.of(4, 1)), Loss.SUM_OF_SQUARES),
                "a tensor Trainer of 2 outputs, hinge loss, 2 epochs",
                (Supplier<Object>) () -> trainer(new org.backprop4j.nn.tensor.MLP(3, List.of(4, 2)), Loss.HINGE));
        put("org.backprop4j.nn.train.History", "the History of 2 epochs", (Supplier<Object>) () ->
                new Trainer(new org.backprop4j.nn.tensor.MLP(3, List.of(4, 1)), Loss.SUM_OF_SQUARES, Optimizer.sgd(0.05)).epochs(2).fit(DataSets.seed()));
        put("org.backprop4j.nn.train.TrainingException", "a TrainingException", (Supplier<Object>) () -> new TrainingException("step 3 failed"));
        put("java.io.PrintStream", "a PrintStream", (Supplier<Object>) () -> new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8),
                "null", is(null));
        put("java.util.SplittableRandom", "new SplittableRandom(1)", (Supplier<Object>) () -> new SplittableRandom(1), "null", is(null));
    }

    /** The model each Trainer candidate trains, so that a refused call can be checked to leave it as it was. */
    private static final Map<Trainer, Model<?>> TRAINED = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private static Trainer trainer(MultilayerPerceptron<?> model, Loss loss) {
        Trainer trainer = new Trainer(model, loss, Optimizer.sgd(0.05)).epochs(2);
        TRAINED.put(trainer, model);
        return trainer;
    }

    /** @return the model a Trainer candidate trains, or null for a Trainer made elsewhere */
    static Model<?> modelOf(Trainer trainer) {
        return TRAINED.get(trainer);
    }

    private void data() {
        put("org.backprop4j.nn.data.DataSet", "DataSets.seed()", (Supplier<Object>) DataSets::seed, "null", is(null),
                "DataSets.xor() (2 inputs)", (Supplier<Object>) DataSets::xor,
                "one row", (Supplier<Object>) () -> new DataSet(new double[][] {{1, 2, 3}}, new double[][] {{1}}),
                "targets of 0.5", (Supplier<Object>) () -> new DataSet(new double[][] {{1, 2, 3}, {3, 2, 1}}, new double[][] {{0.5}, {0.5}}),
                "two target columns", (Supplier<Object>) () -> new DataSet(new double[][] {{1, 2, 3}, {3, 2, 1}}, new double[][] {{1, 0}, {0, 1}}),
                "two multi-label ±1 target columns", (Supplier<Object>) () ->
                        new DataSet(new double[][] {{1, 2, 3}, {3, 2, 1}}, new double[][] {{1, 1}, {-1, 1}}));
        put("org.backprop4j.nn.data.DataSet$Split", "DataSets.seed().split(0.25, 1)", (Supplier<Object>) () -> DataSets.seed().split(0.25, 1));
    }

    private void files() {
        put("java.nio.file.Path", "a new file", (Supplier<Object>) () -> folder.resolve("new-" + FILES.incrementAndGet() + ".bp4j"),
                "null", is(null), "/", is(Path.of("/")), "a folder", is(folder), "the empty path", is(Path.of("")),
                "a file in a missing folder", (Supplier<Object>) () -> folder.resolve("missing-" + FILES.incrementAndGet()).resolve("x.bp4j"),
                "a saved scalar checkpoint", (Supplier<Object>) () -> saved(),
                "a file of garbage", (Supplier<Object>) () -> written("garbage".getBytes(StandardCharsets.UTF_8)),
                "an empty file", (Supplier<Object>) () -> written(new byte[0]),
                "a symbolic link to a saved checkpoint", (Supplier<Object>) this::linkToSaved,
                "a checkpoint of another architecture (2 → [3, 2])", (Supplier<Object>) () ->
                        saved(new org.backprop4j.nn.tensor.MLP(2, List.of(3, 2))),
                "a checkpoint cut 9 bytes short", (Supplier<Object>) () -> {
                    byte[] bytes = read(saved());
                    return written(Arrays.copyOf(bytes, bytes.length - 9));
                },
                "a checkpoint with one bit flipped in a parameter", (Supplier<Object>) () -> {
                    byte[] bytes = read(saved());
                    bytes[bytes.length - 20] ^= 0x10;
                    return written(bytes);
                },
                "a checkpoint of format version 2", (Supplier<Object>) () -> {
                    byte[] bytes = read(saved());
                    bytes[7] = 2;
                    return written(bytes);
                },
                "a new file named with 60 emoji and a number (about 250 bytes)", (Supplier<Object>) () ->
                        folder.resolve("\uD83D\uDE00".repeat(60) + FILES.incrementAndGet() + ".bp4j"),
                "a saved ONNX model of a scalar MLP(3, [4, 1])", (Supplier<Object>) this::savedOnnx,
                "an ONNX model cut 9 bytes short", (Supplier<Object>) () -> {
                    byte[] bytes = read(savedOnnx());
                    return written(Arrays.copyOf(bytes, bytes.length - 9));
                });
        put("java.util.function.Function", "tensor MLP::new", is((Function<Architecture, org.backprop4j.nn.tensor.MLP>) org.backprop4j.nn.tensor.MLP::new),
                "null", is(null), "scalar MLP::new", is((Function<Architecture, org.backprop4j.nn.scalar.MLP>) org.backprop4j.nn.scalar.MLP::new),
                "an engine that returns null", is((Function<Architecture, org.backprop4j.nn.tensor.MLP>) a -> null),
                "an engine that builds another seed", is((Function<Architecture, org.backprop4j.nn.tensor.MLP>) a ->
                        new org.backprop4j.nn.tensor.MLP(a.withSeed(a.seed() + 1))));
        put("org.backprop4j.nn.io.Checkpoint", "Checkpoint.of(scalar MLP(3, [4, 1]))",
                (Supplier<Object>) () -> Checkpoint.of(new org.backprop4j.nn.scalar.MLP(3, List.of(4, 1))), "null", is(null));
        put("org.backprop4j.nn.io.CheckpointException", "a CheckpointException", (Supplier<Object>) () -> new CheckpointException("bad magic"));
    }

    private Path saved() {
        return saved(new org.backprop4j.nn.scalar.MLP(3, List.of(4, 1)));
    }

    private Path saved(MultilayerPerceptron<?> model) {
        Path file = folder.resolve("saved-" + FILES.incrementAndGet() + ".bp4j");
        try {
            Checkpoint.save(model, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private Path savedOnnx() {
        Path file = folder.resolve("saved-" + FILES.incrementAndGet() + ".onnx");
        try {
            Onnx.save(new org.backprop4j.nn.scalar.MLP(3, List.of(4, 1)), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private Path linkToSaved() {
        Path link = folder.resolve("link-" + FILES.incrementAndGet() + ".bp4j");
        try {
            return Files.createSymbolicLink(link, saved());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path written(byte[] bytes) {
        Path file = folder.resolve("written-" + FILES.incrementAndGet() + ".bp4j");
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
