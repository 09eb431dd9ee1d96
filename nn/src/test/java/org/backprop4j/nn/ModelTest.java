package org.backprop4j.nn;

import java.util.Arrays;
import java.util.List;

import org.backprop4j.nn.data.DataSet;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The flat parameter order, the tensor neuron's shared storage, and every bad input of the models. */
class ModelTest {

    private static void assertMessage(Class<? extends Throwable> type, Executable call, String... parts) {
        Throwable e = assertThrows(type, call);
        for (String part : parts) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(part), () -> "'" + e.getMessage() + "' should name " + part);
        }
    }

    @Test
    void tensorLayerFlattensAsWeightsRowThenBias() {
        org.backprop4j.nn.tensor.Layer layer = new org.backprop4j.nn.tensor.Layer(2, 3);
        layer.setParameterValues(new double[] {1, 2, 10, 3, 4, 20, 5, 6, 30});
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, layer.weight().data().data);
        assertArrayEquals(new double[] {10, 20, 30}, layer.bias().data().data);
        assertArrayEquals(new double[] {3, 4, 20}, layer.neuron(1).parameterValues());
    }

    @Test
    void tensorNeuronIsAViewOfItsLayer() {
        org.backprop4j.nn.tensor.Layer layer = new org.backprop4j.nn.tensor.Layer(2, 3);
        org.backprop4j.nn.tensor.Neuron neuron = layer.neurons().get(2);
        neuron.setParameterValues(new double[] {7, 8, 9});
        assertEquals(7, layer.weight().data().get(2, 0));
        assertEquals(9, layer.bias().data().get(0, 2));
        layer.weight().data().set(2, 1, -1);
        assertEquals(-1, neuron.parameterValues()[1]);
        Tensor out = neuron.forward(new double[][] {{1, 1}, {2, 0}});
        assertEquals(2, out.rows());
        assertEquals(1, out.cols());
        assertEquals(Math.tanh(7 - 1 + 9), out.data().get(0, 0), 1e-15);
        out.sum().backward();
        assertEquals(3, neuron.gradients().length);
        assertEquals(0, layer.neuron(0).gradients()[0], "other neurons get nothing from this neuron's output");
    }

    @Test
    void scalarAndTensorNeuronsAndLayersMatch() {
        org.backprop4j.nn.scalar.Neuron sn = new org.backprop4j.nn.scalar.Neuron(3);
        org.backprop4j.nn.tensor.Neuron tn = new org.backprop4j.nn.tensor.Neuron(3);
        assertArrayEquals(sn.parameterValues(), tn.parameterValues());
        double expected = sn.forward(0.5, -1, 2).data();
        assertEquals(expected, tn.forward(new double[][] {{0.5, -1, 2}}).item(), 1e-15);
        org.backprop4j.nn.scalar.Layer sl = new org.backprop4j.nn.scalar.Layer(3, 4);
        org.backprop4j.nn.tensor.Layer tl = new org.backprop4j.nn.tensor.Layer(3, 4);
        assertArrayEquals(sl.parameterValues(), tl.parameterValues());
        assertEquals(4, sl.forward(1, 2, 3).size());
    }

    @Test
    void defaultSeedIsFixedAndOtherSeedsDiffer() {
        double[] a = new org.backprop4j.nn.scalar.MLP(3, List.of(4, 4, 1)).parameterValues();
        double[] b = new org.backprop4j.nn.scalar.MLP(3, List.of(4, 4, 1)).parameterValues();
        assertArrayEquals(a, b);
        double[] c = new org.backprop4j.nn.scalar.MLP(Architecture.of(3, List.of(4, 4, 1)).withSeed(2)).parameterValues();
        assertNotEquals(Arrays.toString(a), Arrays.toString(c));
        assertEquals(41, a.length);
        assertTrue(Arrays.stream(a).allMatch(v -> v >= -1 && v < 1));
    }

    @Test
    void glorotDrawsWithinItsLimitAndZeroBiases() {
        double[] p = Architecture.of(100, List.of(50)).withInit(Init.GLOROT).initialParameters();
        double limit = Math.sqrt(6.0 / 150);
        for (int j = 0; j < 50; j++) {
            for (int i = 0; i < 100; i++) {
                assertTrue(Math.abs(p[j * 101 + i]) <= limit);
            }
            assertEquals(0, p[j * 101 + 100]);
        }
    }

    @Test
    void badArchitecturesAreRefused() {
        assertMessage(IllegalArgumentException.class, () -> new org.backprop4j.nn.scalar.MLP(0, List.of(1)), "nin", "0");
        assertMessage(IllegalArgumentException.class, () -> new org.backprop4j.nn.tensor.MLP(3, List.of()), "empty");
        assertMessage(NullPointerException.class, () -> new org.backprop4j.nn.tensor.MLP(3, null), "nouts");
        assertMessage(IllegalArgumentException.class, () -> new org.backprop4j.nn.scalar.MLP(3, List.of(4, 0, 1)), "layer 1", "0");
        assertMessage(NullPointerException.class, () -> new org.backprop4j.nn.scalar.MLP(3, Arrays.asList(4, null)), "nouts[1]");
    }

    @Test
    void wrongInputWidthNamesBothWidths() {
        org.backprop4j.nn.scalar.MLP scalar = new org.backprop4j.nn.scalar.MLP(3, List.of(4, 1));
        org.backprop4j.nn.tensor.MLP tensor = new org.backprop4j.nn.tensor.MLP(3, List.of(4, 1));
        assertMessage(IllegalArgumentException.class, () -> scalar.forward(1, 2), "expected 3", "got 2");
        assertMessage(IllegalArgumentException.class, () -> tensor.forward(new double[][] {{1, 2, 3, 4}}), "expected 3", "got 4");
        assertMessage(IllegalArgumentException.class, () -> new org.backprop4j.nn.scalar.Neuron(2).forward(1, 2, 3), "expected 2", "got 3");
        assertMessage(IllegalArgumentException.class, () -> new org.backprop4j.nn.tensor.Layer(2, 2).forward(new double[][] {{1}}),
                "expected 2", "got 1");
        assertThrows(NullPointerException.class, () -> scalar.forward((double[]) null));
        assertThrows(NullPointerException.class, () -> tensor.forward((double[][]) null));
        assertThrows(NullPointerException.class, () -> tensor.forward((Tensor) null));
    }

    @Test
    void setParameterValuesRefusesWrongLengthAndNonFinite() {
        for (Model<?> model : List.<Model<?>>of(new org.backprop4j.nn.scalar.MLP(3, List.of(4, 1)),
                new org.backprop4j.nn.tensor.MLP(3, List.of(4, 1)), new org.backprop4j.nn.tensor.Neuron(3),
                new org.backprop4j.nn.scalar.Layer(3, 2))) {
            double[] before = model.parameterValues();
            assertMessage(IllegalArgumentException.class, () -> model.setParameterValues(new double[3]),
                    "expected " + model.parameterCount(), "got 3");
            double[] bad = before.clone();
            bad[1] = Double.NaN;
            assertMessage(IllegalArgumentException.class, () -> model.setParameterValues(bad), "parameter 1", "NaN");
            bad[1] = Double.POSITIVE_INFINITY;
            assertMessage(IllegalArgumentException.class, () -> model.setParameterValues(bad), "Infinity");
            assertThrows(NullPointerException.class, () -> model.setParameterValues(null));
            assertArrayEquals(before, model.parameterValues(), "a refused call changes nothing");
        }
    }

    @Test
    void zeroGradClearsEveryGradient() {
        org.backprop4j.nn.tensor.MLP tensor = new org.backprop4j.nn.tensor.MLP(3, List.of(4, 1));
        org.backprop4j.nn.scalar.MLP scalar = new org.backprop4j.nn.scalar.MLP(3, List.of(4, 1));
        DataSet data = DataSets.seed();
        for (MultilayerPerceptron<?> n : List.<MultilayerPerceptron<?>>of(tensor, scalar)) {
            n.lossAndBackward(data.inputs(), data.targets(), Loss.SUM_OF_SQUARES, 0);
            assertTrue(Arrays.stream(n.gradients()).anyMatch(g -> g != 0));
            n.zeroGrad();
            assertTrue(Arrays.stream(n.gradients()).allMatch(g -> g == 0));
        }
        assertEquals(4, tensor.parameters().size(), "W and b per layer");
        assertEquals(21, scalar.parameters().size());
    }
}
