package org.backprop4j.tensor.kernels;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Whether this JVM runs {@link Math#fma} on the processor's fused multiply-add (HotSpot's
 * {@code UseFMA}: every x86 processor since 2013's Haswell and every 64-bit ARM has one). The Vector
 * API lanes and their scalar twins are made of fused multiply-adds, which without it run in
 * {@code BigDecimal} arithmetic, hundreds of times slower, so {@link FastMath} then runs
 * {@link ScalarLoops} instead.
 *
 * <p>HotSpot's own answer ({@code HotSpotDiagnosticMXBean}) costs 17–23 ms of a fresh JVM's first
 * kernel, most of it loading the management classes, so where the answer follows from the processor
 * it is read there: on Linux x86 HotSpot turns {@code UseFMA} on exactly when the processor has FMA
 * and AVX ({@code /proc/cpuinfo}'s flags), and on 64-bit ARM always. A JVM option that can change
 * the flag ({@code UseFMA}, {@code UseAVX}, {@code UseSSE}, an options file or an argument file), on
 * the command line or in {@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS} or {@code _JAVA_OPTIONS},
 * sends the question to HotSpot, as does a command line too long to read whole and every other platform. Either way the bits of every result
 * are the same: {@link Math#fma} rounds once in hardware and in {@code BigDecimal} alike; only the
 * speed depends on the answer.
 */
final class FusedMultiplyAdd {

    /** Words in a JVM option that can change {@code UseFMA}. */
    static final List<String> FLAG_CHANGERS = List.of("UseFMA", "UseAVX", "UseSSE", "Flags=", "VMOptionsFile");

    /**
     * The most bytes of a {@code /proc} file read: the first processor's lines come well within it; a
     * command line that fills it (a long classpath) may go on past it, so it sends the question to HotSpot.
     */
    static final int READ_LIMIT = 1 << 16;

    /** The environment variables the JVM or its launcher read options from. */
    static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private FusedMultiplyAdd() {
    }

    /**
     * @return true if {@code UseFMA} is on: from the processor where that decides it, else from HotSpot
     *         (false on a JVM that does not say: not HotSpot, or without the {@code jdk.management} module)
     */
    static boolean inHardware() {
        Optional<Boolean> fromProcessor = fromProcessor(System.getProperty("os.name", ""), System.getProperty("os.arch", ""),
                new Environment(), new ProcFile());
        return fromProcessor.isPresent() ? fromProcessor.get() : fromHotSpot();
    }

    /**
     * The answer the processor gives, where it decides {@code UseFMA}.
     *
     * @param osName {@code os.name}
     * @param osArch {@code os.arch}
     * @param environment the environment variables, by name ({@code null} when unset)
     * @param procFile reads a file of {@code /proc} by its path, or gives null if it cannot
     * @return the answer, or empty where HotSpot must be asked
     */
    static Optional<Boolean> fromProcessor(String osName, String osArch, UnaryOperator<String> environment,
                                           UnaryOperator<String> procFile) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean x86 = arch.equals("amd64") || arch.equals("x86_64");
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux") || !x86 && !arch.equals("aarch64")) {
            return Optional.empty();
        }
        for (String variable : OPTION_VARIABLES) {
            if (changesTheFlag(environment.apply(variable))) {
                return Optional.empty();
            }
        }
        String commandLine = procFile.apply("/proc/self/cmdline");
        // A command line that fills the read may go on past it, with an option that changes the flag.
        if (commandLine == null || commandLine.length() >= READ_LIMIT) {
            return Optional.empty();
        }
        for (String argument : commandLine.split("\0")) {
            if (argument.startsWith("@") || changesTheFlag(argument)) {
                return Optional.empty();
            }
        }
        if (!x86) {
            return Optional.of(true);
        }
        String cpuinfo = procFile.apply("/proc/cpuinfo");
        if (cpuinfo == null) {
            return Optional.empty();
        }
        Optional<List<String>> flags = flags(cpuinfo);
        return flags.isPresent() ? Optional.of(flags.get().contains("fma") && flags.get().contains("avx")) : Optional.empty();
    }

    /** @return the words of the first {@code flags} line of {@code /proc/cpuinfo}, or empty if it has none */
    static Optional<List<String>> flags(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
                List<String> words = new ArrayList<>();
                for (String word : line.substring(colon + 1).replace('\t', ' ').split(" ")) {
                    if (!word.isEmpty()) {
                        words.add(word);
                    }
                }
                return Optional.of(words);
            }
        }
        return Optional.empty();
    }

    private static boolean changesTheFlag(String options) {
        if (options == null) {
            return false;
        }
        for (String word : FLAG_CHANGERS) {
            if (options.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** The environment variables, by name (no lambda: its bootstrap would cost a fresh JVM more than the answer). */
    private static final class Environment implements UnaryOperator<String> {
        @Override
        public String apply(String name) {
            return System.getenv(name);
        }
    }

    /** A {@code /proc} file's first {@value #READ_LIMIT} bytes, or null if it cannot be read. */
    private static final class ProcFile implements UnaryOperator<String> {
        @Override
        public String apply(String path) {
            try (InputStream in = new FileInputStream(path)) {
                return new String(in.readNBytes(READ_LIMIT), StandardCharsets.ISO_8859_1);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    /** @return HotSpot's {@code UseFMA}, or false if the JVM does not say */
    static boolean fromHotSpot() {
        try {
            return Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
