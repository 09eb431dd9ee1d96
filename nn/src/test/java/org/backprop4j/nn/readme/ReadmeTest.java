package org.backprop4j.nn.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backprop4j.scalar.Value;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Every Java block in the README is a region of a compiled source (marked {@code // readme:NAME} …
 * {@code // readme:end}), and the README shows it to the letter; and the snippets do what the README says.
 */
class ReadmeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<Path> SOURCES = List.of(
            Path.of("nn/src/test/java/org/backprop4j/nn/readme/FirstExample.java"),
            Path.of("nn/src/test/java/org/backprop4j/nn/examples/SeedExample.java"),
            Path.of("nn/src/test/java/org/backprop4j/nn/readme/TensorExample.java"),
            Path.of("nn/src/test/java/org/backprop4j/nn/readme/TensorLoopExample.java"),
            Path.of("nn/src/test/java/org/backprop4j/nn/readme/TrainerExample.java"),
            Path.of("nn/src/test/java/org/backprop4j/nn/readme/TrustExample.java"));

    private static Map<String, String> regions() throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        Pattern start = Pattern.compile("^\\s*// readme:([a-z-]+)\\s*$");
        for (Path source : SOURCES) {
            List<String> lines = Files.readAllLines(ROOT.resolve(source), StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = start.matcher(lines.get(i));
                if (m.matches() && !m.group(1).equals("end")) {
                    List<String> body = new ArrayList<>();
                    int j = i + 1;
                    while (!lines.get(j).trim().equals("// readme:end")) {
                        body.add(lines.get(j));
                        j++;
                    }
                    regions.put(m.group(1), dedent(body));
                }
            }
        }
        return regions;
    }

    private static String dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return text.toString();
    }

    @Test
    void everyJavaBlockInTheReadmeIsACompiledRegion() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        Map<String, String> regions = regions();
        Pattern block = Pattern.compile("<!-- snippet: ([a-z-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
        Matcher m = block.matcher(readme);
        List<String> shown = new ArrayList<>();
        while (m.find()) {
            String name = m.group(1);
            assertTrue(regions.containsKey(name), "README names an unknown snippet " + name);
            assertEquals(regions.get(name), m.group(2), "README block '" + name + "' differs from its source");
            shown.add(name);
        }
        assertEquals(regions.keySet(), new java.util.LinkedHashSet<>(shown), "every region is shown once, in order");
        int javaBlocks = readme.split("```java", -1).length - 1;
        assertEquals(shown.size(), javaBlocks, "every ```java block carries a snippet marker");
    }

    @Test
    void theQuotedBackwardRuleIsValuesOwn() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        String value = Files.readString(ROOT.resolve("core-scalar/src/main/java/org/backprop4j/scalar/Value.java"), StandardCharsets.UTF_8);
        int start = readme.indexOf("/** out = tanh a;");
        String quoted = readme.substring(start, readme.indexOf("```", start));
        StringBuilder flat = new StringBuilder();
        for (String line : value.split("\n")) {
            flat.append(line.strip()).append('\n');
        }
        for (String line : quoted.split("\n")) {
            assertTrue(flat.toString().contains(line.strip() + "\n"), "Value.java lacks: " + line);
        }
        assertTrue(flat.toString().contains(String.join("\n", quoted.strip().lines().map(String::strip).toList())));
    }

    @Test
    void trustSnippetCatchesTheNaNAndMovesTheModelAcrossEngines(@org.junit.jupiter.api.io.TempDir Path folder) throws IOException {
        String result = TrustExample.run(folder);
        assertTrue(result.startsWith("forward of 'log' produced NaN at (0, 1) of its 1x2 result; operands: [1x2 min -2.0 max 1.0]"), result);
        assertTrue(result.endsWith("|true"), result);
    }

    @Test
    void snippetsComputeWhatTheReadmeSays() {
        Value o = FirstExample.run();
        assertEquals(0.7071067811865476, o.data(), 1e-15);
        Tensor t = TensorExample.run();
        assertEquals(0.7071067811865476, t.data().get(0, 0), 1e-15);
        assertEquals(0.99373, t.data().get(1, 0), 1e-5);
        assertTrue(t.toString().startsWith("Tensor(2x1, data=[[0.70710678118654"), t.toString());
        assertTrue(TensorLoopExample.run() < 0.1);
        assertTrue(TrainerExample.run() >= 0.97);
    }
}
