package org.backprop4j.nn.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.scalar.MLP;

/**
 * The other JVM of the checkpoint tests, started by {@link #command}: {@code save FILE WARM-UP-FOLDER}
 * saves version after version of a model into FILE until it is killed, and {@code load FILE...} loads
 * each file into a model and prints what happened.
 */
final class CheckpointChild {

    /** The model the child saves: moons-sized, 337 parameters, a 2.8 kB file. */
    static final Architecture SHAPE = Architecture.of(2, List.of(16, 16, 1)).withSeed(5);

    private static final long LIFETIME_SECONDS = 30;

    private CheckpointChild() {
    }

    /**
     * @param k a version number
     * @return the parameters of version k: k + i/1024 for parameter i, exact in binary
     */
    static double[] version(long k) {
        double[] values = new double[SHAPE.parameterCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = k + i / 1024.0;
        }
        return values;
    }

    /**
     * @param parameters parameters read back from a file
     * @return the version they are, or -1 if they are no version
     */
    static long versionOf(double[] parameters) {
        long k = (long) parameters[0];
        return Arrays.equals(parameters, version(k)) ? k : -1;
    }

    /**
     * The command line of a child JVM on this JVM's class path.
     *
     * @param jvmOptions extra JVM options, e.g. a heap limit
     * @param args the child's arguments
     * @return the command
     */
    static List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CheckpointChild.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs one of the child's jobs.
     *
     * @param args {@code save FILE} or {@code load FILE...}
     * @throws IOException if a save fails (the parent then sees the child end by itself)
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("save")) {
            saveUntilKilled(Path.of(args[1]), Path.of(args[2]));
        } else if (args.length >= 2 && args[0].equals("load")) {
            for (int i = 1; i < args.length; i++) {
                try {
                    Checkpoint.load(Path.of(args[i]), new MLP(SHAPE));
                    System.out.println("loaded");
                } catch (CheckpointException e) {
                    System.out.println("refused " + e.getMessage());
                }
            }
        } else {
            throw new IllegalArgumentException("usage: save FILE WARM-UP-FOLDER | load FILE..., got " + Arrays.toString(args));
        }
    }

    /**
     * Saves once into a file of its own in the warm-up folder (so that the first real save runs
     * warm, as later ones do), prints {@code ready}, waits for the first version number on standard input, then saves
     * versions k, k+1, … into the file, printing {@code saved k} after each save returns. Ends
     * when standard input closes (the parent is gone) or after 30 s, whichever is first.
     */
    private static void saveUntilKilled(Path file, Path warmUpFolder) throws IOException {
        MLP model = new MLP(SHAPE);
        Path warmUp = warmUpFolder.resolve(ProcessHandle.current().pid() + ".bp4j");
        Checkpoint.save(model, warmUp);
        Checkpoint.load(warmUp, model);
        Files.delete(warmUp);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        System.out.flush();
        String first = in.readLine();
        if (first == null) {
            return;
        }
        Thread orphanGuard = new Thread(() -> {
            try {
                while (in.readLine() != null) {
                    continue;
                }
            } catch (IOException e) {
                System.out.println("standard input failed: " + e);
            }
            Runtime.getRuntime().halt(2);
        });
        orphanGuard.setDaemon(true);
        orphanGuard.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIFETIME_SECONDS);
        for (long k = Long.parseLong(first.trim()); System.nanoTime() < deadline; k++) {
            model.setParameterValues(version(k));
            Checkpoint.save(model, file);
            System.out.println("saved " + k);
            System.out.flush();
        }
        System.out.println("lived " + LIFETIME_SECONDS + " s without being killed");
    }
}
