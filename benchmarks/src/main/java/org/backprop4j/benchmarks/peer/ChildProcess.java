package org.backprop4j.benchmarks.peer;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process spoken to one line at a time: the Java step server or the PyTorch script. Its
 * stderr goes to a file whose last lines are quoted when the child fails.
 */
final class ChildProcess implements AutoCloseable {

    /**
     * Set in the environment of every child that runs on one thread: native libraries a child loads for
     * itself (PyTorch's BLAS and OpenMP) run on one thread, as the comparison states. A child at its
     * defaults gets none of them. The Java engine's own switches are passed as system properties instead.
     */
    static final Map<String, String> ONE_THREAD = Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_NUM_THREADS", "1", "MKL_NUM_THREADS", "1");

    private final String name;
    private final Process process;
    private final BufferedWriter input;
    private final BufferedReader output;
    private final Path errors;

    private ChildProcess(String name, Process process, Path errors) {
        this.name = name;
        this.process = process;
        this.errors = errors;
        input = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * @param name what the child is, for messages
     * @param command the command line
     * @param oneThread whether to set {@link #ONE_THREAD} in its environment (else those variables are removed)
     * @return the started child
     * @throws IOException if it cannot start
     */
    static ChildProcess start(String name, List<String> command, boolean oneThread) throws IOException {
        Path errors = Files.createTempFile("backprop4j-peer", ".err");
        errors.toFile().deleteOnExit();
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        if (oneThread) {
            builder.environment().putAll(ONE_THREAD);
        } else {
            builder.environment().keySet().removeAll(ONE_THREAD.keySet());
        }
        Process process = builder.start();
        return new ChildProcess(name, process, errors);
    }

    /**
     * @return the child's next line
     * @throws IOException naming the child and quoting its stderr if it ended instead
     */
    String read() throws IOException {
        String line = output.readLine();
        if (line == null) {
            throw failure();
        }
        return line;
    }

    /**
     * @param command one line for the child
     * @return its one-line answer
     * @throws IOException naming the child and quoting its stderr if it fails
     */
    String ask(String command) throws IOException {
        try {
            input.write(command);
            input.newLine();
            input.flush();
        } catch (IOException e) {
            throw failure();
        }
        return read();
    }

    /**
     * Runs a command to its end and returns its first line of output.
     *
     * @param name what the command is, for messages
     * @param command the command line
     * @param oneThread whether to set {@link #ONE_THREAD} in its environment
     * @return the first line it printed
     * @throws IOException naming the command and quoting its stderr if it fails or prints nothing
     */
    static String firstLine(String name, List<String> command, boolean oneThread) throws IOException {
        try (ChildProcess peer = start(name, command, oneThread)) {
            peer.input.close();
            String line = peer.read();
            if (peer.process.waitFor() != 0) {
                throw peer.failure();
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(name + " was interrupted", e);
        }
    }

    private IOException failure() throws IOException {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> lines = Files.readAllLines(errors, StandardCharsets.UTF_8);
        String tail = String.join("\n      ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        String status = process.isAlive() ? "stopped answering" : "ended with exit code " + process.exitValue();
        return new IOException(name + " " + status + (tail.isEmpty() ? "" : ":\n      " + tail));
    }

    /** Closes the child's input, waits briefly for it to end, and ends it if it does not. */
    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException e) {
            // the child already closed its end: nothing left to tell it
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(errors);
        } catch (IOException e) {
            errors.toFile().deleteOnExit();
        }
    }
}
