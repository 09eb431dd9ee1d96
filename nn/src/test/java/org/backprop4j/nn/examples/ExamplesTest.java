package org.backprop4j.nn.examples;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

import org.backprop4j.nn.MultilayerPerceptron;
import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.train.History;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each example, run for real: the seed loop learns, moons reaches 100% on both engines, digits ≥ 97%, the PINN's loss falls. */
class ExamplesTest {

    private static PrintStream quiet(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownExampleOrABadArgumentGetsOneErrorLineAndStatusTwoAndANameInAnyCaseRuns(@TempDir Path folder) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, Examples.run(new String[] {"Foo"}, quiet(err)));
        assertEquals("error: no example 'Foo' (-Dexample=Foo): choose from Seed, Moons, Digits, Newton, Poisson", err.toString(StandardCharsets.UTF_8).strip());
        err.reset();
        assertEquals(2, Examples.run(new String[] {""}, quiet(err)));
        assertEquals("error: no example '' (-Dexample=): choose from Seed, Moons, Digits, Newton, Poisson", err.toString(StandardCharsets.UTF_8).strip());
        err.reset();
        assertEquals(2, Examples.run(new String[] {"Seed", "abc"}, quiet(err)));
        assertEquals("error: -Dexample.args=\"abc\": the number of steps (the first argument) must be a whole number, got \"abc\"",
                err.toString(StandardCharsets.UTF_8).strip());
        err.reset();
        assertEquals(2, Examples.run(new String[] {"newton", "1", "2"}, quiet(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: -Dexample.args=\"1 2\": expected at most 1 arguments"), err.toString(StandardCharsets.UTF_8));
        err.reset();
        PrintStream out = System.out;
        try {
            System.setOut(quiet(new ByteArrayOutputStream()));
            assertEquals(0, Examples.run(new String[] {"seed", "2", folder.toString()}, quiet(err)));
        } finally {
            System.setOut(out);
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(folder.resolve("seed-loss.png")));
    }

    @Test
    void seedLoopDrivesTheLossDown() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Double> losses = SeedExample.run(20, quiet(bytes));
        assertEquals(20, losses.size());
        assertTrue(losses.get(19) < 0.2 * losses.get(0), losses.toString());
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("step 19") && printed.contains("predictions:"), printed);
    }

    @Test
    void newtonConvergesQuadraticallyWithTheHessianFromGradientsOfGradients() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<NewtonExample.Step> steps = NewtonExample.run(20, quiet(bytes));
        NewtonExample.Step last = steps.get(steps.size() - 1);
        assertTrue(steps.size() <= 10, "steps " + steps.size());
        assertEquals(1.0, last.x(), 1e-15);
        assertEquals(1.0, last.y(), 1e-15);
        // at (1, 1) the Hessian of (1 − x)² + 100(y − x²)² is [[1200x² − 400y + 2, −400x], [−400x, 200]]
        double[] h = last.hessian();
        assertEquals(802.0, h[0], 1e-9);
        assertEquals(-400.0, h[1], 1e-9);
        assertEquals(-400.0, h[2], 1e-9);
        assertEquals(200.0, h[3], 1e-12);
        assertEquals(0.0, last.gradientNorm());
        // quadratic rate: once within 0.1 of (1, 1), each step squares the distance or better, e' ≤ e²
        int quadratic = 0;
        for (int k = 0; k + 1 < steps.size(); k++) {
            double e = steps.get(k).distance();
            double next = steps.get(k + 1).distance();
            if (e < 0.1 && e > 0) {
                assertTrue(next <= e * e, "step " + k + ": " + e + " then " + next);
                quadratic++;
            }
        }
        assertTrue(quadratic >= 3, "steps in the quadratic regime: " + quadratic);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("|grad f|") && printed.contains("Hessian at the last iterate"), printed);
        assertEquals(steps.size() + 2, printed.lines().count(), printed);
    }

    @Test
    void moonsReachFullTrainingAccuracyOnBothEngines(@TempDir Path folder) throws IOException {
        DataSet data = DataSets.moons(100, 0.1, 1);
        for (MultilayerPerceptron<?> network : List.<MultilayerPerceptron<?>>of(new org.backprop4j.nn.scalar.MLP(MoonsExample.ARCHITECTURE),
                new org.backprop4j.nn.tensor.MLP(MoonsExample.ARCHITECTURE))) {
            assertEquals(337, network.parameterCount());
            History history = MoonsExample.train(network, data, 100, quiet(new ByteArrayOutputStream()), "test");
            assertEquals(1.0, history.trainAccuracy().get(99), network.getClass().getName());
        }
        MoonsExample.main(new String[] {"5", folder.toString()});
        for (String engine : new String[] {"scalar", "tensor"}) {
            BufferedImage image = ImageIO.read(folder.resolve("moons-" + engine + ".png").toFile());
            assertEquals(800, image.getWidth());
        }
    }

    @Test
    void poissonPinnDrivesItsLossDownAndDrawsItsPictures(@TempDir Path folder) throws IOException {
        PoissonExample.Result result = PoissonExample.train(new org.backprop4j.nn.tensor.MLP(PoissonExample.ARCHITECTURE), 300,
                quiet(new ByteArrayOutputStream()));
        List<Double> losses = result.losses();
        assertEquals(300, losses.size());
        assertTrue(losses.get(299) < 0.05 * losses.get(0), losses.get(0) + " then " + losses.get(299));
        assertTrue(result.relativeError() < 1, "relative error " + result.relativeError());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(quiet(bytes));
        try {
            PoissonExample.main(new String[] {"3", folder.toString()});
        } finally {
            System.setOut(out);
        }
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("relative L2 error"), bytes.toString(StandardCharsets.UTF_8));
        assertEquals(800, ImageIO.read(folder.resolve("poisson.png").toFile()).getWidth());
        assertEquals(800, ImageIO.read(folder.resolve("poisson-loss.png").toFile()).getWidth());
        assertEquals(PoissonExample.ARCHITECTURE.parameterCount(),
                java.nio.file.Files.readAllLines(folder.resolve("poisson-parameters.txt")).size());
    }

    @Test
    void curvesRefuseFunctionsThatDoNotFitTheirXs(@TempDir Path folder) {
        Path file = folder.resolve("refused.png");
        assertThrows(IllegalArgumentException.class, () -> Plots.curves("none", List.of(1.0), List.of(), List.of(), file));
        assertThrows(IllegalArgumentException.class, () -> Plots.curves("names", List.of(1.0), List.of(List.of(1.0)), List.of(), file));
        assertThrows(IllegalArgumentException.class, () -> Plots.curves("short", List.of(1.0, 2.0), List.of(List.of(1.0)), List.of("u"), file));
        assertFalse(java.nio.file.Files.exists(file));
    }

    @Test
    void lossCurveCopesWithLossesOfZero(@TempDir Path folder) throws IOException {
        Plots.lossCurve("met hinge", List.of(0.5, 0.1, 0.0, 0.0), List.of(), folder.resolve("a.png"));
        Plots.lossCurve("all zero", List.of(0.0, 0.0), List.of(0.0), folder.resolve("b.png"));
        assertEquals(800, ImageIO.read(folder.resolve("a.png").toFile()).getWidth());
        assertEquals(800, ImageIO.read(folder.resolve("b.png").toFile()).getWidth());
    }

    @Test
    void plotsRefuseWhatTheyCannotDraw(@TempDir Path folder) {
        Path file = folder.resolve("refused.png");
        assertThrows(IllegalArgumentException.class, () -> Plots.lossCurve("none", List.of(), List.of(), file));
        assertThrows(IllegalArgumentException.class, () -> Plots.lossCurve("NaN", List.of(1.0, Double.NaN), List.of(), file));
        assertThrows(IllegalArgumentException.class, () -> Plots.lossCurve("∞", List.of(1.0, Double.POSITIVE_INFINITY), List.of(), file));
        assertThrows(IllegalArgumentException.class, () -> Plots.lossCurve("negative", List.of(1.0, -1.0), List.of(), file));
        assertThrows(IllegalArgumentException.class, () -> Plots.lossCurve("epochs", List.of(1.0), List.of(1.0, 2.0), file));
        assertThrows(NullPointerException.class, () -> Plots.lossCurve(null, List.of(1.0), List.of(), file));
        assertThrows(IllegalArgumentException.class, () -> Plots.decisionBoundary("three inputs",
                new org.backprop4j.nn.tensor.MLP(3, List.of(1)), DataSets.seed(), file));
        assertThrows(IllegalArgumentException.class, () -> Plots.decisionBoundary("two outputs",
                new org.backprop4j.nn.tensor.MLP(2, List.of(2)), DataSets.moons(10, 0.1, 1), file));
        assertFalse(java.nio.file.Files.exists(file));
    }

    @Test
    void digitsReach97PercentTestAccuracy(@TempDir Path folder) throws IOException {
        DigitsExample.Result result = DigitsExample.run(30, quiet(new ByteArrayOutputStream()));
        assertTrue(result.testAccuracy() >= 0.97, "test accuracy " + result.testAccuracy());
        DigitsExample.main(new String[] {"1", folder.toString()});
        assertEquals(560, ImageIO.read(folder.resolve("digits-loss.png").toFile()).getHeight());
    }

    /** Runs an example's main with System.out captured, returning what it printed. */
    private static String mainPrints(Consumer<String[]> main, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(quiet(bytes));
        try {
            main.accept(args);
        } finally {
            System.setOut(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badArgumentsAreRefusedByNameBeforeAnyTraining(@TempDir Path folder) throws IOException {
        Path file = java.nio.file.Files.writeString(folder.resolve("a-file"), "not a folder");
        List<Consumer<String[]>> mains = List.of(SeedExample::main, MoonsExample::main,
                DigitsExample::main, NewtonExample::main, PoissonExample::main);
        for (Consumer<String[]> main : mains) {
            IllegalArgumentException word = assertThrows(IllegalArgumentException.class, () -> mainPrints(main, "abc"));
            assertTrue(word.getMessage().contains("must be a whole number, got \"abc\""), word.getMessage());
            IllegalArgumentException huge = assertThrows(IllegalArgumentException.class, () -> mainPrints(main, "99999999999"));
            assertTrue(huge.getMessage().endsWith("must be at most 2147483647, got 99999999999"), huge.getMessage());
            IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> mainPrints(main, "-3"));
            assertTrue(negative.getMessage().contains("must be at least") && negative.getMessage().endsWith("got -3"),
                    negative.getMessage());
            IllegalArgumentException extra = assertThrows(IllegalArgumentException.class,
                    () -> mainPrints(main, "1", folder.toString(), "more"));
            assertTrue(extra.getMessage().startsWith("expected at most"), extra.getMessage());
        }
        for (Consumer<String[]> main : List.of(mains.get(0), mains.get(1), mains.get(2), mains.get(4))) {
            IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> mainPrints(main, "0"));
            assertTrue(zero.getMessage().endsWith("must be at least 1, got 0"), zero.getMessage());
            IllegalArgumentException notAFolder = assertThrows(IllegalArgumentException.class,
                    () -> mainPrints(main, "1", file.toString()));
            assertTrue(notAFolder.getMessage().contains(file + " is a file, not a folder"), notAFolder.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> NewtonExample.run(-1, quiet(new ByteArrayOutputStream())));
        assertThrows(IllegalArgumentException.class, () -> PoissonExample.train(
                new org.backprop4j.nn.tensor.MLP(PoissonExample.ARCHITECTURE), 0, quiet(new ByteArrayOutputStream())));
    }

    @Test
    void newtonWithNoStepsPrintsTheStartAndPoissonWithOneStepPrintsNoNaN(@TempDir Path folder) {
        String newton = mainPrints(NewtonExample::main, "0");
        assertEquals(3, newton.lines().count(), newton);
        String poisson = mainPrints(PoissonExample::main, "1", folder.resolve("new/sub").toString());
        assertFalse(poisson.contains("NaN"), poisson);
        assertTrue(poisson.contains("no time per step"), poisson);
        assertTrue(java.nio.file.Files.exists(folder.resolve("new/sub/poisson.png")), "the folder is created");
    }
}
