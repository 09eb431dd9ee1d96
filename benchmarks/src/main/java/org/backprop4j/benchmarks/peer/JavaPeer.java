package org.backprop4j.benchmarks.peer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backprop4j.benchmarks.step.Configuration;
import org.backprop4j.benchmarks.step.Side;
import org.backprop4j.tensor.blas.MatrixProducts;
import org.backprop4j.tensor.parallel.Threads;

/**
 * The Java sides' peer: a fresh JVM running {@link StepServer} (the same class path, the Vector API, and the chosen
 * backend), spoken to one line a command: {@code warm SIDE MILLIS} and {@code time SIDE STEPS}.
 */
public final class JavaPeer implements StepPeer {

    private final ChildProcess server;
    private final List<Side> sides;

    private JavaPeer(ChildProcess server, List<Side> sides) {
        this.server = server;
        this.sides = List.copyOf(sides);
    }

    /**
     * The command line of a fresh step server.
     *
     * @param backend the matrix-product backend the child uses
     * @param arguments StepServer's arguments
     * @return the command line of a fresh JVM; {@code backprop4j.*} and netlib system properties of this JVM are passed on,
     *         and without a {@code backprop4j.threads} of this JVM's the child computes on one thread, as the comparison's
     *         PyTorch side does (the engine's default is every processor)
     */
    private static List<String> command(String backend, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-modules");
        command.add("jdk.incubator.vector");
        for (Map.Entry<Object, Object> property : System.getProperties().entrySet()) {
            String key = property.getKey().toString();
            if ((key.startsWith("backprop4j.") || key.startsWith("dev.ludovic.netlib.")) && !key.equals(MatrixProducts.PROPERTY)) {
                command.add("-D" + key + "=" + property.getValue());
            }
        }
        if (System.getProperty(Threads.PROPERTY) == null) {
            command.add("-D" + Threads.PROPERTY + "=1");
        }
        command.add("-D" + MatrixProducts.PROPERTY + "=" + backend);
        command.add("-classpath");
        command.add(System.getProperty("java.class.path"));
        command.add(StepServer.class.getName());
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * Starts a step server for a configuration's Java sides on one backend.
     *
     * @param config the configuration
     * @param backend the backend
     * @param sides the Java sides to serve
     * @return a started, ready server
     * @throws IOException if it does not start or does not answer {@code ready}
     */
    public static JavaPeer start(Configuration config, String backend, List<Side> sides) throws IOException {
        List<String> names = new ArrayList<>();
        for (Side side : sides) {
            names.add(side.toString());
        }
        ChildProcess server = ChildProcess.start("the Java step server (" + config.label() + " on " + backend + ")",
                command(backend, "--serve", config.label(), String.join(",", names)));
        String ready = server.read();
        if (!ready.equals("ready")) {
            server.close();
            throw new IOException("the Java step server answered '" + ready + "' instead of 'ready'");
        }
        return new JavaPeer(server, sides);
    }

    @Override
    public List<Side> sides() {
        return sides;
    }

    /** A JVM warms up as long as it is given: its JIT compiles the step meanwhile. */
    @Override
    public long warmUpLimitMillis() {
        return Long.MAX_VALUE;
    }

    @Override
    public Warm warm(Side side, long millis) throws IOException {
        String[] words = server.ask("warm " + side + " " + millis).split(" ");
        return new Warm(Long.parseLong(words[0]), Long.parseLong(words[1]));
    }

    /** The server's answer carries the bytes the steps allocated on its thread. */
    @Override
    public Timed time(Side side, long steps) throws IOException {
        String[] words = server.ask("time " + side + " " + steps).split(" ");
        return new Timed(Long.parseLong(words[0]), Double.parseDouble(words[1]));
    }

    @Override
    public void close() {
        server.close();
    }

    /**
     * Times a cold start: the first steps of a fresh JVM.
     *
     * @param config the configuration
     * @param backend the backend
     * @param side the side
     * @param steps how many steps
     * @return the mean µs of the first steps in a fresh JVM
     * @throws IOException if the child fails
     */
    public static double coldMicros(Configuration config, String backend, Side side, int steps) throws IOException {
        String nanos = ChildProcess.firstLine("the Java cold start (" + side + " " + config.label() + ")",
                command(backend, "--cold", config.label(), side.toString(), Integer.toString(steps)));
        return Long.parseLong(nanos.trim()) / 1e3 / steps;
    }
}
