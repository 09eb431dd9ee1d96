package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Second and third derivatives through every tensor operation and broadcast rule against PyTorch
 * 1.13 in float64: gradients, Hessian-vector products, third derivatives contracted twice and, for
 * the small cases, whole Hessians (mixed partials included). The reference values are
 * {@code higher_order_reference.txt}, printed by {@code higher_order_reference.py} beside it
 * (torch.autograd.grad with create_graph=True, torch.autograd.functional.hessian); each case here is
 * the same function, input for input.
 */
class HigherOrderReferenceTest {

    /** Agreement with PyTorch: relative to the largest reference value of the vector compared. */
    private static final double TOLERANCE = 1e-12;

    /** A case: the shapes of its inputs (rows, cols, positive) and the function. */
    private record Case(String name, int[][] shapes, Function<Tensor[], Tensor> f) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("broadcast", new int[][] {{3, 4, 0}, {1, 4, 0}, {3, 1, 1}, {1, 1, 0}}, x -> {
                    Tensor a = x[0];
                    Tensor r = x[1];
                    Tensor c = x[2];
                    Tensor s = x[3];
                    return a.mul(r).add(c).tanh().mul(a.sub(s)).div(r.mul(r).add(1))
                            .add(s.sub(a).mul(c.div(a.mul(a).add(1)))).sub(r.div(a.mul(c).add(2))).sum();
                }),
                new Case("constants", new int[][] {{2, 3, 0}}, x -> {
                    Tensor a = x[0];
                    return a.add(0.5).mul(-1.5).div(0.7).neg().pow(3).mean().add(a.mul(a).add(1).pow(-1.5).sum())
                            .add(a.mul(a).add(1).pow(0.5).log().sum()).add(a.sub(0.25).exp().sum()).add(a.pow(2).sum());
                }),
                new Case("unary", new int[][] {{3, 2, 0}, {3, 2, 0}},
                        x -> x[0].sigmoid().mul(x[1].relu()).exp().sum().add(x[0].mul(x[1]).tanh().pow(2).mean())),
                new Case("reductions", new int[][] {{3, 4, 0}, {4, 2, 0}},
                        x -> x[0].matmul(x[1]).transpose().matmul(x[0]).tanh().sumRows().pow(2).sum()
                                .add(x[0].column(1).exp().mean()).add(x[0].sumCols().sigmoid().sum())),
                new Case("layers", new int[][] {{5, 3, 0}, {4, 3, 0}, {1, 4, 0}, {3, 4, 0}, {1, 3, 1}, {2, 3, 0}, {1, 2, 0}, {1, 2, 0}, {1, 1, 0}},
                        x -> x[0].linearTanh(x[1], x[2]).linearRelu(x[3], x[4]).linearSigmoid(x[5], x[6]).linear(x[7], x[8]).pow(2).mean()));
    }

    private static Map<String, double[]> references() throws IOException {
        Map<String, double[]> values = new HashMap<>();
        try (InputStream in = HigherOrderReferenceTest.class.getResourceAsStream("higher_order_reference.txt")) {
            assertNotNull(in, "higher_order_reference.txt is missing");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] words = line.split(" ");
                if (!words[0].equals("torch")) {
                    values.put(words[0] + " " + words[1], Arrays.stream(words, 2, words.length).mapToDouble(Double::parseDouble).toArray());
                }
            }
        }
        return values;
    }

    private static Tensor[] inputs(int[][] shapes) {
        Tensor[] inputs = new Tensor[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            double[] values = new double[shapes[i][0] * shapes[i][1]];
            for (int k = 0; k < values.length; k++) {
                values[k] = 0.5 * Math.sin(k + 1 + 10 * i) + (shapes[i][2] == 1 ? 1.2 : 0);
            }
            inputs[i] = Tensor.of(shapes[i][0], shapes[i][1], values);
        }
        return inputs;
    }

    /** The flattened values of the tensors, in order. */
    private static double[] flat(List<Tensor> tensors) {
        return tensors.stream().flatMapToDouble(t -> Arrays.stream(t.toArray()).flatMapToDouble(Arrays::stream)).toArray();
    }

    /** Σᵢ ⟨tᵢ, the slice of direction of tᵢ's shape⟩, as a 1×1 tensor: the directional derivative's output. */
    private static Tensor dot(List<Tensor> tensors, double[] direction) {
        Tensor total = null;
        int k = 0;
        for (Tensor t : tensors) {
            int n = t.rows() * t.cols();
            Tensor term = t.mul(Tensor.constant(t.rows(), t.cols(), Arrays.copyOfRange(direction, k, k + n))).sum();
            total = total == null ? term : total.add(term);
            k += n;
        }
        return total;
    }

    private static void assertClose(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = Arrays.stream(expected).map(Math::abs).max().orElse(0);
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            int index = i;
            assertTrue(Math.abs(e - a) <= TOLERANCE * scale, () -> what + " at " + index + ": PyTorch " + e + ", here " + a);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void secondAndThirdDerivativesAgreeWithPyTorch(Case c) throws IOException {
        Map<String, double[]> reference = references();
        Tensor[] x = inputs(c.shapes());
        List<Tensor> xs = List.of(x);
        Tensor value = c.f().apply(x);
        assertClose(c + " value", reference.get(c.name() + " value"), new double[] {value.item()});
        List<Tensor> gradient = value.gradients(xs);
        assertClose(c + " gradient", reference.get(c.name() + " gradient"), flat(gradient));
        int n = flat(gradient).length;
        double[] v = new double[n];
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = 0.3 * Math.cos(k + 1);
            w[k] = 0.2 * Math.sin(2 * k + 1);
        }
        List<Tensor> hvp = dot(gradient, v).gradients(xs);
        assertClose(c + " Hessian-vector product", reference.get(c.name() + " hvp"), flat(hvp));
        List<Tensor> third = dot(hvp, w).gradients(xs);
        assertClose(c + " third derivative", reference.get(c.name() + " third"), flat(third));
        double[] hessian = reference.get(c.name() + " hessian");
        if (hessian != null) {
            List<Double> rows = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                double[] unit = new double[n];
                unit[k] = 1;
                for (double h : flat(dot(gradient, unit).gradients(xs))) {
                    rows.add(h);
                }
            }
            assertClose(c + " Hessian", hessian, rows.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    /**
     * The Hessian-vector product agrees with the central difference of the gradient along v:
     * (∇f(x + hv) − ∇f(x − hv)) / 2h, element by element.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theHessianVectorProductIsTheCentralDifferenceOfTheGradient(Case c) {
        Tensor[] x = inputs(c.shapes());
        List<Tensor> xs = List.of(x);
        List<Tensor> gradient = c.f().apply(x).gradients(xs);
        int n = flat(gradient).length;
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = 0.3 * Math.cos(k + 1);
        }
        double[] hvp = flat(dot(gradient, v).gradients(xs));
        double h = 1e-6;
        double[] plus = flat(shifted(c, v, h));
        double[] minus = flat(shifted(c, v, -h));
        for (int k = 0; k < n; k++) {
            double numeric = (plus[k] - minus[k]) / (2 * h);
            assertTrue(org.backprop4j.scalar.CentralDifference.agrees(hvp[k], numeric), c + " element " + k + ": " + hvp[k] + " vs " + numeric);
        }
    }

    /** The gradient of the case's function at x + t·v. */
    private static List<Tensor> shifted(Case c, double[] v, double t) {
        Tensor[] x = inputs(c.shapes());
        int k = 0;
        for (Tensor input : x) {
            double[] values = input.data().data;
            for (int i = 0; i < input.rows() * input.cols(); i++, k++) {
                values[i] += t * v[k];
            }
        }
        return c.f().apply(x).gradients(List.of(x));
    }
}
