package org.backprop4j.tensor.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * A {@link KernelLoops} for tests that computes nothing: it records each call (the method, the
 * range or the matrix shape, and the values it was given), and moves a fake clock on by a cost per
 * call (which may depend on the method), so a test can tell which loops ran and can time them on
 * that clock.
 */
final class RecordingLoops implements KernelLoops {

    /** One call: the method's name, then from and to (or rows and cols), then how many values it was given. */
    record Call(String method, int a, int b, int length) {
    }

    private final String name;
    private final AtomicLong clock;
    private final ToLongFunction<String> cost;
    private final List<Call> calls = new ArrayList<>();
    private final List<double[]> arguments = new ArrayList<>();

    /**
     * @param name what {@link #name()} answers
     * @param clock the fake clock each call moves on
     * @param cost how far a call of the method named moves it, in nanoseconds
     */
    RecordingLoops(String name, AtomicLong clock, ToLongFunction<String> cost) {
        this.name = name;
        this.clock = clock;
        this.cost = cost;
    }

    /** Loops named {@code name} whose every call moves {@code clock} on by {@code cost} nanoseconds. */
    RecordingLoops(String name, AtomicLong clock, long cost) {
        this(name, clock, method -> cost);
    }

    /** Loops named {@code name} that cost nothing on a clock of their own. */
    RecordingLoops(String name) {
        this(name, new AtomicLong(), 0);
    }

    /** @return every call so far, in order */
    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** @return a copy of the values each call was given (x, or z after adding the bias), in order */
    synchronized List<double[]> arguments() {
        return List.copyOf(arguments);
    }

    /** @return how many calls there were of the method named */
    synchronized long count(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).count();
    }

    private synchronized void record(String method, double[] values, int a, int b) {
        calls.add(new Call(method, a, b, values.length));
        arguments.add(values);
        clock.addAndGet(cost.applyAsLong(method));
    }

    private void range(String method, double[] x, int from, int to) {
        record(method, java.util.Arrays.copyOfRange(x, from, to), from, to);
    }

    private void rows(String method, double[] bias, double[] z, int rows, int cols) {
        double[] sums = new double[rows * cols];
        for (int i = 0; i < sums.length; i++) {
            sums[i] = z[i] + bias[i % cols];
        }
        record(method, sums, rows, cols);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void tanh(double[] x, double[] y, int from, int to) {
        range("tanh", x, from, to);
    }

    @Override
    public void sigmoid(double[] x, double[] y, int from, int to) {
        range("sigmoid", x, from, to);
    }

    @Override
    public void exp(double[] x, double[] y, int from, int to) {
        range("exp", x, from, to);
    }

    @Override
    public void log(double[] x, double[] y, int from, int to) {
        range("log", x, from, to);
    }

    @Override
    public void biasTanh(double[] bias, double[] z, int rows, int cols) {
        rows("biasTanh", bias, z, rows, cols);
    }

    @Override
    public void biasSigmoid(double[] bias, double[] z, int rows, int cols) {
        rows("biasSigmoid", bias, z, rows, cols);
    }
}
