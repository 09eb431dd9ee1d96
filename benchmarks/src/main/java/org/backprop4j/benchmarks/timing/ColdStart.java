package org.backprop4j.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How fast a short job runs: the mean step time over the first {@value #STEPS} steps of a fresh
 * process — a new JVM for each engine, a new Python for PyTorch — after the model is built, so the
 * JIT's warm-up (or PyTorch's first calls) is inside the figure, and the process start is not.
 */
final class ColdStart {

    /** A cold start is the mean step time over this many first steps. */
    static final int STEPS = 1_000;
    /** The scalar engine's cold start is measured only where a step builds at most this many nodes. */
    static final long SCALAR_NODES = 100_000L;

    private ColdStart() {
    }

    /**
     * Measures each side's cold start in turns, {@code runs} times, and keeps each side's median.
     *
     * @param c the configuration
     * @param backends the tensor engine's backends (the scalar engine runs on the first)
     * @param torch the Python with torch, or empty
     * @param spec the configuration's PyTorch spec (unused without torch)
     * @param runs fresh processes per side
     * @return µs per step by side: {@code scalar}, {@code tensor BACKEND}, {@code PyTorch}
     * @throws IOException if a process fails
     */
    static Map<String, Double> measure(Configuration c, List<String> backends, Optional<PyTorch.Found> torch, Path spec, int runs)
            throws IOException {
        Map<String, double[]> micros = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            if (c.scalarNodesPerStep() <= SCALAR_NODES) {
                micros.computeIfAbsent("scalar", k -> new double[runs])[run] = JavaSide.coldMicros(c, backends.get(0), Side.SCALAR, STEPS);
            }
            for (String backend : backends) {
                micros.computeIfAbsent("tensor " + backend, k -> new double[runs])[run] = JavaSide.coldMicros(c, backend, Side.TENSOR, STEPS);
            }
            if (torch.isPresent()) {
                micros.computeIfAbsent("PyTorch", k -> new double[runs])[run] = PyTorch.coldMicros(torch.get(), spec, STEPS);
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> entry : micros.entrySet()) {
            medians.put(entry.getKey(), Spread.of(entry.getValue()).median());
        }
        return medians;
    }
}
