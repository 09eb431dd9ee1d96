package org.backprop4j.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Second and third derivatives, mixed partials included, of random graphs of every operation, against
 * PyTorch float64 ({@code torch.autograd.grad(create_graph=True)} and
 * {@code torch.autograd.functional.hessian}), against central differences of the derivative one order
 * lower, and against this engine's own {@code backward()}.
 *
 * <p>The graphs and reference values are in {@code higher-order-reference.txt}, written by
 * {@code higher_order_reference.py} beside it (run once with PyTorch 1.13.0a0, Debian's python3-torch):
 * 45 graphs of 9 operations over three inputs, three built around each operation (it is every third
 * operation of the graph where its domain allows: three times in 44 graphs, once in one built around log).
 */
class HigherOrderReferenceTest {

    /** Relative to max(1, |reference|): the orders differ from PyTorch's only by rounding. */
    private static final double TOLERANCE = 1e-11;

    /** One graph of the reference file: its inputs, the operations that build it, PyTorch's derivatives. */
    record Graph(String name, double[] inputs, List<String[]> nodes, double value, double[] gradient, double[] hessian, double[] third) {
        @Override
        public String toString() {
            return name;
        }

        /** The graph built from Values over {@code xs}: the sum of the nodes no other node uses, as the script builds it. */
        Value build(List<Value> xs) {
            List<Value> current = new ArrayList<>(xs);
            Set<Integer> used = new TreeSet<>();
            for (String[] node : nodes) {
                int i = Integer.parseInt(node[1]);
                used.add(i);
                Value a = current.get(i);
                current.add(switch (node[0]) {
                    case "add", "sub", "mul", "div" -> {
                        int j = Integer.parseInt(node[2]);
                        used.add(j);
                        Value b = current.get(j);
                        yield switch (node[0]) {
                            case "add" -> a.add(b);
                            case "sub" -> a.sub(b);
                            case "mul" -> a.mul(b);
                            default -> a.div(b);
                        };
                    }
                    case "addc" -> a.add(Double.parseDouble(node[2]));
                    case "subc" -> a.sub(Double.parseDouble(node[2]));
                    case "mulc" -> a.mul(Double.parseDouble(node[2]));
                    case "divc" -> a.div(Double.parseDouble(node[2]));
                    case "pow" -> a.pow(Double.parseDouble(node[2]));
                    case "neg" -> a.neg();
                    case "exp" -> a.exp();
                    case "log" -> a.log();
                    case "tanh" -> a.tanh();
                    case "relu" -> a.relu();
                    case "sigmoid" -> a.sigmoid();
                    default -> throw new IllegalStateException("unknown operation " + node[0] + " in " + name);
                });
            }
            Value f = null;
            for (int k = xs.size(); k < current.size(); k++) {
                if (!used.contains(k)) {
                    f = f == null ? current.get(k) : f.add(current.get(k));
                }
            }
            return Objects.requireNonNull(f, name);
        }

        /** The operations used in this graph. */
        Set<String> operations() {
            Set<String> ops = new TreeSet<>();
            nodes.forEach(node -> ops.add(node[0]));
            return ops;
        }
    }

    static List<Graph> graphs() {
        InputStream stream = HigherOrderReferenceTest.class.getResourceAsStream("higher-order-reference.txt");
        Objects.requireNonNull(stream, "higher-order-reference.txt");
        List<Graph> graphs = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String name = null;
            double[] inputs = null;
            double value = 0;
            double[] gradient = null;
            double[] hessian = null;
            List<String[]> nodes = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] words = line.split(" ");
                switch (words[0]) {
                    case "graph" -> {
                        name = words[1];
                        nodes = new ArrayList<>();
                    }
                    case "inputs" -> inputs = numbers(words);
                    case "node" -> nodes.add(Arrays.copyOfRange(words, 1, words.length));
                    case "value" -> value = Double.parseDouble(words[1]);
                    case "gradient" -> gradient = numbers(words);
                    case "hessian" -> hessian = numbers(words);
                    case "third" -> graphs.add(new Graph(name, inputs, nodes, value, gradient, hessian, numbers(words)));
                    default -> {
                        // a comment line
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graphs;
    }

    private static double[] numbers(String[] words) {
        return Arrays.stream(words, 1, words.length).mapToDouble(Double::parseDouble).toArray();
    }

    private static List<Value> leaves(double[] inputs) {
        List<Value> xs = new ArrayList<>();
        for (double x : inputs) {
            xs.add(Value.of(x));
        }
        return xs;
    }

    /** The gradient, Hessian and third derivatives of a graph, each a flat array, by gradients of gradients. */
    record Derivatives(double value, double[] gradient, double[] hessian, double[] third) {
        static Derivatives of(Graph graph, double[] inputs) {
            List<Value> xs = leaves(inputs);
            Value f = graph.build(xs);
            List<Value> g = f.gradients(xs);
            double[] gradient = new double[3];
            double[] hessian = new double[9];
            double[] third = new double[27];
            for (int i = 0; i < 3; i++) {
                gradient[i] = g.get(i).data();
                List<Value> h = g.get(i).gradients(xs);
                for (int j = 0; j < 3; j++) {
                    hessian[3 * i + j] = h.get(j).data();
                    List<Value> t = h.get(j).gradients(xs);
                    for (int k = 0; k < 3; k++) {
                        third[9 * i + 3 * j + k] = t.get(k).data();
                    }
                }
            }
            return new Derivatives(f.data(), gradient, hessian, third);
        }
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE * Math.max(1, Math.abs(expected[i])), what + " [" + i + "]");
        }
    }

    @Test
    void theGraphsUseEveryOperationAndEveryKindOfExponent() {
        Set<String> ops = new TreeSet<>();
        Set<Double> exponents = new TreeSet<>();
        for (Graph graph : graphs()) {
            ops.addAll(graph.operations());
            graph.nodes().stream().filter(n -> n[0].equals("pow")).forEach(n -> exponents.add(Double.parseDouble(n[2])));
        }
        assertEquals(new TreeSet<>(List.of("add", "addc", "div", "divc", "exp", "log", "mul", "mulc", "neg", "pow", "relu",
                "sigmoid", "sub", "subc", "tanh")), ops);
        assertTrue(exponents.containsAll(List.of(-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0)), exponents.toString());
        assertEquals(45, graphs().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void secondAndThirdDerivativesAgreeWithPyTorch(Graph graph) {
        Derivatives d = Derivatives.of(graph, graph.inputs());
        assertEquals(graph.value(), d.value(), TOLERANCE * Math.max(1, Math.abs(graph.value())), "value");
        assertClose(graph.gradient(), d.gradient(), "gradient");
        assertClose(graph.hessian(), d.hessian(), "Hessian");
        assertClose(graph.third(), d.third(), "third derivatives");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void eachOrderIsTheCentralDifferenceOfTheOrderBelow(Graph graph) {
        Derivatives d = Derivatives.of(graph, graph.inputs());
        for (int k = 0; k < 3; k++) {
            double h = 1e-6 * Math.max(1, Math.abs(graph.inputs()[k]));
            double[] up = graph.inputs().clone();
            double[] down = graph.inputs().clone();
            up[k] += h;
            down[k] -= h;
            Derivatives above = Derivatives.of(graph, up);
            Derivatives below = Derivatives.of(graph, down);
            for (int i = 0; i < 3; i++) {
                double second = (above.gradient()[i] - below.gradient()[i]) / (2 * h);
                double analytic = d.hessian()[3 * i + k];
                assertTrue(CentralDifference.agrees(analytic, second), "d2f/dx" + i + "dx" + k + " " + analytic + " vs " + second);
                for (int j = 0; j < 3; j++) {
                    double third = (above.hessian()[3 * i + j] - below.hessian()[3 * i + j]) / (2 * h);
                    double analyticThird = d.third()[9 * i + 3 * j + k];
                    assertTrue(Math.abs(analyticThird - third) <= 1e-5 * Math.max(1, Math.abs(third)),
                            "d3f/dx" + i + "dx" + j + "dx" + k + " " + analyticThird + " vs " + third);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void firstDerivativesAreBackwardsNumbersToTheBit(Graph graph) {
        List<Value> xs = leaves(graph.inputs());
        Value f = graph.build(xs);
        List<Value> g = f.gradients(xs);
        f.backward();
        for (int i = 0; i < 3; i++) {
            assertEquals(xs.get(i).grad(), 0.0 + g.get(i).data(), "d/dx" + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void everyRunGivesTheSameBits(Graph graph) {
        Derivatives first = Derivatives.of(graph, graph.inputs());
        Derivatives second = Derivatives.of(graph, graph.inputs());
        for (double[][] pair : List.of(new double[][] {first.gradient(), second.gradient()},
                new double[][] {first.hessian(), second.hessian()}, new double[][] {first.third(), second.third()})) {
            assertTrue(Arrays.equals(pair[0], pair[1]), graph.name());
        }
    }
}
