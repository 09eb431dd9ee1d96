package org.backprop4j.benchmarks.peer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.backprop4j.benchmarks.step.Configuration;
import org.backprop4j.benchmarks.step.Side;

/**
 * The Java sides' peer: a fresh JVM running {@link StepServer} (the same class path, the Vector API, the chosen
 * backend, JDK and thread count: a {@link ChildJvm}), spoken to one line a command: {@code warm SIDE MILLIS},
 * {@code time SIDE STEPS}, {@code describe} and {@code gradients}.
 */
public final class JavaPeer implements StepPeer {

    private final ChildProcess server;
    private final List<Side> sides;
    private final Description description;

    private JavaPeer(ChildProcess server, List<Side> sides, Description description) {
        this.server = server;
        this.sides = List.copyOf(sides);
        this.description = description;
    }

    /**
     * What the child says it runs on.
     *
     * @param javaVersion its {@code java.version}, e.g. {@code 25.0.1}
     * @param threads the library's thread count in it
     * @param backend its matrix-product backend's name, e.g. {@code auto (ejml + netlib (native OpenBLAS 0.3.31, bundled, 2 threads))}
     */
    public record Description(String javaVersion, int threads, String backend) {
    }

    /**
     * Starts a step server for a configuration's Java sides on one backend, and asks what it runs on.
     *
     * @param jvm the JDK and thread count of the child
     * @param config the configuration
     * @param backend the backend
     * @param sides the Java sides to serve
     * @return a started, ready server
     * @throws IOException if it does not start or does not answer {@code ready}
     */
    public static JavaPeer start(ChildJvm jvm, Configuration config, String backend, List<Side> sides) throws IOException {
        List<String> names = new ArrayList<>();
        for (Side side : sides) {
            names.add(side.toString());
        }
        ChildProcess server = ChildProcess.start("the Java step server (" + config.label() + " on " + backend + ", " + jvm.threads()
                + " threads, " + jvm.javaHome() + ")", jvm.command(backend, StepServer.class, "--serve", config.label(), String.join(",", names)), jvm.threads() == 1);
        String ready = server.read();
        if (!ready.equals("ready")) {
            server.close();
            throw new IOException("the Java step server answered '" + ready + "' instead of 'ready'");
        }
        String[] described = server.ask("describe").split("\t", 3);
        if (described.length != 3) {
            server.close();
            throw new IOException("the Java step server described itself as '" + String.join(" ", described) + "'");
        }
        return new JavaPeer(server, sides, new Description(described[0], Integer.parseInt(described[1]), described[2]));
    }

    /** @return the child's Java version, thread count and backend, as it reported them when it started */
    public Description description() {
        return description;
    }

    /**
     * The tensor engine's gradients of one step at the configuration's initial parameters, computed in the child
     * (on its JDK, thread count and backend), before it has stepped.
     *
     * @return the gradients in the engines' flat order
     * @throws IOException if the child fails
     */
    public double[] gradients() throws IOException {
        String[] words = server.ask("gradients").trim().split(" ");
        double[] gradients = new double[words.length];
        for (int i = 0; i < words.length; i++) {
            gradients[i] = Double.parseDouble(words[i]);
        }
        return gradients;
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
     * @param jvm the JDK and thread count of the child
     * @param config the configuration
     * @param backend the backend
     * @param side the side
     * @param steps how many steps
     * @return the mean µs of the first steps in a fresh JVM
     * @throws IOException if the child fails
     */
    public static double coldMicros(ChildJvm jvm, Configuration config, String backend, Side side, int steps) throws IOException {
        String nanos = ChildProcess.firstLine("the Java cold start (" + side + " " + config.label() + ", " + jvm.threads() + " threads)",
                jvm.command(backend, StepServer.class, "--cold", config.label(), side.toString(), Integer.toString(steps)), jvm.threads() == 1);
        return Long.parseLong(nanos.trim()) / 1e3 / steps;
    }
}
