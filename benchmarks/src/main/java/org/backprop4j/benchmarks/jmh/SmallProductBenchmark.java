package org.backprop4j.benchmarks.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.backprop4j.tensor.blas.MatrixProducts;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The three products of one fully connected layer in a training step — y = x·Wᵀ, ∂x += G·W,
 * ∂W += Gᵀ·x — on EJML and on netlib, for the layers of the seed and moons configurations and a
 * few sizes between: where the {@code auto} backend should stop using EJML. Run with e.g.
 * {@code java --add-modules jdk.incubator.vector -cp … org.openjdk.jmh.Main SmallProductBenchmark -f 1 -wi 3 -i 5 -w 300ms -r 300ms}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class SmallProductBenchmark {

    /** batch x nin → nout: the seed's layers, moons' layers, and sizes between. */
    @Param({"4x3x4", "4x4x1", "4x4x4", "16x8x8", "32x8x8", "100x2x16", "100x16x1", "32x16x16", "100x16x16"})
    public String layer;

    /** The backend: {@code ejml} or {@code netlib}. */
    @Param({"ejml", "netlib"})
    public String backend;

    private MatrixProducts products;
    private DMatrixRMaj x;
    private DMatrixRMaj w;
    private DMatrixRMaj y;
    private DMatrixRMaj g;
    private DMatrixRMaj gx;
    private DMatrixRMaj gw;

    /** Draws the operands. */
    @Setup
    public void setUp() {
        String[] sizes = layer.split("x");
        int batch = Integer.parseInt(sizes[0]);
        int nin = Integer.parseInt(sizes[1]);
        int nout = Integer.parseInt(sizes[2]);
        products = MatrixProducts.named(backend);
        Random random = new Random(1);
        x = RandomMatrices_DDRM.rectangle(batch, nin, -1, 1, random);
        w = RandomMatrices_DDRM.rectangle(nout, nin, -1, 1, random);
        g = RandomMatrices_DDRM.rectangle(batch, nout, -1, 1, random);
        y = new DMatrixRMaj(batch, nout);
        gx = new DMatrixRMaj(batch, nin);
        gw = new DMatrixRMaj(nout, nin);
    }

    /** @return a checksum */
    @Benchmark
    public double layerProducts() {
        products.gemm(false, true, 1, x, w, 0, y);
        products.gemm(false, false, 1, g, w, 1, gx);
        products.gemm(true, false, 1, g, x, 1, gw);
        return y.data[0] + gx.data[0] + gw.data[0];
    }
}
