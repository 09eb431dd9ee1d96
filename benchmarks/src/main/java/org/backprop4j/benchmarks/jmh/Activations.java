package org.backprop4j.benchmarks.jmh;

import java.nio.file.Path;
import java.util.List;
import org.backprop4j.tensor.blas.MatrixProducts;
import org.backprop4j.tensor.parallel.Threads;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the {@link ActivationBenchmark}s for the comparison, one JMH run a method in a forked JVM on
 * the netlib backend, silently; JMH options given on the command line take the place of the defaults
 * (one fork, two warm-up iterations, 1 s each, three measured; shorter when quick).
 */
public final class Activations {

    /** The activation benchmarks the comparison reports, ns per element. */
    public static final List<String> METHODS = List.of("mathTanh", "fastTanh", "kernelTanh", "tanhSigmoid", "fastSigmoid", "kernelSigmoid");

    private Activations() {
    }

    /**
     * Runs one activation benchmark.
     *
     * @param jmh JMH command-line options, which override the defaults
     * @param quick whether to use the quick run's shorter iterations
     * @param method one of {@link #METHODS}
     * @param jdk the home of the JDK its fork runs on
     * @return its score, ns per element
     * @throws RunnerException if the benchmark fails
     */
    public static double nanosPerElement(CommandLineOptions jmh, boolean quick, String method, Path jdk) throws RunnerException {
        ChainedOptionsBuilder options = options(jmh, quick, "netlib").include(ActivationBenchmark.class.getName() + "." + method + "$");
        if (!jmh.getJvm().hasValue()) {
            options.jvm(jdk.resolve("bin").resolve("java").toString());
        }
        return new Runner(options.build()).runSingle().getPrimaryResult().getScore();
    }

    private static ChainedOptionsBuilder options(CommandLineOptions jmh, boolean quick, String backend) {
        // JMH's fork calls sun.misc.Unsafe, which JDK 24 and later warn about unless allowed: the property is the one
        // --sun-misc-unsafe-memory-access=allow sets, which JDK 17 (no such flag) ignores. JavaCPP's loadLibrary
        // needs native access likewise.
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(jmh)
                .jvmArgs("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Dsun.misc.unsafe.memory.access=allow",
                        "-D" + MatrixProducts.PROPERTY + "=" + backend, "-D" + Threads.PROPERTY + "=1")
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true);
        if (!jmh.getForkCount().hasValue()) {
            builder.forks(1);
        }
        if (!jmh.getWarmupIterations().hasValue()) {
            builder.warmupIterations(2);
        }
        if (!jmh.getWarmupTime().hasValue()) {
            builder.warmupTime(quick ? TimeValue.milliseconds(500) : TimeValue.seconds(1));
        }
        if (!jmh.getMeasurementIterations().hasValue()) {
            builder.measurementIterations(quick ? 2 : 3);
        }
        if (!jmh.getMeasurementTime().hasValue()) {
            builder.measurementTime(quick ? TimeValue.milliseconds(300) : TimeValue.seconds(1));
        }
        return builder;
    }
}
