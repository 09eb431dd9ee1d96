package org.backprop4j.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.backprop4j.benchmarks.peer.JavaPeer;
import org.backprop4j.benchmarks.peer.PyTorch;
import org.backprop4j.benchmarks.peer.StepPeer;
import org.backprop4j.benchmarks.report.Progress;
import org.backprop4j.benchmarks.report.Report;
import org.backprop4j.benchmarks.step.Configuration;
import org.backprop4j.benchmarks.step.Side;
import org.backprop4j.benchmarks.timing.ColdStart;
import org.backprop4j.benchmarks.timing.Interleaved;
import org.backprop4j.benchmarks.timing.RowKey;
import org.backprop4j.benchmarks.timing.Spread;

/**
 * Sections 3 and 4 of the comparison: each configuration's sides timed in interleaved rounds, per backend,
 * and their cold starts; one progress line per benchmark.
 */
final class Timings {

    private Timings() {
    }

    /**
     * Section 3: each configuration on each backend, every side in interleaved rounds in a fresh JVM (and PyTorch,
     * where it runs, in its one process).
     *
     * @param configs the configurations
     * @param backends the backends
     * @param timing the warm-up, round length and rounds
     * @param torch the PyTorch peer, or null
     * @param specs each configuration's PyTorch spec (unused without torch)
     * @param progress where finished benchmarks are counted
     * @param out where to print
     * @return each row's rounds
     * @throws IOException if a peer fails
     */
    static Map<RowKey, Interleaved.Result> steady(List<Configuration> configs, List<String> backends, Interleaved timing, PyTorch torch,
                                                  Map<Configuration, Path> specs, Progress progress, PrintStream out) throws IOException {
        out.println();
        out.printf(Locale.ROOT, "3. Timing each configuration: every side warms up %.1f s in a fresh process, then %d interleaved "
                + "rounds of ~%d ms a side (figures: the median round; ratios: the median of the per-round ratios, and their range):%n",
                timing.warmupMillis() / 1e3, timing.rounds(), timing.roundMillis());
        Map<RowKey, Interleaved.Result> steady = new LinkedHashMap<>();
        for (Configuration c : configs) {
            List<Side> javaSides = javaSides(c, out);
            if (torch != null) {
                torch.load(specs.get(c));
            }
            for (String backend : backends) {
                Interleaved.Result result;
                try (JavaPeer java = JavaPeer.start(c, backend, javaSides)) {
                    result = timing.run(torch == null ? List.<StepPeer>of(java) : List.of(java, torch));
                }
                RowKey row = new RowKey(c, backend);
                steady.put(row, result);
                StringBuilder line = new StringBuilder(row + ":");
                for (Map.Entry<Side, double[]> side : result.micros().entrySet()) {
                    line.append(String.format(Locale.ROOT, " %s %s µs,", side.getKey().label(), Report.micros(Spread.of(side.getValue()).median())));
                }
                progress.done(line.substring(0, line.length() - 1));
            }
        }
        return steady;
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
     * Section 4: the cold starts, at the configurations of {@link Compare#COLD_CONFIGS} among those run.
     *
     * @param configs the configurations run
     * @param backends the backends
     * @param torch the Python with torch, or empty
     * @param specs each configuration's PyTorch spec (unused without torch)
     * @param runs fresh processes per figure
     * @param progress where finished benchmarks are counted
     * @param out where to print
     * @return each measured row's µs per step by side
     * @throws IOException if a process fails
     */
    static Map<RowKey, Map<Side, Double>> cold(List<Configuration> configs, List<String> backends, Optional<PyTorch.Found> torch,
                                               Map<Configuration, Path> specs, int runs, Progress progress, PrintStream out)
            throws IOException {
        List<Configuration> coldConfigs = coldConfigs(configs);
        out.println();
        out.printf(Locale.ROOT, "4. Cold start: the mean step over the first %,d steps of a fresh process (after building the model)%s%s%n",
                ColdStart.STEPS, runs > 1 ? ", median of " + runs + " processes each, in turns" : "",
                coldConfigs.isEmpty() ? ": measured at seed and moons only" : ":");
        Map<RowKey, Map<Side, Double>> cold = new LinkedHashMap<>();
        for (Configuration c : coldConfigs) {
            Map<RowKey, Map<Side, Double>> measured = ColdStart.measure(c, backends, torch, specs.get(c), runs);
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

    /** @return e.g. {@code  scalar 46.38 µs, tensor auto 106 µs, PyTorch 149 µs}: the scalar engine, each backend, PyTorch */
    private static String describe(Map<RowKey, Map<Side, Double>> measured) {
        Map<Side, Double> first = measured.values().iterator().next();
        List<String> parts = new ArrayList<>();
        if (first.containsKey(Side.SCALAR)) {
            parts.add("scalar " + Report.micros(first.get(Side.SCALAR)) + " µs");
        }
        for (Map.Entry<RowKey, Map<Side, Double>> row : measured.entrySet()) {
            parts.add("tensor " + row.getKey().backend() + " " + Report.micros(row.getValue().get(Side.TENSOR)) + " µs");
        }
        if (first.containsKey(Side.PYTORCH)) {
            parts.add("PyTorch " + Report.micros(first.get(Side.PYTORCH)) + " µs");
        }
        return " " + String.join(", ", parts);
    }
}
