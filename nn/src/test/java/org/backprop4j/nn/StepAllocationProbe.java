package org.backprop4j.nn;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.tensor.MLP;
import org.backprop4j.tensor.Tensor;

/**
 * The child JVM of {@link StepAllocationTest}: prints, for the design's {@code seed} and {@code moons} steps
 * (zero gradients, {@code lossAndBackward} on constant tensors, SGD), the fewest bytes one step allocated over
 * {@value #ROUNDS} rounds of {@value #STEPS_PER_ROUND} steps, after a warm-up, counted by the JVM for this thread.
 */
final class StepAllocationProbe {

    static final int ROUNDS = 5;
    static final int STEPS_PER_ROUND = 200;
    static final int WARM_UP_STEPS = 2_000;

    private StepAllocationProbe() {
    }

    /**
     * Prints {@code seed BYTES} and {@code moons BYTES}, one line each.
     *
     * @param args none
     */
    public static void main(String[] args) {
        Architecture seed = Architecture.of(3, List.of(4, 4, 1));
        System.out.println("seed " + bytesPerStep(seed, DataSets.seed(), Loss.SUM_OF_SQUARES));
        Architecture moons = Architecture.of(2, List.of(16, 16, 1)).withActivations(Activation.TANH, Activation.IDENTITY);
        System.out.println("moons " + bytesPerStep(moons, DataSets.moons(100, 0.1, 1), Loss.MEAN_SQUARED));
    }

    private static String bytesPerStep(Architecture architecture, DataSet data, Loss loss) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MLP mlp = new MLP(architecture);
        Optimizer sgd = Optimizer.sgd(0.05);
        Tensor x = Tensor.constant(data.inputs());
        Tensor y = Tensor.constant(data.targets());
        Runnable step = () -> {
            mlp.zeroGrad();
            mlp.lossAndBackward(x, y, loss, 0);
            sgd.step(mlp);
        };
        for (int i = 0; i < WARM_UP_STEPS; i++) {
            step.run();
        }
        double fewest = Double.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < STEPS_PER_ROUND; i++) {
                step.run();
            }
            fewest = Math.min(fewest, (threads.getCurrentThreadAllocatedBytes() - before) / (double) STEPS_PER_ROUND);
        }
        return String.format(Locale.ROOT, "%.1f", fewest);
    }
}
