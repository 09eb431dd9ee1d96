package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.backprop4j.scalar.CentralDifference;
import org.junit.jupiter.api.Test;

/**
 * {@link Tensor#gradient} and {@link Tensor#gradients}: gradients as tensors that can be
 * differentiated again, as {@code torch.autograd.grad(..., create_graph=True)} computes them.
 */
class TensorGradientTest {

    private static double[] values(Tensor t) {
        return Arrays.copyOf(t.data().data, t.rows() * t.cols());
    }

    @Test
    void theDerivativesOfTanhToTheThirdMatchTheirFormulas() {
        double[] xs = {-1.5, -0.2, 0.0, 0.7, 2.0};
        Tensor x = Tensor.of(5, 1, xs);
        Tensor first = x.tanh().sum().gradient(x);
        Tensor second = first.sum().gradient(x);
        Tensor third = second.sum().gradient(x);
        for (int i = 0; i < xs.length; i++) {
            double t = Math.tanh(xs[i]);
            double s = 1 - t * t;
            assertEquals(s, first.data().data[i], 1e-15, "tanh' at " + xs[i]);
            assertEquals(-2 * t * s, second.data().data[i], 1e-15, "tanh'' at " + xs[i]);
            assertEquals(-2 * s * s + 4 * t * t * s, third.data().data[i], 1e-14, "tanh''' at " + xs[i]);
        }
    }

    @Test
    void aLeafUsedSeveralTimesSumsItsContributions() {
        Tensor x = Tensor.of(1, 2, 1.5, -2.0);
        Tensor cube = x.mul(x).mul(x).sum();
        Tensor first = cube.gradient(x);
        Tensor second = first.sum().gradient(x);
        Tensor third = second.sum().gradient(x);
        assertArrayEquals(new double[] {3 * 1.5 * 1.5, 3 * 4.0}, values(first), 1e-15);
        assertArrayEquals(new double[] {6 * 1.5, 6 * -2.0}, values(second), 1e-15);
        assertArrayEquals(new double[] {6, 6}, values(third), 0.0);
        Tensor b = x.add(x);
        Tensor c = b.add(b).sum();
        assertArrayEquals(new double[] {4, 4}, values(c.gradient(x)), 0.0, "micrograd's b = a + a; c = b + b");
    }

    @Test
    void anInputTheOutputDoesNotReachGetsZerosOfItsShapeAndAConstantDerivativeDifferentiatesToZero() {
        Tensor x = Tensor.of(2, 3, 1, 2, 3, 4, 5, 6);
        Tensor unused = Tensor.of(4, 1, 1, 1, 1, 1);
        Tensor y = x.mul(3).sum();
        List<Tensor> grads = y.gradients(List.of(x, unused));
        assertArrayEquals(new double[] {3, 3, 3, 3, 3, 3}, values(grads.get(0)), 0.0);
        assertEquals(4, grads.get(1).rows());
        assertEquals(1, grads.get(1).cols());
        assertArrayEquals(new double[4], values(grads.get(1)), 0.0);
        assertFalse(grads.get(0).requiresGrad(), "the derivative of a linear function is a constant");
        Tensor second = grads.get(0).sum().gradient(x);
        assertArrayEquals(new double[6], values(second), 0.0, "second derivative of a linear function: 0, not an error (PyTorch #73137)");
        assertEquals(2, second.rows());
        assertEquals(3, second.cols());
    }

    @Test
    void theGradientOfATensorWithRespectToItselfIsOne() {
        Tensor x = Tensor.of(1, 1, 4.0);
        assertArrayEquals(new double[] {1}, values(x.gradient(x)), 0.0);
        Tensor y = x.mul(x);
        List<Tensor> both = y.gradients(List.of(y, x, x));
        assertArrayEquals(new double[] {1}, values(both.get(0)), 0.0);
        assertArrayEquals(new double[] {8}, values(both.get(1)), 0.0);
        assertArrayEquals(new double[] {8}, values(both.get(2)), 0.0);
    }

    @Test
    void anInnerTensorCanBeAWrt() {
        Tensor x = Tensor.of(1, 2, 0.5, -1.0);
        Tensor h = x.mul(x).label("h");
        Tensor y = h.exp().sum();
        List<Tensor> grads = y.gradients(List.of(h, x));
        assertArrayEquals(new double[] {Math.exp(0.25), Math.exp(1.0)}, values(grads.get(0)), 1e-15);
        assertArrayEquals(new double[] {Math.exp(0.25) * 1.0, Math.exp(1.0) * -2.0}, values(grads.get(1)), 1e-14);
    }

    @Test
    void gradientLeavesEveryGradFieldAsItWas() {
        Tensor x = Tensor.of(2, 2, 0.1, 0.2, 0.3, 0.4);
        Tensor w = Tensor.of(2, 2, 1, -1, 0.5, 2);
        Tensor loss = x.matmul(w).tanh().sum();
        loss.backward();
        double[] xGrad = x.grad().data.clone();
        double[] wGrad = w.grad().data.clone();
        List<Tensor> grads = loss.gradients(List.of(x, w));
        grads.get(0).sum().gradient(w);
        assertArrayEquals(xGrad, x.grad().data, 0.0);
        assertArrayEquals(wGrad, w.grad().data, 0.0);
        assertArrayEquals(xGrad, values(grads.get(0)), 1e-15, "the same gradient as backward()'s");
        assertArrayEquals(wGrad, values(grads.get(1)), 1e-15, "the same gradient as backward()'s");
    }

    @Test
    void backwardThroughAGradientAddsTheSecondDerivativeAndAgreesWithGradientOfGradient() {
        Tensor x = Tensor.of(3, 1, 0.3, -0.8, 1.2);
        Tensor w = Tensor.of(1, 1, 0.7);
        Tensor u = x.mul(w).sigmoid();
        Tensor du = u.sum().gradient(x);
        Tensor penalty = du.pow(2).sum();
        penalty.backward();
        List<Tensor> viaGradient = penalty.gradients(List.of(x, w));
        assertArrayEquals(values(viaGradient.get(0)), x.grad().data, 1e-15);
        assertArrayEquals(values(viaGradient.get(1)), w.grad().data, 1e-15);
        double numeric = CentralDifference.derivative(v -> {
            Tensor wv = Tensor.of(1, 1, v);
            Tensor xv = Tensor.of(3, 1, 0.3, -0.8, 1.2);
            return xv.mul(wv).sigmoid().sum().gradient(xv).pow(2).sum().item();
        }, 0.7);
        assertTrue(CentralDifference.agrees(w.grad().data[0], numeric), w.grad().data[0] + " vs " + numeric);
    }

    @Test
    void theResultsAreBitIdenticalFromRunToRun() {
        double[] first = null;
        for (int run = 0; run < 3; run++) {
            SplittableRandom random = new SplittableRandom(5);
            Tensor x = Tensor.of(7, 1, random.doubles(7, -1, 1).toArray());
            Tensor w1 = Tensor.of(6, 1, random.doubles(6, -1, 1).toArray());
            Tensor b1 = Tensor.of(1, 6, random.doubles(6, -1, 1).toArray());
            Tensor w2 = Tensor.of(1, 6, random.doubles(6, -1, 1).toArray());
            Tensor b2 = Tensor.of(1, 1, 0.1);
            Tensor u = x.linearTanh(w1, b1).linear(w2, b2);
            Tensor du = u.sum().gradient(x);
            Tensor ddu = du.sum().gradient(x);
            Tensor loss = ddu.pow(2).mean().add(u.pow(2).mean());
            loss.backward();
            double[] now = w1.grad().data.clone();
            if (first != null) {
                assertArrayEquals(first, now, 0.0);
            }
            first = now;
        }
    }

    @Test
    void aGradientGraphOfAMillionNodesIsBuiltAndDifferentiatedWithoutRecursion() {
        int depth = 250_000;   // each tanh's rule adds 4 nodes: (1 − y·y)·g
        Tensor x = Tensor.of(1, 1, 0.5);
        Tensor y = x;
        for (int i = 0; i < depth; i++) {
            y = y.tanh();
        }
        Tensor first = y.gradient(x);
        assertTrue(first.requiresGrad());
        first.backward();
        double value = 0.5;
        double slope = 1;
        double curvature = 0;
        for (int i = 0; i < depth; i++) {
            value = Math.tanh(value);
            double local = 1 - value * value;
            curvature = -2 * value * local * slope * slope + local * curvature;
            slope *= local;
        }
        assertEquals(slope, first.item(), Math.abs(slope) * 1e-9);
        assertEquals(curvature, x.grad().data[0], Math.abs(curvature) * 1e-9, "backward through a million-node gradient graph");
    }

    @Test
    void badInputsAreRefusedWithAClearMessage() {
        Tensor x = Tensor.of(2, 1, 1, 2);
        Tensor column = x.tanh();
        IllegalArgumentException notScalar = assertThrows(IllegalArgumentException.class, () -> column.gradient(x));
        assertTrue(notScalar.getMessage().contains("1x1") && notScalar.getMessage().contains("2x1"), notScalar.getMessage());
        Tensor sum = column.sum();
        assertEquals("wrt", assertThrows(NullPointerException.class, () -> sum.gradient(null)).getMessage());
        assertEquals("wrt", assertThrows(NullPointerException.class, () -> sum.gradients(null)).getMessage());
        assertEquals("wrt 1", assertThrows(NullPointerException.class, () -> sum.gradients(Arrays.asList(x, null))).getMessage());
        Tensor data = Tensor.constant(2, 1, 1, 2);
        IllegalArgumentException constant = assertThrows(IllegalArgumentException.class, () -> data.mul(x).sum().gradients(List.of(x, data)));
        assertTrue(constant.getMessage().contains("wrt 1 is a constant 2x1") && constant.getMessage().contains("Tensor.of"), constant.getMessage());
    }

    @Test
    void aRecycledTensorIsRefusedAsWrtAndAsOutput() {
        Workspace workspace = new Workspace();
        Tensor x = Tensor.of(2, 1, 1, 2);
        Tensor inner;
        Tensor loss;
        try (Workspace.Scope scope = workspace.enter()) {
            inner = x.tanh();
            loss = inner.sum();
            workspace.recycle(loss);
        }
        Tensor recycledInner = inner;
        Tensor recycledLoss = loss;
        IllegalStateException asWrt = assertThrows(IllegalStateException.class, () -> x.mul(x).sum().gradient(recycledInner));
        assertTrue(asWrt.getMessage().contains("recycled"), asWrt.getMessage());
        IllegalStateException asOutput = assertThrows(IllegalStateException.class, () -> recycledLoss.gradient(x));
        assertTrue(asOutput.getMessage().contains("recycled"), asOutput.getMessage());
    }

    @Test
    void aRecycledOutputIsRefusedAsRecycledWhateverItsShape() {
        Workspace workspace = new Workspace();
        Tensor x = Tensor.of(2, 1, 1, 2);
        Tensor output;
        try (Workspace.Scope scope = workspace.enter()) {
            output = x.tanh();
            workspace.recycle(output);
        }
        Tensor stale = output;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> stale.gradients(List.of(x)));
        assertTrue(e.getMessage().contains("recycled"), e.getMessage());
        IllegalStateException backward = assertThrows(IllegalStateException.class, stale::backward,
                "backward too: reducing the stale 2x1 with sum() would not make it usable");
        assertTrue(backward.getMessage().contains("recycled"), backward.getMessage());
    }

    @Test
    void aTensorBeneathTheOutputThatWasRecycledIsRefusedEvenWhenNoRuleReadsIt() {
        Workspace workspace = new Workspace();
        Tensor x = Tensor.of(2, 1, 1, 2);
        Tensor output;
        try (Workspace.Scope scope = workspace.enter()) {
            Tensor inner = x.add(1.0);
            output = inner.mul(3).sum();
            workspace.recycle(inner);
        }
        Tensor stale = output;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> stale.gradient(x));
        assertTrue(e.getMessage().contains("recycled"), e.getMessage());
    }

    @Test
    void backwardRefusesARecycledTensorBeneathTheOutputBeforeTouchingAnyGradient() {
        Workspace workspace = new Workspace();
        Tensor x = Tensor.of(2, 1, 1, 2);
        x.mul(x).sum().backward();   // x's gradient now holds 2x, which the refused call must leave as it is
        Tensor output;
        try (Workspace.Scope scope = workspace.enter()) {
            Tensor inner = x.add(1.0);
            output = inner.mul(3).sum();   // the rule of mul(3) reads no value of inner, so only the check can refuse it
            workspace.recycle(inner);
        }
        Tensor stale = output;
        IllegalStateException e = assertThrows(IllegalStateException.class, stale::backward);
        assertTrue(e.getMessage().startsWith("this tensor's buffers were recycled by Workspace.recycle"), e.getMessage());
        assertTrue(e.getMessage().contains("result of '+c'"), e.getMessage());
        assertArrayEquals(new double[] {2, 4}, x.grad().data, 0.0, "the leaf's gradient is untouched");
    }

    @Test
    void theGradientOfALayerWithRespectToItsBiasAloneReachesTheBias() {
        Tensor x = Tensor.constant(3, 2, 1, 2, 3, 4, 5, 6);
        Tensor w = Tensor.of(2, 2, 0.1, 0.2, 0.3, 0.4);
        Tensor b = Tensor.of(1, 2, 0.5, -0.5);
        Tensor constantWeight = Tensor.constant(2, 2, 0.1, 0.2, 0.3, 0.4);
        assertArrayEquals(new double[] {3, 3}, values(x.linear(constantWeight, b).sum().gradient(b)), 0.0);
        assertArrayEquals(new double[] {3, 3}, values(x.linear(w, b).sum().gradient(b)), 0.0);
        Tensor layer = x.linearTanh(w, b);
        double[] expected = new double[2];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                double y = layer.data().data[i * 2 + j];
                expected[j] += 1 - y * y;
            }
        }
        assertArrayEquals(expected, values(layer.sum().gradient(b)), 1e-15);
    }

    @Test
    void aConstantOutputHasZeroGradients() {
        Tensor x = Tensor.of(1, 3, 1, 2, 3);
        Tensor constant = Tensor.constant(1, 1, 5.0);
        Tensor g = constant.gradient(x);
        assertArrayEquals(new double[3], values(g), 0.0);
        assertSame(false, g.requiresGrad());
    }

    @Test
    void theWalksNumbersWrapWithoutEverBeingAnUnmarkedTensorsZero() {
        // each walk marks its tensors with its number; after 2³² − 1 walks the numbers start again at 1, never at 0
        Tensor x = Tensor.of(1, 2, 0.5, -1.5);
        long before = GradientGraph.WALKS.get();
        try {
            GradientGraph.WALKS.set(0xFFFF_FFFFL * 3 - 2);
            for (int k = 0; k < 4; k++) {
                Tensor unused = Tensor.of(1, 1, 2.0);   // not in y's graph, so never marked: its gradient is 0
                Tensor y = x.mul(x).mul(x).sum();   // Σx³: ∂/∂x = 3x², ∂²/∂x² summed = 6x
                List<Tensor> both = y.gradients(List.of(x, unused));
                assertArrayEquals(new double[] {0.0}, both.get(1).toArray()[0], "walk " + GradientGraph.WALKS.get());
                Tensor first = both.get(0);
                assertArrayEquals(new double[] {0.75, 6.75}, first.toArray()[0], "walk " + GradientGraph.WALKS.get());
                assertArrayEquals(new double[] {3.0, -9.0}, first.sum().gradient(x).toArray()[0], "walk " + GradientGraph.WALKS.get());
            }
        } finally {
            GradientGraph.WALKS.set(before);
        }
    }

    @Test
    void theWalkNumberedOneAfterTheWrapGivesATensorOutsideTheGraphAZeroGradient() {
        // the walk counter n numbers the walk (n mod (2³² − 1)) + 1; at n = 1 and 2³² a walk that numbered itself 0
        // would take the unmarked tensor outside the graph for the graph's first tensor
        long before = GradientGraph.WALKS.get();
        try {
            for (long n : new long[] {0, 1, 2, 0xFFFF_FFFEL, 0xFFFF_FFFFL, 0x1_0000_0000L}) {
                GradientGraph.WALKS.set(n);
                Tensor x = Tensor.of(1, 2, 0.5, -1.5);
                Tensor outside = Tensor.of(1, 2, 2.0, 3.0);
                List<Tensor> both = x.mul(x).mul(x).sum().gradients(List.of(x, outside));
                assertArrayEquals(new double[] {0.75, 6.75}, both.get(0).toArray()[0], "counter " + n);
                assertArrayEquals(new double[] {0.0, 0.0}, both.get(1).toArray()[0], "counter " + n);
            }
        } finally {
            GradientGraph.WALKS.set(before);
        }
    }

    @Test
    void aWalkLeavesNoMarkThatTheWalkWithItsNumberAfterTheWrapCouldTakeForItsOwn() {
        // 2³² − 1 walks after a walk over a, the walk with the same number must still see a as outside its graph
        long before = GradientGraph.WALKS.get();
        try {
            GradientGraph.WALKS.set(7);
            Tensor a = Tensor.of(1, 2, 1.0, 2.0);
            assertArrayEquals(new double[] {2.0, 4.0}, a.mul(a).sum().gradient(a).toArray()[0]);
            GradientGraph.WALKS.set(7 + 0xFFFF_FFFFL);
            Tensor c = Tensor.of(1, 2, 3.0, 5.0);
            List<Tensor> both = c.mul(c).sum().gradients(List.of(c, a));
            assertArrayEquals(new double[] {6.0, 10.0}, both.get(0).toArray()[0]);
            assertArrayEquals(new double[] {0.0, 0.0}, both.get(1).toArray()[0], "a is not in c's graph");
        } finally {
            GradientGraph.WALKS.set(before);
        }
    }
}
