package org.backprop4j.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.backprop4j.tensor.MatrixProducts;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The one command that compares the engines: checks that they agree, then runs the JMH benchmarks
 * of the training step on each engine and backend, prints one table, and writes it to
 * {@code target/} as JSON, CSV, Markdown and a PNG chart.
 *
 * <p>System properties: {@code quick} (short runs, for CI), {@code configs} (e.g. {@code seed,moons}),
 * {@code backends} (of {@code ejml}, {@code netlib}, {@code netlib-java}, {@code auto}; default {@code ejml,netlib,auto}),
 * {@code rounds} (passes over the plan in alternating order, keeping each benchmark's best: 2, or 1
 * when quick — on a noisy machine the best of two is the steadier figure). Arguments are JMH command-line options (e.g. {@code -wi 5 -i 10}),
 * which win over the defaults.
 */
public final class Compare {

    /** The most scalar-engine nodes one timed step may build: ~1 GB at 48 bytes a node. */
    static final long FULL_SCALAR_NODES = 20_000_000L;
    /** In quick mode the scalar engine times only steps of at most this many nodes. */
    static final long QUICK_SCALAR_NODES = 2_000_000L;

    private Compare() {
    }

    /**
     * Runs the comparison and exits with its status: 0, or 1 when the engines disagree or a benchmark fails.
     *
     * @param args JMH command-line options
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, UnaryOperator.identity()));
    }

    /**
     * The comparison.
     *
     * @param args JMH command-line options
     * @param out where to print
     * @param tensorGradients applied to the tensor engine's gradients in the agreement check (identity, but for tests)
     * @return the exit status
     */
    static int run(String[] args, PrintStream out, UnaryOperator<double[]> tensorGradients) {
        boolean quick = flag(System.getProperty("quick", "false"));
        int rounds;
        List<Configuration> configs = new ArrayList<>();
        List<String> backends = new ArrayList<>();
        CommandLineOptions jmh;
        try {
            for (String label : System.getProperty("configs", "seed,moons,medium,large").split(",")) {
                configs.add(Configuration.of(label));
            }
            for (String backend : System.getProperty("backends", "ejml,netlib,auto").split(",")) {
                String name = backend.trim().toLowerCase(Locale.ROOT);
                try {
                    MatrixProducts.named(name);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("no backend '" + backend + "': choose from ejml, netlib, netlib-java, auto", e);
                }
                backends.add(name);
            }
            jmh = new CommandLineOptions(args);
            String roundsProperty = System.getProperty("rounds", "").trim();
            try {
                rounds = roundsProperty.isEmpty() ? (quick ? 1 : 2) : Integer.parseInt(roundsProperty);
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
        String machine = String.format(Locale.ROOT, "%d cores, %s %s, Java %s (%s), netlib = %s, %s", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), MatrixProducts.netlib().name(), LocalDate.now());
        out.println("backprop4j engine comparison" + (quick ? " (quick)" : "") + ": " + machine);

        out.println();
        out.println("1. Do the engines agree? One step's gradients, same seed, both engines (limit " + Agreement.LIMIT + "):");
        List<Double> differences = new ArrayList<>();
        for (Configuration c : configs) {
            Agreement.Result result = Agreement.measure(c, quick ? QUICK_SCALAR_NODES : FULL_SCALAR_NODES, tensorGradients);
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

        List<Run> plan = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Configuration c : configs) {
            long nodes = c.scalarNodesPerStep();
            long limit = quick ? QUICK_SCALAR_NODES : FULL_SCALAR_NODES;
            if (nodes <= limit) {
                plan.add(new Run("scalarStep", c, "auto"));
            } else {
                notes.add(String.format(Locale.ROOT, "scalar engine skipped at %s: a step builds ~%,d nodes (~%,d MB at 48 bytes each), over the %s limit of %,d nodes",
                        c.label(), nodes, nodes * 48 / 1_000_000, quick ? "quick" : "full", limit));
            }
            for (String backend : backends) {
                plan.add(new Run("tensorStep", c, backend));
                plan.add(new Run("roofline", c, backend));
            }
        }
        out.println();
        out.println("2. Timing " + plan.size() + " benchmarks with JMH" + (quick ? " (quick: short warm-up and measurement)" : "")
                + (rounds > 1 ? ", " + rounds + " rounds in alternating order, keeping each one's best" : "") + ":");
        for (String note : notes) {
            out.println("   " + note);
        }
        List<Measurement> measurements = new ArrayList<>();
        double[][] micros = new double[plan.size()][];
        try {
            for (int round = 1; round <= rounds; round++) {
                for (int k = 0; k < plan.size(); k++) {
                    int i = round % 2 == 1 ? k : plan.size() - 1 - k;
                    Run run = plan.get(i);
                    double[] result = time(jmh, quick, run);
                    if (micros[i] == null || result[0] < micros[i][0]) {
                        micros[i] = result;
                    }
                    out.printf(Locale.ROOT, "   [%d: %2d/%d] %-10s %-7s on %-11s %,12.2f µs/step%s%n", round, k + 1, plan.size(),
                            run.method(), run.config().label(), run.backend(), result[0],
                            Double.isNaN(result[1]) ? "" : String.format(Locale.ROOT, ", %,.0f bytes/step", result[1]));
                }
            }
            for (int c = 0; c < configs.size(); c++) {
                Configuration config = configs.get(c);
                double scalar = Double.NaN;
                String note = "";
                for (int i = 0; i < plan.size(); i++) {
                    if (plan.get(i).config() == config && plan.get(i).method().equals("scalarStep")) {
                        scalar = micros[i][0];
                    }
                }
                if (Double.isNaN(scalar)) {
                    note = "skipped: ~" + String.format(Locale.ROOT, "%,d", config.scalarNodesPerStep()) + " nodes per step";
                }
                for (String backend : backends) {
                    double tensor = Double.NaN;
                    double bytes = Double.NaN;
                    double roofline = Double.NaN;
                    for (int i = 0; i < plan.size(); i++) {
                        Run run = plan.get(i);
                        if (run.config() == config && run.backend().equals(backend)) {
                            if (run.method().equals("tensorStep")) {
                                tensor = micros[i][0];
                                bytes = micros[i][1];
                            } else if (run.method().equals("roofline")) {
                                roofline = micros[i][0];
                            }
                        }
                    }
                    measurements.add(new Measurement(config, MatrixProducts.named(backend).name(), scalar, note, tensor, roofline,
                            bytes, differences.get(c)));
                }
            }
            out.println();
            out.println("3. Activations, ns per element (JMH):");
            for (String method : new String[] {"mathTanh", "fastTanh", "tanhSigmoid", "fastSigmoid"}) {
                out.printf(Locale.ROOT, "   %-12s %6.2f%n", method, activation(jmh, quick, method));
            }
        } catch (RunnerException | RuntimeException e) {
            out.println();
            out.println("FAILED: a benchmark did not complete: " + e.getMessage());
            return 1;
        }

        out.println();
        out.println("4. Per training step (µs), both engines, and the bare matrix products (roofline):");
        Report.print(measurements, out);
        try {
            Path target = Path.of("target");
            String header = "Measured " + (quick ? "(quick run) " : "") + "on " + machine + ".";
            Report.write(target.resolve("benchmark-results.md"), Report.markdown(measurements, header));
            Report.write(target.resolve("benchmark-results.csv"), Report.csv(measurements));
            Report.write(target.resolve("benchmark-results.json"), Report.json(measurements, machine));
            Chart.write(measurements, "Training step, scalar vs tensor engine" + (quick ? " (quick run)" : ""),
                    target.resolve("benchmark-chart.png"));
            out.println();
            out.println("wrote " + target.toAbsolutePath().resolve("benchmark-results.{md,csv,json}") + " and benchmark-chart.png");
        } catch (java.io.IOException e) {
            out.println("FAILED: cannot write the results: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private static boolean flag(String value) {
        return value.isEmpty() || Boolean.parseBoolean(value);
    }

    /** One benchmark to run. */
    record Run(String method, Configuration config, String backend) {
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
            builder.warmupTime(quick ? TimeValue.milliseconds(200) : TimeValue.seconds(1));
        }
        if (!jmh.getMeasurementIterations().hasValue()) {
            builder.measurementIterations(quick ? 2 : 3);
        }
        if (!jmh.getMeasurementTime().hasValue()) {
            builder.measurementTime(quick ? TimeValue.milliseconds(300) : TimeValue.seconds(1));
        }
        return builder;
    }

    /** @return {µs per step, bytes per step or NaN} */
    private static double[] time(CommandLineOptions jmh, boolean quick, Run run) throws RunnerException {
        ChainedOptionsBuilder builder = options(jmh, quick, run.backend())
                .include(TrainingStepBenchmark.class.getName() + "." + run.method() + "$")
                .param("config", run.config().label());
        if (run.method().equals("tensorStep")) {
            builder.addProfiler(GCProfiler.class);
        }
        RunResult result = new Runner(builder.build()).runSingle();
        double micros = result.getPrimaryResult().getScore();
        Result<?> bytes = result.getSecondaryResults().get("gc.alloc.rate.norm");
        return new double[] {micros, bytes == null ? Double.NaN : bytes.getScore()};
    }

    private static double activation(CommandLineOptions jmh, boolean quick, String method) throws RunnerException {
        return new Runner(options(jmh, quick, "netlib").include(ActivationBenchmark.class.getName() + "." + method + "$").build())
                .runSingle().getPrimaryResult().getScore();
    }
}
