package org.backprop4j.tensor;

import static org.backprop4j.tensor.LeafWithLoss.plus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What {@code zeroGrad()}, {@code grad()} and {@code borrowGrad()} promise {@code backward()}: a
 * leaf accumulates earlier values + this call's gradient, one addition per element, whoever wrote
 * the earlier values and however the matrix was reached; only a matrix that no code outside the
 * engine can have written into since {@code zeroGrad()} is written over without a check (zeroGrad wrote
 * nothing into it). The graph is
 * one where the difference shows: a leaf used three times, whose parts added one by one into
 * earlier values round differently from earlier + their sum.
 */
class ZeroedGradientTest {

    private static final int ROWS = 4;
    private static final int COLS = 16;

    private final double[][] weights = new double[3][ROWS * COLS];
    /** What a user writes into a gradient between zeroGrad and backward. */
    private final double[] earlier = new double[ROWS * COLS];
    private final LeafWithLoss leaves;

    ZeroedGradientTest() {
        SplittableRandom random = new SplittableRandom(29);
        double[] values = new double[ROWS * COLS];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble(-1, 1);
            for (double[] w : weights) {
                w[i] = random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-8, 1));
            }
            earlier[i] = random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(0, 3));
        }
        leaves = new LeafWithLoss(ROWS, COLS, values, this::loss);
    }

    /** Σ x⊙w₀ + Σ x⊙w₁ + Σ x⊙w₂: x's gradient is w₀ + w₁ + w₂, in three parts. */
    private Tensor loss(Tensor x) {
        return x.mul(Tensor.constant(ROWS, COLS, weights[0])).sum()
                .add(x.mul(Tensor.constant(ROWS, COLS, weights[1])).sum())
                .add(x.mul(Tensor.constant(ROWS, COLS, weights[2])).sum());
    }

    /** earlier + gradient, element by element: what backward must leave. */
    private double[] earlierPlusGradient() {
        return plus(earlier, leaves.freshGradient());
    }

    /** The two ways a user reaches a leaf's gradient matrix. */
    enum Reach {
        /** {@code grad()}: handed out, the user may keep it. */
        HANDED_OUT(Tensor::grad),
        /** {@code borrowGrad()}: lent for the moment. */
        LENT(Tensor::borrowGrad);

        private final Function<Tensor, DMatrixRMaj> matrix;

        Reach(Function<Tensor, DMatrixRMaj> matrix) {
            this.matrix = matrix;
        }
    }

    @Test
    void theGraphTellsTheTwoWaysOfAddingApart() {
        double[] expected = earlierPlusGradient();
        int differ = 0;
        for (int i = 0; i < expected.length; i++) {
            double partByPart = ((earlier[i] + weights[0][i]) + weights[1][i]) + weights[2][i];
            double reversed = ((earlier[i] + weights[2][i]) + weights[1][i]) + weights[0][i];
            if (partByPart != expected[i] && reversed != expected[i]) {
                differ++;
            }
        }
        assertNotEquals(0, differ, "no element where adding the parts one by one rounds differently: the tests below would prove nothing");
    }

    @Test
    void aMatrixHandedOutBeforeZeroGradAndWrittenIntoAfterItGetsEarlierPlusTheGradient() {
        Tensor x = leaves.newLeaf();
        loss(x).backward();
        DMatrixRMaj held = x.grad();
        x.zeroGrad();
        System.arraycopy(earlier, 0, held.data, 0, earlier.length);
        loss(x).backward();
        assertArrayEquals(earlierPlusGradient(), x.grad().data, 0.0);
    }

    @Test
    void aMatrixHandedOutLongAgoIsStillCheckedAfterEveryZeroGrad() {
        Tensor x = leaves.newLeaf();
        DMatrixRMaj held = x.grad();
        for (int step = 0; step < 3; step++) {
            x.zeroGrad();
            loss(x).backward();
        }
        x.zeroGrad();
        System.arraycopy(earlier, 0, held.data, 0, earlier.length);
        loss(x).backward();
        assertArrayEquals(earlierPlusGradient(), held.data, 0.0);
    }

    @ParameterizedTest
    @EnumSource(Reach.class)
    void aMatrixReachedAfterZeroGradAndWrittenIntoGetsEarlierPlusTheGradient(Reach reach) {
        Tensor x = leaves.zeroedAfterABackward();
        System.arraycopy(earlier, 0, reach.matrix.apply(x).data, 0, earlier.length);
        loss(x).backward();
        assertArrayEquals(earlierPlusGradient(), reach.matrix.apply(x).data, 0.0);
    }

    @Test
    void aMatrixOnlyLentGetsAFreshTensorsGradientAfterZeroGrad() {
        Tensor x = leaves.newLeaf();
        loss(x).backward();
        double[] first = x.borrowGrad().data.clone();
        x.zeroGrad();
        assertArrayEquals(new double[ROWS * COLS], x.borrowGrad().data, 0.0, "zeroGrad's zeros, read at once");
        x.zeroGrad();
        loss(x).backward();
        assertArrayEquals(leaves.freshGradient(), x.borrowGrad().data, 0.0);
        assertArrayEquals(first, x.borrowGrad().data, 0.0);
    }

    @Test
    void backwardEndsWhatZeroGradVouchedFor() {
        // after zeroGrad, the first call writes over the cleared matrix unchecked; the second must check again and add its gradient whole
        Tensor x = leaves.zeroedAfterABackward();
        Tensor loss = loss(x);
        loss.backward();
        loss.backward();
        double[] g = leaves.freshGradient();
        assertArrayEquals(plus(g, g), x.borrowGrad().data, 0.0, "twice the gradient");
    }

    @Test
    void aGradientThatIsNotZeroAfterALaterBackwardIsCheckedAgain() {
        // zeroGrad, a backward that the leaf takes no part in, then one that it does: zeros still, unchecked or not
        Tensor x = leaves.newLeaf();
        Tensor other = leaves.newLeaf();
        loss(x).backward();
        x.zeroGrad();
        loss(other).backward();
        loss(x).backward();
        assertArrayEquals(leaves.freshGradient(), x.borrowGrad().data, 0.0);
        loss(x).backward();
        double[] g = leaves.freshGradient();
        assertArrayEquals(plus(g, g), x.borrowGrad().data, 0.0, "twice the gradient");
    }

    @Test
    void aConstantLendsNoGradient() {
        Tensor c = Tensor.constant(1, 2, 1, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, c::borrowGrad);
        assertEquals("a constant 1x2 tensor has no gradient", e.getMessage());
    }

    @Test
    void aRecycledTensorLendsNoGradient() {
        Tensor x = Tensor.of(1, 2, 1, 2);
        Workspace workspace = new Workspace();
        Tensor y;
        try (Workspace.Scope scope = workspace.enter()) {
            y = x.mul(2);
            Tensor loss = y.sum();
            loss.backward();
            workspace.recycle(loss);
        }
        assertThrows(IllegalStateException.class, y::borrowGrad);
        assertArrayEquals(new double[] {2, 2}, x.borrowGrad().data, 0.0, "a leaf keeps its gradient");
    }
}
