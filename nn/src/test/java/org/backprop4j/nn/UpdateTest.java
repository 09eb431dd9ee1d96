package org.backprop4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link Model#update} is all or nothing on every model of both engines. */
class UpdateTest {

    private static List<Model<?>> models() {
        var scalar = new org.backprop4j.nn.scalar.MLP(3, List.of(4, 2));
        var tensor = new org.backprop4j.nn.tensor.MLP(3, List.of(4, 2));
        return List.of(scalar, scalar.layers().get(0), scalar.layers().get(1).neuron(1),
                tensor, tensor.layers().get(0), tensor.layers().get(1).neuron(1));
    }

    @Test
    void aRuleGivingNaNOrInfinityChangesNothingAndNamesTheParameter() {
        for (Model<?> model : models()) {
            double[] before = model.parameterValues();
            int last = model.parameterCount() - 1;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.update((i, p, g) -> i == last ? Double.POSITIVE_INFINITY : p + 1), model.toString());
            assertTrue(e.getMessage().contains("parameter " + last + " Infinity"), e.getMessage());
            assertTrue(e.getMessage().contains("(it is " + before[last] + ")"), e.getMessage());
            assertArrayEquals(before, model.parameterValues(), model.toString());
            assertThrows(IllegalArgumentException.class, () -> model.update((i, p, g) -> Double.NaN));
            assertArrayEquals(before, model.parameterValues(), model.toString());
        }
    }

    @Test
    void aRuleThatThrowsPartWayChangesNothing() {
        for (Model<?> model : models()) {
            double[] before = model.parameterValues();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.update((i, p, g) -> {
                if (i == 2) {
                    throw new IllegalStateException("refused at 2");
                }
                return p + 1;
            }));
            assertEquals("refused at 2", e.getMessage());
            assertArrayEquals(before, model.parameterValues(), model.toString());
        }
    }

    @Test
    void aGoodRuleWritesEveryValue() {
        for (Model<?> model : models()) {
            double[] before = model.parameterValues();
            model.update((i, p, g) -> p + i);
            double[] after = model.parameterValues();
            for (int i = 0; i < before.length; i++) {
                assertEquals(before[i] + i, after[i], 0, model + " parameter " + i);
            }
        }
    }
}
