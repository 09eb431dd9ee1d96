package org.backprop4j.nn.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's REPL: JShell with the library on the class path and the startup file's imports,
 * fed the lecture's first lines on standard input, prints what the lecture prints.
 */
class ReplTest {

    /** The command the READMEs show, run from the repository's root. */
    static final String COMMAND = "mvn -q -pl nn -am test-compile && jshell --class-path \"nn/target/classes:$(cat nn/target/classpath)\""
            + " --startup DEFAULT --startup nn/src/jshell/backprop4j.jsh";

    private static final String SCRIPT = String.join("\n",
            "double f(double x) { return 3 * x * x - 4 * x + 5; }",
            "f(3.0)",
            "double h = 0.0001;",
            "(f(3.0 + h) - f(3.0)) / h",
            "Value a = Value.of(2.0).label(\"a\")",
            "Value b = Value.of(-3.0).label(\"b\");",
            "Value c = Value.of(10.0).label(\"c\");",
            "Value f = Value.of(-2.0).label(\"f\");",
            "Value L = a.mul(b).add(c).mul(f).label(\"L\")",
            "L.backward();",
            "a.grad()",
            "var n = new MLP(3, List.of(4, 4, 1));",
            "n.parameterCount()",
            "Tensor.of(new double[][] {{1, 2}}).label(\"t\")",
            "/exit",
            "");

    /** The JShell session core-scalar's README shows: the block whose first line starts with {@code jshell> }. */
    private static String transcript(String readme) {
        int start = readme.indexOf("```\njshell> ");
        assertTrue(start >= 0, "core-scalar/README.md shows a JShell session");
        start += "```\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    @Test
    void theReadmesShowThisCommand() throws IOException {
        for (String readme : List.of("../README.md", "../core-scalar/README.md")) {
            String text = Files.readString(Path.of(readme), StandardCharsets.UTF_8);
            assertTrue(text.contains("\n" + COMMAND + "\n"), readme + " shows the REPL command " + COMMAND);
        }
    }

    @Test
    void jshellOpensWithTheLibraryImported(@TempDir Path tmp) throws IOException, InterruptedException {
        Path dependencies = Path.of("target/classpath");
        assertTrue(Files.isRegularFile(dependencies), "the build writes target/classpath (maven-dependency-plugin in nn/pom.xml)");
        String classPath = "target/classes" + java.io.File.pathSeparator + Files.readString(dependencies, StandardCharsets.UTF_8).strip();
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        Path output = Files.createTempFile(tmp, "jshell", ".txt");
        String transcript = transcript(Files.readString(Path.of("../core-scalar/README.md"), StandardCharsets.UTF_8));
        Process process = new ProcessBuilder(jshell.toString(), "--class-path", classPath,
                "--startup", "DEFAULT", "--startup", "src/jshell/backprop4j.jsh",
                "-J-Djava.util.prefs.userRoot=target/jshell-prefs")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try (OutputStream in = process.getOutputStream()) {
            in.write((transcript.lines().filter(l -> l.startsWith("jshell> ")).map(l -> l.substring(8) + "\n")
                    .reduce("", String::concat) + SCRIPT).getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("jshell did not end within 120 s of /exit; it printed:\n" + Files.readString(output));
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), out);
        assertFalse(out.contains("Error"), out);
        for (String line : transcript.lines().filter(l -> !l.startsWith("jshell> ")).toList()) {
            assertTrue(out.contains(line), "core-scalar/README.md shows JShell printing '" + line + "', but it printed:\n" + out);
        }
        for (String expected : List.of(
                "backprop4j: Value, Tensor, MLP and the rest are imported",
                "==> 20.0",
                "==> 14.000300000063248",
                "a ==> Value(label=a, data=2.0, grad=0.0)",
                "L ==> Value(label=L, data=-8.0, grad=0.0)",
                "==> 6.0",
                "==> 41",
                "==> Tensor(label=t, 1x2, data=[[1.0, 2.0]])")) {
            assertTrue(out.contains(expected), "jshell printed no '" + expected + "':\n" + out);
        }
    }
}
