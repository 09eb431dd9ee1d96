package org.backprop4j.tensor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * The walk behind {@link Tensor#gradients(List)}: reverse-mode differentiation that builds tensors
 * instead of filling {@code grad} buffers. It visits the graph in the reverse of
 * {@link Tensor#topologicalOrder()} (no recursion), keeps for each tensor the sum of the
 * contributions it has received so far as a tensor, and asks each operation's
 * {@link TensorOp#gradient} only for the operands that lead to a tensor it was asked about, so
 * parameters are skipped when only inputs are wanted.
 */
final class GradientGraph {

    private GradientGraph() {
    }

    /** ∂output/∂t for each t in wrt; the caller has checked output (1×1, usable) and wrt (non-null, usable, not constant). */
    static List<Tensor> of(Tensor output, List<Tensor> wrt) {
        List<Tensor> results = new ArrayList<>(wrt.size());
        if (!output.requiresGrad()) {
            for (Tensor t : wrt) {
                results.add(zerosLike(t));
            }
            return results;
        }
        Tensor[] order = output.topologicalOrder();
        Map<Tensor, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < order.length; i++) {
            order[i].checkUsable();
            if (index.put(order[i], i) != null) {
                throw walkedByAnotherThread();
            }
        }
        for (int i = 0; i < order.length; i++) {
            Tensor node = order[i];
            if (!before(node.a, i, index) || !before(node.b, i, index) || !before(node.c, i, index)) {
                throw walkedByAnotherThread();
            }
        }
        boolean[] leads = leadsToWrt(order, index, wrt);
        Tensor[] pending = new Tensor[order.length];
        pending[order.length - 1] = Tensor.constantOf(new DMatrixRMaj(1, 1, true, 1.0));
        for (int i = order.length - 1; i >= 0; i--) {
            Tensor node = order[i];
            Tensor g = pending[i];
            if (g == null || node.op == null) {
                continue;
            }
            int wanted = bit(node.a, TensorOp.A, index, leads) | bit(node.b, TensorOp.B, index, leads) | bit(node.c, TensorOp.C, index, leads);
            if (wanted == 0) {
                continue;   // no operand leads to a tensor in wrt
            }
            try {
                Tensor[] parts = node.op.gradient(node, g, wanted);
                accumulate(pending, index, node.a, parts[0]);   // its sum with earlier parts can overflow too
                accumulate(pending, index, node.b, parts[1]);
                accumulate(pending, index, node.c, parts[2]);
            } catch (AnomalyException e) {
                throw Anomaly.gradient(node, e);
            }
        }
        for (Tensor t : wrt) {
            Integer at = index.get(t);
            Tensor gradient = at == null ? null : pending[at];
            results.add(gradient == null ? zerosLike(t) : gradient);
        }
        return results;
    }

    /** Whether an operand that requires a gradient was ordered before position i (the walk's marks were not disturbed). */
    private static boolean before(Tensor operand, int i, Map<Tensor, Integer> index) {
        if (operand == null || !operand.requiresGrad()) {
            return true;
        }
        Integer at = index.get(operand);
        return at != null && at < i;
    }

    /**
     * The walk's order lacks a tensor, holds one twice or out of order: another thread's walk over a tensor the two
     * graphs share (a parameter) changed the marks the walk relies on, which would give wrong numbers.
     */
    private static IllegalStateException walkedByAnotherThread() {
        return new IllegalStateException("gradient: another thread walked a graph that shares tensors with this one"
                + " (the parameters of one model, say) at the same time, so this walk cannot be trusted: a graph is not"
                + " thread-safe, give each thread its own model");
    }

    /** For each tensor in order, whether it is in wrt or one of its operands leads to one; order lists operands first. */
    private static boolean[] leadsToWrt(Tensor[] order, Map<Tensor, Integer> index, List<Tensor> wrt) {
        boolean[] leads = new boolean[order.length];
        for (Tensor t : wrt) {
            Integer at = index.get(t);
            if (at != null) {
                leads[at] = true;
            }
        }
        for (int i = 0; i < order.length; i++) {
            Tensor node = order[i];
            leads[i] |= leads(node.a, index, leads) || leads(node.b, index, leads) || leads(node.c, index, leads);
        }
        return leads;
    }

    private static boolean leads(Tensor operand, Map<Tensor, Integer> index, boolean[] leads) {
        if (operand == null || !operand.requiresGrad()) {
            return false;
        }
        return leads[index.get(operand)];
    }

    private static int bit(Tensor operand, int bit, Map<Tensor, Integer> index, boolean[] leads) {
        return leads(operand, index, leads) ? bit : 0;
    }

    /** Adds a contribution to the gradient pending for an operand, if both exist. */
    private static void accumulate(Tensor[] pending, Map<Tensor, Integer> index, Tensor operand, Tensor part) {
        if (part == null) {
            return;
        }
        int at = index.get(operand);
        pending[at] = pending[at] == null ? part : pending[at].add(part);
    }

    private static Tensor zerosLike(Tensor t) {
        return Tensor.constantOf(new DMatrixRMaj(t.rows(), t.cols()));
    }
}
