package org.backprop4j.nn;

import java.util.List;

import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A step's graph is garbage once the step is over: tens of thousands of steps leave the heap flat. */
class LongRunTest {

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            best = Math.min(best, runtime.totalMemory() - runtime.freeMemory());
        }
        return best;
    }

    @Test
    void scalarEngineHeapStaysFlat() {
        org.backprop4j.nn.scalar.MLP mlp = new org.backprop4j.nn.scalar.MLP(3, List.of(4, 4, 1));
        DataSet seed = DataSets.seed();
        Optimizer sgd = Optimizer.sgd(0.01);
        Runnable step = () -> {
            mlp.zeroGrad();
            mlp.lossAndBackward(seed.inputs(), seed.targets(), Loss.SUM_OF_SQUARES, 0);
            sgd.step(mlp);
        };
        assertFlat(step, 30_000);
    }

    @Test
    void tensorEngineHeapStaysFlat() {
        org.backprop4j.nn.tensor.MLP mlp = new org.backprop4j.nn.tensor.MLP(
                Architecture.of(2, List.of(16, 16, 1)).withActivations(Activation.TANH, Activation.IDENTITY));
        DataSet moons = DataSets.moons(100, 0.1, 1);
        Tensor x = Tensor.constant(moons.inputs());
        Tensor y = Tensor.constant(moons.targets());
        Optimizer sgd = Optimizer.sgd(0.05);
        Runnable step = () -> {
            Tensor loss = org.backprop4j.nn.tensor.Losses.meanSquared(mlp.forward(x), y);
            mlp.zeroGrad();
            loss.backward();
            sgd.step(mlp);
        };
        assertFlat(step, 30_000);
    }

    @Test
    void recyclingTensorStepsKeepTheHeapFlatAndMatchFreshSteps() {
        Architecture shape = Architecture.of(2, List.of(16, 16, 1)).withActivations(Activation.TANH, Activation.IDENTITY);
        org.backprop4j.nn.tensor.MLP pooled = new org.backprop4j.nn.tensor.MLP(shape);
        org.backprop4j.nn.tensor.MLP fresh = new org.backprop4j.nn.tensor.MLP(shape);
        DataSet moons = DataSets.moons(100, 0.1, 1);
        Tensor x = Tensor.constant(moons.inputs());
        Tensor y = Tensor.constant(moons.targets());
        Optimizer a = Optimizer.sgd(0.05);
        Optimizer b = Optimizer.sgd(0.05);
        for (int i = 0; i < 200; i++) {
            pooled.zeroGrad();
            double pooledLoss = pooled.lossAndBackward(x, y, Loss.MEAN_SQUARED, 1e-4);
            a.step(pooled);
            Tensor loss = org.backprop4j.nn.tensor.Losses.meanSquared(fresh.forward(x), y)
                    .add(org.backprop4j.nn.tensor.Losses.l2(fresh, 1e-4));
            fresh.zeroGrad();
            loss.backward();
            b.step(fresh);
            org.junit.jupiter.api.Assertions.assertEquals(loss.item(), pooledLoss, "step " + i);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(fresh.parameterValues(), pooled.parameterValues());
        Runnable step = () -> {
            pooled.zeroGrad();
            pooled.lossAndBackward(x, y, Loss.MEAN_SQUARED, 0);
            a.step(pooled);
        };
        assertFlat(step, 30_000);
    }

    private static void assertFlat(Runnable step, int steps) {
        for (int i = 0; i < 1_000; i++) {
            step.run();
        }
        long before = usedHeapAfterGc();
        for (int i = 0; i < steps; i++) {
            step.run();
        }
        long after = usedHeapAfterGc();
        long growth = after - before;
        System.out.printf("heap after GC: %,d bytes before, %,d after %,d steps%n", before, after, steps);
        assertTrue(growth < 2_000_000, "the heap grew by " + growth + " bytes over " + steps + " steps");
    }
}
