package org.backprop4j.tensor;

import org.backprop4j.scalar.Arithmetic;

/** {@link Arithmetic} on {@link Tensor}, element-wise: the tensor engine's entry in the shared catalogue. */
final class TensorArithmetic implements Arithmetic<Tensor> {

    static final TensorArithmetic INSTANCE = new TensorArithmetic();

    private TensorArithmetic() {
    }

    @Override
    public Tensor add(Tensor a, Tensor b) {
        return a.add(b);
    }

    @Override
    public Tensor add(Tensor a, double c) {
        return a.add(c);
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        return a.sub(b);
    }

    @Override
    public Tensor sub(Tensor a, double c) {
        return a.sub(c);
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        return a.mul(b);
    }

    @Override
    public Tensor mul(Tensor a, double c) {
        return a.mul(c);
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        return a.div(b);
    }

    @Override
    public Tensor div(Tensor a, double c) {
        return a.div(c);
    }

    @Override
    public Tensor neg(Tensor a) {
        return a.neg();
    }

    @Override
    public Tensor pow(Tensor a, double exponent) {
        return a.pow(exponent);
    }

    @Override
    public Tensor exp(Tensor a) {
        return a.exp();
    }

    @Override
    public Tensor log(Tensor a) {
        return a.log();
    }

    @Override
    public Tensor tanh(Tensor a) {
        return a.tanh();
    }

    @Override
    public Tensor relu(Tensor a) {
        return a.relu();
    }

    @Override
    public Tensor sigmoid(Tensor a) {
        return a.sigmoid();
    }
}
