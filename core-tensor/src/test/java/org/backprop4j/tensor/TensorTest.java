package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Factories, copying, accumulation, broadcasting rules and every bad input of {@link Tensor}. */
class TensorTest {

    private static void assertMessage(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' should name " + part);
        }
    }

    @Test
    void factoriesCopyTheirInput() {
        double[][] rows = {{1, 2}, {3, 4}};
        Tensor t = Tensor.of(rows);
        Tensor c = Tensor.constant(rows);
        rows[0][0] = 99;
        assertEquals(1, t.data().get(0, 0));
        assertEquals(1, c.data().get(0, 0));
        double[] flat = {1, 2, 3};
        Tensor f = Tensor.of(1, 3, flat);
        flat[0] = 99;
        assertEquals(1, f.data().data[0]);
        DMatrixRMaj m = new DMatrixRMaj(1, 1, true, 5);
        Tensor fromMatrix = Tensor.of(m);
        m.data[0] = 6;
        assertEquals(5, fromMatrix.item());
        assertArrayEquals(new double[] {1, 2}, t.toArray()[0]);
        assertTrue(t.requiresGrad());
        assertFalse(c.requiresGrad());
        assertEquals(0, Tensor.zeros(2, 3).data().get(1, 2));
        assertEquals(2.5, Tensor.scalar(2.5).item());
    }

    @Test
    void raggedEmptyAndNullArraysAreRefused() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[][] {{1, 2}, {3}})),
                "ragged", "row 1 has 1", "row 0 has 2");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[0][])), "empty");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Tensor.constant(new double[][] {{}})), "empty row");
        assertThrows(NullPointerException.class, () -> Tensor.of((double[][]) null));
        assertMessage(assertThrows(NullPointerException.class, () -> Tensor.of(new double[][] {{1}, null})), "row 1");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Tensor.of(2, 2, 1, 2, 3)), "2x2", "4", "3");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0, 3)), "0x3");
        assertThrows(NullPointerException.class, () -> Tensor.of((DMatrixRMaj) null));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Tensor.of(0, 2)), "at least 1 row and 1 column", "0x2");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Tensor.constant(2, 0)), "0", "2x0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Tensor.of(new DMatrixRMaj(0, 3))), "0x3");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Tensor.constant(new DMatrixRMaj(3, 0))), "3x0");
    }

    @Test
    void aConstantFromAMatrixIsACopyWithoutAGradient() {
        DMatrixRMaj m = new DMatrixRMaj(2, 1, true, 5, 6);
        Tensor c = Tensor.constant(m);
        m.data[0] = 7;
        assertArrayEquals(new double[] {5, 6}, c.data().data);
        assertFalse(c.requiresGrad());
        assertEquals(2, c.rows());
    }

    @Test
    void shapeMismatchesNameTheOperationAndBothShapes() {
        Tensor a = Tensor.zeros(4, 3);
        Tensor b = Tensor.zeros(1, 2);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> a.add(b)), "add: cannot broadcast 4x3 with 1x2");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> a.sub(Tensor.zeros(3, 4))), "sub", "4x3", "3x4");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> a.mul(Tensor.zeros(2, 1))), "mul", "4x3", "2x1");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(1, 3).div(Tensor.zeros(3, 1))),
                "div", "1x3", "3x1");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> a.matmul(Tensor.zeros(4, 3))),
                "matmul", "4x3", "4x3");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> a.linear(Tensor.zeros(2, 4), Tensor.zeros(1, 2))),
                "linear", "2x4", "4x3");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> a.linear(Tensor.zeros(2, 3), Tensor.zeros(2, 1))),
                "linear", "2x1");
    }

    @Test
    void broadcastFormsComputeTheDocumentedResults() {
        Tensor m = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(new double[] {11, 22, 33}, m.add(Tensor.of(1, 3, 10, 20, 30)).toArray()[0]);
        assertArrayEquals(new double[] {104, 105, 106}, m.add(Tensor.of(2, 1, 10, 100)).toArray()[1]);
        assertArrayEquals(new double[] {-9, -8, -7}, Tensor.scalar(10).neg().add(m).toArray()[0]);
        assertArrayEquals(new double[] {9, 8, 7}, Tensor.of(1, 3, 10, 10, 10).sub(m).toArray()[0]);
    }

    @Test
    void itemAndBackwardNeedOneByOne() {
        Tensor t = Tensor.zeros(2, 2);
        assertMessage(assertThrows(IllegalArgumentException.class, t::item), "item", "2x2");
        assertMessage(assertThrows(IllegalArgumentException.class, t::backward), "backward", "1x1", "2x2");
        assertMessage(assertThrows(IllegalStateException.class, () -> Tensor.constant(1, 1, 3).mul(2).backward()),
                "requires a gradient");
        assertMessage(assertThrows(IllegalStateException.class, () -> Tensor.constant(1, 1, 3).grad()), "constant");
    }

    @Test
    void nullOperandsAreNamed() {
        Tensor a = Tensor.zeros(1, 1);
        List<Function<Tensor, Tensor>> ops = List.of(a::add, a::sub, a::mul, a::div, a::matmul);
        for (Function<Tensor, Tensor> op : ops) {
            assertEquals("other", assertThrows(NullPointerException.class, () -> op.apply(null)).getMessage());
        }
        assertEquals("weight", assertThrows(NullPointerException.class, () -> a.linear(null, a)).getMessage());
        assertEquals("bias", assertThrows(NullPointerException.class, () -> a.linear(a, null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).column(3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).column(-1));
    }

    @Test
    void powerZeroHasGradientZeroEvenAtZeroAsOnTheScalarEngine() {
        Tensor x = Tensor.of(1, 4, 0.0, -0.0, Double.MIN_VALUE, -2.0);
        x.pow(0).sum().backward();
        assertArrayEquals(new double[] {0, 0, 0, 0}, x.grad().data);
        assertArrayEquals(new double[] {1, 1, 1, 1}, x.pow(0).data().data);
    }

    @Test
    void shapesPastOneJavaArrayAndShortMatricesAreRefusedNamingTheShape() {
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(65536, 65537));
        assertTrue(big.getMessage().contains("65536x65537") && big.getMessage().contains("4295032832"), big.getMessage());
        Tensor column = Tensor.zeros(65536, 1);
        Tensor row = Tensor.zeros(1, 65537);
        IllegalArgumentException product = assertThrows(IllegalArgumentException.class, () -> column.matmul(row));
        assertTrue(product.getMessage().contains("65536x65537"), product.getMessage());
        org.ejml.data.DMatrixRMaj shortData = new org.ejml.data.DMatrixRMaj(2, 3);
        shortData.data = new double[4];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(shortData));
        assertTrue(e.getMessage().contains("2x3") && e.getMessage().contains("4 values"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.constant(shortData));
    }

    @Test
    void reusedTensorAccumulatesAndBackwardTwiceAccumulates() {
        Tensor a = Tensor.of(1, 2, 3, 4);
        Tensor b = a.add(a);
        Tensor c = b.add(b);
        c.sum().backward();
        assertArrayEquals(new double[] {4, 4}, a.grad().data);
        Tensor d = a.mul(3).sum();
        a.zeroGrad();
        d.backward();
        assertArrayEquals(new double[] {3, 3}, a.grad().data);
        // as with Value, inner nodes start afresh (unlike micrograd, its issue #53): the second call adds 3 again
        d.backward();
        assertArrayEquals(new double[] {6, 6}, a.grad().data);
    }

    @Test
    void constantsGetNoGradientBuffer() {
        Tensor x = Tensor.constant(new double[][] {{1, 2}, {3, 4}});
        Tensor w = Tensor.of(new double[][] {{0.5, -1}});
        Tensor loss = x.matmul(w.transpose()).pow(2).mean();
        loss.backward();
        assertNull(x.grad);
        assertTrue(x.toString().contains("constant"), x.toString());
        assertEquals(2, w.grad().numCols);
    }

    @Test
    void reluKeepsTheSignOfNegativeZeroAsValueDoes() {
        Tensor t = Tensor.of(1, 3, -0.0, 0.0, -1.0);
        double[] r = t.relu().data().data;
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(r[0]), "0 if x < 0 else x");
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(r[1]));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(r[2]));
    }

    @Test
    void aBiasAloneCanRequireTheGradientOfALinearLayer() {
        Tensor x = Tensor.constant(2, 2, 1, 2, 3, 4);
        Tensor w = Tensor.constant(1, 2, 0.5, -1);
        Tensor bias = Tensor.of(1, 1, 0.25);
        Tensor y = x.linear(w, bias);
        assertTrue(y.requiresGrad());
        y.sum().backward();
        assertArrayEquals(new double[] {2}, bias.grad().data);
        assertFalse(x.linear(w, Tensor.constant(1, 1, 0.25)).requiresGrad());
    }

    @Test
    void theDrawingShowsEachGradientsNorm() {
        Tensor w = Tensor.of(2, 2, 1, 1, 1, 1).label("w");
        Tensor loss = w.mul(Tensor.constant(2, 2, 1, 2, 2, 4)).sum();
        assertTrue(loss.toDot().contains("{ w | 2x2 | grad - }"), loss.toDot());
        loss.backward();
        String dot = loss.toDot();
        assertTrue(dot.contains("{ w | 2x2 | grad norm 5.0000 }"), dot);
        assertTrue(dot.contains("{  | 1x1 | grad norm 1.0000 }"), dot);
    }

    @Test
    void aTranscendentalOperationSplitOverTwoThreadsGivesTheSameBitsAsRowByRow() {
        int rows = 4;
        int cols = ParallelRange.TRANSCENDENTAL_CUTOVER / 2;
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble(-4, 4);
        }
        Tensor whole = Tensor.constant(rows, cols, values);
        List<Function<Tensor, Tensor>> ops = List.of(Tensor::tanh, Tensor::sigmoid, Tensor::exp);
        for (Function<Tensor, Tensor> op : ops) {
            double[] all = op.apply(whole).data().data;
            for (int i = 0; i < rows; i++) {
                double[] row = java.util.Arrays.copyOfRange(values, i * cols, (i + 1) * cols);
                double[] expected = op.apply(Tensor.constant(1, cols, row)).data().data;
                assertArrayEquals(expected, java.util.Arrays.copyOfRange(all, i * cols, (i + 1) * cols), 0.0, "row " + i);
            }
        }
    }

    @Test
    void ieeeCasesLikeValue() {
        assertTrue(Double.isNaN(Tensor.scalar(-4).pow(0.5).item()));
        assertEquals(Double.POSITIVE_INFINITY, Tensor.scalar(Double.NEGATIVE_INFINITY).pow(0.5).item());   // C's pow, as Value
        assertEquals(Double.POSITIVE_INFINITY, Tensor.scalar(-0.0).pow(-0.5).item());
        assertEquals(1.0, Tensor.scalar(1).pow(Double.NaN).item());
        assertEquals(Double.NEGATIVE_INFINITY, Tensor.scalar(0).log().item());
        assertEquals(Double.POSITIVE_INFINITY, Tensor.scalar(1).div(0.0).item());
        assertTrue(Double.isNaN(Tensor.scalar(0).div(Tensor.scalar(0)).item()));
        assertEquals(1.0, Tensor.scalar(1000).tanh().item());
        assertEquals(0.0, Tensor.scalar(-1000).sigmoid().item());
    }

    @Test
    void toStringAndDotDescribeTheGraph() {
        Tensor w = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).label("W");
        Tensor x = Tensor.constant(1, 3, 1, 1, 1).label("x");
        Tensor y = x.matmul(w.transpose()).tanh().sum().label("L");
        assertEquals("Tensor(label=W, 2x3, data=[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])", w.toString());
        y.backward();
        String dot = y.toDot();
        assertTrue(dot.contains("{ W | 2x3 | grad norm"), dot);
        assertTrue(dot.contains("{ x | 1x3 | constant }"), dot);
        assertTrue(dot.contains("[label=\"matmul\"]"), dot);
        assertTrue(dot.contains("[label=\"tanh\"]"), dot);
        assertEquals("sum", y.op());
        assertEquals(1, y.operands().size());
    }
}
