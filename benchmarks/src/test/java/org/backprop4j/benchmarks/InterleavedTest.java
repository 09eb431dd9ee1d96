package org.backprop4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.backprop4j.benchmarks.peer.ChildJvm;
import org.backprop4j.benchmarks.peer.JavaPeer;
import org.backprop4j.benchmarks.step.Configuration;
import org.backprop4j.benchmarks.step.Side;
import org.backprop4j.benchmarks.step.TrainingStep;
import org.backprop4j.benchmarks.timing.Interleaved;
import org.backprop4j.benchmarks.timing.Spread;
import org.junit.jupiter.api.Test;

/** The interleaved rounds: every side timed in every round, in a fresh JVM, and the statistics over the rounds. */
class InterleavedTest {

    private static final ChildJvm ONE_THREAD = new ChildJvm(Path.of(System.getProperty("java.home")), 1);

    @Test
    void everySideIsTimedInEveryRoundInAFreshJvm() throws IOException {
        List<Side> sides = List.of(Side.SCALAR, Side.TENSOR, Side.ROOFLINE);
        Interleaved.Result result;
        try (JavaPeer java = JavaPeer.start(ONE_THREAD, Configuration.SEED, "ejml", sides)) {
            result = new Interleaved(20, 5, 3).run(List.of(java));
            assertThrows(IOException.class, () -> java.time(Side.PYTORCH, 1), "the server names what it serves and ends");
        }
        assertEquals(sides, List.copyOf(result.micros().keySet()));
        for (double[] rounds : result.micros().values()) {
            assertEquals(3, rounds.length);
            for (double micros : rounds) {
                assertTrue(micros > 0 && micros < 1e6, "µs per step " + micros);
            }
        }
        assertTrue(result.tensorBytes() >= 0);
        double cold = JavaPeer.coldMicros(ONE_THREAD, Configuration.SEED, "ejml", Side.TENSOR, 10);
        assertTrue(cold > 0 && cold < 1e6, "cold start " + cold + " µs");
    }

    @Test
    void thePinnStepIsTimedOnTheTensorEngineInAFreshJvm() throws IOException {
        List<Side> sides = List.of(Side.TENSOR);
        Interleaved.Result result;
        try (JavaPeer java = JavaPeer.start(ONE_THREAD, Configuration.PINN, "ejml", sides)) {
            result = new Interleaved(20, 5, 2).run(List.of(java));
        }
        assertEquals(sides, List.copyOf(result.micros().keySet()));
        for (double micros : result.micros().get(Side.TENSOR)) {
            assertTrue(micros > 0 && micros < 1e6, "µs per step " + micros);
        }
        assertTrue(result.tensorBytes() > 0, "the step allocates its graph: " + result.tensorBytes());
    }

    @Test
    void spreadsAreMediansAndRangesOfRounds() {
        assertEquals(new Spread(2, 1, 9), Spread.of(new double[] {9, 1, 2}));
        assertEquals(new Spread(2.5, 1, 9), Spread.of(new double[] {9, 1, 2, 3}));
        assertEquals(new Spread(2, 1, 4), Spread.ofRatios(new double[] {2, 8, 4}, new double[] {2, 2, 2}));
        assertEquals(Spread.NONE, Spread.of(new double[0]));
        assertEquals(Spread.NONE, Spread.ofRatios(new double[0], new double[] {1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Spread.ofRatios(new double[] {1, 2}, new double[] {1}));
        assertTrue(e.getMessage().contains("2 and 1"), e.getMessage());
    }

    @Test
    void badTimingsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Interleaved(0, 100, 3));
        assertTrue(e.getMessage().contains("0 ms"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Interleaved(100, 100, 0));
        assertThrows(IllegalArgumentException.class, () -> TrainingStep.of(Side.PYTORCH, Configuration.SEED));
        IllegalArgumentException scalar = assertThrows(IllegalArgumentException.class, () -> TrainingStep.of(Side.SCALAR, Configuration.PINN));
        assertEquals("no scalar step at pinn: the physics-informed step runs on the tensor engine and PyTorch", scalar.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainingStep.of(Side.ROOFLINE, Configuration.PINN));
        assertThrows(IllegalArgumentException.class, () -> Side.of("gpu"));
    }
}
