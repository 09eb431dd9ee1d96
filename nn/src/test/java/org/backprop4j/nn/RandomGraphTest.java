package org.backprop4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.backprop4j.scalar.Arithmetic;
import org.backprop4j.scalar.PlainArithmetic;
import org.backprop4j.scalar.Value;
import org.backprop4j.scalar.ValueArithmetic;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random expression graphs — every operation, random shapes, every broadcasting form, matrix
 * products and reductions — run through the tensor engine, through {@link Value} element by element,
 * and through plain doubles: values agree to 1e−12, the two engines' gradients agree, and the only
 * failures are the documented shape exceptions.
 */
class RandomGraphTest {

    /** A matrix of any engine's numbers, row-major. */
    record Mat<T>(int rows, int cols, List<T> cells) {
        T at(int i, int j) {
            return cells.get((rows == 1 ? 0 : i) * cols + (cols == 1 ? 0 : j));
        }
    }

    /** One node of the program, evaluated three ways. */
    record Node(Tensor tensor, Mat<Value> values, Mat<Double> plain) {
    }

    static Stream<Long> seeds() {
        return IntStream.range(0, 150).mapToObj(i -> 1000L + i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void threeWaysAgree(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int m = 1 + random.nextInt(4);
        int n = 1 + random.nextInt(4);
        List<Node> nodes = new ArrayList<>();
        List<Node> leaves = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            int[][] forms = {{m, n}, {1, n}, {m, 1}, {1, 1}};
            int[] shape = forms[random.nextInt(forms.length)];
            double[] data = random.doubles(shape[0] * shape[1], -2, 2).toArray();
            Node leaf = new Node(Tensor.of(shape[0], shape[1], data), mat(shape, data, Value::of), mat(shape, data, d -> d));
            leaves.add(leaf);
            nodes.add(leaf);
        }
        for (int step = 0; step < 14; step++) {
            Node a = nodes.get(random.nextInt(nodes.size()));
            Node b = nodes.get(random.nextInt(nodes.size()));
            int op = random.nextInt(26);
            Node next;
            try {
                next = apply(op, a, b);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().contains("cannot broadcast") || e.getMessage().contains("matmul: cannot multiply"),
                        "only the documented shape errors: " + e.getMessage());
                assertTrue(!compatible(op, a.tensor(), b.tensor()), "refused a valid pair: " + e.getMessage());
                continue;
            }
            assertTrue(compatible(op, a.tensor(), b.tensor()) || op < 16, "accepted an invalid pair");
            nodes.add(next);
        }
        Node last = nodes.get(nodes.size() - 1);
        assertAgree(last);
        if (!last.tensor().requiresGrad()) {
            return;
        }
        Tensor loss = last.tensor().sum();
        loss.backward();
        Value total = null;
        for (Value v : last.values().cells()) {
            total = total == null ? v : total.add(v);
        }
        total.backward();
        for (Node leaf : leaves) {
            for (int i = 0; i < leaf.tensor().rows() * leaf.tensor().cols(); i++) {
                double expected = leaf.values().cells().get(i).grad();
                double actual = leaf.tensor().grad().data[i];
                assertEquals(expected, actual, 1e-10 * Math.max(1, Math.abs(expected)), "seed " + seed + " gradient " + i);
            }
        }
    }

    private static boolean compatible(int op, Tensor a, Tensor b) {
        if (op == 25) {
            return a.cols() == b.rows();
        }
        boolean same = a.rows() == b.rows() && a.cols() == b.cols();
        boolean scalar = a.rows() * a.cols() == 1 || b.rows() * b.cols() == 1;
        boolean row = (b.rows() == 1 && b.cols() == a.cols()) || (a.rows() == 1 && a.cols() == b.cols());
        boolean column = (b.cols() == 1 && b.rows() == a.rows()) || (a.cols() == 1 && a.rows() == b.rows());
        return same || scalar || row || column;
    }

    private static void assertAgree(Node node) {
        Tensor t = node.tensor();
        assertEquals(t.rows(), node.plain().rows());
        assertEquals(t.cols(), node.plain().cols());
        for (int i = 0; i < t.rows() * t.cols(); i++) {
            double plain = node.plain().cells().get(i);
            assertEquals(plain, t.data().data[i], 1e-12 * Math.max(1, Math.abs(plain)), "tensor vs plain doubles");
            assertEquals(plain, node.values().cells().get(i).data(), 1e-12 * Math.max(1, Math.abs(plain)), "Value vs plain doubles");
        }
    }

    private static <T> Mat<T> mat(int[] shape, double[] data, java.util.function.DoubleFunction<T> wrap) {
        List<T> cells = new ArrayList<>();
        for (double d : data) {
            cells.add(wrap.apply(d));
        }
        return new Mat<>(shape[0], shape[1], cells);
    }

    private static Node apply(int op, Node a, Node b) {
        Tensor ta = a.tensor();
        Tensor tb = b.tensor();
        switch (op) {
            case 0: return new Node(ta.neg(), map(a.values(), x -> x.neg()), map(a.plain(), x -> -x));
            case 1: return unary(a, ta.tanh(), Arithmetic::tanh);
            case 2: return unary(a, ta.relu(), Arithmetic::relu);
            case 3: return unary(a, ta.sigmoid(), Arithmetic::sigmoid);
            case 4: return unary(a, ta.mul(0.3).exp(), RandomGraphTest::scaledExp);
            case 5: return unary(a, ta.mul(ta).add(0.5).log(), RandomGraphTest::safeLog);
            case 6: return unary(a, ta.pow(2), RandomGraphTest::square);
            case 7: return unary(a, ta.pow(3), RandomGraphTest::cube);
            case 8: return unary(a, ta.mul(ta).add(1).pow(0.5), RandomGraphTest::safeSqrt);
            case 9: return unary(a, ta.add(1.5).sub(0.25), RandomGraphTest::shift);
            case 10: return unary(a, ta.mul(-0.7).div(3.0), RandomGraphTest::scale);
            case 11: return structural(a, ta.transpose(), Structure.TRANSPOSE);
            case 12: return structural(a, ta.sum(), Structure.SUM);
            case 13: return structural(a, ta.mean(), Structure.MEAN);
            case 14: return structural(a, ta.sumRows(), Structure.ROWS);
            case 15: return structural(a, ta.sumCols(), Structure.COLS);
            case 16: case 17: return binary(a, b, ta.add(tb), Arithmetic::add);
            case 18: case 19: return binary(a, b, ta.sub(tb), Arithmetic::sub);
            case 20: case 21: return binary(a, b, ta.mul(tb), Arithmetic::mul);
            case 22: case 23: case 24: return binary(a, b, ta.div(tb.mul(tb).add(1)), RandomGraphTest::safeDiv);
            default: return matmul(a, b, ta.matmul(tb));
        }
    }

    private static <T> T scaledExp(Arithmetic<T> o, T x) {
        return o.exp(o.mul(x, 0.3));
    }

    private static <T> T safeLog(Arithmetic<T> o, T x) {
        return o.log(o.add(o.mul(x, x), 0.5));
    }

    private static <T> T square(Arithmetic<T> o, T x) {
        return o.pow(x, 2);
    }

    private static <T> T cube(Arithmetic<T> o, T x) {
        return o.pow(x, 3);
    }

    private static <T> T safeSqrt(Arithmetic<T> o, T x) {
        return o.pow(o.add(o.mul(x, x), 1.0), 0.5);
    }

    private static <T> T shift(Arithmetic<T> o, T x) {
        return o.sub(o.add(x, 1.5), 0.25);
    }

    private static <T> T scale(Arithmetic<T> o, T x) {
        return o.div(o.mul(x, -0.7), 3.0);
    }

    private static <T> T safeDiv(Arithmetic<T> o, T x, T y) {
        return o.div(x, o.add(o.mul(y, y), 1.0));
    }

    interface Unary {
        <T> T apply(Arithmetic<T> o, T x);
    }

    interface Binary {
        <T> T apply(Arithmetic<T> o, T x, T y);
    }

    private static <T> Mat<T> map(Mat<T> a, java.util.function.UnaryOperator<T> f) {
        List<T> cells = new ArrayList<>();
        for (T t : a.cells()) {
            cells.add(f.apply(t));
        }
        return new Mat<>(a.rows(), a.cols(), cells);
    }

    private static Node unary(Node a, Tensor t, Unary f) {
        return new Node(t, map(a.values(), x -> f.apply(ValueArithmetic.INSTANCE, x)),
                map(a.plain(), x -> f.apply(PlainArithmetic.INSTANCE, x)));
    }

    private static <T> Mat<T> zip(Mat<T> a, Mat<T> b, int rows, int cols, Arithmetic<T> o, Binary f) {
        List<T> cells = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                cells.add(f.apply(o, a.at(i, j), b.at(i, j)));
            }
        }
        return new Mat<>(rows, cols, cells);
    }

    private static Node binary(Node a, Node b, Tensor t, Binary f) {
        return new Node(t, zip(a.values(), b.values(), t.rows(), t.cols(), ValueArithmetic.INSTANCE, f),
                zip(a.plain(), b.plain(), t.rows(), t.cols(), PlainArithmetic.INSTANCE, f));
    }

    enum Structure { TRANSPOSE, SUM, MEAN, ROWS, COLS }

    private static <T> Mat<T> restructure(Mat<T> a, Structure s, Arithmetic<T> o) {
        List<T> cells = new ArrayList<>();
        switch (s) {
            case TRANSPOSE:
                for (int j = 0; j < a.cols(); j++) {
                    for (int i = 0; i < a.rows(); i++) {
                        cells.add(a.cells().get(i * a.cols() + j));
                    }
                }
                return new Mat<>(a.cols(), a.rows(), cells);
            case SUM:
            case MEAN:
                T total = a.cells().get(0);
                for (int k = 1; k < a.cells().size(); k++) {
                    total = o.add(total, a.cells().get(k));
                }
                cells.add(s == Structure.SUM ? total : o.mul(total, 1.0 / a.cells().size()));
                return new Mat<>(1, 1, cells);
            case ROWS:
                for (int i = 0; i < a.rows(); i++) {
                    T row = a.cells().get(i * a.cols());
                    for (int j = 1; j < a.cols(); j++) {
                        row = o.add(row, a.cells().get(i * a.cols() + j));
                    }
                    cells.add(row);
                }
                return new Mat<>(a.rows(), 1, cells);
            default:
                for (int j = 0; j < a.cols(); j++) {
                    T col = a.cells().get(j);
                    for (int i = 1; i < a.rows(); i++) {
                        col = o.add(col, a.cells().get(i * a.cols() + j));
                    }
                    cells.add(col);
                }
                return new Mat<>(1, a.cols(), cells);
        }
    }

    private static Node structural(Node a, Tensor t, Structure s) {
        return new Node(t, restructure(a.values(), s, ValueArithmetic.INSTANCE), restructure(a.plain(), s, PlainArithmetic.INSTANCE));
    }

    private static <T> Mat<T> product(Mat<T> a, Mat<T> b, Arithmetic<T> o) {
        List<T> cells = new ArrayList<>();
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < b.cols(); j++) {
                T s = o.mul(a.cells().get(i * a.cols()), b.cells().get(j));
                for (int k = 1; k < a.cols(); k++) {
                    s = o.add(s, o.mul(a.cells().get(i * a.cols() + k), b.cells().get(k * b.cols() + j)));
                }
                cells.add(s);
            }
        }
        return new Mat<>(a.rows(), b.cols(), cells);
    }

    private static Node matmul(Node a, Node b, Tensor t) {
        return new Node(t, product(a.values(), b.values(), ValueArithmetic.INSTANCE), product(a.plain(), b.plain(), PlainArithmetic.INSTANCE));
    }
}
