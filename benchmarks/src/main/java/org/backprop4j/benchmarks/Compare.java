package org.backprop4j.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.backprop4j.tensor.MatrixProducts;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The one command that compares the engines: checks that they (and PyTorch, where it is installed)
 * compute the same gradients, then times the training step of each configuration on the scalar
 * engine, the tensor engine, its roofline and PyTorch, interleaved round by round in fresh
 * processes; measures each one's cold start; prints one table, and writes it to {@code target/} as
 * JSON, CSV, Markdown and a PNG chart. At {@code pinn} (a physics-informed network, Adam) only the
 * tensor engine and PyTorch are checked and timed.
 *
 * <p>System properties: {@code quick} (fewer, shorter rounds, for CI), {@code configs} (e.g.
 * {@code seed,moons}; by default {@value #DEFAULT_CONFIGS}), {@code backends} (of {@code ejml}, {@code netlib}, {@code netlib-java},
 * {@code auto}; default {@code auto}, the library's default), {@code rounds} (interleaved rounds per
 * configuration: {@value #FULL_ROUNDS}, or {@value #QUICK_ROUNDS} when quick), {@code python} (the
 * Python with torch; by default the first of {@code python3} and {@code /usr/bin/python3} that has
 * it). Arguments are JMH command-line options for the activation benchmarks (e.g. {@code -wi 5 -i 10}).
 */
public final class Compare {

    /**
     * The scalar engine is timed, and checked against the tensor engine, only on steps of at most this many
     * nodes (~100 MB at 48 bytes a node): at {@code seed} and {@code moons}. At {@code medium} a step builds
     * 13 million nodes and takes seconds, so timing it would take minutes and say nothing new.
     */
    static final long SCALAR_NODES = 2_000_000L;
    /**
     * Cold starts are measured at these configurations: where a short job is made of many small steps. At
     * {@code medium} and {@code large} 1,000 steps take seconds, and three fresh processes per side would take minutes.
     */
    static final List<Configuration> COLD_CONFIGS = List.of(Configuration.SEED, Configuration.MOONS);
    /** The configurations run when {@code -Dconfigs} names none. */
    static final String DEFAULT_CONFIGS = "seed,moons,medium,large,pinn";
    /**
     * Why the scalar engine and the roofline are not timed at {@code pinn}: a scalar step differentiates each of
     * the 99 points' networks twice, ~400,000 nodes, tens of milliseconds; the products of a step are whatever
     * the gradient graph holds, so they make no fixed floor.
     */
    static final String PINN_TENSOR_ONLY = "the physics-informed step runs on the tensor engine and PyTorch only "
            + "(on the scalar engine it builds ~400,000 nodes)";
    /** Interleaved rounds per configuration in a full run. */
    static final int FULL_ROUNDS = 8;
    /** Interleaved rounds per configuration in a quick run. */
    static final int QUICK_ROUNDS = 4;
    /** The largest relative difference allowed between PyTorch's gradients and the tensor engine's. */
    static final double PYTORCH_LIMIT = 1e-10;
    /**
     * Each Java side warms up this long in a fresh JVM before it is timed, in turns with the other sides
     * (so the JIT compiles in the background for sides × this long): the tensor step at moons settles after
     * ~2.5 s, the scalar step at seed after ~4 s on a loaded machine.
     */
    static final long WARMUP_MILLIS = 4_000;
    /** How long each side runs per round in a full run. */
    static final long FULL_ROUND_MILLIS = 400;
    /** How long each side runs per round in a quick run. */
    static final long QUICK_ROUND_MILLIS = 250;
    /** Fresh processes per cold-start figure in a full run (one when quick); the median is reported. */
    static final int FULL_COLD_RUNS = 3;
    /** The activation benchmarks, ns per element. */
    private static final String[] ACTIVATIONS = {"mathTanh", "fastTanh", "kernelTanh", "tanhSigmoid", "fastSigmoid", "kernelSigmoid"};

    private Compare() {
    }

    /**
     * Runs the comparison and exits with its status: 0, or 1 when the engines disagree or a benchmark fails.
     *
     * @param args JMH command-line options for the activation benchmarks
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, UnaryOperator.identity(), UnaryOperator.identity()));
    }

    /**
     * The comparison.
     *
     * @param args JMH command-line options for the activation benchmarks
     * @param out where to print
     * @param tensorGradients applied to the tensor engine's gradients in the engines' agreement check (identity, but for tests)
     * @param pytorchGradients applied to PyTorch's gradients in its agreement check (identity, but for tests)
     * @return the exit status: 0, 1 when a check or benchmark fails, 2 for bad options
     */
    static int run(String[] args, PrintStream out, UnaryOperator<double[]> tensorGradients, UnaryOperator<double[]> pytorchGradients) {
        boolean quick;
        int rounds;
        List<Configuration> configs = new ArrayList<>();
        List<String> backends = new ArrayList<>();
        CommandLineOptions jmh;
        try {
            quick = flag(System.getProperty("quick", "false"));
            for (String label : System.getProperty("configs", DEFAULT_CONFIGS).split(",")) {
                Configuration c = Configuration.of(label);
                if (configs.contains(c)) {
                    throw new IllegalArgumentException("configuration '" + c.label() + "' is named twice");
                }
                configs.add(c);
            }
            for (String backend : System.getProperty("backends", "auto").split(",")) {
                String name = backend.trim().toLowerCase(Locale.ROOT);
                try {
                    MatrixProducts.named(name);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("no backend '" + backend + "': choose from ejml, netlib, netlib-java, auto", e);
                }
                if (backends.contains(name)) {
                    throw new IllegalArgumentException("backend '" + name + "' is named twice");
                }
                backends.add(name);
            }
            jmh = new CommandLineOptions(args);
            String roundsProperty = System.getProperty("rounds", "").trim();
            try {
                rounds = roundsProperty.isEmpty() ? (quick ? QUICK_ROUNDS : FULL_ROUNDS) : Integer.parseInt(roundsProperty);
            } catch (NumberFormatException e) {
                rounds = 0;
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds must be a whole number of at least 1, got '" + roundsProperty + "'");
            }
        } catch (IllegalArgumentException | CommandLineOptionException e) {
            out.println("error: " + e.getMessage());
            return 2;
        }
        Interleaved timing = new Interleaved(WARMUP_MILLIS, quick ? QUICK_ROUND_MILLIS : FULL_ROUND_MILLIS, rounds);
        int coldRuns = quick ? 1 : FULL_COLD_RUNS;
        String machine = String.format(Locale.ROOT, "%d cores, %s %s, Java %s (%s), netlib = %s, %s", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), MatrixProducts.netlib().name(), LocalDate.now());
        out.println("backprop4j engine comparison" + (quick ? " (quick)" : "") + ": " + machine);

        out.println();
        out.println("1. Do the engines agree? One step's gradients, same seed, both engines (limit " + Agreement.LIMIT + "):");
        List<Double> differences = new ArrayList<>();
        for (Configuration c : configs) {
            if (c.physicsInformed()) {
                differences.add(Double.NaN);
                out.printf(Locale.ROOT, "   %-7s %,d parameters: not compared, the physics-informed step runs on the tensor engine only; "
                        + "PyTorch checks its gradients in section 2%n", c.label(), c.architecture().parameterCount());
                continue;
            }
            Agreement.Result result = Agreement.measure(c, SCALAR_NODES, tensorGradients);
            differences.add(result.difference().relative());
            out.printf(Locale.ROOT, "   %-7s %,d parameters, %d of %d rows: largest relative difference %.2e%n", c.label(),
                    c.architecture().parameterCount(), result.rows(), c.batch(), result.difference().relative());
            if (!(result.difference().relative() <= Agreement.LIMIT)) {
                out.printf(Locale.ROOT, "FAILED: the engines disagree on configuration %s at parameter index %d "
                        + "(relative difference %.3e > %.0e); no timing is worth reporting.%n", c.label(),
                        result.difference().index(), result.difference().relative(), Agreement.LIMIT);
                return 1;
            }
        }

        Path folder = null;
        try {
            folder = Files.createTempDirectory("backprop4j-compare");
            return compare(configs, backends, quick, timing, coldRuns, jmh, differences, folder, machine, out, pytorchGradients);
        } catch (IOException | RunnerException | RuntimeException e) {
            out.println();
            out.println("FAILED: a benchmark did not complete: " + e.getMessage());
            return 1;
        } finally {
            deleteFolder(folder);
        }
    }

    private static int compare(List<Configuration> configs, List<String> backends, boolean quick, Interleaved timing, int coldRuns,
                               CommandLineOptions jmh, List<Double> differences, Path folder, String machine, PrintStream out,
                               UnaryOperator<double[]> pytorchGradients) throws IOException, RunnerException {
        out.println();
        out.println("2. Does PyTorch agree? Its gradients against the tensor engine's, same parameters and data (limit "
                + PYTORCH_LIMIT + "):");
        Optional<PyTorch.Found> torch;
        try {
            torch = findPyTorch(System.getProperty("python", ""), folder, out);
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            return 2;
        }
        Map<Configuration, Path> specs = new EnumMap<>(Configuration.class);
        Map<Configuration, Double> torchDifferences = new EnumMap<>(Configuration.class);
        List<Configuration> coldConfigs = new ArrayList<>(configs);
        coldConfigs.retainAll(COLD_CONFIGS);
        Progress progress = new Progress(configs.size() * backends.size() + coldConfigs.size() + ACTIVATIONS.length, out);
        Map<String, Interleaved.Result> steady = new HashMap<>();
        try (PyTorch peer = torch.isPresent() ? PyTorch.start(torch.get()) : null) {
            if (peer != null && !checkPyTorch(configs, peer, folder, specs, torchDifferences, pytorchGradients, out)) {
                return 1;
            }
            timeSteady(configs, backends, timing, peer, specs, steady, progress, out);
        }

        out.println();
        out.printf(Locale.ROOT, "4. Cold start: the mean step over the first %,d steps of a fresh process (after building the model)%s%s%n",
                ColdStart.STEPS, coldRuns > 1 ? ", median of " + coldRuns + " processes each, in turns" : "",
                coldConfigs.isEmpty() ? ": measured at seed and moons only" : ":");
        Map<String, Double> cold = new HashMap<>();
        for (Configuration c : coldConfigs) {
            StringBuilder line = new StringBuilder("cold start " + c.label() + ":");
            for (Map.Entry<String, Double> side : ColdStart.measure(c, backends, torch, specs.get(c), coldRuns).entrySet()) {
                cold.put(c.label() + " " + side.getKey(), side.getValue());
                line.append(String.format(Locale.ROOT, " %s %s µs,", side.getKey(), Report.micros(side.getValue())));
            }
            progress.done(line.substring(0, line.length() - 1));
        }

        out.println();
        out.println("5. Activations, ns per element (JMH):");
        for (String method : ACTIVATIONS) {
            progress.done(String.format(Locale.ROOT, "%-12s %6.2f", method, activation(jmh, quick, method)));
        }

        List<Measurement> measurements = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            Configuration c = configs.get(i);
            for (String backend : backends) {
                Interleaved.Result result = steady.get(c.label() + " " + backend);
                Map<Side, Double> coldMicros = new EnumMap<>(Side.class);
                putIfMeasured(coldMicros, Side.SCALAR, cold.get(c.label() + " scalar"));
                putIfMeasured(coldMicros, Side.TENSOR, cold.get(c.label() + " tensor " + backend));
                putIfMeasured(coldMicros, Side.PYTORCH, cold.get(c.label() + " PyTorch"));
                String note = result.micros().containsKey(Side.SCALAR) ? ""
                        : c.physicsInformed() ? "not timed: " + PINN_TENSOR_ONLY
                        : "not timed: ~" + String.format(Locale.ROOT, "%,d", c.scalarNodesPerStep()) + " nodes per step";
                measurements.add(new Measurement(c, MatrixProducts.named(backend).name(), result.micros(), note, result.tensorBytes(),
                        differences.get(i), torchDifferences.getOrDefault(c, Double.NaN), coldMicros));
            }
        }

        out.println();
        out.println("6. Per training step (µs): both engines, the bare matrix products (roofline), PyTorch; steady and cold:");
        Report.print(measurements, out);
        out.println(torch.map(t -> "PyTorch " + t.version() + " (" + t.python() + "), float64, one thread.")
                .orElse("PyTorch not timed: see section 2 for how to add it."));
        Path target = Path.of("target");
        String header = "Measured " + (quick ? "(quick run) " : "") + "on " + machine + ".";
        Report.write(target.resolve("benchmark-results.md"), Report.markdown(measurements, header));
        Report.write(target.resolve("benchmark-results.csv"), Report.csv(measurements));
        Report.write(target.resolve("benchmark-results.json"), Report.json(measurements, machine));
        Chart.write(measurements, "Training step, scalar vs tensor engine" + (quick ? " (quick run)" : ""),
                target.resolve("benchmark-chart.png"));
        out.println();
        out.println("wrote " + target.toAbsolutePath().resolve("benchmark-results.{md,csv,json}") + " and benchmark-chart.png");
        return 0;
    }

    /**
     * Section 2: PyTorch's gradients against the tensor engine's at each configuration's initial parameters.
     *
     * @return whether they agree everywhere (a mismatch is printed, naming the configuration and parameter)
     */
    private static boolean checkPyTorch(List<Configuration> configs, PyTorch peer, Path folder, Map<Configuration, Path> specs,
                                        Map<Configuration, Double> torchDifferences, UnaryOperator<double[]> pytorchGradients,
                                        PrintStream out) throws IOException {
        for (Configuration c : configs) {
            Path spec = folder.resolve(c.label() + ".json");
            PyTorch.writeSpec(c, spec);
            specs.put(c, spec);
            Comparison.Difference d = Agreement.withTensor(c, pytorchGradients.apply(peer.load(spec)));
            torchDifferences.put(c, d.relative());
            out.printf(Locale.ROOT, "   %-7s largest relative difference %.2e%n", c.label(), d.relative());
            if (!(d.relative() <= PYTORCH_LIMIT)) {
                out.printf(Locale.ROOT, "FAILED: PyTorch and the tensor engine disagree on configuration %s at parameter index %d "
                        + "(relative difference %.3e > %.0e); no timing is worth reporting.%n", c.label(), d.index(),
                        d.relative(), PYTORCH_LIMIT);
                return false;
            }
        }
        return true;
    }

    /** Section 3: each configuration on each backend, every side in interleaved rounds in a fresh JVM. */
    private static void timeSteady(List<Configuration> configs, List<String> backends, Interleaved timing, PyTorch peer,
                                   Map<Configuration, Path> specs, Map<String, Interleaved.Result> steady, Progress progress,
                                   PrintStream out) throws IOException {
        out.println();
        out.printf(Locale.ROOT, "3. Timing each configuration: every side warms up %.1f s in a fresh process, then %d interleaved "
                + "rounds of ~%d ms a side (figures: the median round; ratios: the median of the per-round ratios, and their range):%n",
                timing.warmupMillis() / 1e3, timing.rounds(), timing.roundMillis());
        for (Configuration c : configs) {
            List<Side> javaSides = new ArrayList<>();
            if (c.physicsInformed()) {
                out.printf(Locale.ROOT, "   scalar engine and roofline not timed at %s: %s%n", c.label(), PINN_TENSOR_ONLY);
            } else if (c.scalarNodesPerStep() <= SCALAR_NODES) {
                javaSides.add(Side.SCALAR);
            } else {
                out.printf(Locale.ROOT, "   scalar engine not timed at %s: a step builds ~%,d nodes (~%,d MB at 48 bytes each), "
                        + "over the limit of %,d nodes%n", c.label(), c.scalarNodesPerStep(), c.scalarNodesPerStep() * 48 / 1_000_000,
                        SCALAR_NODES);
            }
            javaSides.add(Side.TENSOR);
            if (!c.physicsInformed()) {
                javaSides.add(Side.ROOFLINE);
            }
            if (peer != null) {
                peer.load(specs.get(c));
            }
            for (String backend : backends) {
                Interleaved.Result result;
                try (Peer java = JavaSide.serve(c, backend, javaSides)) {
                    result = timing.run(java, javaSides, peer);
                }
                steady.put(c.label() + " " + backend, result);
                StringBuilder line = new StringBuilder(c.label() + " on " + backend + ":");
                for (Map.Entry<Side, double[]> side : result.micros().entrySet()) {
                    line.append(String.format(Locale.ROOT, " %s %s µs,", side.getKey().label(), Report.micros(Spread.of(side.getValue()).median())));
                }
                progress.done(line.substring(0, line.length() - 1));
            }
        }
    }

    private static void putIfMeasured(Map<Side, Double> map, Side side, Double value) {
        if (value != null) {
            map.put(side, value);
        }
    }

    /**
     * Finds a Python with torch, printing which, or the hint that says how to add it.
     *
     * @param python the Python to use, or empty to try the usual ones
     * @param folder where to put the script
     * @param out where to print
     * @return the Python, or empty
     * @throws IOException if the script cannot be written
     */
    static Optional<PyTorch.Found> findPyTorch(String python, Path folder, PrintStream out) throws IOException {
        Optional<PyTorch.Found> torch = PyTorch.find(python, folder);
        out.println("   " + torch.map(t -> "PyTorch " + t.version() + " (" + t.python() + ")").orElse(PyTorch.HINT));
        return torch;
    }

    private static void deleteFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            folder.toFile().deleteOnExit();
        }
    }

    /** -Dquick alone or =true is on, =false off; anything else (=yes, a typo) is refused, not read as off. */
    private static boolean flag(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!v.isEmpty() && !v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("quick must be true or false (or -Dquick alone), got '" + value + "'");
        }
        return !v.equals("false");
    }

    private static ChainedOptionsBuilder options(CommandLineOptions jmh, boolean quick, String backend) {
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(jmh)
                .jvmArgs("--add-modules", "jdk.incubator.vector", "-D" + MatrixProducts.PROPERTY + "=" + backend)
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true);
        if (!jmh.getForkCount().hasValue()) {
            builder.forks(1);
        }
        if (!jmh.getWarmupIterations().hasValue()) {
            builder.warmupIterations(2);
        }
        if (!jmh.getWarmupTime().hasValue()) {
            builder.warmupTime(quick ? TimeValue.milliseconds(500) : TimeValue.seconds(1));
        }
        if (!jmh.getMeasurementIterations().hasValue()) {
            builder.measurementIterations(quick ? 2 : 3);
        }
        if (!jmh.getMeasurementTime().hasValue()) {
            builder.measurementTime(quick ? TimeValue.milliseconds(300) : TimeValue.seconds(1));
        }
        return builder;
    }

    private static double activation(CommandLineOptions jmh, boolean quick, String method) throws RunnerException {
        return new Runner(options(jmh, quick, "netlib").include(ActivationBenchmark.class.getName() + "." + method + "$").build())
                .runSingle().getPrimaryResult().getScore();
    }
}
