package org.backprop4j.nn.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Init;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.tensor.MLP;
import org.backprop4j.nn.train.History;
import org.backprop4j.nn.train.Metrics;
import org.backprop4j.nn.train.Trainer;

/**
 * Handwritten digits on the tensor engine: the 8×8 images (1,797, a seeded 80/20 split), an MLP
 * 64 → 64 → 10 (tanh hidden, logits out, Glorot), softmax cross-entropy, Adam, mini-batches of 32.
 * Writes the loss curve as a PNG. Run: {@code mvn -q -pl nn -am test-compile exec:exec -Dexample=Digits}.
 */
public final class DigitsExample {

    /** The network. */
    public static final Architecture ARCHITECTURE = Architecture.of(64, List.of(64, 10))
            .withActivations(Activation.TANH, Activation.IDENTITY).withInit(Init.GLOROT).withSeed(7);

    private DigitsExample() {
    }

    /**
     * Trains, prints the test accuracy and writes {@code digits-loss.png}.
     *
     * @param args optionally the number of epochs (default 30) and the output folder (default target)
     */
    public static void main(String[] args) {
        ExampleArguments.atMost(args, "[epochs] [folder]");
        int epochs = ExampleArguments.count(args, "the number of epochs", 30, 1);
        Path folder = ExampleArguments.folder(args);
        Result result = run(epochs, System.out);
        Path file = folder.resolve("digits-loss.png");
        Plots.lossCurve(String.format(Locale.ROOT, "digits, tensor engine: %.1f%% test accuracy", 100 * result.testAccuracy()),
                result.history().stepLosses(), result.history().epochLosses(), file);
        System.out.println("wrote " + file);
    }

    /** What a run gives. @param history the training history @param testAccuracy the accuracy on the held-out 20% */
    public record Result(History history, double testAccuracy) {
    }

    /**
     * Trains and scores.
     *
     * @param epochs passes over the training set
     * @param out where to print progress
     * @return the history and the test accuracy
     */
    public static Result run(int epochs, PrintStream out) {
        DataSet.Split split = DataSets.digits().split(0.2, 42);
        MLP mlp = new MLP(ARCHITECTURE);
        long start = System.nanoTime();
        History history = new Trainer(mlp, Loss.SOFTMAX_CROSS_ENTROPY, Optimizer.adam(0.01))
                .epochs(epochs).batchSize(32).seed(3).validation(split.test()).progress(out).fit(split.train());
        double accuracy = Metrics.accuracy(mlp.predict(split.test().inputs()), split.test().targets());
        out.printf(Locale.ROOT, "test accuracy %.2f%% on %d images, trained in %.1f s%n", 100 * accuracy,
                split.test().size(), (System.nanoTime() - start) / 1e9);
        return new Result(history, accuracy);
    }
}
