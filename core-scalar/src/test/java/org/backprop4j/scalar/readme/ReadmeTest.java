package org.backprop4j.scalar.readme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** core-scalar's README: every block is compiled code that runs and prints what the README shows, every graph is drawn from today's code. */
class ReadmeTest {

    private static final Path README = Path.of("README.md");
    private static final Path WALKTHROUGH = Path.of("src/test/java/org/backprop4j/scalar/readme/Walkthrough.java");

    @Test
    void theWalkthroughRunsAsShown() {
        ReadmeCheck check = ReadmeCheck.of(README, WALKTHROUGH);
        check.run(Walkthrough::slope)
                .run(Walkthrough::threeInputs)
                .run(() -> Walkthrough.expression(check.drawings()))
                .run(() -> Walkthrough.neuron(check.drawings()))
                .run(Walkthrough::longChain)
                .run(() -> Walkthrough.tanhFromExp(check.drawings()))
                .run(() -> Walkthrough.reuse(check.drawings()))
                .run(() -> Walkthrough.secondDerivative(check.drawings()))
                .verify();
    }

    @Test
    void theQuotedBackwardRuleIsValuesOwn() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String value = Files.readString(Path.of("src/main/java/org/backprop4j/scalar/Value.java"), StandardCharsets.UTF_8);
        int start = readme.indexOf("/** out = a · b;");
        assertTrue(start >= 0, "the README quotes MUL's rule");
        String quoted = readme.substring(start, readme.indexOf("```", start)).strip();
        String flatValue = String.join("\n", value.lines().map(String::strip).toList());
        String flatQuoted = String.join("\n", quoted.lines().map(String::strip).toList());
        assertTrue(flatValue.contains(flatQuoted), "Value.java no longer holds the rule the README quotes:\n" + quoted);
    }
}
