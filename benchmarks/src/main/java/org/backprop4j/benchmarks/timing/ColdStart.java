package org.backprop4j.benchmarks.timing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.backprop4j.benchmarks.peer.ChildJvm;
import org.backprop4j.benchmarks.peer.JavaPeer;
import org.backprop4j.benchmarks.peer.PyTorch;
import org.backprop4j.benchmarks.step.Configuration;
import org.backprop4j.benchmarks.step.Side;

/**
 * How fast a short job runs: the mean step time over the first {@value #STEPS} steps of a fresh
 * process — a new JVM for each engine, a new Python for PyTorch — after the model is built, so the
 * JIT's warm-up (or PyTorch's first calls) is inside the figure, and the process start is not. On the
 * one-thread line every side runs on one thread; on the defaults line the tensor engine runs on all
 * cores and PyTorch at its default threads, in float64 and float32.
 */
public final class ColdStart {

    /** A cold start is the mean step time over this many first steps. */
    public static final int STEPS = 1_000;
    /** The scalar engine's cold start is measured only where a step builds at most this many nodes. */
    static final long SCALAR_NODES = 100_000L;

    private ColdStart() {
    }

    /**
     * Measures each side's cold start in turns, {@code runs} times, and keeps each side's median.
     *
     * @param c the configuration
     * @param backends the tensor engine's backends (the scalar engine runs on the first)
     * @param lines the lines to measure: one thread, each side's defaults, or both
     * @param jdk the home of the JDK the Java sides run on
     * @param torch the Python with torch, or empty
     * @param spec the configuration's PyTorch spec (unused without torch)
     * @param runs fresh processes per side
     * @return per line and backend, in the order given, µs per step by side: the tensor engine's on that backend, and the
     *         scalar engine's (one-thread line) and PyTorch's (where measured), the same for every backend of a line
     * @throws IOException if a process fails
     */
    public static Map<RowKey, Map<Side, Double>> measure(Configuration c, List<String> backends, List<Threads> lines, Path jdk,
                                                         Optional<PyTorch.Found> torch, Path spec, int runs) throws IOException {
        Map<Threads, Map<Side, double[]>> shared = new EnumMap<>(Threads.class);
        Map<RowKey, double[]> tensor = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            for (Threads line : lines) {
                Map<Side, double[]> sides = shared.computeIfAbsent(line, k -> new EnumMap<>(Side.class));
                ChildJvm jvm = new ChildJvm(jdk, line.tensorThreads());
                if (line == Threads.ONE && c.scalarNodesPerStep() <= SCALAR_NODES) {
                    sides.computeIfAbsent(Side.SCALAR, k -> new double[runs])[run] = JavaPeer.coldMicros(jvm, c, backends.get(0), Side.SCALAR, STEPS);
                }
                for (String backend : backends) {
                    tensor.computeIfAbsent(new RowKey(c, backend, line), k -> new double[runs])[run] =
                            JavaPeer.coldMicros(jvm, c, backend, Side.TENSOR, STEPS);
                }
                if (torch.isPresent()) {
                    for (Side side : line == Threads.ONE ? List.of(Side.PYTORCH) : List.of(Side.PYTORCH, Side.PYTORCH_F32)) {
                        sides.computeIfAbsent(side, k -> new double[runs])[run] =
                                PyTorch.coldMicros(torch.get(), spec, STEPS, side, line == Threads.ONE);
                    }
                }
            }
        }
        Map<RowKey, Map<Side, Double>> medians = new LinkedHashMap<>();
        for (Map.Entry<RowKey, double[]> row : tensor.entrySet()) {
            Map<Side, Double> sides = new EnumMap<>(Side.class);
            sides.put(Side.TENSOR, Spread.of(row.getValue()).median());
            for (Map.Entry<Side, double[]> side : shared.get(row.getKey().threads()).entrySet()) {
                sides.put(side.getKey(), Spread.of(side.getValue()).median());
            }
            medians.put(row.getKey(), sides);
        }
        return medians;
    }
}
