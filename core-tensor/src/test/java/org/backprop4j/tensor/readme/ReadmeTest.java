package org.backprop4j.tensor.readme;

import java.nio.file.Path;
import org.backprop4j.scalar.readme.ReadmeCheck;
import org.junit.jupiter.api.Test;

/** core-tensor's README: every block is compiled code that runs and prints what the README shows, every graph is drawn from today's code. */
class ReadmeTest {

    @Test
    void theWalkthroughRunsAsShown() {
        ReadmeCheck check = ReadmeCheck.of(Path.of("README.md"), Path.of("src/test/java/org/backprop4j/tensor/readme/Walkthrough.java"));
        check.run(() -> Walkthrough.neuron(check.drawings()))
                .run(() -> Walkthrough.batch(check.drawings()))
                .run(Walkthrough::broadcasting)
                .run(() -> Walkthrough.layer(check.drawings()))
                .run(Walkthrough::flops)
                .run(Walkthrough::backends)
                .run(Walkthrough::agreement)
                .verify();
    }
}
