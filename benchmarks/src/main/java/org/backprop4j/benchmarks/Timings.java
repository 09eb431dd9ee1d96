package org.backprop4j.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.backprop4j.benchmarks.peer.ChildJvm;
import org.backprop4j.benchmarks.peer.JavaPeer;
import org.backprop4j.benchmarks.peer.PyTorch;
import org.backprop4j.benchmarks.peer.StepPeer;
import org.backprop4j.benchmarks.report.Progress;
import org.backprop4j.benchmarks.report.Report;
import org.backprop4j.benchmarks.step.Agreement;
import org.backprop4j.benchmarks.step.Comparison;
import org.backprop4j.benchmarks.step.Configuration;
import org.backprop4j.benchmarks.step.Side;
import org.backprop4j.benchmarks.timing.ColdStart;
import org.backprop4j.benchmarks.timing.Interleaved;
import org.backprop4j.benchmarks.timing.RowKey;
import org.backprop4j.benchmarks.timing.Spread;
import org.backprop4j.benchmarks.timing.Threads;

/**
 * Sections 3 and 4 of the comparison: each configuration's sides timed in interleaved rounds, per backend, on
 * one thread and at each side's defaults, and their cold starts; one progress line per benchmark.
 */
final class Timings {

    private Timings() {
    }

    /**
     * What one row's rounds measured, and what its children ran on.
     *
     * @param result the rounds
     * @param java the Java child's version, thread count and backend
     * @param torch the PyTorch child's thread counts, or null where PyTorch did not run
     * @param childDifference the largest relative difference between the Java child's tensor gradients and this JVM's
     */
    record Row(Interleaved.Result result, JavaPeer.Description java, PyTorch.Threads torch, double childDifference) {
    }

    /**
     * Section 3: each configuration on each backend, on one thread and (at {@code defaultsConfigs}) at each side's defaults,
     * every side in interleaved rounds in a fresh JVM (and PyTorch, where it runs, in its process for that line). Before
     * a JVM is timed, its tensor engine's gradients must equal this JVM's to {@link Agreement#LIMIT}.
     *
     * @param configs the configurations
     * @param defaultsConfigs those whose defaults line is timed too
     * @param backends the backends
     * @param timing the warm-up, round length and rounds
     * @param jdk the home of the JDK the Java sides run on
     * @param torchOne the PyTorch peer on one thread, or null
     * @param torchDefaults the PyTorch peer at its defaults (float64 and float32), or null
     * @param specs each configuration's PyTorch spec (unused without torch)
     * @param progress where finished benchmarks are counted
     * @param out where to print
     * @return each row's rounds, one-thread row then defaults row per configuration and backend
     * @throws IOException if a peer fails
     * @throws IllegalStateException if a Java child's gradients differ from this JVM's
     */
    static Map<RowKey, Row> steady(List<Configuration> configs, List<Configuration> defaultsConfigs, List<String> backends,
                                   Interleaved timing, Path jdk, PyTorch torchOne, PyTorch torchDefaults, Map<Configuration, Path> specs,
                                   Progress progress, PrintStream out) throws IOException {
        out.println();
        out.printf(Locale.ROOT, "3. Timing each configuration: every side warms up %.1f s in a fresh process, then %d interleaved "
                + "rounds of ~%d ms a side (figures: the median round; ratios: the median of the per-round ratios, and their range); "
                + "each configuration on one thread, then each side at its defaults (the library on %d threads, PyTorch at torch's "
                + "default in float64 and float32)%s:%n",
                timing.warmupMillis() / 1e3, timing.rounds(), timing.roundMillis(), Threads.DEFAULTS.tensorThreads(),
                defaultsConfigs.size() == configs.size() ? "" : defaultsConfigs.isEmpty()
                        ? "; a quick run times the defaults line at " + labels(Options.QUICK_DEFAULTS) + " only, so not here (every configuration without -Dquick)"
                        : "; the defaults line only at " + labels(defaultsConfigs) + " in a quick run (every configuration without -Dquick)");
        Map<RowKey, Row> steady = new LinkedHashMap<>();
        for (Configuration c : configs) {
            List<Side> javaSides = javaSides(c, out);
            boolean defaults = defaultsConfigs.contains(c);
            if (torchOne != null) {
                torchOne.load(specs.get(c));
            }
            if (torchDefaults != null && defaults) {
                torchDefaults.load(specs.get(c));
            }
            for (String backend : backends) {
                row(new RowKey(c, backend, Threads.ONE), javaSides, timing, jdk, torchOne, steady, progress);
                if (defaults) {
                    List<Side> multiThreaded = new ArrayList<>(javaSides);
                    multiThreaded.remove(Side.SCALAR);
                    row(new RowKey(c, backend, Threads.DEFAULTS), multiThreaded, timing, jdk, torchDefaults, steady, progress);
                }
            }
        }
        return steady;
    }

    private static void row(RowKey row, List<Side> javaSides, Interleaved timing, Path jdk, PyTorch torch, Map<RowKey, Row> steady,
                            Progress progress) throws IOException {
        Configuration c = row.config();
        Interleaved.Result result;
        JavaPeer.Description description;
        Comparison.Difference difference;
        try (JavaPeer java = JavaPeer.start(new ChildJvm(jdk, row.threads().tensorThreads()), c, row.backend(), javaSides)) {
            description = java.description();
            difference = Agreement.withTensor(c, java.gradients());
            if (!(difference.relative() <= Agreement.LIMIT)) {
                throw new IllegalStateException(String.format(Locale.ROOT, "the tensor engine on %d threads on Java %s disagrees with this "
                        + "JVM's (Java %s, 1 thread) on configuration %s at parameter index %d (relative difference %.3e > %.0e); no timing "
                        + "is worth reporting", description.threads(), description.javaVersion(), System.getProperty("java.version"),
                        c.label(), difference.index(), difference.relative(), Agreement.LIMIT));
            }
            result = timing.run(torch == null ? List.<StepPeer>of(java) : List.of(java, torch));
        }
        steady.put(row, new Row(result, description, torch == null ? null : torch.threads(), difference.relative()));
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s (Java %s, tensor on %d thread%s%s; its gradients %s this JVM's):",
                row, description.javaVersion(), description.threads(), description.threads() == 1 ? "" : "s",
                torch == null ? "" : ", PyTorch on " + torch.threads(),
                difference.relative() == 0 ? "equal to" : String.format(Locale.ROOT, "%.1e from", difference.relative())));
        for (Map.Entry<Side, double[]> side : result.micros().entrySet()) {
            line.append(String.format(Locale.ROOT, " %s %s µs,", side.getKey().label(), Report.micros(Spread.of(side.getValue()).median())));
        }
        progress.done(line.substring(0, line.length() - 1));
    }

    private static String labels(List<Configuration> configs) {
        List<String> labels = new ArrayList<>();
        for (Configuration c : configs) {
            labels.add(c.label());
        }
        return String.join(", ", labels);
    }

    /** The Java sides timed at a configuration, printing why the scalar engine (or the roofline) is not. */
    private static List<Side> javaSides(Configuration c, PrintStream out) {
        List<Side> javaSides = new ArrayList<>();
        if (c.physicsInformed()) {
            out.printf(Locale.ROOT, "   scalar engine and roofline not timed at %s: %s%n", c.label(), Compare.PINN_TENSOR_ONLY);
        } else if (c.scalarNodesPerStep() <= Compare.SCALAR_NODES) {
            javaSides.add(Side.SCALAR);
        } else {
            out.printf(Locale.ROOT, "   scalar engine not timed at %s: a step builds ~%,d nodes (~%,d MB at 48 bytes each), "
                    + "over the limit of %,d nodes%n", c.label(), c.scalarNodesPerStep(), c.scalarNodesPerStep() * 48 / 1_000_000,
                    Compare.SCALAR_NODES);
        }
        javaSides.add(Side.TENSOR);
        if (!c.physicsInformed()) {
            javaSides.add(Side.ROOFLINE);
        }
        return javaSides;
    }

    /**
     * Section 4: the cold starts, at the configurations of {@link Compare#COLD_CONFIGS} among those run, on one thread and,
     * at those of {@code defaultsConfigs}, at each side's defaults.
     *
     * @param configs the configurations run
     * @param defaultsConfigs those whose defaults line is timed too
     * @param backends the backends
     * @param jdk the home of the JDK the Java sides run on
     * @param torch the Python with torch, or empty
     * @param specs each configuration's PyTorch spec (unused without torch)
     * @param runs fresh processes per figure
     * @param progress where finished benchmarks are counted
     * @param out where to print
     * @return each measured row's µs per step by side
     * @throws IOException if a process fails
     */
    static Map<RowKey, Map<Side, Double>> cold(List<Configuration> configs, List<Configuration> defaultsConfigs, List<String> backends,
                                               Path jdk, Optional<PyTorch.Found> torch, Map<Configuration, Path> specs, int runs,
                                               Progress progress, PrintStream out) throws IOException {
        List<Configuration> coldConfigs = coldConfigs(configs);
        out.println();
        out.printf(Locale.ROOT, "4. Cold start: the mean step over the first %,d steps of a fresh process (after building the model)%s%s%n",
                ColdStart.STEPS, runs > 1 ? ", median of " + runs + " processes each, in turns" : "",
                coldConfigs.isEmpty() ? ": measured at seed and moons only" : ":");
        Map<RowKey, Map<Side, Double>> cold = new LinkedHashMap<>();
        for (Configuration c : coldConfigs) {
            List<Threads> lines = defaultsConfigs.contains(c) ? List.of(Threads.ONE, Threads.DEFAULTS) : List.of(Threads.ONE);
            Map<RowKey, Map<Side, Double>> measured = ColdStart.measure(c, backends, lines, jdk, torch, specs.get(c), runs);
            cold.putAll(measured);
            progress.done("cold start " + c.label() + ":" + describe(measured));
        }
        return cold;
    }

    /** @return the configurations run whose cold start is measured */
    static List<Configuration> coldConfigs(List<Configuration> configs) {
        List<Configuration> coldConfigs = new ArrayList<>(configs);
        coldConfigs.retainAll(Compare.COLD_CONFIGS);
        return coldConfigs;
    }

    /**
     * @return e.g. {@code  1 thread: scalar 46.38 µs, tensor auto 106 µs, PyTorch 149 µs; defaults: tensor auto 90 µs, PyTorch 150 µs,
     *         PyTorch-f32 140 µs}: per line, the scalar engine, each backend, PyTorch
     */
    private static String describe(Map<RowKey, Map<Side, Double>> measured) {
        Map<Threads, List<String>> parts = new EnumMap<>(Threads.class);
        Map<Threads, Map<Side, Double>> shared = new EnumMap<>(Threads.class);
        for (Map.Entry<RowKey, Map<Side, Double>> row : measured.entrySet()) {
            Threads line = row.getKey().threads();
            List<String> lineParts = parts.computeIfAbsent(line, k -> new ArrayList<>());
            if (lineParts.isEmpty() && row.getValue().containsKey(Side.SCALAR)) {
                lineParts.add("scalar " + Report.micros(row.getValue().get(Side.SCALAR)) + " µs");
            }
            lineParts.add("tensor " + row.getKey().backend() + " " + Report.micros(row.getValue().get(Side.TENSOR)) + " µs");
            shared.put(line, row.getValue());
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<Threads, List<String>> line : parts.entrySet()) {
            for (Side side : List.of(Side.PYTORCH, Side.PYTORCH_F32)) {
                Double micros = shared.get(line.getKey()).get(side);
                if (micros != null) {
                    line.getValue().add(side.label() + " " + Report.micros(micros) + " µs");
                }
            }
            lines.add(line.getKey().label() + ": " + String.join(", ", line.getValue()));
        }
        return " " + String.join("; ", lines);
    }
}
