package org.backprop4j.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.backprop4j.benchmarks.jmh.Activations;
import org.backprop4j.benchmarks.peer.PyTorch;
import org.backprop4j.benchmarks.report.Measurement;
import org.backprop4j.benchmarks.report.Progress;
import org.backprop4j.benchmarks.report.Report;
import org.backprop4j.benchmarks.report.Setting;
import org.backprop4j.benchmarks.step.Configuration;
import org.backprop4j.benchmarks.step.Side;
import org.backprop4j.benchmarks.timing.Interleaved;
import org.backprop4j.benchmarks.timing.RowKey;
import org.backprop4j.benchmarks.timing.Threads;
import org.backprop4j.tensor.blas.MatrixProducts;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;

/**
 * The one command that compares the engines: checks that they (and PyTorch, where it is installed)
 * compute the same gradients, then times the training step of each configuration on the scalar
 * engine, the tensor engine, its roofline and PyTorch, interleaved round by round in fresh
 * processes, in two lines: every side on one thread, and each side at its defaults (the library on
 * all cores, PyTorch at torch's default threads in float64 and float32); measures each one's cold
 * start; prints one table, and writes it to {@code target/} as JSON, CSV, Markdown and a PNG chart.
 * At {@code pinn} (a physics-informed network, Adam) only the tensor engine and PyTorch are checked
 * and timed.
 *
 * <p>System properties: {@code quick} (fewer, shorter rounds, for CI), {@code configs} (e.g.
 * {@code seed,moons}; by default {@value #DEFAULT_CONFIGS}), {@code backends} (of {@code ejml}, {@code netlib}, {@code netlib-java},
 * {@code auto}; default {@code auto}, the library's default), {@code rounds} (interleaved rounds per
 * configuration: {@value Options#FULL_ROUNDS}, or {@value Options#QUICK_ROUNDS} when quick), {@code python} (the
 * Python with torch; by default the first of {@code python3} and {@code /usr/bin/python3} that has
 * it), {@code jdk} (the home of the JDK the Java sides and the JMH forks run on; by default this one). Arguments are JMH
 * command-line options for the activation benchmarks (e.g. {@code -wi 5 -i 10}).
 *
 * <p>This class only runs the sections in order: {@link Options} reads the options, {@link Checks} the gradients,
 * {@link Timings} the rounds and cold starts, {@code jmh.Activations} the activation benchmarks, {@code report.Report}
 * the table and its files.
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
    public static final String PINN_TENSOR_ONLY = "the physics-informed step runs on the tensor engine and PyTorch only "
            + "(on the scalar engine it builds ~400,000 nodes)";
    /** The largest relative difference allowed between PyTorch's float64 gradients and the tensor engine's. */
    static final double PYTORCH_LIMIT = 1e-10;
    /**
     * The largest relative difference allowed between PyTorch's float32 gradients and the tensor engine's float64 ones:
     * float32 carries 24 bits (a unit roundoff of 6e-8), and a gradient sums hundreds of rounded products and goes
     * through three layers' tanh; measured with torch 1.13 on this project's configurations (the relative measure of
     * {@code Comparison}, whose floor of 1e-3 of the largest gradient keeps tiny elements from dominating) it is 5.9e-6
     * at pinn, 7.6e-6 at seed, 1.2e-5 at moons, 9.3e-5 at medium and 2.2e-4 at large, so 1e-3 leaves a factor 4.5 above
     * the largest and still fails a gradient that is wrong in its fourth digit.
     */
    static final double PYTORCH_F32_LIMIT = 1e-3;

    private Compare() {
    }

    /**
     * Runs the comparison and exits with its status: 0, 1 when the engines disagree or a benchmark fails, 2 for a bad option.
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
        Options options;
        try {
            options = Options.read(args);
        } catch (IllegalArgumentException | CommandLineOptionException e) {
            out.println("error: " + e.getMessage());
            return 2;
        }
        String machine = String.format(Locale.ROOT, "%d cores, %s %s, Java %s (%s), netlib = %s, %s%s", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), MatrixProducts.netlib().name(), LocalDate.now(),
                options.jdk().equals(Path.of(System.getProperty("java.home"))) ? "" : "; the Java sides on " + options.jdk());
        out.println("backprop4j engine comparison" + (options.quick() ? " (quick)" : "") + ": " + machine);
        Optional<Map<Configuration, Double>> differences = Checks.engines(options.configs(), tensorGradients, out);
        if (differences.isEmpty()) {
            return 1;
        }
        Path folder = null;
        try {
            folder = Files.createTempDirectory("backprop4j-compare");
            return compare(options, differences.get(), folder, machine, out, pytorchGradients);
        } catch (IllegalStateException e) {
            out.println();
            out.println("FAILED: " + e.getMessage() + ".");
            return 1;
        } catch (IOException | RunnerException | RuntimeException e) {
            out.println();
            out.println("FAILED: a benchmark did not complete: " + e.getMessage());
            return 1;
        } finally {
            deleteFolder(folder);
        }
    }

    private static int compare(Options options, Map<Configuration, Double> differences, Path folder, String machine, PrintStream out,
                               UnaryOperator<double[]> pytorchGradients) throws IOException, RunnerException {
        List<Configuration> configs = options.configs();
        List<Configuration> defaultsConfigs = options.defaultsConfigs();
        List<String> backends = options.backends();
        out.println();
        out.println("2. Does PyTorch agree? Its gradients against the tensor engine's, same parameters and data (limit "
                + PYTORCH_LIMIT + " in float64, " + PYTORCH_F32_LIMIT + " in float32):");
        Optional<PyTorch.Found> torch;
        try {
            torch = findPyTorch(options.python(), folder, out);
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            return 2;
        }
        Map<Configuration, Path> specs = new EnumMap<>(Configuration.class);
        Map<Threads, Map<Configuration, Map<Side, Double>>> torchDifferences = new EnumMap<>(Threads.class);
        Progress progress = new Progress((configs.size() + defaultsConfigs.size()) * backends.size() + Timings.coldConfigs(configs).size()
                + Activations.METHODS.size(), out);
        Map<RowKey, Timings.Row> steady;
        try (PyTorch one = torch.isPresent() ? PyTorch.start(torch.get(), true, List.of(Side.PYTORCH)) : null;
             PyTorch defaults = torch.isPresent() && !defaultsConfigs.isEmpty()
                     ? PyTorch.start(torch.get(), false, List.of(Side.PYTORCH, Side.PYTORCH_F32)) : null) {
            if (one != null) {
                Optional<Map<Configuration, Map<Side, Double>>> checked = Checks.pytorch(configs, one, Threads.ONE, folder, specs,
                        pytorchGradients, out);
                if (checked.isEmpty()) {
                    return 1;
                }
                torchDifferences.put(Threads.ONE, checked.get());
            }
            if (defaults != null) {
                Optional<Map<Configuration, Map<Side, Double>>> checked = Checks.pytorch(defaultsConfigs, defaults, Threads.DEFAULTS, folder,
                        specs, pytorchGradients, out);
                if (checked.isEmpty()) {
                    return 1;
                }
                torchDifferences.put(Threads.DEFAULTS, checked.get());
            }
            steady = Timings.steady(configs, defaultsConfigs, backends, options.timing(), options.jdk(), one, defaults, specs, progress, out);
        }
        Map<RowKey, Map<Side, Double>> cold = Timings.cold(configs, defaultsConfigs, backends, options.jdk(), torch, specs,
                options.coldRuns(), progress, out);

        out.println();
        out.println("5. Activations, ns per element (JMH" + (options.jdk().equals(Path.of(System.getProperty("java.home"))) ? ""
                : ", on " + options.jdk()) + "):");
        for (String method : Activations.METHODS) {
            progress.done(String.format(Locale.ROOT, "%-12s %6.2f", method,
                    Activations.nanosPerElement(options.jmh(), options.quick(), method, options.jdk())));
        }

        List<Measurement> measurements = new ArrayList<>();
        for (Map.Entry<RowKey, Timings.Row> entry : steady.entrySet()) {
            RowKey key = entry.getKey();
            Configuration c = key.config();
            Timings.Row row = entry.getValue();
            Interleaved.Result result = row.result();
            String note = result.micros().containsKey(Side.SCALAR) ? ""
                    : c.physicsInformed() ? "not timed: " + PINN_TENSOR_ONLY
                    : key.threads() == Threads.DEFAULTS ? "not timed: the scalar engine runs on one thread (see the 1-thread line)"
                    : "not timed: ~" + String.format(Locale.ROOT, "%,d", c.scalarNodesPerStep()) + " nodes per step";
            Setting setting = new Setting(key.threads(), row.java().threads(), row.torch() == null ? 0 : row.torch().intraOp(),
                    row.torch() == null ? 0 : row.torch().blas(), row.java().javaVersion());
            measurements.add(new Measurement(c, row.java().backend(), setting, result.micros(), note, result.tensorBytes(), differences.get(c),
                    torchDifferences.getOrDefault(key.threads(), Map.of()).getOrDefault(c, Map.of()), cold.getOrDefault(key, Map.of())));
        }

        out.println();
        out.println("6. Per training step (µs): both engines, the bare matrix products (roofline), PyTorch; steady and cold; "
                + "on one thread and at each side's defaults:");
        Report.print(measurements, out);
        out.println(torch.map(t -> "PyTorch " + t.version() + " (" + t.python() + "): float64 on one thread; at its defaults, float64 and float32 "
                + "on the threads torch chose (the threads column: torch.get_num_threads(), and its OpenBLAS's where they differ).")
                .orElse("PyTorch not timed: see section 2 for how to add it."));
        Path target = Path.of("target");
        Report.writeFiles(target, measurements, machine, options.quick());
        out.println();
        out.println("wrote " + target.toAbsolutePath().resolve("benchmark-results.{md,csv,json}") + " and benchmark-chart.png");
        return 0;
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

}
