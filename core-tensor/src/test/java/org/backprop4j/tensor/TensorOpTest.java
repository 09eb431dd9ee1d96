package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation's forward kernel holds its contract for any range [from, to), not only the whole
 * result {@link ParallelRange} asks for today: it writes exactly that range, each element with the
 * bits the whole-range call gives it, broadcast operands included; and each operation's cost is the
 * one that decides whether its kernel may be split.
 */
class TensorOpTest {

    private static final double GUARD = -12345.5;

    /** The operand shapes of a binary operation: same shape, a row, a column, a scalar, each on either side. */
    private static final int[][][] BINARY_SHAPES = {
        {{3, 5}, {3, 5}}, {{3, 5}, {1, 5}}, {{3, 5}, {3, 1}}, {{1, 1}, {3, 5}}, {{1, 5}, {3, 5}}, {{3, 1}, {3, 5}}, {{4, 1}, {1, 1}}};

    private static Tensor random(SplittableRandom random, int rows, int cols, boolean positive) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = positive ? random.nextDouble(0.1, 4) : random.nextDouble(-4, 4);
        }
        if (!positive) {
            values[values.length / 2] = 0.0;
        }
        return Tensor.of(rows, cols, values);
    }

    /** One way to build a node: its name and how it is made from a seeded source. */
    private record Example(String name, Function<SplittableRandom, Tensor> node) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static List<Example> examples() {
        List<Example> examples = new ArrayList<>();
        List<Map.Entry<String, BinaryOperator<Tensor>>> binary = List.of(Map.entry("add", Tensor::add), Map.entry("sub", Tensor::sub),
                Map.entry("mul", Tensor::mul), Map.entry("div", Tensor::div));
        for (Map.Entry<String, BinaryOperator<Tensor>> op : binary) {
            for (int[][] shapes : BINARY_SHAPES) {
                examples.add(new Example(op.getKey() + " " + shapes[0][0] + "x" + shapes[0][1] + " by " + shapes[1][0] + "x" + shapes[1][1],
                        random -> op.getValue().apply(random(random, shapes[0][0], shapes[0][1], false),
                                random(random, shapes[1][0], shapes[1][1], true))));
            }
        }
        for (int[] shape : new int[][] {{3, 5}, {1, 7}, {6, 1}, {1, 1}}) {
            int rows = shape[0];
            int cols = shape[1];
            String of = " of " + rows + "x" + cols;
            examples.add(new Example("add constant" + of, random -> random(random, rows, cols, false).add(0.75)));
            examples.add(new Example("mul constant" + of, random -> random(random, rows, cols, false).mul(-1.5)));
            examples.add(new Example("div constant" + of, random -> random(random, rows, cols, false).div(-0.3)));
            examples.add(new Example("neg" + of, random -> random(random, rows, cols, false).neg()));
            examples.add(new Example("square" + of, random -> random(random, rows, cols, false).pow(2)));
            examples.add(new Example("cube" + of, random -> random(random, rows, cols, false).pow(3)));
            examples.add(new Example("exp" + of, random -> random(random, rows, cols, false).exp()));
            examples.add(new Example("log" + of, random -> random(random, rows, cols, true).log()));
            examples.add(new Example("tanh" + of, random -> random(random, rows, cols, false).tanh()));
            examples.add(new Example("relu" + of, random -> random(random, rows, cols, false).relu()));
            examples.add(new Example("sigmoid" + of, random -> random(random, rows, cols, false).sigmoid()));
            examples.add(new Example("transpose" + of, random -> random(random, rows, cols, false).transpose()));
            examples.add(new Example("sum" + of, random -> random(random, rows, cols, false).sum()));
            examples.add(new Example("mean" + of, random -> random(random, rows, cols, false).mean()));
            examples.add(new Example("last column" + of, random -> random(random, rows, cols, false).column(cols - 1)));
            examples.add(new Example("sumRows" + of, random -> random(random, rows, cols, false).sumRows()));
            examples.add(new Example("sumCols" + of, random -> random(random, rows, cols, false).sumCols()));
            examples.add(new Example("tanh gradient" + of, random -> ElementwiseOp.TANH_GRADIENT.apply(random(random, rows, cols, false),
                    random(random, rows, cols, false))));
            examples.add(new Example("where positive" + of, random -> ElementwiseOp.WHERE_POSITIVE.apply(random(random, rows, cols, false),
                    random(random, rows, cols, false))));
            examples.add(new Example("scaled product" + of, random -> ElementwiseOp.SCALED_PRODUCT.apply(random(random, rows, cols, false),
                    random(random, rows, cols, false), random(random, rows, cols, false), -2)));
        }
        return examples;
    }

    static Stream<Arguments> everyExampleWithASeed() {
        SplittableRandom seeds = new SplittableRandom(17);
        return examples().stream().map(example -> Arguments.of(example, seeds.nextLong()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyExampleWithASeed")
    void aKernelWritesExactlyItsRangeWithTheBitsOfTheWholeCall(Example example, long seed) {
        Tensor out = example.node().apply(new SplittableRandom(seed));
        double[] y = out.data.data;
        int n = out.size();
        double[] whole = Arrays.copyOf(y, n);
        for (int from = 0; from <= n; from++) {
            for (int to = from; to <= n; to++) {
                Arrays.fill(y, GUARD);
                out.op.forward(out, from, to);
                for (int k = 0; k < n; k++) {
                    double expected = k >= from && k < to ? whole[k] : GUARD;
                    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(y[k]),
                            example + " over [" + from + ", " + to + ") at " + k + ": " + expected + " vs " + y[k]);
                }
            }
        }
    }

    @Test
    void theExamplesCoverEveryOperationThatIsNotAProduct() {
        Set<TensorOp> covered = new HashSet<>();
        SplittableRandom random = new SplittableRandom(1);
        for (Example example : examples()) {
            covered.add(example.node().apply(random).op);
        }
        Set<TensorOp> expected = EveryOp.all();
        expected.removeIf(op -> op.cost() == TensorOp.Cost.PRODUCT);
        assertEquals(expected, covered);
    }

    @Test
    void eachOperationCostsWhatItsKernelDoesPerElement() {
        Map<TensorOp, TensorOp.Cost> costs = new HashMap<>();
        for (TensorOp op : EveryOp.all()) {
            costs.put(op, TensorOp.Cost.ARITHMETIC);
        }
        for (TensorOp op : List.of(ElementwiseOp.POW, ElementwiseOp.EXP, ElementwiseOp.LOG, ElementwiseOp.TANH, ElementwiseOp.SIGMOID)) {
            costs.put(op, TensorOp.Cost.TRANSCENDENTAL);
        }
        for (TensorOp op : List.of(ProductOp.MATMUL, ProductOp.MATMUL_TRANSPOSED_A, ProductOp.MATMUL_TRANSPOSED_B, ProductOp.LINEAR,
                ProductOp.LINEAR_TANH, ProductOp.LINEAR_SIGMOID, ProductOp.LINEAR_RELU)) {
            costs.put(op, TensorOp.Cost.PRODUCT);
        }
        for (TensorOp op : EveryOp.all()) {
            assertEquals(costs.get(op), op.cost(), op.toString());
        }
    }
}
