package org.backprop4j.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each {@link Value.Op} holds its derivative twice, the fast rule that adds numbers into {@code grad}
 * and the rule that builds {@code Value}s; for every operation the two send the same numbers to every
 * operand, to the bit, at seeded random points and at every pair of edge values (±0, subnormals,
 * ±1e308, ±∞, NaN) with upstream gradients that include 0, ∞ and NaN.
 */
class OpFormsTest {

    private static final Set<Value.Op> UNARY = EnumSet.of(Value.Op.EXP, Value.Op.LOG, Value.Op.TANH, Value.Op.RELU, Value.Op.SIGMOID);

    private static final double[] EDGES = {0.0, -0.0, 1.0, -1.0, 0.5, 2.0, -3.0, 1e-310, -1e-310, 1e-300, Double.MIN_VALUE,
        1e308, -1e308, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
    private static final double[] EXPONENTS = {2, 0, 1, 3, -1, -2, 0.5, -0.5, 1.5, 1e-300, 1e300, Double.POSITIVE_INFINITY, Double.NaN};
    private static final double[] UPSTREAM = {1.0, 0.0, -0.0, -2.5, 1e-310, 1e308, Double.POSITIVE_INFINITY, Double.NaN};

    /** (a, b, g) triples: every edge combination, then random ones of three scales. */
    private static List<double[]> cases(Value.Op op) {
        List<double[]> cases = new ArrayList<>();
        double[] seconds = op == Value.Op.POW ? EXPONENTS : UNARY.contains(op) ? new double[] {0.0} : EDGES;
        for (double a : EDGES) {
            for (double b : seconds) {
                for (double g : UPSTREAM) {
                    cases.add(new double[] {a, b, g});
                }
            }
        }
        SplittableRandom random = new SplittableRandom(20261206L + op.ordinal());
        for (int i = 0; i < 500; i++) {
            double scale = new double[] {1e-3, 3, 40}[random.nextInt(3)];
            double b = op == Value.Op.POW ? EXPONENTS[random.nextInt(EXPONENTS.length)] : random.nextDouble(-scale, scale);
            cases.add(new double[] {random.nextDouble(-scale, scale), b, random.nextDouble(-3, 3)});
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Value.Op.class)
    void bothFormsOfTheDerivativeGiveTheSameNumbers(Value.Op op) {
        for (double[] c : cases(op)) {
            Value a = Value.of(c[0]);
            Value b = Value.of(c[1]);
            Value out = UNARY.contains(op) ? op.of(a) : op.of(a, b);
            out.setGrad(c[2]);
            op.backward(out);
            Value[] shares = op.backward(out, Value.of(c[2]));
            List<Value> operands = out.operands();
            assertEquals(operands.size(), shares.length, op + " gives a share per operand");
            for (int k = 0; k < shares.length; k++) {
                double fromValues = shares[k] == null ? 0.0 : 0.0 + shares[k].data();
                String where = op + " operand " + k + " at a = " + c[0] + ", b = " + c[1] + ", g = " + c[2];
                assertEquals(operands.get(k).grad(), fromValues, where);
            }
        }
    }
}
