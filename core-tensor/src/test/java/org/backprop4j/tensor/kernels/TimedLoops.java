package org.backprop4j.tensor.kernels;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * Loops for the warm-up's tests: the scalar twins' results (so the bits are those of every real
 * implementation), under a given name, on a fake clock that each call moves on by the cost the
 * test gives that loop ({@code "tanh"}, {@code "exp"}, …) in nanoseconds.
 */
final class TimedLoops implements KernelLoops {

    private final String name;
    private final AtomicLong clock;
    private final ToLongFunction<String> cost;

    TimedLoops(String name, AtomicLong clock, ToLongFunction<String> cost) {
        this.name = Objects.requireNonNull(name, "name");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cost = Objects.requireNonNull(cost, "cost");
    }

    TimedLoops(String name, AtomicLong clock, long nanosPerCall) {
        this(name, clock, method -> nanosPerCall);
    }

    private void tick(String method) {
        clock.addAndGet(cost.applyAsLong(method));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void tanh(double[] x, double[] y, int from, int to) {
        tick("tanh");
        ScalarTwins.INSTANCE.tanh(x, y, from, to);
    }

    @Override
    public void sigmoid(double[] x, double[] y, int from, int to) {
        tick("sigmoid");
        ScalarTwins.INSTANCE.sigmoid(x, y, from, to);
    }

    @Override
    public void exp(double[] x, double[] y, int from, int to) {
        tick("exp");
        ScalarTwins.INSTANCE.exp(x, y, from, to);
    }

    @Override
    public void log(double[] x, double[] y, int from, int to) {
        tick("log");
        ScalarTwins.INSTANCE.log(x, y, from, to);
    }

    @Override
    public void biasTanh(double[] bias, double[] z, int rows, int cols) {
        tick("biasTanh");
        ScalarTwins.INSTANCE.biasTanh(bias, z, rows, cols);
    }

    @Override
    public void biasSigmoid(double[] bias, double[] z, int rows, int cols) {
        tick("biasSigmoid");
        ScalarTwins.INSTANCE.biasSigmoid(bias, z, rows, cols);
    }

    @Override
    public void biasActivationBackward(Activation activation, double[] g, double[] y, double[] gz, double[] biasGrad, int rows,
                                       int cols) {
        tick("biasActivationBackward");
        ScalarTwins.INSTANCE.biasActivationBackward(activation, g, y, gz, biasGrad, rows, cols);
    }

    @Override
    public void addColumnSums(double[] m, int from, double[] row, int rows, int cols) {
        tick("addColumnSums");
        ScalarTwins.INSTANCE.addColumnSums(m, from, row, rows, cols);
    }

    @Override
    public boolean finiteAfterDescent(double[] values, double[] gradients, double rate, int from, int to) {
        tick("finiteAfterDescent");
        return ScalarTwins.INSTANCE.finiteAfterDescent(values, gradients, rate, from, to);
    }
}
