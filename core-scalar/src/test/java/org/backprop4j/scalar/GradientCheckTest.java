package org.backprop4j.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every catalogue expression: Value agrees with plain doubles, and its gradient with central
 * differences, both as the output (upstream gradient 1) and scaled, so that every backward rule
 * must multiply by the gradient that reaches it; its second derivatives (gradients of gradients)
 * with central differences of the first.
 */
class GradientCheckTest {

    static Stream<Arguments> points() {
        return Catalogue.points(40);
    }

    @ParameterizedTest(name = "{0} at ({1}, {2})")
    @MethodSource("points")
    void forwardMatchesPlainDoubles(Catalogue.Entry entry, double x, double y) {
        double expected = entry.expression().apply(PlainArithmetic.INSTANCE, x, y);
        double actual = entry.expression().apply(ValueArithmetic.INSTANCE, Value.of(x), Value.of(y)).data();
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)));
    }

    @ParameterizedTest(name = "{0} at ({1}, {2})")
    @MethodSource("points")
    void gradientMatchesCentralDifference(Catalogue.Entry entry, double x, double y) {
        Value vx = Value.of(x);
        Value vy = Value.of(y);
        entry.expression().apply(ValueArithmetic.INSTANCE, vx, vy).backward();
        double dx = CentralDifference.derivative(
                t -> entry.expression().apply(PlainArithmetic.INSTANCE, t, y), x);
        double dy = CentralDifference.derivative(
                t -> entry.expression().apply(PlainArithmetic.INSTANCE, x, t), y);
        assertTrue(CentralDifference.agrees(vx.grad(), dx), () -> "d/dx " + vx.grad() + " vs " + dx);
        assertTrue(CentralDifference.agrees(vy.grad(), dy), () -> "d/dy " + vy.grad() + " vs " + dy);
    }

    /** ∂f/∂x and ∂f/∂y at (x, y) as numbers, by backward(). */
    private static double[] firstDerivatives(Catalogue.Entry entry, double x, double y) {
        Value vx = Value.of(x);
        Value vy = Value.of(y);
        entry.expression().apply(ValueArithmetic.INSTANCE, vx, vy).backward();
        return new double[] {vx.grad(), vy.grad()};
    }

    @ParameterizedTest(name = "{0} at ({1}, {2})")
    @MethodSource("points")
    void secondDerivativesMatchCentralDifferencesOfTheFirst(Catalogue.Entry entry, double x, double y) {
        Value vx = Value.of(x);
        Value vy = Value.of(y);
        List<Value> wrt = List.of(vx, vy);
        List<Value> g = entry.expression().apply(ValueArithmetic.INSTANCE, vx, vy).gradients(wrt);
        for (int i = 0; i < 2; i++) {
            List<Value> row = g.get(i).gradients(wrt);
            int first = i;
            double byX = CentralDifference.derivative(t -> firstDerivatives(entry, t, y)[first], x);
            double byY = CentralDifference.derivative(t -> firstDerivatives(entry, x, t)[first], y);
            assertTrue(CentralDifference.agrees(row.get(0).data(), byX), () -> "d2/dx" + first + "dx " + row.get(0).data() + " vs " + byX);
            assertTrue(CentralDifference.agrees(row.get(1).data(), byY), () -> "d2/dx" + first + "dy " + row.get(1).data() + " vs " + byY);
        }
    }

    /** The expression times this constant: every operation's backward then sees an upstream gradient other than 1. */
    private static final double UPSTREAM = -1.75;

    @ParameterizedTest(name = "{0} at ({1}, {2})")
    @MethodSource("points")
    void gradientScalesWithTheUpstreamGradient(Catalogue.Entry entry, double x, double y) {
        Value vx = Value.of(x);
        Value vy = Value.of(y);
        entry.expression().apply(ValueArithmetic.INSTANCE, vx, vy).mul(UPSTREAM).backward();
        double dx = UPSTREAM * CentralDifference.derivative(
                t -> entry.expression().apply(PlainArithmetic.INSTANCE, t, y), x);
        double dy = UPSTREAM * CentralDifference.derivative(
                t -> entry.expression().apply(PlainArithmetic.INSTANCE, x, t), y);
        assertTrue(CentralDifference.agrees(vx.grad(), dx), () -> "d/dx " + vx.grad() + " vs " + dx);
        assertTrue(CentralDifference.agrees(vy.grad(), dy), () -> "d/dy " + vy.grad() + " vs " + dy);
    }
}
