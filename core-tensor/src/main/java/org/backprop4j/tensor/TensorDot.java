package org.backprop4j.tensor;

import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link Tensor} graph in Graphviz DOT: a record per tensor, a node per operation. */
final class TensorDot {

    private TensorDot() {
    }

    /** The DOT text of the graph beneath {@code root} (its tensors that require a gradient, and their constant operands). */
    static String of(Tensor root) {
        Map<Tensor, Integer> ids = new IdentityHashMap<>();
        StringBuilder dot = new StringBuilder("digraph G {\n  rankdir=LR;\n");
        for (Tensor node : root.topologicalOrder()) {
            for (Tensor operand : node.operands()) {
                if (!ids.containsKey(operand)) {
                    record(dot, ids, operand);
                }
            }
            record(dot, ids, node);
            int id = ids.get(node);
            if (node.operands().isEmpty()) {
                continue;
            }
            dot.append(String.format(Locale.ROOT, "  t%dop [label=\"%s\"];%n  t%dop -> t%d;%n",
                    id, node.op(), id, id));
            for (Tensor operand : node.operands()) {
                dot.append(String.format(Locale.ROOT, "  t%d -> t%dop;%n", ids.get(operand), id));
            }
        }
        return dot.append("}\n").toString();
    }

    private static void record(StringBuilder dot, Map<Tensor, Integer> ids, Tensor t) {
        int id = ids.size();
        ids.put(t, id);
        String grad = !t.requiresGrad() ? "constant"
                : t.grad == null ? "grad -" : String.format(Locale.ROOT, "grad norm %.4f", norm(t));
        dot.append(String.format(Locale.ROOT, "  t%d [shape=record, label=\"{ %s | %dx%d | %s }\"];%n",
                id, escape(t.label()), t.rows(), t.cols(), grad));
    }

    private static double norm(Tensor t) {
        double s = 0;
        for (int i = 0, n = t.rows() * t.cols(); i < n; i++) {
            s += t.grad.data[i] * t.grad.data[i];
        }
        return Math.sqrt(s);
    }

    private static String escape(String text) {
        return text.replaceAll("([{}|<>\"\\\\])", "\\\\$1");
    }
}
