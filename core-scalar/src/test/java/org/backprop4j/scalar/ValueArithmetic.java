package org.backprop4j.scalar;

/** {@link Arithmetic} on {@link Value}: each operation is the engine's own. */
public final class ValueArithmetic implements Arithmetic<Value> {

    /** The one instance. */
    public static final ValueArithmetic INSTANCE = new ValueArithmetic();

    private ValueArithmetic() {
    }

    @Override
    public Value add(Value a, Value b) {
        return a.add(b);
    }

    @Override
    public Value add(Value a, double c) {
        return a.add(c);
    }

    @Override
    public Value sub(Value a, Value b) {
        return a.sub(b);
    }

    @Override
    public Value sub(Value a, double c) {
        return a.sub(c);
    }

    @Override
    public Value mul(Value a, Value b) {
        return a.mul(b);
    }

    @Override
    public Value mul(Value a, double c) {
        return a.mul(c);
    }

    @Override
    public Value div(Value a, Value b) {
        return a.div(b);
    }

    @Override
    public Value div(Value a, double c) {
        return a.div(c);
    }

    @Override
    public Value neg(Value a) {
        return a.neg();
    }

    @Override
    public Value pow(Value a, double exponent) {
        return a.pow(exponent);
    }

    @Override
    public Value exp(Value a) {
        return a.exp();
    }

    @Override
    public Value log(Value a) {
        return a.log();
    }

    @Override
    public Value tanh(Value a) {
        return a.tanh();
    }

    @Override
    public Value relu(Value a) {
        return a.relu();
    }

    @Override
    public Value sigmoid(Value a) {
        return a.sigmoid();
    }
}
