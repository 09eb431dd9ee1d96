package org.backprop4j.benchmarks.peer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.backprop4j.benchmarks.step.Agreement;
import org.backprop4j.benchmarks.step.Configuration;
import org.backprop4j.benchmarks.step.Side;
import org.backprop4j.benchmarks.step.TrainingStep;
import org.backprop4j.tensor.blas.MatrixProducts;

/**
 * The Java side of the comparison, run by {@link JavaPeer} in a JVM of its own per configuration and
 * backend (as JMH forks do), so no configuration's profile shapes another's compiled code.
 *
 * <p>{@code --serve CONFIG SIDE[,SIDE…]} builds each side's step, answers {@code ready}, then one line
 * per command read from stdin: {@code warm SIDE MILLIS} steps for about that long and answers
 * {@code STEPS NANOS}; {@code time SIDE STEPS} answers {@code NANOS BYTES} (bytes allocated by those
 * steps); {@code describe} answers its {@code java.version}, the library's thread count and the backend's
 * name, tab-separated; {@code gradients} answers the tensor engine's gradients of one step at the
 * configuration's initial parameters, space-separated. {@code --cold CONFIG SIDE STEPS} prints the nanoseconds of the first STEPS steps of this
 * fresh JVM. A loss that stops being finite ends the process with a message on stderr.
 */
public final class StepServer {

    /**
     * The JVM's thread bean, for the bytes a step allocates: only the serving mode asks for it, so a cold
     * start loads no management classes a user's program would not (the library itself loads none).
     */
    private static final class Allocations {
        static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        private Allocations() {
        }
    }

    private StepServer() {
    }

    /**
     * Serves or times a cold start, as the class comment says.
     *
     * @param args {@code --serve CONFIG SIDES} or {@code --cold CONFIG SIDE STEPS}
     * @throws IOException if stdin fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("--serve")) {
            serve(Configuration.of(args[1]), args[2]);
        } else if (args.length == 4 && args[0].equals("--cold")) {
            Configuration config = Configuration.of(args[1]);
            Side side = Side.of(args[2]);
            TrainingStep step = TrainingStep.of(side, config);
            long start = System.nanoTime();
            double last = run(step, Integer.parseInt(args[3]));
            long nanos = System.nanoTime() - start;
            Finite.check(last, config.label(), side.toString());
            System.out.println(nanos);
        } else {
            throw new IllegalArgumentException("usage: StepServer --serve CONFIG SIDE[,SIDE...] | --cold CONFIG SIDE STEPS");
        }
    }

    private static void serve(Configuration config, String sides) throws IOException {
        Map<Side, TrainingStep> steps = new EnumMap<>(Side.class);
        for (String name : sides.split(",")) {
            Side side = Side.of(name);
            steps.put(side, TrainingStep.of(side, config));
        }
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.trim().split(" ");
            if (words[0].equals("describe")) {
                System.out.println(System.getProperty("java.version") + "\t" + threads() + "\t" + MatrixProducts.current().name());
                continue;
            }
            if (words[0].equals("gradients")) {
                StringBuilder answer = new StringBuilder();
                for (double g : Agreement.tensorGradients(config)) {
                    answer.append(answer.length() == 0 ? "" : " ").append(g);
                }
                System.out.println(answer);
                continue;
            }
            Side side = Side.of(words[1]);
            TrainingStep step = steps.get(side);
            if (step == null) {
                throw new IllegalArgumentException("this server runs " + steps.keySet() + ", not " + side);
            }
            long count = Long.parseLong(words[2]);
            double last;
            String answer;
            if (words[0].equals("warm")) {
                long start = System.nanoTime();
                long deadline = start + count * 1_000_000;
                long done = 0;
                long now;
                do {
                    last = step.run();
                    done++;
                    now = System.nanoTime();
                } while (now < deadline);
                answer = done + " " + (now - start);
            } else if (words[0].equals("time")) {
                long bytes = Allocations.THREADS.getCurrentThreadAllocatedBytes();
                long start = System.nanoTime();
                last = run(step, count);
                long nanos = System.nanoTime() - start;
                answer = nanos + " " + (Allocations.THREADS.getCurrentThreadAllocatedBytes() - bytes);
            } else {
                throw new IllegalArgumentException("unknown command '" + line + "': expected warm or time");
            }
            Finite.check(last, config.label(), side.toString());
            System.out.println(answer);
        }
    }

    /** The library's thread count in this JVM: {@code backprop4j.threads}, by default the available processors. */
    private static int threads() {
        String value = System.getProperty(ChildJvm.THREADS);
        return value == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(value.trim());
    }

    private static double run(TrainingStep step, long count) {
        double last = Double.NaN;
        for (long i = 0; i < count; i++) {
            last = step.run();
        }
        return last;
    }
}
