package org.backprop4j.nn.scalar;

import java.util.List;
import java.util.Objects;

import org.backprop4j.nn.EuclideanNorm;
import org.backprop4j.nn.Model;
import org.backprop4j.nn.ParameterUpdate;
import org.backprop4j.scalar.Value;

/** The {@link Model} methods of a scalar model, all read off its list of parameter {@link Value}s. */
interface ValueModel extends Model<Value> {

    @Override
    default int parameterCount() {
        return parameters().size();
    }

    @Override
    default double[] parameterValues() {
        List<Value> list = parameters();
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).data();
        }
        return out;
    }

    @Override
    default void copyParameterValues(double[] into) {
        Model.checkLength(this, into, "into");
        List<Value> list = parameters();
        for (int i = 0; i < into.length; i++) {
            into[i] = list.get(i).data();
        }
    }

    @Override
    default void setParameterValues(double[] values) {
        Model.checkParameterValues(this, values);
        List<Value> list = parameters();
        for (int i = 0; i < values.length; i++) {
            list.get(i).setData(values[i]);
        }
    }

    @Override
    default double[] gradients() {
        List<Value> list = parameters();
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).grad();
        }
        return out;
    }

    @Override
    default void zeroGrad() {
        for (Value p : parameters()) {
            p.setGrad(0);
        }
    }

    @Override
    default double gradientNorm() {
        return EuclideanNorm.of(gradients());
    }

    @Override
    default void scaleGradients(double factor) {
        Model.checkFactor(factor);
        for (Value p : parameters()) {
            p.setGrad(factor * p.grad());
        }
    }

    @Override
    default void update(ParameterUpdate rule) {
        Objects.requireNonNull(rule, "rule");
        List<Value> list = parameters();
        double[] next = new double[list.size()];
        for (int i = 0; i < next.length; i++) {
            Value p = list.get(i);
            next[i] = rule.apply(i, p.data(), p.grad());
        }
        Model.checkUpdate(this, next);
        for (int i = 0; i < next.length; i++) {
            list.get(i).setData(next[i]);
        }
    }
}
