package org.backprop4j.benchmarks.jmh;

import org.backprop4j.tensor.kernels.FastMath;

/**
 * The JMH benchmarks' wait for core-tensor's vector loops: {@link FastMath} runs their scalar twins
 * while the Vector API's lanes are still being compiled, so a benchmark that timed its first
 * iterations then would time the stand-ins, not the kernels.
 */
final class VectorLanes {

    /** How long a setup waits at the most: two minutes. */
    private static final long DEADLINE_NANOS = 120_000_000_000L;

    private VectorLanes() {
    }

    /**
     * Runs tanh on a small array every 20 ms until {@link FastMath#kernels()} no longer says
     * "warming up", or two minutes have passed (then the benchmark times what runs).
     *
     * @throws InterruptedException if interrupted while waiting
     */
    static void awaitCompiled() throws InterruptedException {
        double[] probe = new double[64];
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (FastMath.kernels().contains("warming up") && System.nanoTime() < deadline) {
            FastMath.tanh(probe, probe, 0, probe.length);
            Thread.sleep(20);
        }
    }
}
