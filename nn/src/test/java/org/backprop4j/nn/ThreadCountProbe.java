package org.backprop4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.tensor.MLP;
import org.backprop4j.tensor.blas.MatrixProducts;
import org.backprop4j.tensor.kernels.FastMath;
import org.backprop4j.tensor.parallel.Threads;
import org.backprop4j.tensor.parallel.Workers;

/**
 * Trains networks whose every loop is above its cut-over (the activations, the fused layers'
 * backward, the products cut into bands of rows, a layer's two backward products side by side, the
 * optimizers' updates) for a few steps at 1, 2, 3
 * and 4 threads, and on this JVM's own {@code backprop4j.threads}, and prints one digest of the
 * bits of the losses and parameters per run: {@code threads=N digest}, then {@code shared=digest},
 * then what ran ({@code products=…}, {@code kernels=…}). Run by {@link ThreadCountBitsTest}, in its
 * own JVM and in child JVMs on the other matrix backends and kernel paths; with the argument
 * {@code lanes} it first waits (at most a minute) for the Vector API lanes to take over from their
 * scalar twins. A first run, not printed, warms the JIT up: netlib's Vector API dgemm changes its
 * bits when C2 compiles it (seen on JDK 25), which no thread count causes or cures.
 */
public final class ThreadCountProbe {

    private ThreadCountProbe() {
    }

    /** The thread counts every run compares. */
    static final int[] THREADS = {1, 2, 3, 4};

    /**
     * @param args {@code lanes} to wait for the vector lanes first
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("lanes")) {
            awaitLanes();
        }
        // netlib's Vector API dgemm gives other bits before C2 has compiled it (JDK 25: the first of
        // two one-thread runs differed, every later run agreed), whatever the thread count: warm it up.
        digest();
        for (int threads : THREADS) {
            String[] digest = new String[1];
            Workers.runOn(Workers.of(threads), () -> digest[0] = digest());
            System.out.println("threads=" + threads + " " + digest[0]);
        }
        System.out.println("shared=" + Threads.count() + " " + digest());
        System.out.println("products=" + MatrixProducts.current().name());
        System.out.println("kernels=" + FastMath.kernels());
    }

    /** Runs the training steps of every network and returns the digest of their bits. */
    static String digest() {
        List<Long> bits = new ArrayList<>();
        for (Activation hidden : new Activation[] {Activation.TANH, Activation.SIGMOID, Activation.RELU}) {
            train(Architecture.of(64, List.of(256, 256, 10)).withActivations(hidden, Activation.IDENTITY).withInit(Init.GLOROT),
                    256, Optimizer.adam(0.01), 3, bits);
        }
        train(Architecture.of(784, List.of(256, 256, 10)).withActivations(Activation.TANH, Activation.IDENTITY).withInit(Init.GLOROT),
                128, Optimizer.momentum(0.05, 0.9), 2, bits);
        // layers of 250 and 201 outputs: their products' columns end in OpenBLAS's edge tiles, where a
        // band of rows off the tile grid would change bits; a batch of 300, not a multiple of 24.
        train(Architecture.of(100, List.of(250, 201, 10)).withActivations(Activation.TANH, Activation.IDENTITY).withInit(Init.GLOROT),
                300, Optimizer.sgd(0.05), 2, bits);
        long hash = 1125899906842597L;
        for (long b : bits) {
            hash = 31 * hash + b;
        }
        return String.format(Locale.ROOT, "%016x", hash);
    }

    private static void train(Architecture architecture, int batch, Optimizer optimizer, int steps, List<Long> bits) {
        MLP mlp = new MLP(architecture);
        double[][] x = DataSets.gaussian(batch, architecture.nin(), 1);
        double[][] y = DataSets.gaussian(batch, architecture.nouts().get(architecture.nouts().size() - 1), 2);
        for (int step = 0; step < steps; step++) {
            mlp.zeroGrad();
            bits.add(Double.doubleToRawLongBits(mlp.lossAndBackward(x, y, Loss.MEAN_SQUARED, 0)));
            optimizer.step(mlp);
        }
        for (double p : mlp.parameterValues()) {
            bits.add(Double.doubleToRawLongBits(p));
        }
    }

    private static void awaitLanes() throws InterruptedException {
        long until = System.nanoTime() + 60_000_000_000L;
        double[] values = new double[4096];
        while (FastMath.kernels().contains("warming up")) {
            FastMath.tanh(values, values, 0, values.length);
            if (System.nanoTime() > until) {
                return;
            }
            Thread.sleep(20);
        }
    }
}
