package org.backprop4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.tensor.MLP;
import org.backprop4j.tensor.parallel.Workers;
import org.junit.jupiter.api.Test;

/**
 * A user's MNIST-shaped run (784 → 256 → 10, batches of 128, Adam) trained on one thread and on two:
 * the losses and the parameters after each step are the same bits, the products cut into bands or not.
 */
class MnistShapeThreadBitsTest {

    private static final int STEPS = 3;

    /** The losses of each step, then every parameter after the last. */
    private static double[][] train() {
        MLP mlp = new MLP(Architecture.of(784, List.of(256, 10)).withActivations(Activation.TANH, Activation.IDENTITY)
                .withInit(Init.GLOROT).withSeed(3));
        Optimizer adam = Optimizer.adam(0.01);
        double[] losses = new double[STEPS];
        for (int step = 0; step < STEPS; step++) {
            double[][] x = DataSets.gaussian(128, 784, 10 + step);
            double[][] y = DataSets.gaussian(128, 10, 20 + step);
            mlp.zeroGrad();
            losses[step] = mlp.lossAndBackward(x, y, Loss.MEAN_SQUARED, 0);
            adam.step(mlp);
        }
        return new double[][] {losses, mlp.parameterValues()};
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        double[][][] runs = new double[2][][];
        Workers.runOn(Workers.of(1), () -> runs[0] = train());
        Workers.runOn(Workers.of(2), () -> runs[1] = train());
        assertEquals(STEPS, runs[1][0].length);
        assertArrayEquals(runs[0][0], runs[1][0], 0.0, "the losses");
        double[] one = runs[0][1];
        double[] two = runs[1][1];
        for (int i = 0; i < one.length; i++) {
            assertEquals(Double.doubleToRawLongBits(one[i]), Double.doubleToRawLongBits(two[i]), "parameter " + i);
        }
    }
}
