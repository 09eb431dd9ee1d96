package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Recycled buffers give bit-identical results, leaves keep theirs, and nothing leaks between threads. */
class WorkspaceTest {

    private final Tensor x = Tensor.constant(new double[][] {{1, -2, 0.5}, {0.25, 3, -1}});
    private final Tensor w = Tensor.of(new double[][] {{0.1, -0.2, 0.3}, {-0.4, 0.5, 0.6}});
    private final Tensor b = Tensor.of(new double[][] {{0.01, -0.02}});

    /** A graph using every allocating operation, including sumCols, which accumulates into its result. */
    private Tensor loss() {
        Tensor h = x.linear(w, b).tanh();
        Tensor t = h.matmul(h.transpose()).sigmoid().sumCols().add(h.sumRows().transpose().mul(h.column(1).sum()));
        return t.sub(h.mean()).div(Tensor.scalar(2)).pow(2).exp().log().sum();
    }

    private double[] run(Supplier<Tensor> graph, Workspace workspace) {
        w.zeroGrad();
        b.zeroGrad();
        double value;
        if (workspace == null) {
            Tensor l = graph.get();
            l.backward();
            value = l.item();
        } else {
            try (Workspace.Scope scope = workspace.enter()) {
                Tensor l = graph.get();
                l.backward();
                value = l.item();
                workspace.recycle(l);
            }
        }
        double[] out = new double[1 + 6 + 2];
        out[0] = value;
        System.arraycopy(w.grad().data, 0, out, 1, 6);
        System.arraycopy(b.grad().data, 0, out, 7, 2);
        return out;
    }

    @Test
    void recycledStepsMatchFreshOnesBitForBit() {
        double[] fresh = run(this::loss, null);
        Workspace workspace = new Workspace();
        for (int step = 0; step < 5; step++) {
            assertArrayEquals(fresh, run(this::loss, workspace), "step " + step);
        }
        assertTrue(workspace.freeBuffers() > 10, "the pool holds the graph's buffers: " + workspace.freeBuffers());
    }

    @Test
    void buffersAreReusedAndLeavesKeepTheirs() {
        Workspace workspace = new Workspace();
        DMatrixRMaj first;
        try (Workspace.Scope scope = workspace.enter()) {
            Tensor h = x.linear(w, b);
            first = h.data();
            Tensor l = h.sum();
            l.backward();
            DMatrixRMaj firstGrad = h.grad();
            workspace.recycle(l);
            Tensor again = x.linear(w, b);
            Tensor twice = x.linear(w, b);
            assertSame(firstGrad, again.data(), "the pool hands out the last buffer it got first");
            assertSame(first, twice.data(), "the second graph got the first one's buffers");
        }
        assertEquals(3, x.cols());
        assertEquals(0.1, w.data().get(0, 0));
        assertNotSame(first, w.data());
        Tensor outside = x.linear(w, b);
        assertNotSame(first, outside.data(), "outside the scope nothing comes from the pool");
    }

    @Test
    void scratchComesBackForItsShapeOnlyInItsThreadAndFromThePoolWhileAWorkspaceIsEntered() throws InterruptedException {
        DMatrixRMaj first = Workspace.scratch(7, 13);
        Workspace.releaseScratch(first);
        assertSame(first, Workspace.scratch(7, 13), "without a workspace, the same shape gets the released matrix back");
        assertNotSame(first, Workspace.scratch(7, 13), "a spare is handed out once");
        Workspace.releaseScratch(first);
        DMatrixRMaj[] elsewhere = new DMatrixRMaj[1];
        Thread other = new Thread(() -> elsewhere[0] = Workspace.scratch(7, 13));
        other.start();
        other.join();
        assertNotSame(first, elsewhere[0], "another thread does not get this thread's spare");
        assertNotSame(first, Workspace.scratch(13, 7), "another shape gets a new matrix");
        assertSame(first, Workspace.scratch(7, 13));

        Workspace workspace = new Workspace();
        try (Workspace.Scope scope = workspace.enter()) {
            DMatrixRMaj pooled = Workspace.scratch(7, 13);
            Workspace.releaseScratch(pooled);
            assertEquals(1, workspace.freeBuffers(), "with a workspace entered, scratch goes back to its pool");
            assertSame(pooled, Workspace.scratch(7, 13));
        }
    }

    /** Runs {@code body} in a new thread, whose spares start empty, and fails as it failed. */
    private static void inANewThread(Runnable body) throws InterruptedException {
        Throwable[] thrown = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        });
        thread.start();
        thread.join();
        if (thrown[0] instanceof Error error) {
            throw error;
        }
        if (thrown[0] != null) {
            throw new AssertionError(thrown[0]);
        }
    }

    @Test
    void aSpareIsReplacedByTheNextOfItsShapeSoEachShapeKeepsOne() throws InterruptedException {
        inANewThread(() -> {
            DMatrixRMaj first = Workspace.scratch(2, 3);
            DMatrixRMaj second = Workspace.scratch(2, 3);
            assertNotSame(first, second, "no spare yet: each is new");
            assertEquals(List.of(2, 3), List.of(second.numRows, second.numCols));
            Workspace.releaseScratch(first);
            Workspace.releaseScratch(second);
            assertSame(second, Workspace.scratch(2, 3), "the later release replaced the earlier one");
            DMatrixRMaj third = Workspace.scratch(2, 3);
            assertNotSame(first, third, "the earlier one is gone: one spare per shape");
            assertNotSame(second, third, "a spare is handed out once");
        });
    }

    @Test
    void shapesThatDifferInRowsOrColumnsOnlyKeepTheirOwnSpares() throws InterruptedException {
        inANewThread(() -> {
            DMatrixRMaj twoByThree = Workspace.scratch(2, 3);
            DMatrixRMaj fourByThree = Workspace.scratch(4, 3);
            DMatrixRMaj twoByFive = Workspace.scratch(2, 5);
            Workspace.releaseScratch(twoByThree);
            Workspace.releaseScratch(fourByThree);
            Workspace.releaseScratch(twoByFive);
            assertSame(twoByFive, Workspace.scratch(2, 5));
            assertSame(fourByThree, Workspace.scratch(4, 3));
            assertSame(twoByThree, Workspace.scratch(2, 3));
        });
    }

    @Test
    void withEveryPlaceTakenANewShapeReplacesTheFirstSpare() throws InterruptedException {
        inANewThread(() -> {
            DMatrixRMaj[] kept = new DMatrixRMaj[4];
            for (int i = 0; i < kept.length; i++) {
                kept[i] = Workspace.scratch(1, i + 1);
            }
            for (DMatrixRMaj m : kept) {
                Workspace.releaseScratch(m);
            }
            DMatrixRMaj fifth = Workspace.scratch(1, 5);
            Workspace.releaseScratch(fifth);
            assertSame(fifth, Workspace.scratch(1, 5));
            assertNotSame(kept[0], Workspace.scratch(1, 1), "the first place went to the fifth shape");
            for (int i = 1; i < kept.length; i++) {
                assertSame(kept[i], Workspace.scratch(1, i + 1), "1x" + (i + 1) + " kept its place");
            }
        });
    }

    @Test
    void theFusedLayersBackwardGivesItsScratchBack() throws InterruptedException {
        inANewThread(() -> {
            Tensor h = x.linearTanh(w, b);
            DMatrixRMaj spare = Workspace.scratch(2, 2);
            Workspace.releaseScratch(spare);
            h.sum().backward();
            assertSame(spare, Workspace.scratch(2, 2), "the backward took the 2x2 spare for G ⊙ tanh'(y) and gave it back");
        });
        w.zeroGrad();
        b.zeroGrad();
        Workspace workspace = new Workspace();
        try (Workspace.Scope scope = workspace.enter()) {
            Tensor loss = x.linearSigmoid(w, b).sum();
            int free = workspace.freeBuffers();
            loss.backward();
            assertEquals(free + 1, workspace.freeBuffers(), "the scratch went to the pool; the gradients came from new buffers");
        }
    }

    @Test
    void theSizeCheckRefusesOneValueMoreThanAJavaArrayHolds() {
        Workspace.checkSize(1, Workspace.MAX_VALUES);
        Workspace.checkSize(Workspace.MAX_VALUES, 1);
        Workspace.checkSize(0, Integer.MAX_VALUE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workspace.checkSize(1, Workspace.MAX_VALUES + 1));
        assertEquals("a 1x2147483640 tensor has 2147483640 values, more than one Java array holds (2147483639)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Workspace.checkSize(Workspace.MAX_VALUES + 1, 1));
    }

    /** 65536 × 65537 overflows int to 65536: unchecked, it would make a 65536x65537 matrix over 65536 values. */
    @Test
    void aShapeTooBigForOneArrayIsRefusedByEveryAllocator() throws InterruptedException {
        String message = "a 65536x65537 tensor has 4295032832 values, more than one Java array holds (2147483639)";
        List<Executable> allocations = List.of(() -> Workspace.zeros(65536, 65537), () -> Workspace.matrix(65536, 65537),
                () -> Workspace.scratch(65536, 65537), () -> Tensor.zeros(65536, 65537));
        for (Executable allocation : allocations) {
            assertEquals(message, assertThrows(IllegalArgumentException.class, allocation).getMessage());
        }
        Workspace workspace = new Workspace();
        try (Workspace.Scope scope = workspace.enter()) {
            for (Executable allocation : allocations) {
                assertEquals(message, assertThrows(IllegalArgumentException.class, allocation).getMessage(), "with a workspace entered");
            }
        }
        inANewThread(() -> assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> Workspace.scratch(65536, 65537)).getMessage(), "with no spares"));
    }

    @Test
    void scopesNestAndStayInTheirThread() throws InterruptedException {
        Workspace outer = new Workspace();
        Workspace inner = new Workspace();
        try (Workspace.Scope a = outer.enter()) {
            try (Workspace.Scope c = inner.enter()) {
                Tensor l = x.linear(w, b).sum();
                l.backward();
                inner.recycle(l);
            }
            Tensor l = x.linear(w, b).sum();
            w.zeroGrad();
            b.zeroGrad();
            l.backward();
            assertEquals(0, outer.freeBuffers());
            DMatrixRMaj[] seen = new DMatrixRMaj[1];
            Thread other = new Thread(() -> seen[0] = Tensor.zeros(2, 2).add(Tensor.zeros(2, 2)).data());
            other.start();
            other.join();
            assertTrue(inner.freeBuffers() > 0);
        }
        assertThrows(NullPointerException.class, () -> outer.recycle(null));
    }

    @Test
    void scopesClosedOutOfOrderLeaveNoWorkspaceBehindWhileAnotherThreadHoldsOne() throws InterruptedException {
        Workspace pool = new Workspace();
        try (Workspace.Scope scope = pool.enter()) {
            Tensor l = x.linear(w, b).sum();
            l.backward();
            pool.recycle(l);
        }
        int free = pool.freeBuffers();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try (Workspace.Scope scope = new Workspace().enter()) {
                entered.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        other.start();
        entered.await();
        try {
            Workspace.Scope s1 = new Workspace().enter();
            Workspace.Scope s2 = pool.enter();
            s1.close();
            x.linear(w, b);
            assertEquals(free - 1, pool.freeBuffers(), "s2 is still open: its pool serves");
            s2.close();
            x.linear(w, b);
            assertEquals(free - 1, pool.freeBuffers(), "both closed: nothing comes from a pool");
        } finally {
            release.countDown();
            other.join();
        }
    }

    @Test
    void aTensorKeptPastItsStepThrowsOnEveryUseInsteadOfShowingAnotherStepsNumbers() {
        Workspace workspace = new Workspace();
        Tensor a = Tensor.of(1, 2, 1, 2);
        Tensor kept;
        Tensor loss;
        try (Workspace.Scope scope = workspace.enter()) {
            kept = a.mul(2).label("doubled");
            loss = kept.sum();
            loss.backward();
            assertArrayEquals(new double[] {2, 4}, kept.data().data);
            workspace.recycle(loss);
            a.add(200).sum();
            a.add(199).add(1);
        }
        String message = "this tensor's buffers were recycled by Workspace.recycle after the step that made it"
                + " (a 1x2 result of '*c' labelled 'doubled')";
        List<Executable> uses = List.of(kept::data, kept::grad, kept::toArray, kept::zeroGrad, kept::toDot, kept::sum,
                () -> kept.add(a), () -> a.add(kept), () -> a.mul(kept), () -> kept.tanh(), () -> Tensor.constant(2, 2, 1, 2, 3, 4).linear(a, kept.transpose()));
        for (Executable use : uses) {
            IllegalStateException e = assertThrows(IllegalStateException.class, use);
            assertTrue(e.getMessage().startsWith(message), e.getMessage());
        }
        Tensor recycledBias = kept;
        IllegalStateException third = assertThrows(IllegalStateException.class,
                () -> Tensor.constant(3, 2, 1, 2, 3, 4, 5, 6).linear(Tensor.of(2, 2, 1, 0, 0, 1), recycledBias));
        assertTrue(third.getMessage().startsWith(message), "a recycled bias, the third operand: " + third.getMessage());
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::item);
        assertTrue(e.getMessage().contains("result of 'sum'"), e.getMessage());
        assertThrows(IllegalStateException.class, loss::backward);
        assertThrows(IllegalStateException.class, () -> workspace.recycle(loss), "recycling twice");
        assertEquals("Tensor(label=doubled, 1x2, recycled by Workspace, op=*c)", kept.toString());
        assertEquals(2, kept.cols(), "the shape stays readable");
        assertArrayEquals(new double[] {2, 2}, a.grad().data, "the leaf is untouched");
    }

    @Test
    void aGraphSharingARecycledTensorCannotBackpropagateAndNothingIsGivenBackTwice() {
        Workspace workspace = new Workspace();
        try (Workspace.Scope scope = workspace.enter()) {
            Tensor h = x.linear(w, b).tanh();
            Tensor first = h.sum();
            Tensor second = h.mean().add(h.sumCols().sum());
            first.backward();
            workspace.recycle(first);
            int free = workspace.freeBuffers();
            w.zeroGrad();
            IllegalStateException e = assertThrows(IllegalStateException.class, second::backward);
            assertTrue(e.getMessage().contains("recycled by Workspace.recycle"), e.getMessage());
            assertArrayEquals(new double[6], w.grad().data, "no gradient was touched");
            workspace.recycle(second);
            assertEquals(free + 4, workspace.freeBuffers(), "only second's own four results, not h's again");
        }
    }
}
