package org.backprop4j.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.backprop4j.nn.Model;
import org.backprop4j.nn.MultilayerPerceptron;
import org.backprop4j.nn.data.DataSets;
import org.junit.jupiter.api.Test;

/**
 * Every built-in optimizer refuses a model other than its own with a {@link ForeignModelException}
 * naming both, from {@code step} and from {@code checkModel}, changing nothing; and only then.
 */
class ForeignModelTest {

    private static final List<Supplier<Optimizer>> BUILT_INS = List.of(() -> Optimizer.sgd(0.1),
            () -> Optimizer.sgd(LearningRate.linear(0.1, 0.01, 10)), () -> Optimizer.momentum(0.1, 0.9),
            () -> Optimizer.momentum(LearningRate.constant(0.1), 0.5), () -> Optimizer.adam(0.1),
            () -> Optimizer.adam(LearningRate.constant(0.01), 0.8, 0.99, 1e-6));

    /** A network with gradients of the seed's summed loss, on either engine. */
    private static MultilayerPerceptron<?> network(boolean tensor, List<Integer> nouts) {
        MultilayerPerceptron<?> n = tensor ? new org.backprop4j.nn.tensor.MLP(3, nouts) : new org.backprop4j.nn.scalar.MLP(3, nouts);
        n.lossAndBackward(DataSets.seed().inputs(), DataSets.seed().targets(), org.backprop4j.nn.Loss.SUM_OF_SQUARES, 0);
        return n;
    }

    @Test
    void theBuiltInsRefuseAnotherModelWithItsOwnType() {
        for (boolean tensor : new boolean[] {false, true}) {
            for (Supplier<Optimizer> make : BUILT_INS) {
                Optimizer optimizer = make.get();
                MultilayerPerceptron<?> owner = network(tensor, List.of(4, 1));
                MultilayerPerceptron<?> other = network(!tensor, List.of(5, 1));
                optimizer.checkModel(owner);
                optimizer.checkModel(other);   // nothing stepped yet: any model will do
                optimizer.step(owner);
                optimizer.step(owner);
                optimizer.checkModel(owner);
                double[] values = other.parameterValues();
                double[] gradients = other.gradients();
                String state = optimizer.toString();
                for (Model<?> refused : List.of(other, firstNeuron(owner))) {
                    ForeignModelException checked = assertThrows(ForeignModelException.class, () -> optimizer.checkModel(refused), state);
                    ForeignModelException stepped = assertThrows(ForeignModelException.class, () -> optimizer.step(refused), state);
                    String expected = "this optimizer already steps another model (" + owner + ", " + owner.parameterCount()
                            + " parameters), so it cannot step " + refused + " (" + refused.parameterCount()
                            + " parameters): use one optimizer per model";
                    assertEquals(expected, checked.getMessage());
                    assertEquals(expected, stepped.getMessage());
                }
                assertArrayEquals(values, other.parameterValues(), 0.0, "the refused model is untouched");
                assertArrayEquals(gradients, other.gradients(), 0.0);
                assertEquals(2, optimizer.steps(), "the optimizer is as it was");
                assertEquals(state, optimizer.toString());
            }
        }
    }

    /** A neuron of a network's first layer: a model of its own, not the network. */
    private static Model<?> firstNeuron(MultilayerPerceptron<?> n) {
        return n instanceof org.backprop4j.nn.tensor.MLP t ? t.layers().get(0).neuron(0)
                : ((org.backprop4j.nn.scalar.MLP) n).layers().get(0).neuron(0);
    }

    @Test
    void refusedStepsOfItsOwnModelAreNotOwnershipRefusals() {
        for (boolean tensor : new boolean[] {false, true}) {
            MultilayerPerceptron<?> n = network(tensor, List.of(4, 1));
            n.scaleGradients(1e10);
            Optimizer overflowing = Optimizer.sgd(Double.MAX_VALUE);   // its own model, but a step to ±∞
            IllegalArgumentException update = assertThrows(IllegalArgumentException.class, () -> overflowing.step(n));
            assertTrue(!(update instanceof ForeignModelException), update.getMessage());
            IllegalArgumentException rate = assertThrows(IllegalArgumentException.class, () -> Optimizer.sgd(step -> Double.NaN).step(n));
            assertTrue(!(rate instanceof ForeignModelException), rate.getMessage());
        }
    }

    @Test
    void theExceptionNamesBothModelsAndRefusesNonsense() {
        Model<?> a = network(false, List.of(4, 1));
        Model<?> b = network(true, List.of(2, 1));
        ForeignModelException e = new ForeignModelException(a, b);
        assertTrue(e instanceof IllegalArgumentException, "existing catch sites still catch it");
        assertEquals("this optimizer already steps another model (" + a + ", 21 parameters), so it cannot step " + b
                + " (11 parameters): use one optimizer per model", e.getMessage());
        assertEquals("owner", assertThrows(NullPointerException.class, () -> new ForeignModelException(null, b)).getMessage());
        assertEquals("model", assertThrows(NullPointerException.class, () -> new ForeignModelException(a, null)).getMessage());
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class, () -> new ForeignModelException(a, a));
        assertTrue(same.getMessage().contains("same model"), same.getMessage());
    }
}
