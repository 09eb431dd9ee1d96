package org.backprop4j.tensor;

import java.util.function.UnaryOperator;

/**
 * A leaf's shape and values with one loss over it: the scaffolding of the tests that run
 * {@code zeroGrad()}, {@code grad()}, {@code borrowGrad()} and {@code backward()} in sequences, and
 * their reference, the gradient one backward call gives a fresh leaf.
 */
final class LeafWithLoss {

    private final int rows;
    private final int cols;
    private final double[] values;
    private final UnaryOperator<Tensor> loss;

    /**
     * @param rows the leaf's rows
     * @param cols the leaf's columns
     * @param values its row-major values, copied into each leaf made
     * @param loss a scalar loss over a leaf
     */
    LeafWithLoss(int rows, int cols, double[] values, UnaryOperator<Tensor> loss) {
        this.rows = rows;
        this.cols = cols;
        this.values = values.clone();
        this.loss = loss;
    }

    /** A new leaf holding the values, its gradient never made. */
    Tensor newLeaf() {
        return Tensor.of(rows, cols, values);
    }

    /** The loss over x, a new graph each call. */
    Tensor loss(Tensor x) {
        return loss.apply(x);
    }

    /** A new leaf after one backward call and a {@code zeroGrad()}: its gradient matrix exists and holds zeros. */
    Tensor zeroedAfterABackward() {
        Tensor x = newLeaf();
        loss(x).backward();
        x.zeroGrad();
        return x;
    }

    /** The gradient one backward call gives a new leaf: the reference every sequence is checked against. */
    double[] freshGradient() {
        Tensor x = newLeaf();
        loss(x).backward();
        return x.grad().data.clone();
    }

    /** a + b, element by element. */
    static double[] plus(double[] a, double[] b) {
        double[] sum = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }
}
