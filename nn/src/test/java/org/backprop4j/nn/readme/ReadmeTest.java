package org.backprop4j.nn.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.backprop4j.nn.examples.SeedExample;
import org.backprop4j.scalar.Value;
import org.backprop4j.scalar.readme.ReadmeCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The top README and nn's: every Java block is a region of a compiled source (marked {@code // readme:NAME} …
 * {@code // readme:end}) shown to the letter, run, and printing what its {@code // …} comments say;
 * and the snippets compute what the README says.
 */
class ReadmeTest {

    private static final Path SNIPPETS = Path.of("src/test/java/org/backprop4j/nn/readme");

    @Test
    void theTopReadmesExampleRunsAndPrintsWhatItSays() {
        AtomicReference<Value> first = new AtomicReference<>();
        ReadmeCheck.of(Path.of("../README.md"), SNIPPETS.resolve("FirstExample.java"))
                .run(() -> first.set(FirstExample.run()))
                .verify();

        assertEquals(0.7071067811865476, first.get().data(), 1e-15);
    }

    @Test
    void theWalkthroughRunsAsShown(@TempDir Path folder) {
        ReadmeCheck check = ReadmeCheck.of(Path.of("README.md"),
                SNIPPETS.resolve("Walkthrough.java"),
                SNIPPETS.resolve("TensorLoopExample.java"),
                Path.of("src/test/java/org/backprop4j/nn/examples/SeedExample.java"),
                SNIPPETS.resolve("TrainerExample.java"),
                SNIPPETS.resolve("TrustExample.java"));
        AtomicReference<Double> moonsLoss = new AtomicReference<>();
        AtomicReference<Double> digits = new AtomicReference<>();
        AtomicReference<Double> pinn = new AtomicReference<>();
        AtomicReference<Double> tuned = new AtomicReference<>();
        AtomicReference<Double> loopLoss = new AtomicReference<>();
        AtomicReference<Double> accuracy = new AtomicReference<>();
        AtomicReference<String> trust = new AtomicReference<>();
        check.run(() -> Walkthrough.neuron(check.drawings()))
                .run(Walkthrough::layersAndMlp)
                .run(Walkthrough::seedLoop)
                .run(() -> Walkthrough.tensorEngine(check.drawings()))
                .run(() -> loopLoss.set(TensorLoopExample.run()))
                .run(() -> moonsLoss.set(Walkthrough.moons()))
                .run(Walkthrough::optimizers)
                .run(() -> digits.set(Walkthrough.digits()))
                .run(() -> Walkthrough.checkpoints(folder))
                .run(() -> Walkthrough.onnxExport(folder))
                .run(() -> tuned.set(Walkthrough.onnxImport(folder)))
                .run(() -> pinn.set(Walkthrough.pinn()))
                .run(() -> SeedExample.run(20, System.out))
                .run(() -> accuracy.set(TrainerExample.run()))
                .run(() -> trust.set(TrustExample.run(folder)))
                .verify();
        assertTrue(moonsLoss.get() < 0.1, "moons loss " + moonsLoss.get());
        assertTrue(digits.get() >= 0.95, "digits accuracy " + digits.get());
        assertTrue(tuned.get() >= 0.95, "accuracy of the fine-tuned PyTorch network " + tuned.get());
        assertTrue(pinn.get() < 0.01, "PINN loss after 1,000 steps " + pinn.get());
        assertTrue(loopLoss.get() < 0.1, "loss after 20 steps " + loopLoss.get());
        assertTrue(accuracy.get() >= 0.97, "digits accuracy " + accuracy.get());
        assertTrue(trust.get().startsWith("forward of 'log' produced NaN at (0, 1) of its 1x2 result; operands: [1x2 min -2.0 max 1.0]"), trust.get());
        assertTrue(trust.get().endsWith("|true"), trust.get());
    }
}
