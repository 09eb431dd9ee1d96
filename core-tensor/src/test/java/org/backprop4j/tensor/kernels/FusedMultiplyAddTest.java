package org.backprop4j.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link FusedMultiplyAdd}: the processor's answer where it decides HotSpot's {@code UseFMA}, HotSpot's
 * wherever an option may change the flag or the platform is another, and on this machine the same answer
 * both ways.
 */
class FusedMultiplyAddTest {

    private static final String WITH_FMA = "processor\t: 0\nvendor_id\t: GenuineIntel\n"
            + "flags\t\t: fpu sse2 avx fma avx2 avx512f\n\nprocessor\t: 1\nflags\t\t: fpu\n";
    private static final String AVX_ONLY = "processor\t: 0\nflags\t\t: fpu sse2 avx fma4\n";
    private static final String FMA_WITHOUT_AVX = "flags\t\t: fpu sse2 fma\n";
    private static final String COMMAND_LINE = "java\0--add-modules\0jdk.incubator.vector\0-cp\0a.jar\0Main\0";

    private static UnaryOperator<String> files(String cmdline, String cpuinfo) {
        Map<String, String> files = cpuinfo == null ? Map.of("/proc/self/cmdline", cmdline)
                : Map.of("/proc/self/cmdline", cmdline, "/proc/cpuinfo", cpuinfo);
        return files::get;
    }

    private static Optional<Boolean> linuxX86(String cmdline, String cpuinfo) {
        return FusedMultiplyAdd.fromProcessor("Linux", "amd64", name -> null, files(cmdline, cpuinfo));
    }

    @Test
    void onLinuxX86TheProcessorsFirstFlagsLineDecides() {
        assertEquals(Optional.of(true), linuxX86(COMMAND_LINE, WITH_FMA));
        assertEquals(Optional.of(false), linuxX86(COMMAND_LINE, AVX_ONLY), "fma4 is not fma");
        assertEquals(Optional.of(false), linuxX86(COMMAND_LINE, FMA_WITHOUT_AVX), "HotSpot needs AVX for FMA");
        assertEquals(Optional.of(true), FusedMultiplyAdd.fromProcessor("Linux", "x86_64", name -> null, files(COMMAND_LINE, WITH_FMA)));
        assertEquals(Optional.empty(), linuxX86(COMMAND_LINE, "processor\t: 0\n"), "no flags line: ask HotSpot");
        assertEquals(Optional.empty(), linuxX86(COMMAND_LINE, null), "no /proc/cpuinfo: ask HotSpot");
        assertEquals(Optional.empty(), FusedMultiplyAdd.fromProcessor("Linux", "amd64", name -> null, path -> null));
    }

    @Test
    void on64BitArmUseFmaIsAlwaysOn() {
        assertEquals(Optional.of(true), FusedMultiplyAdd.fromProcessor("Linux", "aarch64", name -> null, files(COMMAND_LINE, null)));
    }

    @Test
    void otherPlatformsAskHotSpot() {
        assertEquals(Optional.empty(), FusedMultiplyAdd.fromProcessor("Mac OS X", "aarch64", name -> null, files(COMMAND_LINE, WITH_FMA)));
        assertEquals(Optional.empty(), FusedMultiplyAdd.fromProcessor("Windows 11", "amd64", name -> null, files(COMMAND_LINE, WITH_FMA)));
        assertEquals(Optional.empty(), FusedMultiplyAdd.fromProcessor("Linux", "riscv64", name -> null, files(COMMAND_LINE, WITH_FMA)));
        assertEquals(Optional.empty(), FusedMultiplyAdd.fromProcessor("Linux", "x86", name -> null, files(COMMAND_LINE, WITH_FMA)));
    }

    @Test
    void anOptionThatMayChangeTheFlagSendsTheQuestionToHotSpot() {
        for (String option : List.of("-XX:-UseFMA", "-XX:+UseFMA", "-XX:UseAVX=0", "-XX:UseSSE=1", "-XX:Flags=my.flags",
                "-XX:VMOptionsFile=vm.options", "@arguments.txt")) {
            assertEquals(Optional.empty(), linuxX86("java\0" + option + "\0Main\0", WITH_FMA), option);
            for (String variable : FusedMultiplyAdd.OPTION_VARIABLES) {
                if (!option.startsWith("@")) {
                    UnaryOperator<String> environment = name -> name.equals(variable) ? "-Xmx1g " + option : null;
                    assertEquals(Optional.empty(), FusedMultiplyAdd.fromProcessor("Linux", "amd64", environment, files(COMMAND_LINE, WITH_FMA)),
                            variable + "=" + option);
                }
            }
        }
        UnaryOperator<String> harmless = name -> name.equals("JAVA_TOOL_OPTIONS") ? "-Xmx1g" : null;
        assertEquals(Optional.of(true), FusedMultiplyAdd.fromProcessor("Linux", "amd64", harmless, files(COMMAND_LINE, WITH_FMA)));
    }

    /**
     * /proc/self/cmdline is read up to {@link FusedMultiplyAdd#READ_LIMIT} bytes: a command line that
     * fills them (a classpath of 64 KiB, as build tools and IDEs write) may hide {@code -XX:-UseFMA}
     * after the cut, so the processor cannot decide; one byte shorter was read whole.
     */
    @Test
    void aCommandLineCutAtTheReadLimitSendsTheQuestionToHotSpot() {
        String start = "java\0-cp\0";
        String cut = start + "a".repeat(FusedMultiplyAdd.READ_LIMIT - start.length());
        assertEquals(Optional.empty(), linuxX86(cut, WITH_FMA), "a command line of " + cut.length() + " bytes");
        String whole = cut.substring(0, cut.length() - 2) + "\0";
        assertEquals(Optional.of(true), linuxX86(whole, WITH_FMA), "a command line of " + whole.length() + " bytes");
    }

    @Test
    void theFirstFlagsLineIsRead() {
        assertEquals(Optional.of(List.of("fpu", "sse2", "avx", "fma", "avx2", "avx512f")), FusedMultiplyAdd.flags(WITH_FMA));
        assertEquals(Optional.empty(), FusedMultiplyAdd.flags("flagsx: fma\n: fma\n"));
    }

    @Test
    void onThisMachineTheProcessorAndHotSpotAgree() {
        boolean hotSpot = FusedMultiplyAdd.fromHotSpot();
        assertEquals(hotSpot, FusedMultiplyAdd.inHardware());
        FusedMultiplyAdd.fromProcessor(System.getProperty("os.name"), System.getProperty("os.arch"), System::getenv,
                path -> {
                    try {
                        return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(path)), java.nio.charset.StandardCharsets.ISO_8859_1);
                    } catch (java.io.IOException e) {
                        return null;
                    }
                }).ifPresent(fromProcessor -> assertEquals(hotSpot, fromProcessor, "the processor's answer is HotSpot's"));
    }
}
