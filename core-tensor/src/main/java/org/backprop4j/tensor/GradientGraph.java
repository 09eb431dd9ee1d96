package org.backprop4j.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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

    /**
     * Numbers the walks, so that a walk knows the marks it set from those of a walk on another thread
     * (package-private so that a test can bring it to where the numbers wrap).
     */
    static final AtomicLong WALKS = new AtomicLong();

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
        long walk = (WALKS.getAndIncrement() % 0xFFFF_FFFFL + 1) << 32;   // 1 to 2³² − 1: never 0, an unmarked tensor's
        for (int i = 0; i < order.length; i++) {
            order[i].walkMark = walk | i;
        }
        try {
            checkPositions(order, walk);
            Tensor[] pending = walk(order, wrt, walk);
            for (Tensor t : wrt) {
                Tensor gradient = (t.walkMark & ~0xFFFF_FFFFL) == walk ? pending[position(t, walk)] : null;
                results.add(gradient == null ? zerosLike(t) : gradient);
            }
            checkPositions(order, walk);
        } finally {
            for (Tensor node : order) {
                if ((node.walkMark & ~0xFFFF_FFFFL) == walk) {
                    node.walkMark = 0;
                }
            }
        }
        return results;
    }

    /**
     * The walk itself, over order whose tensors hold their {@link Tensor#walkMark}s: for each
     * tensor of order, the sum of the contributions it received, or null where it received none.
     */
    private static Tensor[] walk(Tensor[] order, List<Tensor> wrt, long walk) {
        boolean[] leads = leadsToWrt(order, wrt, walk);
        Tensor[] pending = new Tensor[order.length];
        pending[order.length - 1] = Tensor.constantOf(new DMatrixRMaj(1, 1, true, 1.0));
        for (int i = order.length - 1; i >= 0; i--) {
            Tensor node = order[i];
            Tensor g = pending[i];
            if (g == null || node.op == null) {
                continue;
            }
            int wanted = bit(node.a, TensorOp.A, leads, walk) | bit(node.b, TensorOp.B, leads, walk) | bit(node.c, TensorOp.C, leads, walk);
            if (wanted == 0) {
                continue;   // no operand leads to a tensor in wrt
            }
            try {
                Tensor[] parts = node.op.gradient(node, g, wanted);
                accumulate(pending, node.a, parts[0], walk);   // its sum with earlier parts can overflow too
                accumulate(pending, node.b, parts[1], walk);
                accumulate(pending, node.c, parts[2], walk);
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
    private static void checkPositions(Tensor[] order, long walk) {
        for (int i = 0; i < order.length; i++) {
            Tensor node = order[i];
            if (node.walkMark != (walk | i) || !before(node.a, i, walk) || !before(node.b, i, walk) || !before(node.c, i, walk)) {
                throw walkedByAnotherThread();
            }
        }
    }

    /** Whether an operand that requires a gradient holds this walk's mark with a position before i. */
    private static boolean before(Tensor operand, int i, long walk) {
        return operand == null || !operand.requiresGrad() || ((operand.walkMark & ~0xFFFF_FFFFL) == walk && (int) operand.walkMark < i);
    }

    /**
     * A tensor's place in this walk's order, read from its mark.
     *
     * @throws IllegalStateException if the mark is not this walk's: another thread's walk overwrote it
     */
    private static int position(Tensor t, long walk) {
        long mark = t.walkMark;
        if ((mark & ~0xFFFF_FFFFL) != walk) {
            throw walkedByAnotherThread();
        }
        return (int) mark;
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
    private static boolean[] leadsToWrt(Tensor[] order, List<Tensor> wrt, long walk) {
        boolean[] leads = new boolean[order.length];
        for (Tensor t : wrt) {
            if ((t.walkMark & ~0xFFFF_FFFFL) == walk) {
                leads[(int) t.walkMark] = true;
            }
        }
        for (int i = 0; i < order.length; i++) {
            Tensor node = order[i];
            leads[i] |= leads(node.a, leads, walk) || leads(node.b, leads, walk) || leads(node.c, leads, walk);
        }
        return leads;
    }

    /** Whether operand leads to a tensor in wrt: an operand that requires a gradient is in the order, before its result. */
    private static boolean leads(Tensor operand, boolean[] leads, long walk) {
        if (operand == null || !operand.requiresGrad()) {
            return false;
        }
        return leads[position(operand, walk)];
    }

    private static int bit(Tensor operand, int bit, boolean[] leads, long walk) {
        return leads(operand, leads, walk) ? bit : 0;
    }

    /** Adds a contribution to the gradient pending for an operand, if both exist. */
    private static void accumulate(Tensor[] pending, Tensor operand, Tensor part, long walk) {
        if (part == null) {
            return;
        }
        int at = position(operand, walk);
        pending[at] = pending[at] == null ? part : pending[at].add(part);
    }

    private static Tensor zerosLike(Tensor t) {
        return Tensor.constantOf(new DMatrixRMaj(t.rows(), t.cols()));
    }
}
