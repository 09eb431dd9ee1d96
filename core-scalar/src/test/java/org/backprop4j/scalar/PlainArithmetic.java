package org.backprop4j.scalar;

/** {@link Arithmetic} on plain doubles: the reference every engine is compared with. */
public final class PlainArithmetic implements Arithmetic<Double> {

    /** The one instance. */
    public static final PlainArithmetic INSTANCE = new PlainArithmetic();

    private PlainArithmetic() {
    }

    @Override
    public Double add(Double a, Double b) {
        return a + b;
    }

    @Override
    public Double add(Double a, double c) {
        return a + c;
    }

    @Override
    public Double sub(Double a, Double b) {
        return a - b;
    }

    @Override
    public Double sub(Double a, double c) {
        return a - c;
    }

    @Override
    public Double mul(Double a, Double b) {
        return a * b;
    }

    @Override
    public Double mul(Double a, double c) {
        return a * c;
    }

    @Override
    public Double div(Double a, Double b) {
        return a / b;
    }

    @Override
    public Double div(Double a, double c) {
        return a / c;
    }

    @Override
    public Double neg(Double a) {
        return -a;
    }

    @Override
    public Double pow(Double a, double exponent) {
        return Math.pow(a, exponent);
    }

    @Override
    public Double exp(Double a) {
        return Math.exp(a);
    }

    @Override
    public Double log(Double a) {
        return Math.log(a);
    }

    @Override
    public Double tanh(Double a) {
        return StrictMath.tanh(a);
    }

    @Override
    public Double relu(Double a) {
        return Math.max(0.0, a);
    }

    @Override
    public Double sigmoid(Double a) {
        return 1.0 / (1.0 + Math.exp(-a));
    }
}
