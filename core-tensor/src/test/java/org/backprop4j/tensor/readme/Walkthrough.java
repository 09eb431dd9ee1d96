package org.backprop4j.tensor.readme;

import java.util.Arrays;
import java.util.Random;
import org.backprop4j.scalar.Value;
import org.backprop4j.scalar.readme.Drawings;
import org.backprop4j.tensor.blas.MatrixProducts;
import org.backprop4j.tensor.Tensor;
import org.ejml.data.DMatrixRMaj;

/**
 * The code of core-tensor's README, the second part of the walkthrough. Each {@code readme:}
 * region is shown in the README to the letter; the lines outside the regions hand the graphs to
 * the drawing check.
 */
final class Walkthrough {

    private Walkthrough() {
    }

    static void neuron(Drawings drawings) {
        // readme:neuron
        Tensor x = Tensor.of(new double[][] {{2.0, 0.0}}).label("x");           // 1 sample × 2 inputs
        Tensor w = Tensor.of(new double[][] {{-3.0, 1.0}}).label("w");          // 1 neuron × 2 weights
        Tensor b = Tensor.of(new double[][] {{6.8813735870195432}}).label("b"); // 1 × 1

        Tensor n = x.matmul(w.transpose()).add(b).label("n");                   // x1·w1 + x2·w2 + b
        Tensor o = n.tanh().label("o");
        o.backward();

        System.out.println(o);
        System.out.println(Arrays.toString(x.grad().data));
        System.out.println(Arrays.toString(w.grad().data));
        System.out.println(Arrays.toString(b.grad().data));
        // readme:end
        drawings.add("neuron", o.toDot());
    }

    static void batch(Drawings drawings) {
        // readme:batch
        Tensor xs = Tensor.constant(new double[][] {
            {2.0, 0.0},
            {1.0, -1.0},
            {0.5, 0.5},
            {-1.0, 2.0}}).label("xs");                                          // 4 samples × 2 inputs, no gradient
        Tensor w = Tensor.of(new double[][] {{-3.0, 1.0}}).label("w");
        Tensor b = Tensor.of(new double[][] {{0.5}}).label("b");

        Tensor os = xs.matmul(w.transpose()).add(b).tanh().label("os");         // 4 × 1: all four neurons' outputs
        Tensor total = os.sum().label("total");
        total.backward();

        System.out.println(os);
        System.out.println(w.grad().get(0, 0) + " " + w.grad().get(0, 1) + " " + b.grad().get(0, 0));
        // readme:end
        drawings.add("batch", total.toDot());
    }

    static void broadcasting() {
        // readme:broadcasting
        Tensor m = Tensor.constant(new double[][] {{1, 2, 3}, {4, 5, 6}});      // 2 × 3
        Tensor row = Tensor.of(new double[][] {{10, 20, 30}});                  // 1 × 3: added to every row
        Tensor column = Tensor.of(new double[][] {{100}, {200}});               // 2 × 1: added to every column

        Tensor sum = m.add(row).add(column).mul(2.0);                           // a number: to every element
        System.out.println(sum);
        sum.sum().backward();
        // each gradient is summed back to its operand's shape: 2 per use, used in 2 rows or 3 columns
        System.out.println(Arrays.toString(row.grad().data));
        System.out.println(Arrays.toString(column.grad().data));

        try {
            m.add(Tensor.constant(new double[][] {{1, 2}}));
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
        }
        // readme:end
    }

    static void layer(Drawings drawings) {
        // readme:layer
        Tensor xs = Tensor.constant(new double[][] {{2.0, 3.0, -1.0}, {3.0, -1.0, 0.5}}).label("xs");   // batch 2 × 3 inputs
        Tensor w = Tensor.of(new double[][] {
            {0.1, -0.2, 0.3},
            {0.4, 0.5, -0.6},
            {-0.7, 0.8, 0.9},
            {1.0, -1.1, 1.2}}).label("W");                                      // 4 neurons × 3 weights
        Tensor b = Tensor.of(new double[][] {{0.1, 0.2, 0.3, 0.4}}).label("b"); // 1 × 4

        Tensor h = xs.linear(w, b).tanh().label("h");                           // 2 × 4: xs·Wᵀ + b, then tanh
        Tensor loss = h.mean().label("loss");
        loss.backward();
        System.out.printf("h is %dx%d, W.grad is %dx%d, b.grad is %dx%d%n",
                h.rows(), h.cols(), w.grad().numRows, w.grad().numCols, b.grad().numRows, b.grad().numCols);
        // readme:end
        drawings.add("layer", loss.toDot());
    }

    static void flops() {
        // readme:flops
        int batch = 256;
        int[] sizes = {64, 128, 128, 10};                  // the "medium" benchmark: 64 → 128 → 128 → 10

        long multiplyAdds = 0;
        long outputs = 0;
        for (int i = 1; i < sizes.length; i++) {
            multiplyAdds += (long) batch * sizes[i - 1] * sizes[i];   // one product: batch × in × out
            outputs += (long) batch * sizes[i];                        // values that get a bias and an activation
        }
        long flops = 6 * multiplyAdds;                     // 3 products (forward, ∂W, ∂x), 2 FLOPs per multiply-add
        System.out.printf("%,d FLOPs in products, %,d element-wise values: %,d FLOPs per value%n",
                flops, outputs, flops / outputs);
        // readme:end
    }

    static void backends() {
        // readme:backends
        Random random = new Random(1);
        DMatrixRMaj a = new DMatrixRMaj(256, 256);
        DMatrixRMaj b = new DMatrixRMaj(256, 256);
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] = random.nextGaussian();
            b.data[i] = random.nextGaussian();
        }
        DMatrixRMaj reference = new DMatrixRMaj(256, 256);
        DMatrixRMaj fast = new DMatrixRMaj(256, 256);
        MatrixProducts.ejml().gemm(false, false, 1.0, a, b, 0.0, reference);     // c = 1·a·b + 0·c
        MatrixProducts.current().gemm(false, false, 1.0, a, b, 0.0, fast);

        double largest = 0;
        for (int i = 0; i < fast.data.length; i++) {
            largest = Math.max(largest, Math.abs(fast.data[i] - reference.data[i]));
        }
        System.out.println(MatrixProducts.current().name());                     // auto (ejml + netlib (…))
        System.out.println(largest < 1e-12);                                     // true
        // readme:end
    }

    static void agreement() {
        // readme:agreement
        double[][] rows = {{2.0, 0.0}, {1.0, -1.0}, {0.5, 0.5}, {-1.0, 2.0}};

        Tensor w = Tensor.of(new double[][] {{-3.0, 1.0}});                     // the tensor engine: one graph
        Tensor b = Tensor.of(new double[][] {{0.5}});
        Tensor.constant(rows).matmul(w.transpose()).add(b).tanh().sum().backward();

        Value w1 = Value.of(-3.0);                                              // the scalar engine: a graph per number
        Value w2 = Value.of(1.0);
        Value bias = Value.of(0.5);
        Value total = Value.of(0.0);
        for (double[] r : rows) {
            total = total.add(w1.mul(r[0]).add(w2.mul(r[1])).add(bias).tanh());
        }
        total.backward();

        double difference = Math.max(Math.abs(w.grad().get(0, 0) - w1.grad()),
                Math.max(Math.abs(w.grad().get(0, 1) - w2.grad()), Math.abs(b.grad().get(0, 0) - bias.grad())));
        System.out.println(w1.grad() + " " + w2.grad() + " " + bias.grad());
        System.out.println(difference <= 1e-12);                                // true
        // readme:end
    }
}
