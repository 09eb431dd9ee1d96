package org.backprop4j.benchmarks.peer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.backprop4j.benchmarks.step.Configuration;
import org.backprop4j.benchmarks.step.Side;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Loss;

/**
 * The comparison's PyTorch peer: finds a Python with torch, hands it a configuration's network, data
 * and initial parameters as a JSON spec, and drives {@code torch_step.py}: on one thread (its
 * environment's {@code OMP_NUM_THREADS} and {@code OPENBLAS_NUM_THREADS} 1, {@code torch.set_num_threads(1)}),
 * or at torch's defaults (nothing set); float64 ({@link Side#PYTORCH}) and, where asked, float32
 * ({@link Side#PYTORCH_F32}).
 */
public final class PyTorch implements StepPeer {

    /** The line printed when no Python with torch is found. */
    public static final String HINT = "PyTorch not timed: no python3 with torch found; add it with `apt-get install python3-torch` "
            + "or `pip install torch`, or name a Python that has it with -Dpython=/path/to/python3";

    /** The Pythons tried, in order, unless {@code -Dpython} names one. */
    public static final List<String> CANDIDATES = List.of("python3", "/usr/bin/python3");

    /** PyTorch has no JIT to wait for: its warm-up stops after this long (or the Java sides', if shorter). */
    static final long WARM_UP_LIMIT_MILLIS = 1_000;

    private final ChildProcess server;
    private final List<Side> sides;
    private final Threads threads;

    private PyTorch(ChildProcess server, List<Side> sides, Threads threads) {
        this.server = server;
        this.sides = List.copyOf(sides);
        this.threads = threads;
    }

    /**
     * The thread counts torch runs on, as it reports them.
     *
     * @param intraOp {@code torch.get_num_threads()}: its element-wise and reduction threads
     * @param blas the thread count of the OpenBLAS torch runs its products on (0 where that is not known)
     */
    public record Threads(int intraOp, int blas) {

        /** @return e.g. {@code 1}, or {@code 1 (BLAS 2)} where the products run on more threads than the rest */
        @Override
        public String toString() {
            return blas == 0 || blas == intraOp ? Integer.toString(intraOp) : intraOp + " (BLAS " + blas + ")";
        }
    }

    /** A Python that imports torch. @param python its command @param version torch's version @param script torch_step.py */
    public record Found(String python, String version, Path script) {
    }

    /**
     * Finds a Python that imports torch and can run the peer's script.
     *
     * @param python the Python to use, or empty to try {@link #CANDIDATES}
     * @param folder where to put the script
     * @return the first Python that imports torch, or empty
     * @throws IOException if the script cannot be written
     * @throws IllegalArgumentException if {@code python} names a Python that cannot run the peer, quoting why
     */
    public static Optional<Found> find(String python, Path folder) throws IOException {
        Path script = folder.resolve("torch_step.py");
        try (InputStream in = Objects.requireNonNull(PyTorch.class.getResourceAsStream("torch_step.py"), "torch_step.py resource")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        for (String candidate : python.isBlank() ? CANDIDATES : List.of(python.trim())) {
            try {
                String version = ChildProcess.firstLine(candidate + " --version", List.of(candidate, script.toString(), "--version"), true);
                return Optional.of(new Found(candidate, version.trim(), script));
            } catch (IOException e) {
                if (!python.isBlank()) {
                    // a Python named on purpose that cannot run the peer is a bad option, not a machine without torch
                    throw new IllegalArgumentException("-Dpython=" + python.trim() + " cannot run the PyTorch peer: "
                            + e.getMessage().lines().map(String::strip).collect(Collectors.joining(" ")));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Starts the PyTorch peer.
     *
     * @param found the Python
     * @param oneThread whether torch runs on one thread, or at its defaults
     * @param sides {@link Side#PYTORCH}, {@link Side#PYTORCH_F32} or both: the precisions it runs
     * @return a running PyTorch server
     * @throws IOException if it does not start
     * @throws IllegalArgumentException if a side is not PyTorch's, or none is given
     */
    public static PyTorch start(Found found, boolean oneThread, List<Side> sides) throws IOException {
        if (sides.isEmpty()) {
            throw new IllegalArgumentException("the PyTorch peer needs a side to run");
        }
        for (Side side : sides) {
            requirePyTorch(side);
        }
        ChildProcess server = ChildProcess.start("the PyTorch peer (" + found.python() + ", " + (oneThread ? "1 thread" : "its default threads") + ")",
                List.of(found.python(), found.script().toString(), "--serve", oneThread ? "1" : "default"), oneThread);
        String[] words = server.ask("threads").trim().split(" ");
        return new PyTorch(server, sides, new Threads(Integer.parseInt(words[0]), Integer.parseInt(words[1])));
    }

    /** @return the thread counts torch reported when it started */
    public Threads threads() {
        return threads;
    }

    /**
     * Builds a configuration's model in the server, for each of its sides.
     *
     * @param spec a spec written by {@link #writeSpec}
     * @return PyTorch's gradients at the initial parameters, in the engines' flat order, per side
     * @throws IOException if the server fails
     */
    public Map<Side, double[]> load(Path spec) throws IOException {
        Map<Side, double[]> gradients = new EnumMap<>(Side.class);
        for (Side side : sides) {
            gradients.put(side, load(spec, side));
        }
        return gradients;
    }

    private double[] load(Path spec, Side side) throws IOException {
        String[] words = server.ask("load " + spec + " " + side.torchDtype()).split(" ");
        if (!words[0].equals("gradients")) {
            throw new IOException("the PyTorch peer answered '" + words[0] + "' instead of gradients");
        }
        double[] gradients = new double[words.length - 1];
        for (int i = 0; i < gradients.length; i++) {
            gradients[i] = Double.parseDouble(words[i + 1]);
        }
        return gradients;
    }

    /** @return the sides this peer runs: {@link Side#PYTORCH}, {@link Side#PYTORCH_F32} or both */
    @Override
    public List<Side> sides() {
        return sides;
    }

    /** @return {@value #WARM_UP_LIMIT_MILLIS} ms: PyTorch has no JIT to wait for */
    @Override
    public long warmUpLimitMillis() {
        return WARM_UP_LIMIT_MILLIS;
    }

    /** Steps the loaded configuration for about {@code millis} ms; {@code side} must be one of {@link #sides()}. */
    @Override
    public Warm warm(Side side, long millis) throws IOException {
        requireOwn(side);
        String[] words = server.ask("warm " + millis + " " + side.torchDtype()).split(" ");
        return new Warm(Long.parseLong(words[0]), Long.parseLong(words[1]));
    }

    /** Times steps of the loaded configuration; {@code side} must be one of {@link #sides()}; PyTorch counts no bytes (NaN). */
    @Override
    public Timed time(Side side, long steps) throws IOException {
        requireOwn(side);
        return new Timed(Long.parseLong(server.ask("time " + steps + " " + side.torchDtype()).trim()), Double.NaN);
    }

    private void requireOwn(Side side) {
        requirePyTorch(side);
        if (!sides.contains(side)) {
            throw new IllegalArgumentException("this PyTorch peer runs " + sides + ", not " + side);
        }
    }

    private static void requirePyTorch(Side side) {
        if (side.torchDtype().isEmpty()) {
            throw new IllegalArgumentException("the PyTorch peer runs the PyTorch sides, not " + side);
        }
    }

    /**
     * Times a cold start: the first steps of a fresh Python process.
     *
     * @param found the Python
     * @param spec the configuration's spec
     * @param steps how many steps
     * @param side {@link Side#PYTORCH} (float64) or {@link Side#PYTORCH_F32}
     * @param oneThread whether torch runs on one thread, or at its defaults
     * @return the mean µs of the first steps in a fresh Python process (after building the model)
     * @throws IOException if the process fails
     */
    public static double coldMicros(Found found, Path spec, int steps, Side side, boolean oneThread) throws IOException {
        requirePyTorch(side);
        String nanos = ChildProcess.firstLine("the PyTorch cold start (" + side.torchDtype() + ")", List.of(found.python(),
                found.script().toString(), "--cold", spec.toString(), Integer.toString(steps), side.torchDtype(), oneThread ? "1" : "default"),
                oneThread);
        return Long.parseLong(nanos.trim()) / 1e3 / steps;
    }

    /**
     * Writes what the PyTorch step needs: the kind of step ({@code fit}, or {@code poisson} at
     * {@link Configuration#PINN}, with its boundary points), layers, loss, optimizer, learning rate,
     * the batch, the initial parameters.
     *
     * @param config the configuration
     * @param file where to write
     * @throws IOException if it cannot be written
     * @throws IllegalArgumentException for a loss the script does not implement
     */
    public static void writeSpec(Configuration config, Path file) throws IOException {
        Architecture a = config.architecture();
        List<String> layers = new ArrayList<>();
        for (int l = 0; l < a.depth(); l++) {
            layers.add(String.format(Locale.ROOT, "{\"nin\": %d, \"nout\": %d, \"activation\": \"%s\"}", a.inputsOf(l),
                    a.nouts().get(l), a.activationOf(l).name().toLowerCase(Locale.ROOT)));
        }
        String loss;
        if (config.loss() == Loss.SUM_OF_SQUARES) {
            loss = "sum";
        } else if (config.loss() == Loss.MEAN_SQUARED) {
            loss = "mean";
        } else {
            throw new IllegalArgumentException("the PyTorch step has no " + config.loss() + " loss");
        }
        StringBuilder json = new StringBuilder("{\"kind\": \"").append(config.physicsInformed() ? "poisson" : "fit")
                .append("\", \"layers\": [").append(String.join(", ", layers)).append("], \"loss\": \"")
                .append(loss).append("\", \"optimizer\": \"").append(config.physicsInformed() ? "adam" : "sgd")
                .append("\", \"learningRate\": ").append(config.learningRate());
        if (config.physicsInformed()) {
            json.append(",\n\"boundary\": ").append(matrix(Configuration.pinnBoundary()));
        }
        json.append(",\n\"inputs\": ").append(matrix(config.data().inputs()))
                .append(",\n\"targets\": ").append(matrix(config.data().targets()))
                .append(",\n\"parameters\": ").append(vector(a.initialParameters())).append("}\n");
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }

    private static String matrix(double[][] rows) {
        List<String> parts = new ArrayList<>(rows.length);
        for (double[] row : rows) {
            parts.add(vector(row));
        }
        return "[" + String.join(",\n", parts) + "]";
    }

    private static String vector(double[] values) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return text.append(']').toString();
    }

    /** Ends the Python process. */
    @Override
    public void close() {
        server.close();
    }
}
