package org.backprop4j.nn;

import java.util.Arrays;
import java.util.List;

import org.backprop4j.nn.optim.LearningRate;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arguments exactly at the edge of what is allowed, and the messages of those just past it. */
class EdgeArgumentsTest {

    @Test
    void checkBatchNamesTheNullTargetRow() {
        Architecture architecture = Architecture.of(2, List.of(1));
        double[][] inputs = {{1, 2}, {3, 4}};
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> architecture.checkBatch(inputs, new double[][] {{1}, null}));
        assertEquals("targets row 1", e.getMessage());
    }

    @Test
    void noTargetsAtAllAreWellFormed() {
        for (Loss loss : Loss.values()) {
            assertDoesNotThrow(() -> loss.checkTargets(new double[0], 0, 3), loss + ", no rows");
            assertDoesNotThrow(() -> loss.checkTargets(new double[0], 0, 0), loss + ", no rows of no columns");
        }
    }

    @Test
    void tooFewTargetValuesAreCountedInTheMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Loss.MEAN_SQUARED.checkTargets(new double[5], 2, 3));
        assertEquals("2x3 targets need 6 values, the array has 5", e.getMessage());
    }

    @Test
    void aBadHingeLabelIsNamedByItsRowAndColumn() {
        double[] targets = {1, -1, 1, -1, 0.5, 1};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Loss.HINGE.checkTargets(targets, 2, 3));
        assertTrue(e.getMessage().startsWith("HINGE needs labels ±1, target row 1 column 1"), e.getMessage());
    }

    @Test
    void aRampOfOneStepIsAllowed() {
        LearningRate ramp = LearningRate.linear(1.0, 0.5, 1);
        assertEquals(1.0, ramp.at(0));
        assertEquals(0.5, ramp.at(1));
        assertThrows(IllegalArgumentException.class, () -> LearningRate.linear(1.0, 0.5, 0));
    }

    @Test
    void aScheduleHasNoStepBeforeZero() {
        for (LearningRate schedule : List.of(LearningRate.constant(0.1), LearningRate.linear(1.0, 0.5, 10))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> schedule.at(-1));
            assertEquals("a schedule starts at step 0, got step -1", e.getMessage());
        }
    }

    @Test
    void aTensorLayerHasNoNeuronAtItsWidth() {
        org.backprop4j.nn.tensor.Layer layer = new org.backprop4j.nn.tensor.Layer(2, 3);
        assertDoesNotThrow(() -> layer.neuron(2), "the last neuron");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.neuron(3));
        assertEquals("no neuron 3 in a layer of 3", e.getMessage());
    }

    @Test
    void aNonFiniteScaleIsRefusedByBothEnginesAndChangesNoGradient() {
        Architecture architecture = Architecture.of(2, List.of(3, 1));
        List<MultilayerPerceptron<?>> models = List.of(new org.backprop4j.nn.scalar.MLP(architecture),
                new org.backprop4j.nn.tensor.MLP(architecture));
        for (MultilayerPerceptron<?> model : models) {
            model.lossAndBackward(new double[][] {{0.5, -1}}, new double[][] {{1}}, Loss.MEAN_SQUARED, 0);
            double[] before = model.gradients();
            for (double factor : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.scaleGradients(factor));
                assertEquals("the gradient scaling factor must be finite, got " + factor, e.getMessage());
                assertArrayEquals(before, model.gradients(), model + ": gradients unchanged after " + factor);
            }
            model.scaleGradients(2);
            double[] doubled = Arrays.stream(before).map(g -> 2 * g).toArray();
            assertArrayEquals(doubled, model.gradients(), model.getClass().getName());
        }
    }

    @Test
    void eachLayerHasAnActivationAndNoOtherDoes() {
        Architecture architecture = Architecture.of(2, List.of(3, 4, 1)).withActivations(Activation.RELU, Activation.SIGMOID);
        assertEquals(Activation.RELU, architecture.activationOf(0));
        assertEquals(Activation.RELU, architecture.activationOf(1));
        assertEquals(Activation.SIGMOID, architecture.activationOf(2));
        for (int layer : new int[] {-1, 3}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> architecture.activationOf(layer));
            assertEquals("no layer " + layer + " in a network of 3 layers (0 to 2)", e.getMessage());
        }
    }
}
