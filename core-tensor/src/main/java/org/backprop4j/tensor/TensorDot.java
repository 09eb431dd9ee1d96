package org.backprop4j.tensor;

import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

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
                : t.grad == null ? "grad -" : String.format(Locale.ROOT, "grad norm %.4f", norm(t.writtenGrad(), t.rows() * t.cols()));
        dot.append(String.format(Locale.ROOT, "  t%d [shape=record, label=\"{ %s | %dx%d | %s }\"];%n",
                id, escape(t.label()), t.rows(), t.cols(), grad));
    }

    /** The Euclidean norm of the first n values of a gradient; 0 for one that is zero unwritten (null). */
    private static double norm(DMatrixRMaj grad, int n) {
        double s = 0;
        for (int i = 0; grad != null && i < n; i++) {
            s += grad.data[i] * grad.data[i];
        }
        return Math.sqrt(s);
    }

    private static String escape(String text) {
        return text.replaceAll("([{}|<>\"\\\\])", "\\\\$1");
    }
}
