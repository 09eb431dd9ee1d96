package org.backprop4j.nn.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.backprop4j.nn.Architecture;
import org.backprop4j.scalar.Value;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The derivative of a model's output with respect to one neuron's parameters on both engines: a tensor
 * neuron of a wider layer hands out copies that no graph contains (their derivative is zero), and the
 * documented way, the layer's W row j and b entry j, gives the scalar neuron's derivatives.
 */
class NeuronGradientTest {

    @Test
    void aNeuronsDerivativeIsRowJOfItsLayersAndItsParameterCopiesAreNotInTheGraph() {
        Architecture architecture = Architecture.of(2, List.of(3, 1)).withSeed(5);
        org.backprop4j.nn.scalar.MLP scalar = new org.backprop4j.nn.scalar.MLP(architecture);
        MLP tensor = new MLP(architecture);
        int j = 1;
        Value out = scalar.forward(0.5, -0.2).get(0);
        List<Value> expected = out.gradients(scalar.layers().get(0).neurons().get(j).parameters());

        Tensor tensorOut = tensor.forward(new double[][] {{0.5, -0.2}}).sum();
        Layer layer = tensor.layers().get(0);
        List<Tensor> whole = tensorOut.gradients(List.of(layer.weight(), layer.bias()));
        double[][] w = whole.get(0).toArray();
        double[][] b = whole.get(1).toArray();
        for (int i = 0; i < 2; i++) {
            assertEquals(expected.get(i).data(), w[j][i], 1e-15, "weight " + i);
        }
        assertEquals(expected.get(2).data(), b[0][j], 1e-15, "bias");

        List<Tensor> copies = tensorOut.gradients(layer.neuron(j).parameters());
        assertArrayEquals(new double[] {0, 0}, copies.get(0).toArray()[0], "a copy of row j is not in the graph");
        assertArrayEquals(new double[] {0}, copies.get(1).toArray()[0]);
    }
}
