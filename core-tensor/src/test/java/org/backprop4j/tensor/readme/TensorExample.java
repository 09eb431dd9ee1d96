package org.backprop4j.tensor.readme;

import java.util.Arrays;
import org.backprop4j.tensor.blas.MatrixProducts;
import org.backprop4j.tensor.Tensor;

/** The example under "Operations" in core-tensor's README: a batch through a neuron, with the backend that ran it. */
final class TensorExample {

    private TensorExample() {
    }

    static Tensor run() {
        // readme:tensor-example
        Tensor x = Tensor.constant(new double[][] {{2.0, 0.0}, {1.0, -1.0}});   // 2 samples × 2 inputs, no gradient
        Tensor w = Tensor.of(new double[][] {{-3.0, 1.0}});                     // 1 neuron × 2 weights
        Tensor b = Tensor.of(new double[][] {{6.8813735870195432}});            // 1 × 1 bias, broadcast to each row

        Tensor o = x.matmul(w.transpose()).add(b).tanh();                       // 2 × 1, same maths as Value
        Tensor loss = o.sum();
        loss.backward();

        System.out.println(o);                        // Tensor(2x1, data=[[0.7071067811865476], [0.99373475467…]], op=tanh)
        System.out.println(Arrays.toString(w.grad().data));     // [1.01249123735…, -0.01249123735…]
        System.out.println(MatrixProducts.current().name());   // auto (ejml + netlib (…))
        // readme:end
        return o;
    }
}
