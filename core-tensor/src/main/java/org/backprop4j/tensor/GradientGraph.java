package org.backprop4j.tensor;

import java.util.ArrayList;
import java.util.List;
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
        for (Tensor node : order) {
            node.checkUsable();
        }
        for (int i = 0; i < order.length; i++) {
            order[i].walkPosition = i + 1;
        }
        try {
            checkPositions(order);
            Tensor[] pending;
            try {
                pending = walk(order, wrt);
            } catch (ArrayIndexOutOfBoundsException e) {
                throw walkedByAnotherThread();   // a position was reset under the walk
            }
            for (Tensor t : wrt) {
                Tensor gradient = t.walkPosition == 0 ? null : pending[t.walkPosition - 1];
                results.add(gradient == null ? zerosLike(t) : gradient);
            }
            checkPositions(order);
        } finally {
            for (Tensor node : order) {
                node.walkPosition = 0;
            }
        }
        return results;
    }

    /**
     * The walk itself, over order whose tensors hold their {@link Tensor#walkPosition}: for each
     * tensor of order, the sum of the contributions it received, or null where it received none.
     */
    private static Tensor[] walk(Tensor[] order, List<Tensor> wrt) {
        boolean[] leads = leadsToWrt(order, wrt);
        Tensor[] pending = new Tensor[order.length];
        pending[order.length - 1] = Tensor.constantOf(new DMatrixRMaj(1, 1, true, 1.0));
        for (int i = order.length - 1; i >= 0; i--) {
            Tensor node = order[i];
            Tensor g = pending[i];
            if (g == null || node.op == null) {
                continue;
            }
            int wanted = bit(node.a, TensorOp.A, leads) | bit(node.b, TensorOp.B, leads) | bit(node.c, TensorOp.C, leads);
            if (wanted == 0) {
                continue;   // no operand leads to a tensor in wrt
            }
            try {
                Tensor[] parts = node.op.gradient(node, g, wanted);
                accumulate(pending, node.a, parts[0]);   // its sum with earlier parts can overflow too
                accumulate(pending, node.b, parts[1]);
                accumulate(pending, node.c, parts[2]);
            } catch (AnomalyException e) {
                throw Anomaly.gradient(node, e);
            }
        }
        return pending;
    }

    /**
     * Checks that each tensor of order holds its own position and that every operand that requires a gradient comes
     * before its result: the walk's order and positions were not disturbed by another thread's walk (before the walk,
     * and again after it, so a walk that ran while this one read the positions is caught too).
     *
     * @throws IllegalStateException if they were
     */
    private static void checkPositions(Tensor[] order) {
        for (int i = 0; i < order.length; i++) {
            Tensor node = order[i];
            if (node.walkPosition != i + 1 || !before(node.a, i) || !before(node.b, i) || !before(node.c, i)) {
                throw walkedByAnotherThread();
            }
        }
    }

    /** Whether an operand that requires a gradient holds a position before i (counted from 0). */
    private static boolean before(Tensor operand, int i) {
        return operand == null || !operand.requiresGrad() || (operand.walkPosition >= 1 && operand.walkPosition <= i);
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
    private static boolean[] leadsToWrt(Tensor[] order, List<Tensor> wrt) {
        boolean[] leads = new boolean[order.length];
        for (Tensor t : wrt) {
            if (t.walkPosition != 0) {
                leads[t.walkPosition - 1] = true;
            }
        }
        for (int i = 0; i < order.length; i++) {
            Tensor node = order[i];
            leads[i] |= leads(node.a, leads) || leads(node.b, leads) || leads(node.c, leads);
        }
        return leads;
    }

    /** Whether operand leads to a tensor in wrt: an operand that requires a gradient is in the order, before its result. */
    private static boolean leads(Tensor operand, boolean[] leads) {
        if (operand == null || !operand.requiresGrad()) {
            return false;
        }
        return leads[operand.walkPosition - 1];
    }

    private static int bit(Tensor operand, int bit, boolean[] leads) {
        return leads(operand, leads) ? bit : 0;
    }

    /** Adds a contribution to the gradient pending for an operand, if both exist. */
    private static void accumulate(Tensor[] pending, Tensor operand, Tensor part) {
        if (part == null) {
            return;
        }
        int at = operand.walkPosition - 1;
        pending[at] = pending[at] == null ? part : pending[at].add(part);
    }

    private static Tensor zerosLike(Tensor t) {
        return Tensor.constantOf(new DMatrixRMaj(t.rows(), t.cols()));
    }
}
