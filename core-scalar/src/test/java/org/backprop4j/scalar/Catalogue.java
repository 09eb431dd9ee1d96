package org.backprop4j.scalar;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One catalogue of two-argument expressions using every operation, written once against
 * {@link Arithmetic} and run through plain doubles, {@link Value} and the tensor engine. Each is
 * smooth and finite for every real x and y (logs and roots see only positive arguments), so a
 * central difference can check its gradient anywhere.
 */
public final class Catalogue {

    private Catalogue() {
    }

    /** An expression f(x, y) over any engine. */
    public interface Expression {
        /**
         * @param ops the engine
         * @param x the first input
         * @param y the second input
         * @param <T> the engine's number type
         * @return f(x, y)
         */
        <T> T apply(Arithmetic<T> ops, T x, T y);
    }

    /** A named expression. */
    public record Entry(String name, Expression expression) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Every expression, each operation in at least one. */
    public static final List<Entry> ENTRIES = List.of(
            new Entry("add", new Expression() {
                public <T> T apply(Arithmetic<T> o, T x, T y) {
                    return o.add(x, y);
                }
            }),
            new Entry("sub", new Expression() {
                public <T> T apply(Arithmetic<T> o, T x, T y) {
                    return o.sub(x, y);
                }
            }),
            new Entry("mul", new Expression() {
                public <T> T apply(Arithmetic<T> o, T x, T y) {
                    return o.mul(x, y);
                }
            }),
            new Entry("div", new Expression() {
                public <T> T apply(Arithmetic<T> o, T x, T y) {
                    return o.div(x, o.add(o.mul(y, y), 1.0));
                }
            }),
            new Entry("constants", new Expression() {
                public <T> T apply(Arithmetic<T> o, T x, T y) {
                    return o.add(o.sub(o.mul(x, 3.0), 2.0), o.div(y, 4.0));
                }
            }),
            new Entry("neg", new Expression() {
                public <T> T apply(Arithmetic<T> o, T x, T y) {
                    return o.mul(o.neg(x), y);
                }
            }),
            new Entry("square", new Expression() {
                public <T> T apply(Arithmetic<T> o, T x, T y) {
                    return o.add(o.pow(x, 2), y);
                }
            }),
            new Entry("cube", new Expression() {
                public <T> T apply(Arithmetic<T> o, T x, T y) {
                    return o.mul(o.pow(x, 3), y);
                }
            }),
            new Entry("sqrt", new Expression() {
                public <T> T apply(Arithmetic<T> o, T x, T y) {
                    return o.pow(o.add(o.mul(x, x), o.add(o.mul(y, y), 1.0)), 0.5);
                }
            }),
            new Entry("reciprocal", new Expression() {
                public <T> T apply(Arithmetic<T> o, T x, T y) {
                    return o.pow(o.add(o.mul(x, x), 1.0), -1);
                }
            }),
            new Entry("exp", new Expression() {
                public <T> T apply(Arithmetic<T> o, T x, T y) {
                    return o.mul(o.exp(o.div(x, 10.0)), y);
                }
            }),
            new Entry("log", new Expression() {
                public <T> T apply(Arithmetic<T> o, T x, T y) {
                    return o.log(o.add(o.mul(x, x), o.add(o.mul(y, y), 0.5)));
                }
            }),
            new Entry("tanh", new Expression() {
                public <T> T apply(Arithmetic<T> o, T x, T y) {
                    return o.mul(o.tanh(x), y);
                }
            }),
            new Entry("relu", new Expression() {
                public <T> T apply(Arithmetic<T> o, T x, T y) {
                    return o.add(o.mul(o.relu(x), y), o.relu(y));
                }
            }),
            new Entry("sigmoid", new Expression() {
                public <T> T apply(Arithmetic<T> o, T x, T y) {
                    return o.sigmoid(o.sub(x, y));
                }
            }),
            new Entry("reuse", new Expression() {
                public <T> T apply(Arithmetic<T> o, T x, T y) {
                    T s = o.add(x, y);
                    return o.add(o.mul(s, s), o.mul(s, x));
                }
            }),
            new Entry("neuron", new Expression() {
                public <T> T apply(Arithmetic<T> o, T x, T y) {
                    T n = o.add(o.add(o.mul(x, -3.0), o.mul(y, 0.5)), 0.25);
                    return o.div(o.tanh(n), o.add(o.exp(o.neg(o.mul(y, y))), 1.0));
                }
            }));

    /**
     * Every expression at {@code perEntry} seeded points: ordinary ones in [−3, 3], some within
     * 1e−3 of 0, and some of magnitude about 20.
     *
     * @param perEntry points per expression
     * @return (entry, x, y) arguments
     */
    public static Stream<Arguments> points(int perEntry) {
        SplittableRandom random = new SplittableRandom(20261125);
        return ENTRIES.stream().flatMap(entry -> Stream.generate(() -> {
            double scale = switch (random.nextInt(3)) {
                case 0 -> 1e-3;
                case 1 -> 3;
                default -> 20;
            };
            return Arguments.of(entry, random.nextDouble(-scale, scale), random.nextDouble(-scale, scale));
        }).limit(perEntry));
    }
}
