package org.backprop4j.benchmarks.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.backprop4j.tensor.kernels.FastMath;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The tensor engine's tanh and sigmoid, per element over 4,096 values in [−4, 4]: the kernel (the
 * array forms of {@link FastMath}, on the Vector API when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}) against the scalar loop of {@link FastMath} and the
 * JDK's {@link Math#tanh}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ActivationBenchmark {

    private static final int N = 4096;

    private double[] x;
    private double[] y;

    /**
     * Draws the inputs, and waits (two minutes at most) for the JIT to compile the vector loops, so
     * that no iteration times their scalar stand-ins.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Setup
    public void setUp() throws InterruptedException {
        VectorLanes.awaitCompiled();
        SplittableRandom random = new SplittableRandom(1);
        x = new double[N];
        y = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = random.nextDouble(-4, 4);
        }
    }

    /** @return a checksum */
    @Benchmark
    @OperationsPerInvocation(N)
    public double mathTanh() {
        for (int i = 0; i < N; i++) {
            y[i] = Math.tanh(x[i]);
        }
        return y[N - 1];
    }

    /** @return a checksum */
    @Benchmark
    @OperationsPerInvocation(N)
    public double fastTanh() {
        for (int i = 0; i < N; i++) {
            y[i] = FastMath.tanh(x[i]);
        }
        return y[N - 1];
    }

    /** @return a checksum */
    @Benchmark
    @OperationsPerInvocation(N)
    public double kernelTanh() {
        FastMath.tanh(x, y, 0, N);
        return y[N - 1];
    }

    /** @return a checksum */
    @Benchmark
    @OperationsPerInvocation(N)
    public double tanhSigmoid() {
        for (int i = 0; i < N; i++) {
            y[i] = 0.5 + 0.5 * Math.tanh(0.5 * x[i]);
        }
        return y[N - 1];
    }

    /** @return a checksum */
    @Benchmark
    @OperationsPerInvocation(N)
    public double fastSigmoid() {
        for (int i = 0; i < N; i++) {
            y[i] = FastMath.sigmoid(x[i]);
        }
        return y[N - 1];
    }

    /** @return a checksum */
    @Benchmark
    @OperationsPerInvocation(N)
    public double kernelSigmoid() {
        FastMath.sigmoid(x, y, 0, N);
        return y[N - 1];
    }
}
