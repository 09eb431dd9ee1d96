package org.backprop4j.nn.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.backprop4j.nn.scalar.MLP;
import org.backprop4j.scalar.Value;

/**
 * The seed notebook's training loop, line for line on the scalar engine: MLP(3, [4, 4, 1]), the
 * four samples, sum-of-squares loss, zero the gradients, backward, p −= 0.05·grad.
 * Run: {@code mvn -q -pl nn -am test-compile exec:exec -Dexample=Seed}.
 */
public final class SeedExample {

    private SeedExample() {
    }

    /**
     * Prints the loss of each step and the final predictions, and writes the loss curve {@code seed-loss.png}.
     *
     * @param args optionally the number of steps (default 20) and the output folder (default target)
     */
    public static void main(String[] args) {
        ExampleArguments.atMost(args, "[steps] [folder]");
        int steps = ExampleArguments.count(args, "the number of steps", 20, 1);
        Path folder = ExampleArguments.folder(args);
        List<Double> losses = run(steps, System.out);
        Path file = folder.resolve("seed-loss.png");
        Plots.lossCurve("the seed's loop, scalar engine: MLP(3, [4, 4, 1]), learning rate 0.05", losses, List.of(), file);
        System.out.println("wrote " + file);
    }

    /**
     * Runs the loop.
     *
     * @param steps how many steps
     * @param out where to print
     * @return the loss before each step's update
     */
    public static List<Double> run(int steps, PrintStream out) {
        // readme:seed-example
        MLP n = new MLP(3, List.of(4, 4, 1));
        double[][] xs = {{2.0, 3.0, -1.0}, {3.0, -1.0, 0.5}, {0.5, 1.0, 1.0}, {1.0, 1.0, -1.0}};
        double[] ys = {1.0, -1.0, -1.0, 1.0};

        List<Double> losses = new ArrayList<>();
        for (int k = 0; k < steps; k++) {
            // forward pass
            List<Value> ypred = new ArrayList<>();
            for (double[] x : xs) {
                ypred.add(n.forward(x).get(0));
            }
            Value loss = Value.of(0);
            for (int i = 0; i < ys.length; i++) {
                loss = loss.add(ypred.get(i).sub(ys[i]).pow(2));
            }

            // backward pass
            for (Value p : n.parameters()) {
                p.setGrad(0.0);
            }
            loss.backward();

            // update
            for (Value p : n.parameters()) {
                p.setData(p.data() - 0.05 * p.grad());
            }
            out.printf(Locale.ROOT, "step %2d  loss %.6f%n", k, loss.data());
            losses.add(loss.data());
        }
        // readme:end
        out.print("predictions:");
        for (double[] x : xs) {
            out.printf(Locale.ROOT, " %.4f", n.forward(x).get(0).data());
        }
        out.println("   (targets: 1, -1, -1, 1)");
        return losses;
    }
}
