package org.backprop4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.train.Trainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Separate models on separate threads never interfere: 8 models on 4 threads match the same runs alone, bit for bit. */
class IsolationTest {

    private static double[] train(boolean tensor, int seed) {
        Architecture shape = Architecture.of(2, List.of(12, 12, 1)).withActivations(Activation.TANH, Activation.IDENTITY).withSeed(seed);
        MultilayerPerceptron<?> network = tensor ? new org.backprop4j.nn.tensor.MLP(shape) : new org.backprop4j.nn.scalar.MLP(shape);
        new Trainer(network, Loss.HINGE, Optimizer.adam(0.02)).l2(1e-4).epochs(15).batchSize(20).seed(seed)
                .fit(DataSets.moons(60, 0.1, seed));
        return network.parameterValues();
    }

    @ParameterizedTest(name = "tensor engine: {0}")
    @ValueSource(booleans = {false, true})
    void eightModelsOnFourThreadsMatchTheirSoloRuns(boolean tensor) throws Exception {
        List<double[]> alone = new ArrayList<>();
        for (int seed = 0; seed < 8; seed++) {
            alone.add(train(tensor, seed));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> together = new ArrayList<>();
            for (int seed = 0; seed < 8; seed++) {
                int s = seed;
                together.add(pool.submit(() -> train(tensor, s)));
            }
            for (int seed = 0; seed < 8; seed++) {
                assertArrayEquals(alone.get(seed), together.get(seed).get(), "model " + seed);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
