package org.backprop4j.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backprop4j.tensor.MatrixProducts;

/** Starts fresh JVMs running {@link StepServer}: the same class path, the Vector API, and the chosen backend. */
final class JavaSide {

    private JavaSide() {
    }

    /**
     * @param backend the matrix-product backend the child uses
     * @param arguments StepServer's arguments
     * @return the command line of a fresh JVM; {@code backprop4j.*} and netlib system properties of this JVM are passed on
     */
    static List<String> command(String backend, String... arguments) {
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
        command.add("-D" + MatrixProducts.PROPERTY + "=" + backend);
        command.add("-classpath");
        command.add(System.getProperty("java.class.path"));
        command.add(StepServer.class.getName());
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * @param config the configuration
     * @param backend the backend
     * @param sides the Java sides to serve
     * @return a started, ready server
     * @throws IOException if it does not start or does not answer {@code ready}
     */
    static Peer serve(Configuration config, String backend, List<Side> sides) throws IOException {
        List<String> names = new ArrayList<>();
        for (Side side : sides) {
            names.add(side.toString());
        }
        Peer peer = Peer.start("the Java step server (" + config.label() + " on " + backend + ")",
                command(backend, "--serve", config.label(), String.join(",", names)));
        String ready = peer.read();
        if (!ready.equals("ready")) {
            peer.close();
            throw new IOException("the Java step server answered '" + ready + "' instead of 'ready'");
        }
        return peer;
    }

    /**
     * @param config the configuration
     * @param backend the backend
     * @param side the side
     * @param steps how many steps
     * @return the mean µs of the first steps in a fresh JVM
     * @throws IOException if the child fails
     */
    static double coldMicros(Configuration config, String backend, Side side, int steps) throws IOException {
        String nanos = Peer.firstLine("the Java cold start (" + side + " " + config.label() + ")",
                command(backend, "--cold", config.label(), side.toString(), Integer.toString(steps)));
        return Long.parseLong(nanos.trim()) / 1e3 / steps;
    }
}
