package org.backprop4j.tensor;

import static org.backprop4j.tensor.Gradients.weightedSum;
import static org.backprop4j.tensor.RandomTensors.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Central-difference checks of every tensor operation, at seeded random shapes and every broadcasting form. */
class GradientCheckTest {

    static Stream<Arguments> unary() {
        return Stream.of(
                Arguments.of("neg", (UnaryOperator<Tensor>) Tensor::neg, -3.0, 3.0),
                Arguments.of("add constant", (UnaryOperator<Tensor>) t -> t.add(1.5), -3.0, 3.0),
                Arguments.of("sub constant", (UnaryOperator<Tensor>) t -> t.sub(1.5), -3.0, 3.0),
                Arguments.of("mul constant", (UnaryOperator<Tensor>) t -> t.mul(-2.5), -3.0, 3.0),
                Arguments.of("div constant", (UnaryOperator<Tensor>) t -> t.div(4.0), -3.0, 3.0),
                Arguments.of("square", (UnaryOperator<Tensor>) t -> t.pow(2), -3.0, 3.0),
                Arguments.of("cube", (UnaryOperator<Tensor>) t -> t.pow(3), -3.0, 3.0),
                Arguments.of("sqrt", (UnaryOperator<Tensor>) t -> t.pow(0.5), 0.5, 4.0),
                Arguments.of("reciprocal", (UnaryOperator<Tensor>) t -> t.pow(-1), 0.5, 4.0),
                Arguments.of("exp", (UnaryOperator<Tensor>) Tensor::exp, -3.0, 3.0),
                Arguments.of("log", (UnaryOperator<Tensor>) Tensor::log, 0.1, 5.0),
                Arguments.of("tanh", (UnaryOperator<Tensor>) Tensor::tanh, -3.0, 3.0),
                Arguments.of("relu", (UnaryOperator<Tensor>) Tensor::relu, -3.0, 3.0),
                Arguments.of("sigmoid", (UnaryOperator<Tensor>) Tensor::sigmoid, -6.0, 6.0),
                Arguments.of("transpose", (UnaryOperator<Tensor>) Tensor::transpose, -3.0, 3.0),
                Arguments.of("column", (UnaryOperator<Tensor>) t -> t.column(t.cols() - 1), -3.0, 3.0),
                Arguments.of("sumRows", (UnaryOperator<Tensor>) Tensor::sumRows, -3.0, 3.0),
                Arguments.of("sumCols", (UnaryOperator<Tensor>) Tensor::sumCols, -3.0, 3.0),
                Arguments.of("sum", (UnaryOperator<Tensor>) Tensor::sum, -3.0, 3.0),
                Arguments.of("mean", (UnaryOperator<Tensor>) Tensor::mean, -3.0, 3.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unary")
    void unaryOperation(String name, UnaryOperator<Tensor> op, double low, double high) {
        SplittableRandom random = new SplittableRandom(name.hashCode());
        for (int trial = 0; trial < 4; trial++) {
            Tensor x = uniform(random, 1 + random.nextInt(4), 1 + random.nextInt(5), low, high);
            Gradients.check(() -> weightedSum(op.apply(x)), List.of(x));
        }
    }

    static Stream<Arguments> binary() {
        int[][] forms = {
            {3, 4, 3, 4}, {3, 4, 1, 4}, {1, 4, 3, 4}, {3, 4, 3, 1}, {3, 1, 3, 4},
            {3, 4, 1, 1}, {1, 1, 3, 4}, {1, 1, 1, 1}, {1, 5, 1, 1}, {5, 1, 1, 1}, {1, 5, 1, 5},
        };
        Stream.Builder<Arguments> all = Stream.builder();
        String[] names = {"add", "sub", "mul", "div"};
        List<BinaryOperator<Tensor>> ops = List.of(Tensor::add, Tensor::sub, Tensor::mul, Tensor::div);
        for (int o = 0; o < names.length; o++) {
            for (int[] form : forms) {
                all.add(Arguments.of(names[o], ops.get(o), form));
            }
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("binary")
    void binaryOperationInEveryBroadcastForm(String name, BinaryOperator<Tensor> op, int[] form) {
        SplittableRandom random = new SplittableRandom(31L * name.hashCode() + form[0] * 7 + form[2]);
        Tensor a = uniform(random, form[0], form[1], -3, 3);
        Tensor b = name.equals("div") ? uniform(random, form[2], form[3], 0.5, 3) : uniform(random, form[2], form[3], -3, 3);
        Gradients.check(() -> weightedSum(op.apply(a, b)), List.of(a, b));
    }

    /**
     * A product of a tensor by itself, a leaf's and a computed one's, and a layer whose input is its
     * own weight: backward writes the first contribution into a gradient the tensor does not have
     * yet with β = 0 and adds the second with β = 1 (on EJML at 3×3, with
     * a transposed operand too; at 8×8, 512 multiply-adds, on native code once it has loaded).
     */
    @Test
    void aProductOfATensorByItself() {
        SplittableRandom random = new SplittableRandom(53);
        for (int n : new int[] {3, 8}) {
            Tensor x = uniform(random, n, n, -1, 1);
            Gradients.check(() -> weightedSum(x.matmul(x)), List.of(x));
            Gradients.check(() -> {
                Tensor y = x.add(0.5);
                return weightedSum(y.matmul(y).add(y.matmul(y.transpose())));
            }, List.of(x));
            Tensor bias = uniform(random, 1, n, -1, 1);
            Gradients.check(() -> weightedSum(x.linearTanh(x, bias)), List.of(x, bias));
            Gradients.check(() -> {
                Tensor y = x.mul(x);
                return weightedSum(y.linear(y, bias));
            }, List.of(x, bias));
        }
    }

    @Test
    void matmulAndLinearAtRandomShapes() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 6; trial++) {
            int m = 1 + random.nextInt(4);
            int k = 1 + random.nextInt(4);
            int n = 1 + random.nextInt(4);
            Tensor a = uniform(random, m, k, -2, 2);
            Tensor b = uniform(random, k, n, -2, 2);
            Gradients.check(() -> weightedSum(a.matmul(b)), List.of(a, b));
            Tensor w = uniform(random, n, k, -2, 2);
            Tensor bias = uniform(random, 1, n, -2, 2);
            Gradients.check(() -> weightedSum(a.linear(w, bias)), List.of(a, w, bias));
        }
    }

    @Test
    void compositeMatchesHandDerivedGradients() {
        // L = sum(tanh(X·Wᵀ + b)²): with Y = tanh(Z), dL/dZ = 2Y(1 − Y²), dW = dZᵀ·X, db = colsum(dZ).
        SplittableRandom random = new SplittableRandom(11);
        Tensor x = Tensor.constant(uniform(random, 5, 3, -1, 1).toArray());
        Tensor w = uniform(random, 4, 3, -1, 1);
        Tensor b = uniform(random, 1, 4, -1, 1);
        Tensor viaMatmul = x.matmul(w.transpose()).add(b).tanh().pow(2).sum();
        viaMatmul.backward();
        double[] dwMatmul = w.grad().data.clone();
        double[] dbMatmul = b.grad().data.clone();
        w.zeroGrad();
        b.zeroGrad();
        Tensor viaLinear = x.linear(w, b).tanh().pow(2).sum();
        viaLinear.backward();
        assertEquals(viaMatmul.item(), viaLinear.item(), 1e-12);

        double[][] xs = x.toArray();
        double[][] ws = w.toArray();
        double[] bs = b.toArray()[0];
        double[][] dw = new double[4][3];
        double[] db = new double[4];
        double loss = 0;
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 4; j++) {
                double z = bs[j];
                for (int k = 0; k < 3; k++) {
                    z += xs[i][k] * ws[j][k];
                }
                double y = Math.tanh(z);
                loss += y * y;
                double dz = 2 * y * (1 - y * y);
                db[j] += dz;
                for (int k = 0; k < 3; k++) {
                    dw[j][k] += dz * xs[i][k];
                }
            }
        }
        assertEquals(loss, viaLinear.item(), 1e-12);
        for (int j = 0; j < 4; j++) {
            assertEquals(db[j], b.grad().data[j], 1e-12);
            assertEquals(db[j], dbMatmul[j], 1e-12);
            for (int k = 0; k < 3; k++) {
                assertEquals(dw[j][k], w.grad().get(j, k), 1e-12);
                assertEquals(dw[j][k], dwMatmul[j * 3 + k], 1e-12);
            }
        }
        assertNull(x.grad, "a constant input gets no gradient buffer, so no product was computed for it");
    }

    @Test
    void chainOfHundredThousandOperationsNeedsNoDeepStack() {
        Tensor x = Tensor.of(2, 2, 0.1, 0.2, 0.3, 0.4);
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) {
            y = y.mul(1.000001).add(1e-7);
        }
        y.sum().backward();
        assertEquals(Math.pow(1.000001, 100_000), x.grad().data[0], 1e-9);
    }
}
