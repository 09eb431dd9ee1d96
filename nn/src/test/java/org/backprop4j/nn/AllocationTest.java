package org.backprop4j.nn;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.tensor.MLP;
import org.backprop4j.nn.train.Trainer;
import org.backprop4j.tensor.blas.MatrixProducts;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.parallel.Workers;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * At most 4 kB allocated per training step on every tensor path — {@code lossAndBackward} with
 * tensors, with arrays, and {@code Trainer.fit} with mini-batches, stepped by SGD (whose update keeps
 * no old values), and with tensors stepped by momentum (whose update does) — at the design's {@code moons}
 * and {@code medium} configurations, counted by the JVM per thread
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}) after warm-up, as the
 * median of several rounds.
 *
 * <p>The matrix products belong to the BLAS, not to the engine: netlib's Vector API dgemm
 * allocates its own buffers for large products (megabytes a step at {@code medium}), native
 * OpenBLAS and EJML nothing. So the bare products of the same step, on the same backend, are
 * measured the same way and subtracted; both figures are printed.
 */
class AllocationTest {

    private static final long LIMIT = 4096;
    /** Measurements, each after its own warm-up, before a step over the limit fails. */
    private static final int ATTEMPTS = 3;
    /** The bytes of each configuration's bare products, measured once. */
    private static final Map<String, Double> PRODUCTS = new ConcurrentHashMap<>();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** A design configuration built from nn's public API: network, loss, batch, and a data set of four batches. */
    private record Configuration(String name, Architecture architecture, int batch, DataSet data, int warmUpSteps) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> paths() {
        Configuration moons = new Configuration("moons",
                Architecture.of(2, List.of(16, 16, 1)).withActivations(Activation.TANH, Activation.IDENTITY), 100,
                DataSets.moons(400, 0.1, 1), 3000);
        Architecture medium = Architecture.of(64, List.of(128, 128, 10)).withActivations(Activation.TANH, Activation.IDENTITY)
                .withInit(Init.GLOROT);
        Configuration mediumConfiguration = new Configuration("medium", medium, 256,
                new DataSet(DataSets.gaussian(1024, 64, 1), DataSets.gaussian(1024, 10, 2)), 120);
        return Stream.of(moons, mediumConfiguration).flatMap(c -> Stream.of(
                "lossAndBackward(Tensor, Tensor)", "lossAndBackward(double[][], double[][])", "Trainer.fit, mini-batches",
                "momentum, lossAndBackward(Tensor, Tensor)")
                .flatMap(path -> IntStream.rangeClosed(1, 4).mapToObj(threads -> Arguments.of(c, path, threads))));
    }

    @ParameterizedTest(name = "{0}: {1}, {2} threads")
    @MethodSource("paths")
    void atMostFourKilobytesPerStep(Configuration c, String path, int threads) {
        Workers pool = Workers.of(threads);
        String workers = "backprop4j-worker-of-" + threads + "-";
        Workers.runOn(pool, () -> measure(c, path, workers));
    }

    private static void measure(Configuration c, String path, String workers) {
        MLP mlp = new MLP(c.architecture());
        Optimizer optimizer = path.startsWith("momentum") ? Optimizer.momentum(0.05, 0.9) : Optimizer.sgd(0.05);
        double[][] x = c.data().rows(range(c.batch())).inputs();
        double[][] y = c.data().rows(range(c.batch())).targets();
        double products = PRODUCTS.computeIfAbsent(c.name(), name -> productsPerStep(c));
        double engine = Double.NaN;
        for (int attempt = 1; attempt <= ATTEMPTS && !(engine <= LIMIT); attempt++) {
            engine = perStep(c, path, workers, mlp, optimizer, x, y) - products;
            System.out.printf(Locale.ROOT, "allocation %-6s %-42s %d threads %,8.0f bytes/step (the backend's products alone: %,.0f; %s; attempt %d)%n",
                    c.name(), path, Workers.shared().threads(), engine, products, MatrixProducts.current().name(), attempt);
        }
        double measured = engine;
        assertTrue(measured <= LIMIT, () -> c + ", " + path + ", " + Workers.shared().threads() + " threads: " + measured
                + " bytes a step in each of " + ATTEMPTS + " warmed-up measurements, more than " + LIMIT);
    }

    /**
     * The median bytes a step of {@code path} allocates, after its warm-up. A step that has not been compiled yet
     * (on a loaded machine the JIT's queue can hold a loop for thousands of calls) allocates what its interpreted
     * loops box; the caller measures again after another warm-up, so only what every compiled step allocates fails.
     */
    private static double perStep(Configuration c, String path, String workers, MLP mlp, Optimizer optimizer, double[][] x, double[][] y) {
        double perStep;
        if (path.startsWith("Trainer")) {
            int stepsPerEpoch = c.data().size() / c.batch();
            Runnable shortFit = () -> new Trainer(mlp, Loss.MEAN_SQUARED, Optimizer.sgd(0.05)).batchSize(c.batch()).epochs(1).fit(c.data());
            Runnable longFit = () -> new Trainer(mlp, Loss.MEAN_SQUARED, Optimizer.sgd(0.05)).batchSize(c.batch()).epochs(4).fit(c.data());
            warmUp(longFit, c.warmUpSteps() / (4 * stepsPerEpoch));
            long[] ids = threadIds(workers);
            double[] rounds = new double[5];
            for (int r = 0; r < rounds.length; r++) {
                rounds[r] = (allocatedBy(longFit, ids) - allocatedBy(shortFit, ids)) / (3.0 * stepsPerEpoch);
            }
            perStep = median(rounds);
        } else if (path.contains("Tensor")) {
            Tensor tx = Tensor.constant(x);
            Tensor ty = Tensor.constant(y);
            perStep = perCall(c.warmUpSteps(), workers, () -> {
                mlp.zeroGrad();
                mlp.lossAndBackward(tx, ty, Loss.MEAN_SQUARED, 0);
                optimizer.step(mlp);
            });
        } else {
            perStep = perCall(c.warmUpSteps(), workers, () -> {
                mlp.zeroGrad();
                mlp.lossAndBackward(x, y, Loss.MEAN_SQUARED, 0);
                optimizer.step(mlp);
            });
        }
        return perStep;
    }

    private static int[] range(int n) {
        int[] rows = new int[n];
        Arrays.setAll(rows, i -> i);
        return rows;
    }

    /** The median over 5 rounds of the bytes one call allocates (this thread and the workers named so), each round 10 calls, after a warm-up. */
    private static double perCall(int warmUp, String workers, Runnable call) {
        warmUp(call, warmUp);
        long[] ids = threadIds(workers);
        double[] rounds = new double[5];
        for (int r = 0; r < rounds.length; r++) {
            long before = allocated(ids);
            for (int i = 0; i < 10; i++) {
                call.run();
            }
            rounds[r] = (allocated(ids) - before) / 10.0;
        }
        return median(rounds);
    }

    /** @return the ids of the live threads whose names start with {@code workers} (a pool's, started by the warm-up) */
    private static long[] threadIds(String workers) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(workers)).mapToLong(Thread::getId).toArray();
    }

    /** The bytes this thread and the threads of {@code ids} have allocated so far. */
    private static long allocated(long[] ids) {
        long total = THREADS.getCurrentThreadAllocatedBytes();
        if (ids.length > 0) {
            for (long bytes : THREADS.getThreadAllocatedBytes(ids)) {
                total += Math.max(0, bytes);
            }
        }
        return total;
    }

    private static void warmUp(Runnable call, int times) {
        for (int i = 0; i < times; i++) {
            call.run();
        }
    }

    private static long allocatedBy(Runnable call, long[] ids) {
        long before = allocated(ids);
        call.run();
        return allocated(ids) - before;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The bytes the current backend allocates for a step's products alone: per layer Y = X·Wᵀ, dW += dYᵀ·X and, past the first, dX = dY·W. */
    private static double productsPerStep(Configuration c) {
        Architecture a = c.architecture();
        int depth = a.depth();
        DMatrixRMaj[] activations = new DMatrixRMaj[depth + 1];
        DMatrixRMaj[] gradients = new DMatrixRMaj[depth + 1];
        DMatrixRMaj[] weights = new DMatrixRMaj[depth];
        DMatrixRMaj[] weightGradients = new DMatrixRMaj[depth];
        for (int l = 0; l <= depth; l++) {
            int width = l == 0 ? a.nin() : a.nouts().get(l - 1);
            activations[l] = filled(c.batch(), width);
            gradients[l] = filled(c.batch(), width);
        }
        for (int l = 0; l < depth; l++) {
            weights[l] = filled(a.nouts().get(l), a.inputsOf(l));
            weightGradients[l] = filled(a.nouts().get(l), a.inputsOf(l));
        }
        MatrixProducts products = MatrixProducts.current();
        return perCall(c.warmUpSteps(), "no workers", () -> {
            for (int l = 0; l < depth; l++) {
                products.gemm(false, true, 1, activations[l], weights[l], 0, activations[l + 1]);
            }
            for (int l = depth - 1; l >= 0; l--) {
                products.gemm(true, false, 1, gradients[l + 1], activations[l], 1, weightGradients[l]);
                if (l > 0) {
                    products.gemm(false, false, 1, gradients[l + 1], weights[l], 0, gradients[l]);
                }
            }
        });
    }

    private static DMatrixRMaj filled(int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = Math.sin(i) * 0.01;
        }
        return m;
    }
}
