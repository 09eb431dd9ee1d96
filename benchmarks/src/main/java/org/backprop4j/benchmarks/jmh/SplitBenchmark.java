package org.backprop4j.benchmarks.jmh;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Init;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.tensor.MLP;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.parallel.Workers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Where splitting a loop over threads starts to pay, for the cut-overs of core-tensor's
 * {@code ParallelRange} and nn's {@code UpdatePass}: the same work on a pool of 1 thread and of
 * {@code threads}, at lengths around each cut-over. {@code tanh} is a transcendental kernel over
 * {@code size} elements, {@code add} an arithmetic one, {@code sgd} an optimizer step over a layer
 * of {@code size} parameters (a 256-input layer of size/257 neurons), {@code layer} the backward of a
 * {@code linearTanh} layer of batch 128 and {@code size}/128 outputs and inputs (its column pass
 * and its two products). Compare the two thread counts' ratio within one run: the machine is shared.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class SplitBenchmark {

    /** What is timed. */
    @Param({"tanh", "add", "sgd", "layer"})
    public String work;

    /** Elements (tanh, add, layer's outputs) or parameters (sgd). */
    @Param({"4096", "8192", "16384", "32768", "65536", "131072"})
    public int size;

    /** The pool's threads. */
    @Param({"1", "2"})
    public int threads;

    private Workers pool;
    private Tensor x;
    private Tensor y;
    private MLP layer;
    private Optimizer sgd;
    private double[][] inputs;
    private double[][] targets;
    private Tensor layerInput;
    private Tensor weight;
    private Tensor bias;
    private Runnable step;

    /**
     * Builds the operands, and waits (two minutes at most) for the vector loops to be compiled.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Setup
    public void setUp() throws InterruptedException {
        VectorLanes.awaitCompiled();
        pool = Workers.of(threads);
        SplittableRandom random = new SplittableRandom(1);
        x = Tensor.constant(1, size, random.doubles(size, -4, 4).toArray());
        y = Tensor.constant(1, size, random.doubles(size, -4, 4).toArray());
        int neurons = Math.max(1, size / 257);
        layer = new MLP(Architecture.of(256, List.of(neurons)).withActivations(Activation.TANH, Activation.IDENTITY).withInit(Init.GLOROT));
        sgd = Optimizer.sgd(1e-9);
        inputs = new double[1][256];
        targets = new double[1][neurons];
        layer.lossAndBackward(inputs, targets, org.backprop4j.nn.Loss.MEAN_SQUARED, 0);
        int width = Math.max(1, size / 128);
        layerInput = Tensor.constant(128, width, random.doubles(128L * width, -1, 1).toArray());
        weight = Tensor.of(width, width, random.doubles((long) width * width, -0.1, 0.1).toArray());
        bias = Tensor.of(1, width, random.doubles(width, -0.1, 0.1).toArray());
        switch (work) {
            case "tanh" -> step = () -> x.tanh();
            case "add" -> step = () -> x.add(y);
            case "sgd" -> step = () -> sgd.step(layer);
            default -> step = () -> {
                Tensor out = layerInput.linearTanh(weight, bias);
                out.sum().backward();
            };
        }
    }

    /** Runs the work once on the pool. */
    @Benchmark
    public void run() {
        Workers.runOn(pool, step);
    }
}
