package org.backprop4j.nn.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Init;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.tensor.MLP;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.Workspace;

/**
 * A physics-informed network (PINN) on the tensor engine: it learns the solution of the 1-D Poisson
 * problem u'' = −π² sin(πx) on [0, 1], u(0) = u(1) = 0 (exactly u = sin(πx)) by putting the
 * network's second derivative with respect to its input into the loss:
 * loss = mean((u'' + π² sin(πx))²) over 99 interior points x = 0.01 … 0.99, plus u(0)² + u(1)².
 * The network is 1 → 20 → 20 → 1, tanh hidden, identity output; u' and u'' are
 * {@code u.sum().gradient(x)} and {@code u'.sum().gradient(x)}, tensors that {@code backward()}
 * differentiates once more for the parameters' gradients; Adam with learning rate 1e-3.
 * Prints the relative L2 error against sin(πx) on 1,001 points and the time per step, writes
 * {@code poisson.png} (learned u against sin(πx)), {@code poisson-loss.png} and the initial
 * parameters ({@code poisson-parameters.txt}, for nn/src/test/python/poisson_torch.py).
 * Run: {@code mvn -q -pl nn -am test-compile exec:exec -Dexample=Poisson}.
 */
public final class PoissonExample {

    /**
     * The network: 1 → 20 → 20 → 1, tanh hidden, identity output, Glorot initialisation from seed 1.
     * The error after 5,000 steps depends on the initial parameters: from Glorot seeds 1337, 1, 2, 3
     * it was 1.6e-4, 6.5e-5, 4.4e-5, 5.8e-5 (from uniform ones 1.5e-4, 3.7e-4, 2.2e-4, 8.0e-5); seed 1
     * is the first seed after the default that meets the 1e-4.
     */
    public static final Architecture ARCHITECTURE = Architecture.of(1, List.of(20, 20, 1))
            .withActivations(Activation.TANH, Activation.IDENTITY).withInit(Init.GLOROT).withSeed(1);

    /** The interior collocation points: x = i/100 for i = 1 … 99. */
    static final int POINTS = 99;

    private PoissonExample() {
    }

    /**
     * The losses of a training run and what it reached.
     *
     * @param losses the loss of every step
     * @param relativeError ‖u − sin(πx)‖₂ / ‖sin(πx)‖₂ on 1,001 points of [0, 1]
     * @param microsPerStep the mean wall time of a step after the first, in µs; NaN after a single step
     * @param cpuMicrosPerStep the mean CPU time of the training thread per step after the first, in µs (NaN after a single step):
     *        on a busy machine, the part of the wall time that was this run's own work
     * @param network the trained network
     */
    public record Result(List<Double> losses, double relativeError, double microsPerStep, double cpuMicrosPerStep, MLP network) {
    }

    /**
     * Trains the PINN and writes its pictures.
     *
     * @param args optionally the number of Adam steps (default 5000) and the output folder (default target)
     */
    public static void main(String[] args) {
        ExampleArguments.atMost(args, "[steps] [folder]");
        int steps = ExampleArguments.count(args, "the number of Adam steps", 5000, 1);
        Path folder = ExampleArguments.folder(args);
        MLP network = new MLP(ARCHITECTURE);
        writeParameters(network.parameterValues(), folder.resolve("poisson-parameters.txt"));
        Result result = train(network, steps, System.out);
        Plots.lossCurve(String.format(Locale.ROOT, "PINN for u″ = −π² sin(πx): loss of each Adam step (%d steps)", steps),
                result.losses(), List.of(), folder.resolve("poisson-loss.png"));
        Plots.curves(String.format(Locale.ROOT, "learned u against sin(πx): relative L2 error %.1e", result.relativeError()),
                grid(201), List.of(predict(network, grid(201)), exact(grid(201))),
                List.of("network u(x)", "sin(πx)"), folder.resolve("poisson.png"));
        System.out.println("wrote " + folder.resolve("poisson.png") + " and " + folder.resolve("poisson-loss.png"));
    }

    /**
     * Trains a network on the Poisson problem with Adam (learning rate 1e-3), printing progress.
     *
     * @param network a 1-input, 1-output tensor MLP
     * @param steps the Adam steps
     * @param out where to print
     * @return the losses, the error and the time per step
     * @throws IllegalArgumentException if steps is less than 1
     */
    public static Result train(MLP network, int steps, PrintStream out) {
        ExampleArguments.atLeast("the number of Adam steps", steps, 1);
        double[] xs = new double[POINTS];
        double[] source = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            xs[i] = (i + 1) / 100.0;
            source[i] = Math.PI * Math.PI * Math.sin(Math.PI * xs[i]);
        }
        Tensor x = Tensor.of(POINTS, 1, xs);
        Tensor f = Tensor.constant(POINTS, 1, source);
        Tensor boundary = Tensor.constant(2, 1, 0.0, 1.0);
        Optimizer adam = Optimizer.adam(1e-3);
        Workspace workspace = new Workspace();
        List<Double> losses = new ArrayList<>(steps);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = 0;
        long startCpu = 0;
        for (int step = 0; step < steps; step++) {
            if (step == 1) {
                start = System.nanoTime();
                startCpu = threads.getCurrentThreadCpuTime();
            }
            try (Workspace.Scope scope = workspace.enter()) {
                network.zeroGrad();
                Tensor loss = loss(network, x, f, boundary);
                loss.backward();
                losses.add(loss.item());
                workspace.recycle(loss);
            }
            adam.step(network);
            if (step % 1000 == 0 || step == steps - 1) {
                out.printf(Locale.ROOT, "step %5d  loss %.3e%n", step, losses.get(step));
            }
        }
        double micros = steps > 1 ? (System.nanoTime() - start) / 1e3 / (steps - 1) : Double.NaN;
        double cpuMicros = steps > 1 ? (threads.getCurrentThreadCpuTime() - startCpu) / 1e3 / (steps - 1) : Double.NaN;
        double error = relativeError(network);
        String time = steps > 1 ? String.format(Locale.ROOT, "%.0f µs a step (%.0f µs of CPU time)", micros, cpuMicros)
                : "no time per step (it is timed from the second step on)";
        out.printf(Locale.ROOT, "%d Adam steps: relative L2 error %.2e on 1,001 points, %s%n", steps, error, time);
        return new Result(losses, error, micros, cpuMicros, network);
    }

    /**
     * The PINN loss: mean((u'' + f)²) over the interior points plus u(0)² + u(1)².
     *
     * @param network the network u
     * @param x the interior points, a column that requires a gradient
     * @param f π² sin(πx) at those points
     * @param boundary the column [0, 1]
     * @return the 1×1 loss
     */
    public static Tensor loss(MLP network, Tensor x, Tensor f, Tensor boundary) {
        Tensor u = network.forward(x);
        Tensor du = u.sum().gradient(x);
        Tensor d2u = du.sum().gradient(x);
        Tensor residual = d2u.add(f).pow(2).mean();
        return residual.add(network.forward(boundary).pow(2).sum());
    }

    /**
     * ‖u − sin(πx)‖₂ / ‖sin(πx)‖₂ on 1,001 evenly spaced points of [0, 1].
     *
     * @param network the network u
     * @return the relative error
     */
    public static double relativeError(MLP network) {
        List<Double> points = grid(1001);
        List<Double> u = predict(network, points);
        List<Double> exact = exact(points);
        double difference = 0;
        double norm = 0;
        for (int i = 0; i < points.size(); i++) {
            double d = u.get(i) - exact.get(i);
            difference += d * d;
            norm += exact.get(i) * exact.get(i);
        }
        return Math.sqrt(difference / norm);
    }

    private static List<Double> grid(int n) {
        List<Double> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            points.add(i / (double) (n - 1));
        }
        return points;
    }

    private static List<Double> predict(MLP network, List<Double> points) {
        double[][] rows = new double[points.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {points.get(i)};
        }
        List<Double> values = new ArrayList<>(rows.length);
        for (double[] row : network.predict(rows)) {
            values.add(row[0]);
        }
        return values;
    }

    private static List<Double> exact(List<Double> points) {
        List<Double> values = new ArrayList<>(points.size());
        for (double p : points) {
            values.add(Math.sin(Math.PI * p));
        }
        return values;
    }

    private static void writeParameters(double[] values, Path file) {
        StringBuilder text = new StringBuilder();
        for (double v : values) {
            text.append(v).append('\n');
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
