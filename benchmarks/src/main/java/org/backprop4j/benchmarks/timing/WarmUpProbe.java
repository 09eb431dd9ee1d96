package org.backprop4j.benchmarks.timing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.backprop4j.benchmarks.step.Configuration;

import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.tensor.Losses;
import org.backprop4j.nn.tensor.MLP;
import org.backprop4j.tensor.blas.MatrixProducts;
import org.backprop4j.tensor.Tensor;

/**
 * How the tensor step's speed grows in a fresh JVM: runs one configuration's step until the main
 * thread has used a number of seconds of CPU time since the JVM started and prints, per window of {@value #WINDOW} steps, when the window
 * ended and its mean step time; then the mean over the first {@value #COLD_STEPS} steps, the steady
 * state (the median window of the last third of the run) and the slowest window that starts after 500 ms.
 * Timings are kept in arrays and printed at the end, so printing does not disturb the JIT.
 *
 * <p>Each window is timed two ways: by the wall clock, and by the CPU time of the thread running the
 * steps. On a machine shared with other work the wall clock also counts the time the thread waited
 * for a core, which can swamp the step itself; the thread's CPU time does not. Likewise the window's
 * end is given both as wall-clock milliseconds since the JVM started and as the CPU time the main
 * thread has used since then, which is what the wall clock would read on an idle machine with a core
 * to spare for the JIT compiler's threads.
 *
 * <p>The step is a user's loop through the public API: the graph built afresh ({@code forward}, the
 * configuration's loss), {@code zeroGrad}, {@code backward}, SGD with learning rate 0.05 — or, with
 * {@code -Dstep=workspace}, {@code MLP.lossAndBackward}, which recycles the graph's buffers. Run it in
 * a fresh JVM each time, e.g.
 * {@code java -Dbackprop4j.blas=ejml -cp … org.backprop4j.benchmarks.WarmUpProbe moons 3}.
 */
final class WarmUpProbe {

    private static final int WINDOW = 50;
    private static final int COLD_STEPS = 1_000;

    private WarmUpProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args the configuration (default {@code moons}) and the main thread's CPU seconds to run until (default 3)
     */
    public static void main(String[] args) {
        long startedNanos = System.nanoTime();
        double uptimeAtStartMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Configuration config = Configuration.of(args.length > 0 ? args[0] : "moons");
        if (config.physicsInformed()) {
            throw new IllegalArgumentException("the probe times the steps that fit a batch, not " + config.label()
                    + ": choose from seed, moons, medium, large");
        }
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        boolean workspace = "workspace".equals(System.getProperty("step", "loop"));

        MLP mlp = new MLP(config.architecture());
        Optimizer sgd = Optimizer.sgd(Configuration.LEARNING_RATE);
        Tensor x = Tensor.constant(config.data().inputs());
        Tensor y = Tensor.constant(config.data().targets());

        int capacity = 1 << 16;
        double[] endWall = new double[capacity];
        double[] endCpu = new double[capacity];
        double[] wallMicros = new double[capacity];
        double[] cpuMicros = new double[capacity];
        int windows = 0;
        long firstWall = System.nanoTime();
        long firstCpu = threads.getCurrentThreadCpuTime();
        double firstWallMillis = uptimeAtStartMillis + (firstWall - startedNanos) / 1e6;
        long limit = (long) (seconds * 1e9);
        long coldWall = 0;
        long coldCpu = 0;
        long steps = 0;
        double sink = 0;
        long windowWall = firstWall;
        long windowCpu = firstCpu;
        long[] stepCpu = new long[WINDOW + 1];
        stepCpu[0] = windowCpu;
        while (windows < capacity) {
            for (int i = 0; i < WINDOW; i++) {
                if (workspace) {
                    mlp.zeroGrad();
                    sink += mlp.lossAndBackward(x, y, config.loss(), 0);
                } else {
                    Tensor loss = Losses.of(config.loss(), mlp.forward(x), y);
                    mlp.zeroGrad();
                    loss.backward();
                    sink += loss.item();
                }
                sgd.step(mlp);
                if (windows == 0) {
                    stepCpu[i + 1] = threads.getCurrentThreadCpuTime();
                }
            }
            long wall = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            steps += WINDOW;
            if (steps == COLD_STEPS) {
                coldWall = wall - firstWall;
                coldCpu = cpu - firstCpu;
            }
            endWall[windows] = uptimeAtStartMillis + (wall - startedNanos) / 1e6;
            endCpu[windows] = cpu / 1e6;
            wallMicros[windows] = (wall - windowWall) / 1e3 / WINDOW;
            cpuMicros[windows] = (cpu - windowCpu) / 1e3 / WINDOW;
            windows++;
            windowWall = wall;
            windowCpu = cpu;
            if (cpu >= limit && steps >= COLD_STEPS) {
                break;
            }
        }

        System.out.printf(Locale.ROOT, "# %s, %s step, backend %s, loss sum %.6g%n", config.label(), workspace ? "workspace" : "loop",
                MatrixProducts.current().name(), sink);
        System.out.printf(Locale.ROOT, "# first step began %.0f ms after JVM start (main thread CPU %.0f ms)%n", firstWallMillis, firstCpu / 1e6);
        System.out.println("# window end: wall ms since JVM start, main-thread CPU ms; µs per step (" + WINDOW + " steps): wall, thread CPU");
        for (int w = 0; w < windows; w++) {
            System.out.printf(Locale.ROOT, "%8.0f %8.0f %9.1f %9.1f%n", endWall[w], endCpu[w], wallMicros[w], cpuMicros[w]);
        }
        System.out.printf(Locale.ROOT, "thread CPU µs of step 1: %.0f, step 2: %.0f, steps 3-10: %.0f each, steps 11-%d: %.0f each%n",
                (stepCpu[1] - stepCpu[0]) / 1e3, (stepCpu[2] - stepCpu[1]) / 1e3, (stepCpu[10] - stepCpu[2]) / 1e3 / 8, WINDOW,
                (stepCpu[WINDOW] - stepCpu[10]) / 1e3 / (WINDOW - 10));
        System.out.printf(Locale.ROOT, "first %d steps: %.1f µs/step wall, %.1f µs/step thread CPU%n", COLD_STEPS, coldWall / 1e3 / COLD_STEPS,
                coldCpu / 1e3 / COLD_STEPS);
        summary("wall clock", endWall, wallMicros, windows);
        summary("thread CPU", endCpu, cpuMicros, windows);
    }

    /** Prints the steady state (the median window of the last third of the run) and the slowest window that starts after 500 ms. */
    private static void summary(String clock, double[] end, double[] micros, int windows) {
        double[] last = Arrays.copyOfRange(micros, windows - windows / 3 - 1, windows);
        Arrays.sort(last);
        double steady = last[last.length / 2];
        double worst = 0;
        double worstAt = 0;
        for (int w = 0; w < windows; w++) {
            double start = w == 0 ? 0 : end[w - 1];
            if (start >= 500 && micros[w] > worst) {
                worst = micros[w];
                worstAt = end[w];
            }
        }
        System.out.printf(Locale.ROOT, "%s: steady %.1f µs/step; slowest window after 500 ms: %.1f µs/step (%.1f× steady), ending at %.0f ms%n",
                clock, steady, worst, worst / steady, worstAt);
    }
}
