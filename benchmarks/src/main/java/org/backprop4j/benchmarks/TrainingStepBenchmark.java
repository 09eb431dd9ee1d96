package org.backprop4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.scalar.Losses;
import org.backprop4j.scalar.Value;
import org.backprop4j.tensor.MatrixProducts;
import org.backprop4j.tensor.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One training step — zero gradients, forward over the batch (inputs and targets constants), the
 * loss, backward, SGD with learning rate 0.05 — through the public {@code nn} API, on each engine
 * (the tensor engine through {@code MLP.lossAndBackward}, which reuses the graph's buffers from
 * step to step); and the roofline: the bare matrix products of the same step on the same backend.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TrainingStepBenchmark {

    /** The scalar engine's step. */
    @State(Scope.Benchmark)
    public static class ScalarState {
        /** The configuration's label. */
        @Param({"seed"})
        public String config;

        org.backprop4j.nn.scalar.MLP mlp;
        Optimizer sgd;
        double[][] x;
        double[][] y;
        Configuration configuration;
        double lastLoss;

        /** Builds the network and the data. */
        @Setup(Level.Trial)
        public void setUp() {
            configuration = Configuration.of(config);
            mlp = new org.backprop4j.nn.scalar.MLP(configuration.architecture());
            sgd = Optimizer.sgd(Configuration.LEARNING_RATE);
            x = configuration.data().inputs();
            y = configuration.data().targets();
        }

        /** Fails the run if the loss stopped being finite: no timing of NaN arithmetic. */
        @TearDown(Level.Iteration)
        public void checkFinite() {
            Finite.check(lastLoss, config, "scalar");
        }
    }

    /** The tensor engine's step. */
    @State(Scope.Benchmark)
    public static class TensorState {
        /** The configuration's label. */
        @Param({"seed"})
        public String config;

        org.backprop4j.nn.tensor.MLP mlp;
        Optimizer sgd;
        Tensor x;
        Tensor y;
        Configuration configuration;
        double lastLoss;

        /** Builds the network and the constant batch. */
        @Setup(Level.Trial)
        public void setUp() {
            configuration = Configuration.of(config);
            mlp = new org.backprop4j.nn.tensor.MLP(configuration.architecture());
            sgd = Optimizer.sgd(Configuration.LEARNING_RATE);
            x = Tensor.constant(configuration.data().inputs());
            y = Tensor.constant(configuration.data().targets());
        }

        /** Fails the run if the loss stopped being finite. */
        @TearDown(Level.Iteration)
        public void checkFinite() {
            Finite.check(lastLoss, config, "tensor");
        }
    }

    /** The bare products of one step, preallocated. */
    @State(Scope.Benchmark)
    public static class RooflineState {
        /** The configuration's label. */
        @Param({"seed"})
        public String config;

        MatrixProducts products;
        DMatrixRMaj[] activations;
        DMatrixRMaj[] weights;
        DMatrixRMaj[] weightGrads;
        DMatrixRMaj[] outputGrads;

        /** Allocates every matrix once. */
        @Setup(Level.Trial)
        public void setUp() {
            Configuration c = Configuration.of(config);
            products = MatrixProducts.current();
            int depth = c.architecture().depth();
            activations = new DMatrixRMaj[depth + 1];
            weights = new DMatrixRMaj[depth];
            weightGrads = new DMatrixRMaj[depth];
            outputGrads = new DMatrixRMaj[depth + 1];
            activations[0] = filled(c.batch(), c.architecture().nin());
            outputGrads[0] = new DMatrixRMaj(c.batch(), c.architecture().nin());
            for (int l = 0; l < depth; l++) {
                int in = c.architecture().inputsOf(l);
                int out = c.architecture().nouts().get(l);
                weights[l] = filled(out, in);
                weightGrads[l] = new DMatrixRMaj(out, in);
                activations[l + 1] = new DMatrixRMaj(c.batch(), out);
                outputGrads[l + 1] = filled(c.batch(), out);
            }
        }

        private static DMatrixRMaj filled(int rows, int cols) {
            DMatrixRMaj m = new DMatrixRMaj(rows, cols);
            for (int i = 0; i < rows * cols; i++) {
                m.data[i] = Math.sin(i) * 0.1;
            }
            return m;
        }
    }

    /**
     * @param s the scalar state
     * @return the loss
     */
    @Benchmark
    public double scalarStep(ScalarState s) {
        List<List<Value>> predictions = new ArrayList<>(s.x.length);
        for (double[] row : s.x) {
            predictions.add(s.mlp.forward(row));
        }
        Value loss = Losses.of(s.configuration.loss(), predictions, s.y);
        s.mlp.zeroGrad();
        loss.backward();
        s.sgd.step(s.mlp);
        s.lastLoss = loss.data();
        return s.lastLoss;
    }

    /**
     * @param s the tensor state
     * @return the loss
     */
    @Benchmark
    public double tensorStep(TensorState s) {
        s.mlp.zeroGrad();
        s.lastLoss = s.mlp.lossAndBackward(s.x, s.y, s.configuration.loss(), 0);
        s.sgd.step(s.mlp);
        return s.lastLoss;
    }

    /**
     * Per layer: forward Y = X·Wᵀ; backward dW += dYᵀ·X, and dX = dY·W for every layer but the first.
     *
     * @param s the roofline state
     * @return one output element, so nothing is dead code
     */
    @Benchmark
    public double roofline(RooflineState s) {
        int depth = s.weights.length;
        for (int l = 0; l < depth; l++) {
            s.products.gemm(false, true, 1, s.activations[l], s.weights[l], 0, s.activations[l + 1]);
        }
        for (int l = depth - 1; l >= 0; l--) {
            s.products.gemm(true, false, 1, s.outputGrads[l + 1], s.activations[l], 1, s.weightGrads[l]);
            if (l > 0) {
                s.products.gemm(false, false, 1, s.outputGrads[l + 1], s.weights[l], 0, s.outputGrads[l]);
            }
        }
        return s.activations[depth].data[0];
    }
}
