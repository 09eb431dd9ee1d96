package org.backprop4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.codehaus.plexus.util.cli.CommandLineUtils;
import org.junit.jupiter.api.Test;

/**
 * The command {@code mvn -pl benchmarks -am test-compile exec:exec} starts: the pom's {@code commandlineArgs}, with the
 * options a user gives, split into arguments as exec-maven-plugin splits them (plexus-utils' {@code translateCommandline}).
 */
class ExecCommandLineTest {

    /** The pom's properties as a user may set them: values with spaces (after a comma, in a path) and JMH's options. */
    private static final Map<String, String> USER_VALUES = Map.of("native.flag", "--enable-native-access=ALL-UNNAMED", "quick", "true",
            "configs", "seed, moons", "backends", "ejml, netlib", "rounds", "", "python", "/opt/my python/bin/python3",
            "jdk", "/opt/my jdks/temurin-25", "jmh", "-wi 5 -i 10");

    @Test
    void eachOptionReachesTheComparisonAsOneArgumentEvenWithSpacesAndJmhOptionsComeAfterTheMainClass() throws Exception {
        String template = commandlineArgs();
        for (Map.Entry<String, String> value : USER_VALUES.entrySet()) {
            template = template.replace("${" + value.getKey() + "}", value.getValue());
        }
        List<String> arguments = Arrays.asList(CommandLineUtils.translateCommandline(template));
        int main = arguments.indexOf(Compare.class.getName());
        assertTrue(main > 0, "the main class is an argument of its own: " + arguments);
        List<String> jvm = arguments.subList(0, main);
        for (String option : List.of("-Dquick=true", "-Dconfigs=seed, moons", "-Dbackends=ejml, netlib", "-Drounds=",
                "-Dpython=/opt/my python/bin/python3", "-Djdk=/opt/my jdks/temurin-25")) {
            assertTrue(jvm.contains(option), option + " is one JVM argument: " + jvm);
        }
        assertEquals(List.of("-wi", "5", "-i", "10"), arguments.subList(main + 1, arguments.size()));
    }

    private static String commandlineArgs() throws IOException {
        Matcher m = Pattern.compile("<commandlineArgs>(.*?)</commandlineArgs>", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8));
        assertTrue(m.find(), "benchmarks/pom.xml has exec:exec's commandlineArgs");
        return m.group(1);
    }
}
