package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.backprop4j.tensor.parallel.Workers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code zeroGrad()} on a leaf whose gradient matrix was never handed out writes nothing; the next backward's first
 * contribution overwrites the matrix. What a user can observe must not change: each graph below runs on leaves
 * whose gradients were handed out by {@code grad()}, so that {@code zeroGrad()} writes zeros and backward adds into
 * them (the explicit zero-filled accumulation of before), and on twins only ever lent, and their gradients must
 * agree bit for bit, −0.0 included, after a first backward, after {@code zeroGrad()} and a backward, after two
 * backward calls in a row, on pools of 1 to 4 threads. The graphs reach leaves by several rules (overwrite, then
 * add), by rules that add into part of a gradient, through products large enough to split across threads, and
 * with contributions that are −0.0.
 */
class ClearedGradientTest {

    private static final Workers[] POOLS = {Workers.of(1), Workers.of(2), Workers.of(3), Workers.of(4)};

    /** A graph over leaves: the leaves' shapes and values, and a scalar loss of them. */
    private static final class Graph {
        final String name;
        final int[][] shapes;
        final double[][] values;
        final Function<Tensor[], Tensor> loss;

        Graph(String name, long seed, Function<Tensor[], Tensor> loss, int[]... shapes) {
            this.name = name;
            this.shapes = shapes;
            this.loss = loss;
            SplittableRandom random = new SplittableRandom(seed);
            values = new double[shapes.length][];
            for (int i = 0; i < shapes.length; i++) {
                values[i] = new double[shapes[i][0] * shapes[i][1]];
                for (int k = 0; k < values[i].length; k++) {
                    values[i][k] = random.nextDouble(-1, 1) / Math.sqrt(shapes[i][1]);
                }
            }
        }

        /** New leaves with the values; handed out: each gradient matrix made and handed out by grad() first. */
        Tensor[] leaves(boolean handedOut) {
            Tensor[] leaves = new Tensor[shapes.length];
            for (int i = 0; i < leaves.length; i++) {
                leaves[i] = Tensor.of(shapes[i][0], shapes[i][1], values[i]);
                if (handedOut) {
                    leaves[i].grad();
                }
            }
            return leaves;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Tensor constant(int rows, int cols, double value) {
        double[] v = new double[rows * cols];
        Arrays.fill(v, value);
        return Tensor.constant(rows, cols, v);
    }

    static Stream<Arguments> graphs() {
        List<Graph> graphs = new ArrayList<>();
        // Two fused layers whose products (64·256·300 multiply-adds) split across threads and whose weight
        // gradient (76,800 values) is zeroed in parts; x is a leaf too, reached by the first layer's input product.
        graphs.add(new Graph("two layers, tanh then ReLU", 11,
                t -> t[0].linearTanh(t[1], t[2]).linearRelu(t[3], t[4]).pow(2).mean(),
                new int[] {64, 300}, new int[] {256, 300}, new int[] {1, 256}, new int[] {8, 256}, new int[] {1, 8}));
        // A leaf reached by several rules: a product (overwrites), an element-wise product, a column (adds into part),
        // a broadcast difference (sums back into a row), and x.linear(x, b), which takes x's one buffer twice.
        graphs.add(new Graph("one leaf, many rules", 12,
                t -> t[0].matmul(t[1]).tanh().sum()
                        .add(t[0].mul(t[1]).sum())
                        .add(t[0].column(3).pow(2).sum())
                        .add(t[0].sub(t[2]).pow(2).mean())
                        .add(t[0].linear(t[0], t[2]).sigmoid().sum()),
                new int[] {6, 6}, new int[] {6, 6}, new int[] {1, 6}));
        // Contributions that are −0.0: ReLU closed everywhere (G' = 0, so ∂W = 0ᵀ·x sums −0 terms where x < 0),
        // a product by constant −0.0s, and the −1 of a difference times a zero upstream gradient.
        graphs.add(new Graph("contributions of −0.0", 13,
                t -> t[0].linearRelu(t[1], t[2].sub(constant(1, 5, 100))).sum()
                        .add(t[1].mul(constant(5, 7, -0.0)).sum())
                        .add(constant(1, 5, 1).sub(t[2]).mul(constant(1, 5, 0.0)).sum())
                        .add(t[0].matmul(t[1].transpose()).mul(constant(9, 5, -0.0)).sum()),
                new int[] {9, 7}, new int[] {5, 7}, new int[] {1, 5}));
        // The same closed ReLU with a product large enough for OpenBLAS and for splitting.
        graphs.add(new Graph("closed ReLU, large", 14,
                t -> t[0].linearRelu(t[1], t[2].sub(constant(1, 256, 1e3))).sum(),
                new int[] {64, 300}, new int[] {256, 300}, new int[] {1, 256}));
        List<Arguments> arguments = new ArrayList<>();
        for (Graph graph : graphs) {
            for (Workers pool : POOLS) {
                arguments.add(Arguments.of(graph, pool));
            }
        }
        return arguments.stream();
    }

    private static long[][] bits(Tensor[] leaves) {
        long[][] bits = new long[leaves.length][];
        for (int i = 0; i < leaves.length; i++) {
            double[] g = leaves[i].borrowGrad().data;
            bits[i] = new long[leaves[i].rows() * leaves[i].cols()];
            for (int k = 0; k < bits[i].length; k++) {
                bits[i][k] = Double.doubleToRawLongBits(g[k]);
            }
        }
        return bits;
    }

    private static void assertSameBits(long[][] expected, long[][] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], what + ", leaf " + i);
        }
    }

    /** zeroGrad, then backward: a cleared leaf's matrix is overwritten with the bits that adding into zeros gives. */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("graphs")
    void everyBackwardGivesTheBitsOfAddingIntoWrittenZeros(Graph graph, Workers pool) {
        Tensor[] reference = graph.leaves(true);
        Tensor[] cleared = graph.leaves(false);
        Workers.runOn(pool, () -> {
            graph.loss.apply(reference).backward();
            graph.loss.apply(cleared).backward();
            assertSameBits(bits(reference), bits(cleared), graph + ": first backward");
            for (int step = 0; step < 2; step++) {
                for (Tensor[] leaves : List.of(reference, cleared)) {
                    for (Tensor leaf : leaves) {
                        leaf.zeroGrad();
                    }
                    graph.loss.apply(leaves).backward();
                }
                assertSameBits(bits(reference), bits(cleared), graph + ": zeroGrad then backward, step " + step);
            }
            for (Tensor[] leaves : List.of(reference, cleared)) {
                for (Tensor leaf : leaves) {
                    leaf.zeroGrad();
                }
                Tensor loss = graph.loss.apply(leaves);
                loss.backward();
                loss.backward();
            }
            assertSameBits(bits(reference), bits(cleared), graph + ": zeroGrad then two backward calls");
        });
    }

    /** A leaf's gradient after a backward, holding NaN where a lender wrote it, then cleared without writing. */
    private static Tensor clearedOverNaN() {
        Tensor x = Tensor.of(2, 3, 1, -2, 3, -4, 5, -6);
        x.mul(x).sum().backward();
        x.borrowGrad().data[4] = Double.NaN;
        x.zeroGrad();
        return x;
    }

    private static void assertPositiveZeros(double[] values, int n, String what) {
        for (int k = 0; k < n; k++) {
            assertEquals(0L, Double.doubleToRawLongBits(values[k]), what + ": element " + k + " is " + values[k]);
        }
    }

    @Test
    void everyWayOfReadingAClearedGradientShowsPositiveZeros() {
        assertPositiveZeros(clearedOverNaN().borrowGrad().data, 6, "borrowGrad");
        assertPositiveZeros(clearedOverNaN().grad().data, 6, "grad");
        Tensor y = clearedOverNaN().label("y");
        assertTrue(y.toDot().contains("{ y | 2x3 | grad norm 0.0000 }"), y.toDot());
        assertPositiveZeros(y.borrowGrad().data, 6, "borrowGrad after toDot");
    }

    @Test
    void aClearedLeafThatABackwardDoesNotReachStaysZero() {
        Tensor x = clearedOverNaN();
        Tensor other = Tensor.of(1, 2, 3, 4);
        other.pow(2).sum().backward();
        assertPositiveZeros(x.borrowGrad().data, 6, "not in the graph");
    }

    @Test
    void aClearedLeafInTheGraphThatNoRuleWritesIntoStaysZeroAndRaisesNoAnomaly() {
        // x.relu()'s derivative selects the upstream gradient where x > 0: x is the selector, which gets nothing.
        Tensor x = clearedOverNaN();
        Tensor w = Tensor.of(2, 3, 1, 1, 1, 1, 1, 1);
        Tensor derivative = x.relu().mul(w).sum().gradient(x);
        try (Anomaly.Scope scope = Anomaly.detect()) {
            derivative.mul(w).sum().backward();
        }
        assertPositiveZeros(x.borrowGrad().data, 6, "the selector of a ReLU's derivative");
        assertArrayEquals(new double[] {2, 0, 2, 0, 2, 0}, w.borrowGrad().data, 0.0, "w's gradient: Σ w² where x > 0");
    }

    @Test
    void aGradientGraphLeavesAClearedGradientZero() {
        Tensor x = clearedOverNaN();
        Tensor derivative = x.tanh().sum().gradient(x);
        assertEquals(2, derivative.rows());
        assertPositiveZeros(x.borrowGrad().data, 6, "after gradient(x)");
    }

    @Test
    void aClearedOutputLeafIsSeededWithOne() {
        Tensor s = Tensor.scalar(2);
        s.backward();
        s.zeroGrad();
        s.backward();
        assertEquals(1.0, s.borrowGrad().data[0]);
    }
}
