package org.backprop4j.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
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
     * Section 2 (after its header and the Python found): PyTorch's gradients against the tensor engine's at each
     * configuration's initial parameters; writes each configuration's spec into {@code folder}.
     *
     * @param configs the configurations
     * @param peer the PyTorch peer
     * @param folder where to write the specs
     * @param specs receives each configuration's spec
     * @param pytorchGradients applied to PyTorch's gradients (identity, but for tests)
     * @param out where to print
     * @return each configuration's largest relative difference, or empty if PyTorch disagrees
     * @throws IOException if a spec cannot be written or the peer fails
     */
    static Optional<Map<Configuration, Double>> pytorch(List<Configuration> configs, PyTorch peer, Path folder,
                                                        Map<Configuration, Path> specs, UnaryOperator<double[]> pytorchGradients,
                                                        PrintStream out) throws IOException {
        Map<Configuration, Double> differences = new EnumMap<>(Configuration.class);
        for (Configuration c : configs) {
            Path spec = folder.resolve(c.label() + ".json");
            PyTorch.writeSpec(c, spec);
            specs.put(c, spec);
            Comparison.Difference d = Agreement.withTensor(c, pytorchGradients.apply(peer.load(spec)));
            differences.put(c, d.relative());
            out.printf(Locale.ROOT, "   %-7s largest relative difference %.2e%n", c.label(), d.relative());
            if (!(d.relative() <= Compare.PYTORCH_LIMIT)) {
                out.printf(Locale.ROOT, "FAILED: PyTorch and the tensor engine disagree on configuration %s at parameter index %d "
                        + "(relative difference %.3e > %.0e); no timing is worth reporting.%n", c.label(), d.index(),
                        d.relative(), Compare.PYTORCH_LIMIT);
                return Optional.empty();
            }
        }
        return Optional.of(differences);
    }
}
