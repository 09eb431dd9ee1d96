package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two forms of every operation's backward rule give the same numbers: the fast rule
 * ({@link TensorOp#backward}, adding into gradient buffers) and the differentiable one
 * ({@link TensorOp#gradient}, building tensors), for a random upstream gradient G, on random shapes
 * with every broadcast case, each operand either requiring a gradient or constant. Where both forms
 * do the same arithmetic in the same order the results are bit-identical; where a product is
 * computed from a transposed copy instead of a transpose flag, they agree to 1e-12 relative.
 */
class TensorOpGradientTest {

    /** The operations whose two forms do the same floating-point operations in the same order. */
    private static final Set<TensorOp> SAME_ARITHMETIC = EveryOp.all().stream()
            .filter(op -> !(op instanceof ProductOp)).collect(Collectors.toSet());

    private static final int[][][] BINARY_SHAPES = {
        {{3, 5}, {3, 5}}, {{3, 5}, {1, 5}}, {{3, 5}, {3, 1}}, {{1, 1}, {3, 5}}, {{1, 5}, {3, 5}}, {{3, 1}, {3, 5}}, {{4, 1}, {1, 1}},
        {{3, 5}, {1, 1}}, {{1, 1}, {1, 1}}};

    /** A random rows×cols operand; requiring a gradient unless constant; positive for divisors and logarithms. */
    private static Tensor random(SplittableRandom random, int rows, int cols, boolean positive, boolean constant) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = positive ? random.nextDouble(0.1, 4) : random.nextDouble(-2, 2);
        }
        return constant ? Tensor.constant(rows, cols, values) : Tensor.of(rows, cols, values);
    }

    /** One way to build a node from a seeded source, with its operands' requirement of a gradient chosen by a mask. */
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
                for (int constants : new int[] {0, 1, 2}) {
                    examples.add(new Example(op.getKey() + " " + shapes[0][0] + "x" + shapes[0][1] + " by " + shapes[1][0] + "x"
                            + shapes[1][1] + (constants == 1 ? ", left constant" : constants == 2 ? ", right constant" : ""),
                            random -> op.getValue().apply(random(random, shapes[0][0], shapes[0][1], false, constants == 1),
                                    random(random, shapes[1][0], shapes[1][1], true, constants == 2))));
                }
            }
        }
        for (int[] shape : new int[][] {{3, 5}, {1, 7}, {6, 1}, {1, 1}}) {
            int rows = shape[0];
            int cols = shape[1];
            String of = " of " + rows + "x" + cols;
            examples.add(new Example("add constant" + of, random -> random(random, rows, cols, false, false).add(0.75)));
            examples.add(new Example("mul constant" + of, random -> random(random, rows, cols, false, false).mul(-1.5)));
            examples.add(new Example("div constant" + of, random -> random(random, rows, cols, false, false).div(-0.3)));
            examples.add(new Example("neg" + of, random -> random(random, rows, cols, false, false).neg()));
            for (double n : new double[] {0, 1, 2, 3, -1.5, 0.5}) {
                examples.add(new Example("pow " + n + of, random -> random(random, rows, cols, true, false).pow(n)));
            }
            examples.add(new Example("exp" + of, random -> random(random, rows, cols, false, false).exp()));
            examples.add(new Example("log" + of, random -> random(random, rows, cols, true, false).log()));
            examples.add(new Example("tanh" + of, random -> random(random, rows, cols, false, false).tanh()));
            examples.add(new Example("relu" + of, random -> random(random, rows, cols, false, false).relu()));
            examples.add(new Example("sigmoid" + of, random -> random(random, rows, cols, false, false).sigmoid()));
            examples.add(new Example("transpose" + of, random -> random(random, rows, cols, false, false).transpose()));
            examples.add(new Example("sum" + of, random -> random(random, rows, cols, false, false).sum()));
            examples.add(new Example("mean" + of, random -> random(random, rows, cols, false, false).mean()));
            examples.add(new Example("first column" + of, random -> random(random, rows, cols, false, false).column(0)));
            examples.add(new Example("last column" + of, random -> random(random, rows, cols, false, false).column(cols - 1)));
            examples.add(new Example("sumRows" + of, random -> random(random, rows, cols, false, false).sumRows()));
            examples.add(new Example("sumCols" + of, random -> random(random, rows, cols, false, false).sumCols()));
            for (int constants : new int[] {0, 1, 2}) {
                String which = constants == 1 ? ", first constant" : constants == 2 ? ", second constant" : "";
                examples.add(new Example("tanh gradient" + of + which, random -> ElementwiseOp.TANH_GRADIENT.apply(
                        random(random, rows, cols, false, constants == 1), random(random, rows, cols, false, constants == 2))));
            }
            for (int constants : new int[] {0, 1, 2}) {
                String which = constants == 1 ? ", first constant" : constants == 2 ? ", second constant" : "";
                examples.add(new Example("where positive" + of + which, random -> ElementwiseOp.WHERE_POSITIVE.apply(
                        random(random, rows, cols, false, constants == 1), random(random, rows, cols, false, constants == 2))));
            }
            for (int constants : new int[] {0, 1, 2, 4, 3, 6}) {
                String which = constants == 0 ? "" : ", constants " + constants;
                examples.add(new Example("scaled product" + of + which, random -> ElementwiseOp.SCALED_PRODUCT.apply(
                        random(random, rows, cols, false, (constants & 1) != 0), random(random, rows, cols, false, (constants & 2) != 0),
                        random(random, rows, cols, false, (constants & 4) != 0), -2.5)));
            }
        }
        for (int[] mkn : new int[][] {{3, 4, 5}, {1, 1, 1}, {1, 6, 1}, {7, 1, 2}}) {
            for (int constants : new int[] {0, 1, 2}) {
                examples.add(new Example("matmul " + mkn[0] + "x" + mkn[1] + " by " + mkn[1] + "x" + mkn[2] + " constants " + constants,
                        random -> random(random, mkn[0], mkn[1], false, constants == 1).matmul(random(random, mkn[1], mkn[2], false, constants == 2))));
                examples.add(new Example("matmul " + mkn[0] + "x" + mkn[1] + " by (" + mkn[2] + "x" + mkn[1] + ")ᵀ constants " + constants,
                        random -> ProductOp.MATMUL_TRANSPOSED_B.apply(random(random, mkn[0], mkn[1], false, constants == 1),
                                random(random, mkn[2], mkn[1], false, constants == 2))));
                examples.add(new Example("matmul (" + mkn[1] + "x" + mkn[0] + ")ᵀ by " + mkn[1] + "x" + mkn[2] + " constants " + constants,
                        random -> ProductOp.MATMUL_TRANSPOSED_A.apply(random(random, mkn[1], mkn[0], false, constants == 1),
                                random(random, mkn[1], mkn[2], false, constants == 2))));
            }
        }
        List<Map.Entry<String, Linear>> layers = List.of(Map.entry("linear", Tensor::linear), Map.entry("linearTanh", Tensor::linearTanh),
                Map.entry("linearSigmoid", Tensor::linearSigmoid), Map.entry("linearRelu", Tensor::linearRelu));
        for (Map.Entry<String, Linear> layer : layers) {
            for (int[] sizes : new int[][] {{5, 3, 4}, {1, 1, 1}, {7, 2, 1}}) {
                for (int constants : new int[] {0, 1, 2, 4, 6}) {
                    examples.add(new Example(layer.getKey() + " batch " + sizes[0] + ", " + sizes[1] + " to " + sizes[2] + " constants " + constants,
                            random -> layer.getValue().apply(random(random, sizes[0], sizes[1], false, (constants & 1) != 0),
                                    random(random, sizes[2], sizes[1], false, (constants & 2) != 0),
                                    random(random, 1, sizes[2], false, (constants & 4) != 0))));
                }
            }
        }
        return examples;
    }

    private interface Linear {
        Tensor apply(Tensor x, Tensor weight, Tensor bias);
    }

    static Stream<Arguments> everyExampleWithASeed() {
        SplittableRandom seeds = new SplittableRandom(18);
        return examples().stream().map(example -> Arguments.of(example, seeds.nextLong()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyExampleWithASeed")
    void theDifferentiableRuleGivesTheNumbersOfTheFastRule(Example example, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor out = example.node().apply(random);
        double[] upstream = new double[out.size()];
        for (int i = 0; i < upstream.length; i++) {
            upstream[i] = random.nextDouble(-3, 3);
        }
        assertBothRulesGive(example, out, upstream);
    }

    /**
     * An upstream gradient that is ±∞ or NaN in places (a loss that overflowed) meets the same rules: where the fast
     * rule sends nothing to an element (a closed ReLU, the columns that {@code column(j)} did not take) the
     * differentiable rule must send nothing either, not 0 · ∞ = NaN; elsewhere both forms give the same NaN or ±∞.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyExampleWithASeed")
    void theDifferentiableRuleGivesTheNumbersOfTheFastRuleWhenTheUpstreamGradientIsNotFinite(Example example, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor out = example.node().apply(random);
        double[] upstream = new double[out.size()];
        double[] specials = {Double.POSITIVE_INFINITY, Double.NaN, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < upstream.length; i++) {
            upstream[i] = i % 2 == 0 ? specials[(i / 2) % 3] : random.nextDouble(-3, 3);
        }
        assertBothRulesGive(example, out, upstream);
    }

    /** Runs out's fast rule and its differentiable rule on one upstream gradient and compares what each operand gets. */
    private static void assertBothRulesGive(Example example, Tensor out, double[] upstream) {
        Tensor[] operands = {out.a, out.b, out.c};
        int wanted = 0;
        for (int k = 0; k < 3; k++) {
            if (operands[k] != null && operands[k].requiresGrad()) {
                wanted |= 1 << k;
            }
        }
        System.arraycopy(upstream, 0, out.gradBuffer().data, 0, upstream.length);
        out.op.backward(out);
        Tensor[] parts = out.op.gradient(out, Tensor.constant(out.rows(), out.cols(), upstream), wanted);
        boolean exact = SAME_ARITHMETIC.contains(out.op);
        for (int k = 0; k < 3; k++) {
            Tensor operand = operands[k];
            if (operand == null || !operand.requiresGrad()) {
                continue;
            }
            double[] fast = operand.gradBuffer().data;
            Tensor part = parts[k];
            String what = example + ", operand " + k;
            if (part == null) {
                for (int i = 0; i < operand.size(); i++) {
                    assertEquals(0.0, fast[i], 0.0, what + ": no differentiable part, so the fast rule adds 0 at " + i);
                }
                continue;
            }
            assertEquals(operand.rows(), part.rows(), what + " rows");
            assertEquals(operand.cols(), part.cols(), what + " cols");
            for (int i = 0; i < operand.size(); i++) {
                double expected = fast[i];
                double actual = 0.0 + part.data.data[i];   // what adding it into a zero buffer gives: −0 becomes 0, as in the fast rule
                if (exact) {
                    assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual), what + " at " + i + ": " + expected + " vs " + actual);
                } else if (!Double.isFinite(expected) || !Double.isFinite(actual)) {
                    assertEquals(expected, actual, what + " at " + i + ": " + expected + " vs " + actual);
                } else {
                    assertTrue(Math.abs(expected - actual) <= 1e-12 * Math.max(1, Math.abs(expected)),
                            what + " at " + i + ": " + expected + " vs " + actual);
                }
            }
        }
    }

    @Test
    void theExamplesCoverEveryOperation() {
        Set<TensorOp> covered = new HashSet<>();
        SplittableRandom random = new SplittableRandom(1);
        for (Example example : examples()) {
            covered.add(example.node().apply(random).op);
        }
        assertEquals(EveryOp.all(), covered);
    }

    @Test
    void anOverflowedGradientGivesNothingToAClosedReluOrAColumnNotTakenAsBackwardAndValueDo() {
        double[] xs = {-1.0, 0.0, 2.0};
        Tensor x = Tensor.of(1, 3, xs);
        x.relu().mul(Double.POSITIVE_INFINITY).sum().backward();
        Tensor dx = Tensor.of(1, 3, xs);
        DMatrixRMaj gradient = dx.relu().mul(Double.POSITIVE_INFINITY).sum().gradient(dx).data;
        assertEquals(List.of(0.0, 0.0, Double.POSITIVE_INFINITY), List.of(x.grad().data[0], x.grad().data[1], x.grad().data[2]));
        assertEquals(List.of(0.0, 0.0, Double.POSITIVE_INFINITY), List.of(gradient.data[0], gradient.data[1], gradient.data[2]),
                "relu(x)·∞ at x = −1, 0, 2: PyTorch's torch.autograd.grad gives 0, 0, ∞ too");

        Tensor m = Tensor.of(2, 2, 1.0, 2.0, 3.0, 4.0);
        DMatrixRMaj column = m.column(1).mul(Tensor.constant(2, 1, Double.NaN, 1.0)).sum().gradient(m).data;
        assertEquals(List.of(0.0, Double.NaN, 0.0, 1.0), List.of(column.data[0], column.data[1], column.data[2], column.data[3]));
    }

    @Test
    void theSelectionSendsTheGradientWhereItsStepIsAbove0AndNothingAtOrBelow() {
        Tensor step = Tensor.constant(1, 5, -1.0, 0.0, -0.0, Double.NaN, 2.0);
        Tensor a = Tensor.of(1, 5, 5.0, 6.0, 7.0, 8.0, 9.0);
        Tensor selected = ElementwiseOp.WHERE_POSITIVE.apply(a, step);
        assertArrayEquals(new double[] {0, 0, 0, 0, 9}, selected.data.data);
        selected.mul(3.0).sum().backward();   // a's gradient written by this rule alone
        assertArrayEquals(new double[] {0, 0, 0, 0, 3}, a.grad().data);

        Tensor b = Tensor.of(1, 5, 5.0, 6.0, 7.0, 8.0, 9.0);
        ElementwiseOp.WHERE_POSITIVE.apply(b, step).mul(3.0).add(b).sum().backward();   // add's share is in b's gradient first
        assertArrayEquals(new double[] {1, 1, 1, 1, 4}, b.grad().data);
    }

    @Test
    void theReluMaskIsAConstantSoItsSecondDerivativeIsZero() {
        Tensor x = Tensor.of(1, 3, -1.0, 0.0, 2.0);
        Tensor dx = x.relu().mul(x).sum().gradient(x);
        assertEquals(0.0, dx.data.data[0], 0.0);
        assertEquals(0.0, dx.data.data[1], 0.0);
        assertEquals(4.0, dx.data.data[2], 0.0);
        DMatrixRMaj second = dx.sum().gradient(x).data;
        assertEquals(0.0, second.data[0], 0.0);
        assertEquals(0.0, second.data[1], 0.0);
        assertEquals(2.0, second.data[2], 0.0);
    }
}
