package org.backprop4j.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.backprop4j.benchmarks.peer.ChildJvm;
import org.backprop4j.benchmarks.step.Configuration;
import org.backprop4j.benchmarks.timing.Interleaved;
import org.backprop4j.tensor.blas.MatrixProducts;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * The comparison's options, read from the system properties {@code quick}, {@code configs}, {@code backends},
 * {@code rounds}, {@code python} and {@code jdk} and from the command line (JMH options), as {@link Compare}
 * describes them.
 *
 * @param quick fewer, shorter rounds, for CI
 * @param configs the configurations to run, in order, each once
 * @param backends the tensor engine's backends, lower case, each once
 * @param rounds interleaved rounds per configuration
 * @param jmh JMH options for the activation benchmarks
 * @param python the Python with torch, or blank to try the usual ones
 * @param jdk the home of the JDK the Java sides run on
 */
record Options(boolean quick, List<Configuration> configs, List<String> backends, int rounds, CommandLineOptions jmh, String python,
               Path jdk) {

    /**
     * A quick run times the defaults line only at these configurations (of those it runs): the smallest step
     * timed beside PyTorch and the largest, where the thread split matters least and most. A full run times it
     * at every configuration.
     */
    static final List<Configuration> QUICK_DEFAULTS = List.of(Configuration.MOONS, Configuration.LARGE);

    /** Interleaved rounds per configuration in a full run. */
    static final int FULL_ROUNDS = 8;
    /** Interleaved rounds per configuration in a quick run. */
    static final int QUICK_ROUNDS = 4;
    /**
     * The most interleaved rounds a configuration may have: each round runs every side (up to four) for
     * {@value #FULL_ROUND_MILLIS} ms, so this many take about 27 minutes a configuration and line; more is a typo, and
     * {@code Integer.MAX_VALUE} rounds would not even fit the arrays of their figures.
     */
    static final int MAX_ROUNDS = 1_000;
    /**
     * Each Java side warms up this long in a fresh JVM before it is timed, in turns with the other sides
     * (so the JIT compiles in the background for sides × this long): the tensor step at moons settles after
     * ~2.5 s, the scalar step at seed after ~4 s on a loaded machine.
     */
    static final long WARMUP_MILLIS = 4_000;
    /** How long each side runs per round in a full run. */
    static final long FULL_ROUND_MILLIS = 400;
    /** How long each side runs per round in a quick run. */
    static final long QUICK_ROUND_MILLIS = 250;
    /** Fresh processes per cold-start figure in a full run (one when quick); the median is reported. */
    static final int FULL_COLD_RUNS = 3;

    /**
     * Reads the options.
     *
     * @param args JMH command-line options for the activation benchmarks
     * @return the options
     * @throws IllegalArgumentException naming a bad or repeated option value
     * @throws CommandLineOptionException for a bad JMH option
     */
    static Options read(String[] args) throws CommandLineOptionException {
        boolean quick = flag(System.getProperty("quick", "false"));
        List<Configuration> configs = new ArrayList<>();
        for (String label : System.getProperty("configs", Compare.DEFAULT_CONFIGS).split(",")) {
            Configuration c = Configuration.of(label);
            if (configs.contains(c)) {
                throw new IllegalArgumentException("configuration '" + c.label() + "' is named twice");
            }
            configs.add(c);
        }
        List<String> backends = new ArrayList<>();
        String backendList = System.getProperty("backends", "auto");
        for (String backend : backendList.isBlank() ? new String[] {"auto"} : backendList.split(",", -1)) {
            String name = backend.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                // MatrixProducts reads an empty name as auto: in a list it would time auto once more, or again
                throw new IllegalArgumentException("-Dbackends=" + backendList + " has an empty name: choose from ejml, netlib, netlib-java, auto");
            }
            try {
                MatrixProducts.named(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("no backend '" + backend + "': choose from ejml, netlib, netlib-java, auto", e);
            }
            if (backends.contains(name)) {
                throw new IllegalArgumentException("backend '" + name + "' is named twice");
            }
            backends.add(name);
        }
        CommandLineOptions jmh = new CommandLineOptions(args);
        if (!jmh.getBenchModes().isEmpty() || jmh.getTimeUnit().hasValue() || jmh.getOperationsPerInvocation().hasValue()
                || !jmh.getIncludes().isEmpty() || !jmh.getExcludes().isEmpty()) {
            throw new IllegalArgumentException("-Djmh=\"" + String.join(" ", args) + "\": the activations are reported in ns per element of "
                    + "each of their benchmarks, so -Djmh may not set a benchmark mode (-bm), time unit (-tu), operations per invocation "
                    + "(-opi), or which benchmarks run (a pattern, -e)");
        }
        String roundsProperty = System.getProperty("rounds", "").trim();
        int rounds;
        try {
            rounds = roundsProperty.isEmpty() ? (quick ? QUICK_ROUNDS : FULL_ROUNDS) : Integer.parseInt(roundsProperty);
        } catch (NumberFormatException e) {
            rounds = 0;
        }
        if (rounds < 1 || rounds > MAX_ROUNDS) {
            throw new IllegalArgumentException("rounds must be a whole number from 1 to " + MAX_ROUNDS + ", got '" + roundsProperty + "'");
        }
        Path jdk = ChildJvm.jdk(System.getProperty("jdk", ""));
        return new Options(quick, List.copyOf(configs), List.copyOf(backends), rounds, jmh, System.getProperty("python", ""), jdk);
    }

    /** @return the configurations whose defaults line is timed: all, or when quick those of {@link #QUICK_DEFAULTS} */
    List<Configuration> defaultsConfigs() {
        List<Configuration> defaults = new ArrayList<>(configs);
        if (quick) {
            defaults.retainAll(QUICK_DEFAULTS);
        }
        return List.copyOf(defaults);
    }

    /** -Dquick alone or =true is on, =false off; anything else (=yes, a typo) is refused, not read as off. */
    private static boolean flag(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!v.isEmpty() && !v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("quick must be true or false (or -Dquick alone), got '" + value + "'");
        }
        return !v.equals("false");
    }

    /** @return the interleaved timing: {@value #WARMUP_MILLIS} ms warm-up, then the rounds, shorter when quick */
    Interleaved timing() {
        return new Interleaved(WARMUP_MILLIS, quick ? QUICK_ROUND_MILLIS : FULL_ROUND_MILLIS, rounds);
    }

    /** @return fresh processes per cold-start figure: {@value #FULL_COLD_RUNS}, or one when quick */
    int coldRuns() {
        return quick ? 1 : FULL_COLD_RUNS;
    }
}
