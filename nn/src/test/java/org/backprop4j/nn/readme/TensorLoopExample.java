package org.backprop4j.nn.readme;

import java.util.List;
import org.backprop4j.nn.tensor.Losses;
import org.backprop4j.nn.tensor.MLP;
import org.backprop4j.tensor.Tensor;

/** nn's README, section 3: the seed's loop on the tensor engine. */
final class TensorLoopExample {

    private TensorLoopExample() {
    }

    /** @return the loss after the loop's 20 steps */
    static double run() {
        // readme:tensor-loop
        MLP n = new MLP(3, List.of(4, 4, 1));                        // same parameters as the scalar MLP
        Tensor xs = Tensor.constant(new double[][] {{2.0, 3.0, -1.0}, {3.0, -1.0, 0.5}, {0.5, 1.0, 1.0}, {1.0, 1.0, -1.0}});
        Tensor ys = Tensor.constant(new double[][] {{1.0}, {-1.0}, {-1.0}, {1.0}});

        for (int k = 0; k < 20; k++) {
            Tensor loss = Losses.sumOfSquares(n.forward(xs), ys);    // the whole batch at once
            n.zeroGrad();
            loss.backward();
            n.update((i, p, grad) -> p - 0.05 * grad);               // p -= 0.05 · grad, in place
            if (k % 5 == 0) {
                System.out.printf("step %2d  loss %.4f%n", k, loss.item());
            }
        }
        // readme:end
        return Losses.sumOfSquares(n.forward(xs), ys).item();
    }
}
