package org.backprop4j.benchmarks.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.backprop4j.tensor.blas.MatrixProducts;
import org.backprop4j.tensor.parallel.Workers;
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
 * One matrix product on netlib (the bundled OpenBLAS) on a pool of 1 thread, where it runs as one
 * call, and of {@code threads}, where core-tensor cuts it into bands of rows: the products of the
 * {@code medium} and {@code large} training steps, and products of 192 rows (two bands of 96) around
 * the cut-over. Compare the thread counts' times within one run: the machine is shared. Run with
 * e.g. {@code java --add-modules jdk.incubator.vector -cp … org.openjdk.jmh.Main ProductBandBenchmark -f 1 -wi 5 -i 10 -w 200ms -r 200ms}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class ProductBandBenchmark {

    /**
     * rows x cols x inner, then {@code :} and the transposes (N or T for a, then for b): large's
     * forward x·Wᵀ of its first and second layers, their ∂x = G·W and ∂W = Gᵀ·x; medium's; and
     * 192-row products of 2.4, 3.1 and 6.3 million multiply-adds.
     */
    @Param({"128x256x784:NT", "256x784x128:TN", "128x256x256:NT", "128x256x256:NN", "256x256x128:TN",
        "256x128x64:NT", "256x128x128:NT", "256x128x128:NN", "128x128x256:TN", "128x64x256:TN",
        "192x128x96:NN", "192x128x128:NN", "192x128x256:NN"})
    public String product;

    /** The pool's threads. */
    @Param({"1", "2"})
    public int threads;

    private Workers pool;
    private Runnable gemm;
    private DMatrixRMaj c;

    /** Draws the operands. */
    @Setup
    public void setUp() {
        String[] parts = product.split(":");
        String[] sizes = parts[0].split("x");
        int rows = Integer.parseInt(sizes[0]);
        int cols = Integer.parseInt(sizes[1]);
        int inner = Integer.parseInt(sizes[2]);
        boolean ta = parts[1].charAt(0) == 'T';
        boolean tb = parts[1].charAt(1) == 'T';
        Random random = new Random(1);
        DMatrixRMaj a = RandomMatrices_DDRM.rectangle(ta ? inner : rows, ta ? rows : inner, -1, 1, random);
        DMatrixRMaj b = RandomMatrices_DDRM.rectangle(tb ? cols : inner, tb ? inner : cols, -1, 1, random);
        c = RandomMatrices_DDRM.rectangle(rows, cols, -1, 1, random);
        MatrixProducts netlib = MatrixProducts.netlib();
        pool = Workers.of(threads);
        gemm = () -> netlib.gemm(ta, tb, 1, a, b, 0, c);
    }

    /** @return a result, so that the product is not dropped */
    @Benchmark
    public double product() {
        Workers.runOn(pool, gemm);
        return c.data[0];
    }
}
