package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.backprop4j.scalar.Catalogue;
import org.backprop4j.scalar.PlainArithmetic;
import org.backprop4j.scalar.Value;
import org.backprop4j.scalar.ValueArithmetic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The shared catalogue, three ways: plain doubles, {@link Value}, and {@link Tensor} element-wise
 * over a 5×8 batch of points at once. Values and gradients agree to 1e−12 relative.
 */
class CatalogueTest {

    static final java.util.List<Catalogue.Entry> ENTRIES = Catalogue.ENTRIES;

    @ParameterizedTest(name = "{0}")
    @FieldSource("ENTRIES")
    void tensorAgreesWithValueAndPlainDoubles(Catalogue.Entry entry) {
        SplittableRandom random = new SplittableRandom(entry.name().hashCode());
        int rows = 5;
        int cols = 8;
        double[] xs = new double[rows * cols];
        double[] ys = new double[rows * cols];
        for (int i = 0; i < xs.length; i++) {
            double scale = i % 3 == 0 ? 1e-3 : i % 3 == 1 ? 3 : 20;
            xs[i] = random.nextDouble(-scale, scale);
            ys[i] = random.nextDouble(-scale, scale);
        }
        Tensor x = Tensor.of(rows, cols, xs);
        Tensor y = Tensor.of(rows, cols, ys);
        Tensor out = entry.expression().apply(TensorArithmetic.INSTANCE, x, y);
        out.sum().backward();
        for (int i = 0; i < xs.length; i++) {
            double plain = entry.expression().apply(PlainArithmetic.INSTANCE, xs[i], ys[i]);
            Value vx = Value.of(xs[i]);
            Value vy = Value.of(ys[i]);
            Value v = entry.expression().apply(ValueArithmetic.INSTANCE, vx, vy);
            v.backward();
            assertClose(plain, out.data().data[i], "forward vs plain at " + i);
            assertClose(v.data(), out.data().data[i], "forward vs Value at " + i);
            assertClose(vx.grad(), x.grad().data[i], "d/dx vs Value at " + i);
            assertClose(vy.grad(), y.grad().data[i], "d/dy vs Value at " + i);
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), what);
    }
}
