package org.backprop4j.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;

/**
 * A pool of matrices that lets a training loop reuse, step after step, the buffers of the graphs
 * it builds, so that its steady state allocates almost nothing.
 *
 * <p>While a workspace is {@linkplain #enter() entered} in a thread, every tensor operation in
 * that thread takes its result and gradient buffers from the pool when one of the right shape is
 * free. {@link #recycle(Tensor)} gives back the buffers of every intermediate tensor of a finished
 * graph (never those of leaves: parameters, inputs, targets). A workspace belongs to one model
 * and one thread at a time; it holds no other state.
 *
 * <pre>{@code
 * try (Workspace.Scope scope = workspace.enter()) {
 *     Tensor loss = model.forward(x).sub(y).pow(2).mean();
 *     loss.backward();
 *     double value = loss.item();
 *     workspace.recycle(loss);      // loss and every tensor computed on the way now throw if used
 * }
 * }</pre>
 */
public final class Workspace {

    private static final PerThread<Workspace> CURRENT = new PerThread<>();

    /** How many scratch matrices a thread keeps for {@link #scratch} while no workspace is entered. */
    private static final int SPARES = 4;

    /** Each thread's released scratch matrices while no workspace is entered, at most {@value #SPARES}, by shape. */
    private static final ThreadLocal<DMatrixRMaj[]> SPARE = ThreadLocal.withInitial(() -> new DMatrixRMaj[SPARES]);

    /** Free buffers, one queue per shape; a network has only a handful of shapes, so a list is enough. */
    private final List<Shelf> shelves = new ArrayList<>();

    private record Shelf(int rows, int cols, ArrayDeque<DMatrixRMaj> free) {
    }

    /** An empty workspace: its pool holds no buffers until {@link #recycle} gives some back. */
    public Workspace() {
    }

    /**
     * An entered workspace. While any scope is open in a thread, that thread draws buffers from the
     * workspace of its latest scope still open, whatever the order scopes are closed in; once the
     * last closes it allocates as before. Closing a scope twice does nothing; closing it in another
     * thread than the one that entered it throws {@link IllegalStateException}.
     */
    public static final class Scope implements AutoCloseable {
        private final PerThread<Workspace>.Binding binding;

        private Scope(PerThread<Workspace>.Binding binding) {
            this.binding = binding;
        }

        /**
         * Ends this scope in the current thread.
         *
         * @throws IllegalStateException if called in a thread other than the one that entered it
         */
        @Override
        public void close() {
            binding.close();
        }
    }

    /**
     * Makes this workspace the source of buffers in the current thread until the scope is closed.
     *
     * @return the scope to close
     */
    public Scope enter() {
        return new Scope(CURRENT.bind(this));
    }

    /**
     * Gives back the data and gradient buffers of every tensor computed beneath {@code root},
     * {@code root} included; leaves keep theirs. Those tensors are poisoned: any later use of one
     * ({@code data()}, {@code grad()}, {@code item()}, {@code toArray()}, {@code zeroGrad()},
     * {@code backward()}, {@code toDot()}, or any operation taking it) throws
     * {@link IllegalStateException}, so a stale tensor can never show another step's numbers. Its
     * shape, label and {@code toString()} stay readable. Tensors already recycled through another
     * root are skipped, so no buffer is given back twice.
     *
     * @param root the output of a finished graph
     * @throws IllegalStateException if root itself was already recycled
     */
    public void recycle(Tensor root) {
        Objects.requireNonNull(root, "root");
        root.checkUsable();
        for (Tensor node : root.topologicalOrder()) {
            if (node.op != null && !node.recycled) {
                node.recycled = true;
                give(node.data);
                if (node.grad != null) {
                    give(node.grad);
                    node.grad = null;
                }
            }
        }
    }

    /** {@return how many free buffers the pool holds} */
    public int freeBuffers() {
        int n = 0;
        for (Shelf shelf : shelves) {
            n += shelf.free().size();
        }
        return n;
    }

    private void give(DMatrixRMaj m) {
        shelf(m.numRows, m.numCols).free().push(m);
    }

    private Shelf shelf(int rows, int cols) {
        // By index: an iterator here is an object at each of a step's ~28 look-ups wherever the JIT does not remove it.
        for (int i = 0, n = shelves.size(); i < n; i++) {
            Shelf shelf = shelves.get(i);
            if (shelf.rows() == rows && shelf.cols() == cols) {
                return shelf;
            }
        }
        Shelf shelf = new Shelf(rows, cols, new ArrayDeque<>());
        shelves.add(shelf);
        return shelf;
    }

    /** Gives {@code m}, which nothing references any more, to the workspace entered in this thread, if any. */
    static void release(DMatrixRMaj m) {
        Workspace workspace = CURRENT.get();
        if (workspace != null) {
            workspace.give(m);
        }
    }

    /** The most values one matrix holds: what one Java array holds. */
    static final int MAX_VALUES = Integer.MAX_VALUE - 8;

    /**
     * Refuses a shape whose values one Java array could not hold.
     *
     * @throws IllegalArgumentException naming the shape and its count of values
     */
    static void checkSize(int rows, int cols) {
        long values = (long) rows * cols;
        if (values > MAX_VALUES) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " tensor has " + values
                    + " values, more than one Java array holds (" + MAX_VALUES + ")");
        }
    }

    /**
     * A rows×cols matrix for a result the operation overwrites entirely: its contents are arbitrary.
     *
     * @throws IllegalArgumentException if a new matrix of that shape would not fit in one Java array
     */
    static DMatrixRMaj matrix(int rows, int cols) {
        Workspace workspace = CURRENT.get();
        if (workspace != null) {
            DMatrixRMaj m = workspace.shelf(rows, cols).free().poll();
            if (m != null) {
                return m;
            }
        }
        checkSize(rows, cols);
        return new DMatrixRMaj(rows, cols);
    }

    /**
     * A rows×cols matrix that an operation uses only while it runs — never a result or a gradient —
     * with arbitrary contents; the operation gives it back with {@link #releaseScratch} before it
     * returns. It comes from the workspace entered in this thread, if any; else from the scratch
     * matrices this thread gave back earlier (it keeps up to {@value #SPARES}, one per shape, for as
     * long as the thread lives), so a training loop with no workspace allocates its scratch once per
     * shape, not at every step; else it is new. The fused layers' backward uses it for G ⊙ act'(y), a
     * batch×width matrix: at {@code moons} this takes a third off what a hand-written step allocates.
     *
     * @throws IllegalArgumentException if a new matrix of that shape would not fit in one Java array
     */
    static DMatrixRMaj scratch(int rows, int cols) {
        if (CURRENT.get() != null) {
            return matrix(rows, cols);
        }
        DMatrixRMaj[] spares = SPARE.get();
        for (int i = 0; i < SPARES; i++) {
            DMatrixRMaj m = spares[i];
            if (m != null && m.numRows == rows && m.numCols == cols) {
                spares[i] = null;
                return m;
            }
        }
        checkSize(rows, cols);
        return new DMatrixRMaj(rows, cols);
    }

    /**
     * Gives back a matrix from {@link #scratch}, which nothing references any more: to the workspace
     * entered in this thread, if any, else to this thread's spares (replacing the one of the same
     * shape, else taking a free place, else the first place).
     */
    static void releaseScratch(DMatrixRMaj m) {
        Workspace workspace = CURRENT.get();
        if (workspace != null) {
            workspace.give(m);
            return;
        }
        DMatrixRMaj[] spares = SPARE.get();
        int place = 0;
        for (int i = SPARES - 1; i >= 0; i--) {
            DMatrixRMaj spare = spares[i];
            if (spare == null || spare.numRows == m.numRows && spare.numCols == m.numCols) {
                place = i;
                if (spare != null) {
                    break;
                }
            }
        }
        spares[place] = m;
    }

    /**
     * A rows×cols matrix of zeros.
     *
     * @throws IllegalArgumentException if a new matrix of that shape would not fit in one Java array
     */
    static DMatrixRMaj zeros(int rows, int cols) {
        Workspace workspace = CURRENT.get();
        if (workspace != null) {
            DMatrixRMaj m = workspace.shelf(rows, cols).free().poll();
            if (m != null) {
                Arrays.fill(m.data, 0, rows * cols, 0.0);
                return m;
            }
        }
        checkSize(rows, cols);
        return new DMatrixRMaj(rows, cols);
    }
}
