package org.backprop4j.scalar;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link Value} graph in Graphviz DOT, as the lecture's {@code draw_dot} draws it: each
 * value a record {@code { label | data 2.0000 | grad 0.5000 }}, each operation a small node of its
 * own pointing at its result, left to right from inputs to output. The constant exponent of a
 * power is shown in its operation ({@code **-1}), not as a value, unless the graph also uses that
 * leaf as an ordinary operand (taken from {@code operands()}), where it is drawn as any value is.
 */
final class Dot {

    private Dot() {
    }

    /** The DOT text of the graph beneath {@code root}. */
    static String of(Value root) {
        Map<Value, Integer> ids = new IdentityHashMap<>();
        Value[] order = root.topologicalOrder();
        Map<Value, Boolean> exponents = new IdentityHashMap<>();
        for (Value node : order) {
            if (node.op().equals("**")) {
                exponents.put(node.operands().get(1), Boolean.TRUE);
            }
        }
        for (Value node : order) {
            List<Value> operands = node.operands();
            for (Value operand : node.op().equals("**") ? operands.subList(0, 1) : operands) {
                exponents.remove(operand);   // also an ordinary operand: drawn as a value, edges to it need its id
            }
        }
        StringBuilder dot = new StringBuilder("digraph G {\n  rankdir=LR;\n");
        for (Value node : order) {
            if (exponents.containsKey(node)) {
                continue;
            }
            int id = ids.size();
            ids.put(node, id);
            dot.append(String.format(Locale.ROOT,
                    "  v%d [shape=record, label=\"{ %s | data %.4f | grad %.4f }\"];%n",
                    id, escape(node.label()), node.data(), node.grad()));
            if (node.operands().isEmpty()) {
                continue;
            }
            boolean pow = node.op().equals("**");
            String op = pow ? "**" + format(node.operands().get(1).data()) : node.op();
            dot.append(String.format(Locale.ROOT, "  v%dop [label=\"%s\"];%n  v%dop -> v%d;%n",
                    id, escape(op), id, id));
            for (Value operand : pow ? node.operands().subList(0, 1) : node.operands()) {
                dot.append(String.format(Locale.ROOT, "  v%d -> v%dop;%n", ids.get(operand), id));
            }
        }
        return dot.append("}\n").toString();
    }

    private static String format(double exponent) {
        return exponent == Math.rint(exponent) && Math.abs(exponent) < 1e15
                ? Long.toString((long) exponent) : Double.toString(exponent);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("{}|<>\"\\".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
