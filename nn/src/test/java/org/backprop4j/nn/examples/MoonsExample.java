package org.backprop4j.nn.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.MultilayerPerceptron;
import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.optim.LearningRate;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.train.History;
import org.backprop4j.nn.train.Trainer;

/**
 * micrograd's demo on both engines: two moons (100 points, noise 0.1), MLP(2, [16, 16, 1]) with
 * ReLU hidden layers and a linear output (337 parameters), max-margin loss + 1e−4·L2, 100 full-batch
 * steps at learning rate 1.0 − 0.9·k/100. Writes a decision-boundary PNG per engine.
 * Run: {@code mvn -q -pl nn -am test-compile exec:exec -Dexample=Moons}.
 */
public final class MoonsExample {

    /** The network: micrograd's moons MLP. */
    public static final Architecture ARCHITECTURE = Architecture.of(2, List.of(16, 16, 1))
            .withActivations(Activation.RELU, Activation.IDENTITY);

    private MoonsExample() {
    }

    /**
     * Trains on both engines and writes {@code moons-scalar.png} and {@code moons-tensor.png}.
     *
     * @param args optionally the number of steps (default 100) and the output folder (default target)
     */
    public static void main(String[] args) {
        ExampleArguments.atMost(args, "[steps] [folder]");
        int steps = ExampleArguments.count(args, "the number of steps", 100, 1);
        Path folder = ExampleArguments.folder(args);
        DataSet data = DataSets.moons(100, 0.1, 1);
        for (MultilayerPerceptron<?> network : List.of(new org.backprop4j.nn.scalar.MLP(ARCHITECTURE),
                new org.backprop4j.nn.tensor.MLP(ARCHITECTURE))) {
            String engine = network instanceof org.backprop4j.nn.scalar.MLP ? "scalar" : "tensor";
            History history = train(network, data, steps, System.out, engine);
            Path file = folder.resolve("moons-" + engine + ".png");
            Plots.decisionBoundary(String.format(Locale.ROOT, "moons, %s engine: %.0f%% training accuracy", engine,
                    100 * last(history.trainAccuracy())), network, data, file);
            System.out.println("wrote " + file);
        }
    }

    /**
     * Trains a network as micrograd's demo does.
     *
     * @param network a 2-input, 1-output network
     * @param data the points, labels ±1
     * @param steps full-batch steps
     * @param out where to print progress
     * @param engine the engine's name, for the printout
     * @return the history
     */
    public static History train(MultilayerPerceptron<?> network, DataSet data, int steps, PrintStream out, String engine) {
        long start = System.nanoTime();
        History history = new Trainer(network, Loss.HINGE, Optimizer.sgd(LearningRate.linear(1.0, 0.1, 100)))
                .l2(1e-4).epochs(steps).fit(data);
        out.printf(Locale.ROOT, "%s engine: %d steps, loss %.4f, training accuracy %.0f%% (%.2f s)%n", engine, steps,
                history.finalLoss(), 100 * last(history.trainAccuracy()), (System.nanoTime() - start) / 1e9);
        return history;
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }
}
