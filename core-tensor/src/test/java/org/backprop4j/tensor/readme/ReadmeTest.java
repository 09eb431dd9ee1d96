package org.backprop4j.tensor.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.backprop4j.scalar.readme.ReadmeCheck;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** core-tensor's README: every block is compiled code that runs and prints what the README shows, every graph is drawn from today's code. */
class ReadmeTest {

    private static final Path SNIPPETS = Path.of("src/test/java/org/backprop4j/tensor/readme");

    @Test
    void theWalkthroughRunsAsShown() {
        ReadmeCheck check = ReadmeCheck.of(Path.of("README.md"), SNIPPETS.resolve("Walkthrough.java"), SNIPPETS.resolve("TensorExample.java"));
        AtomicReference<Tensor> example = new AtomicReference<>();
        check.run(() -> Walkthrough.neuron(check.drawings()))
                .run(() -> Walkthrough.batch(check.drawings()))
                .run(Walkthrough::broadcasting)
                .run(() -> Walkthrough.layer(check.drawings()))
                .run(Walkthrough::flops)
                .run(Walkthrough::backends)
                .run(Walkthrough::agreement)
                .run(() -> example.set(TensorExample.run()))
                .verify();

        assertEquals(0.7071067811865476, example.get().data().get(0, 0), 1e-15);
        assertEquals(0.99373, example.get().data().get(1, 0), 1e-5);
    }
}
