package org.backprop4j.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.backprop4j.benchmarks.peer.PyTorch;
import org.backprop4j.benchmarks.step.Agreement;
import org.backprop4j.benchmarks.step.Comparison;
import org.backprop4j.benchmarks.step.Configuration;
import org.backprop4j.benchmarks.step.Side;
import org.backprop4j.benchmarks.timing.Threads;

/**
 * Sections 1 and 2 of the comparison, before any timing: do the engines compute the same gradients, and does
 * PyTorch? Each prints one line a configuration, and a mismatch ends the comparison naming the configuration
 * and the parameter.
 */
final class Checks {

    private Checks() {
    }

    /**
     * Section 1: the scalar and the tensor engine's gradients of one step, same seed, at every configuration but
     * {@code pinn} (whose step runs on the tensor engine only).
     *
     * @param configs the configurations
     * @param tensorGradients applied to the tensor engine's gradients (identity, but for tests)
     * @param out where to print
     * @return each configuration's largest relative difference (NaN at {@code pinn}), or empty if the engines disagree
     */
    static Optional<Map<Configuration, Double>> engines(List<Configuration> configs, UnaryOperator<double[]> tensorGradients,
                                                        PrintStream out) {
        out.println();
        out.println("1. Do the engines agree? One step's gradients, same seed, both engines (limit " + Agreement.LIMIT + "):");
        Map<Configuration, Double> differences = new EnumMap<>(Configuration.class);
        for (Configuration c : configs) {
            if (c.physicsInformed()) {
                differences.put(c, Double.NaN);
                out.printf(Locale.ROOT, "   %-7s %,d parameters: not compared, the physics-informed step runs on the tensor engine only; "
                        + "PyTorch checks its gradients in section 2%n", c.label(), c.architecture().parameterCount());
                continue;
            }
            Agreement.Result result = Agreement.measure(c, Compare.SCALAR_NODES, tensorGradients);
            differences.put(c, result.difference().relative());
            out.printf(Locale.ROOT, "   %-7s %,d parameters, %d of %d rows: largest relative difference %.2e%n", c.label(),
                    c.architecture().parameterCount(), result.rows(), c.batch(), result.difference().relative());
            if (!(result.difference().relative() <= Agreement.LIMIT)) {
                out.printf(Locale.ROOT, "FAILED: the engines disagree on configuration %s at parameter index %d "
                        + "(relative difference %.3e > %.0e); no timing is worth reporting.%n", c.label(),
                        result.difference().index(), result.difference().relative(), Agreement.LIMIT);
                return Optional.empty();
            }
        }
        return Optional.of(differences);
    }

    /**
     * Section 2 (after its header and the Python found), for one PyTorch peer: each of its sides' gradients against the
     * tensor engine's at each configuration's initial parameters, float64 to {@link Compare#PYTORCH_LIMIT} and float32
     * to {@link Compare#PYTORCH_F32_LIMIT}; writes each configuration's spec into {@code folder} unless it is there.
     *
     * @param configs the configurations
     * @param peer the PyTorch peer
     * @param line the line the peer runs: one thread, or torch's defaults
     * @param folder where to write the specs
     * @param specs receives each configuration's spec
     * @param pytorchGradients applied to PyTorch's gradients (identity, but for tests)
     * @param out where to print
     * @return per configuration and side, the largest relative difference, or empty if PyTorch disagrees
     * @throws IOException if a spec cannot be written or the peer fails
     */
    static Optional<Map<Configuration, Map<Side, Double>>> pytorch(List<Configuration> configs, PyTorch peer, Threads line, Path folder,
                                                                   Map<Configuration, Path> specs, UnaryOperator<double[]> pytorchGradients,
                                                                   PrintStream out) throws IOException {
        Map<Configuration, Map<Side, Double>> differences = new EnumMap<>(Configuration.class);
        for (Configuration c : configs) {
            if (!specs.containsKey(c)) {
                Path spec = folder.resolve(c.label() + ".json");
                PyTorch.writeSpec(c, spec);
                specs.put(c, spec);
            }
            Map<Side, Double> bySide = new EnumMap<>(Side.class);
            List<String> parts = new ArrayList<>();
            for (Map.Entry<Side, double[]> gradients : peer.load(specs.get(c)).entrySet()) {
                Side side = gradients.getKey();
                double limit = side == Side.PYTORCH_F32 ? Compare.PYTORCH_F32_LIMIT : Compare.PYTORCH_LIMIT;
                Comparison.Difference d = Agreement.withTensor(c, pytorchGradients.apply(gradients.getValue()));
                bySide.put(side, d.relative());
                parts.add(String.format(Locale.ROOT, "%s %.2e", side.torchDtype(), d.relative()));
                if (!(d.relative() <= limit)) {
                    out.printf(Locale.ROOT, "FAILED: PyTorch (%s, %s) and the tensor engine disagree on configuration %s at parameter index %d "
                            + "(relative difference %.3e > %.0e); no timing is worth reporting.%n", side.torchDtype(), line.label(), c.label(),
                            d.index(), d.relative(), limit);
                    return Optional.empty();
                }
            }
            differences.put(c, bySide);
            out.printf(Locale.ROOT, "   %-7s %s (torch on %s): largest relative difference %s%n", c.label(), line.label(), peer.threads(),
                    String.join(", ", parts));
        }
        return Optional.of(differences);
    }
}
