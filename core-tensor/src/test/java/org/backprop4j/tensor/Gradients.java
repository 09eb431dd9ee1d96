package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.backprop4j.scalar.CentralDifference;

/**
 * Checks every element of every input's gradient against a central difference (float64), and gives
 * the checks a loss that sees every element.
 */
final class Gradients {

    private Gradients() {
    }

    /**
     * Σᵢ wᵢ·tᵢ with wᵢ = 0.5 + 0.37·i (i row-major): a loss that weighs every element differently,
     * so a gradient written to a wrong index cannot hide in a sum.
     */
    static Tensor weightedSum(Tensor t) {
        double[] w = new double[t.rows() * t.cols()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5 + 0.37 * i;
        }
        return t.mul(Tensor.constant(t.rows(), t.cols(), w)).sum();
    }

    /**
     * Runs {@code loss} once with backward, then for each element of each input compares the
     * analytic gradient with the central difference of {@code loss} in that element.
     */
    static void check(Supplier<Tensor> loss, List<Tensor> inputs) {
        for (Tensor t : inputs) {
            t.zeroGrad();
        }
        loss.get().backward();
        for (int n = 0; n < inputs.size(); n++) {
            Tensor t = inputs.get(n);
            double[] x = t.data().data;
            for (int i = 0; i < t.rows() * t.cols(); i++) {
                int index = i;
                double original = x[i];
                double numeric = CentralDifference.derivative(v -> {
                    x[index] = v;
                    double value = loss.get().item();
                    x[index] = original;
                    return value;
                }, original);
                double analytic = t.grad().data[i];
                String where = "input " + n + " element " + i;
                assertTrue(CentralDifference.agrees(analytic, numeric),
                        () -> where + ": analytic " + analytic + " vs numeric " + numeric);
            }
        }
    }
}
