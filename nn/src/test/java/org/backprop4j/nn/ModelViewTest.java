package org.backprop4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.scalar.Value;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One meaning of {@link Model} on both engines: the flat view with gradient norm and scaling, and a
 * tensor neuron that is exactly its neuron, method for method, against the scalar neuron of the same seed.
 */
class ModelViewTest {

    private static final double[][] X = {{0.5, -1, 2}, {1, 1, 1}};

    /** A scalar layer and a tensor layer of the same seed, with gradients from the same backward pass. */
    private static org.backprop4j.nn.scalar.Layer scalarLayerWithGradients() {
        org.backprop4j.nn.scalar.Layer layer = new org.backprop4j.nn.scalar.Layer(3, 4);
        Value total = Value.of(0);
        for (double[] x : X) {
            List<Value> out = layer.forward(x);
            for (int j = 0; j < out.size(); j++) {
                total = total.add(out.get(j).mul(j + 1));
            }
        }
        total.backward();
        return layer;
    }

    private static org.backprop4j.nn.tensor.Layer tensorLayerWithGradients() {
        org.backprop4j.nn.tensor.Layer layer = new org.backprop4j.nn.tensor.Layer(3, 4);
        layer.forward(X).mul(Tensor.constant(1, 4, 1, 2, 3, 4)).sum().backward();
        return layer;
    }

    private static List<Model<?>> modelsWithGradients() {
        List<Model<?>> models = new ArrayList<>();
        org.backprop4j.nn.scalar.Layer scalar = scalarLayerWithGradients();
        org.backprop4j.nn.tensor.Layer tensor = tensorLayerWithGradients();
        models.add(scalar);
        models.add(tensor);
        models.add(scalar.neuron(2));
        models.add(tensor.neuron(2));
        var sm = new org.backprop4j.nn.scalar.MLP(3, List.of(4, 2));
        var tm = new org.backprop4j.nn.tensor.MLP(3, List.of(4, 2));
        sm.lossAndBackward(X, new double[][] {{1, 2}, {3, 4}}, Loss.SUM_OF_SQUARES, 0);
        tm.lossAndBackward(X, new double[][] {{1, 2}, {3, 4}}, Loss.SUM_OF_SQUARES, 0);
        models.add(sm);
        models.add(tm);
        return models;
    }

    @Test
    void gradientNormIsTheNormOfTheGradientsAndScalingScalesEachOne() {
        for (Model<?> model : modelsWithGradients()) {
            double[] g = model.gradients();
            double expected = Math.sqrt(Arrays.stream(g).map(v -> v * v).sum());
            assertEquals(expected, model.gradientNorm(), 1e-15 * expected, model.toString());
            model.scaleGradients(-0.25);
            double[] scaled = model.gradients();
            for (int i = 0; i < g.length; i++) {
                assertEquals(-0.25 * g[i], scaled[i], model + " gradient " + i);
            }
            assertThrows(IllegalArgumentException.class, () -> model.scaleGradients(Double.NaN));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.scaleGradients(Double.POSITIVE_INFINITY));
            assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
            assertArrayEquals(scaled, model.gradients(), "a refused scaling changes nothing");
        }
    }

    @Test
    void gradientsNear1e300HaveAFiniteNormOnBothEngines() {
        var scalar = new org.backprop4j.nn.scalar.MLP(3, List.of(2));
        var tensor = new org.backprop4j.nn.tensor.MLP(3, List.of(2));
        for (Value p : scalar.parameters()) {
            p.setGrad(1e300);
        }
        for (Tensor p : tensor.parameters()) {
            Arrays.fill(p.grad().data, 1e300);
        }
        double expected = Math.sqrt(8) * 1e300;
        assertEquals(expected, scalar.gradientNorm(), 2 * Math.ulp(expected));
        assertEquals(expected, tensor.gradientNorm(), 2 * Math.ulp(expected));
        tensor.scaleGradients(1 / expected);
        assertEquals(1, tensor.gradientNorm(), 1e-15);
    }

    @Test
    void copyParameterValuesFillsACallersArray() {
        for (Model<?> model : modelsWithGradients()) {
            double[] into = new double[model.parameterCount()];
            model.copyParameterValues(into);
            assertArrayEquals(model.parameterValues(), into);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.copyParameterValues(new double[model.parameterCount() + 1]));
            assertTrue(e.getMessage().contains(String.valueOf(model.parameterCount())), e.getMessage());
            NullPointerException n = assertThrows(NullPointerException.class, () -> model.copyParameterValues(null));
            assertEquals("into", n.getMessage());
        }
    }

    @Test
    void aTensorNeuronIsExactlyItsNeuron() {
        org.backprop4j.nn.scalar.Layer scalarLayer = scalarLayerWithGradients();
        org.backprop4j.nn.tensor.Layer tensorLayer = tensorLayerWithGradients();
        for (int j = 0; j < 4; j++) {
            org.backprop4j.nn.scalar.Neuron s = scalarLayer.neuron(j);
            org.backprop4j.nn.tensor.Neuron t = tensorLayer.neuron(j);
            assertEquals(4, t.parameterCount());
            assertEquals(s.parameterCount(), t.parameterCount());
            assertArrayEquals(s.parameterValues(), t.parameterValues(), "neuron " + j);
            assertArrayEquals(s.gradients(), t.gradients(), 1e-12, "neuron " + j);
            assertEquals(s.gradientNorm(), t.gradientNorm(), 1e-12, "neuron " + j);
            assertEquals(s.toString(), t.toString());
            assertEquals(s.nin(), t.nin());
            assertEquals(s.activation(), t.activation());
            int elements = 0;
            for (Tensor p : t.parameters()) {
                elements += p.rows() * p.cols();
            }
            assertEquals(s.parameters().size(), elements, "its parameter objects hold its nin + 1 numbers, not the layer's");
        }
    }

    @Test
    void aTensorNeuronsL2IsItsOwnSumOfSquaresAndReachesOnlyItsGradients() {
        org.backprop4j.nn.scalar.Layer scalarLayer = new org.backprop4j.nn.scalar.Layer(3, 4);
        org.backprop4j.nn.tensor.Layer tensorLayer = new org.backprop4j.nn.tensor.Layer(3, 4);
        for (int j = 0; j < 4; j++) {
            double[] p = scalarLayer.neuron(j).parameterValues();
            double sumOfSquares = Arrays.stream(p).map(v -> v * v).sum();
            Value scalar = org.backprop4j.nn.scalar.Losses.l2(scalarLayer.neuron(j), 1);
            Tensor tensor = org.backprop4j.nn.tensor.Losses.l2(tensorLayer.neuron(j), 1);
            assertEquals(sumOfSquares, scalar.data(), 1e-15);
            assertEquals(sumOfSquares, tensor.item(), 1e-15, "neuron " + j + "'s Σp², not its layer's");
            tensorLayer.zeroGrad();
            tensor.backward();
            scalarLayer.zeroGrad();
            scalar.backward();
            assertArrayEquals(scalarLayer.neuron(j).gradients(), tensorLayer.neuron(j).gradients(), 1e-15);
            for (int k = 0; k < 4; k++) {
                if (k != j) {
                    int other = k;
                    assertTrue(Arrays.stream(tensorLayer.neuron(k).gradients()).allMatch(g -> g == 0), () -> "neuron " + other + " untouched");
                }
            }
        }
        org.backprop4j.nn.tensor.Neuron alone = new org.backprop4j.nn.tensor.Neuron(3);
        org.backprop4j.nn.scalar.Neuron scalarAlone = new org.backprop4j.nn.scalar.Neuron(3);
        assertEquals(org.backprop4j.nn.scalar.Losses.l2(scalarAlone, 0.5).data(),
                org.backprop4j.nn.tensor.Losses.l2(alone, 0.5).item(), 1e-15);
    }

    @Test
    void aTensorNeuronScalesZeroesAndUpdatesOnlyItself() {
        org.backprop4j.nn.tensor.Layer layer = tensorLayerWithGradients();
        org.backprop4j.nn.scalar.Layer scalarLayer = scalarLayerWithGradients();
        double[] others = layer.neuron(0).gradients();
        layer.neuron(1).scaleGradients(3);
        scalarLayer.neuron(1).scaleGradients(3);
        assertArrayEquals(scalarLayer.neuron(1).gradients(), layer.neuron(1).gradients(), 1e-12);
        assertArrayEquals(others, layer.neuron(0).gradients());
        layer.neuron(1).zeroGrad();
        assertTrue(Arrays.stream(layer.neuron(1).gradients()).allMatch(g -> g == 0));
        assertArrayEquals(others, layer.neuron(0).gradients());
        layer.neuron(2).update((i, p, g) -> p + i);
        scalarLayer.neuron(2).update((i, p, g) -> p + i);
        assertArrayEquals(scalarLayer.parameterValues(), layer.parameterValues(), "the same neuron moved, by the same amounts");
    }

    @Test
    void bothEnginesPrintModelsInOneForm() {
        Architecture a = Architecture.of(3, List.of(4, 1)).withActivations(Activation.RELU, Activation.IDENTITY);
        var scalar = new org.backprop4j.nn.scalar.MLP(a);
        var tensor = new org.backprop4j.nn.tensor.MLP(a);
        assertEquals("MLP of [Layer of [4 × RELU Neuron(3)], Layer of [1 × IDENTITY Neuron(4)]]", scalar.toString());
        assertEquals(scalar.toString(), tensor.toString());
        assertEquals("TANH Neuron(3)", new org.backprop4j.nn.scalar.Neuron(3).toString());
        assertEquals("TANH Neuron(3)", new org.backprop4j.nn.tensor.Neuron(3).toString());
        assertEquals(new org.backprop4j.nn.scalar.Layer(2, 5).toString(), new org.backprop4j.nn.tensor.Layer(2, 5).toString());
    }

    @Test
    void bothLayersOfferTheSameAccessors() {
        var scalar = new org.backprop4j.nn.scalar.Layer(3, 4);
        var tensor = new org.backprop4j.nn.tensor.Layer(3, 4);
        assertEquals(tensor.nin(), scalar.nin());
        assertEquals(tensor.nout(), scalar.nout());
        assertEquals(tensor.activation(), scalar.activation());
        assertEquals(tensor.neurons().size(), scalar.neurons().size());
        assertArrayEquals(tensor.neuron(3).parameterValues(), scalar.neuron(3).parameterValues());
        assertThrows(IllegalArgumentException.class, () -> scalar.neuron(4));
        assertThrows(IllegalArgumentException.class, () -> tensor.neuron(-1));
    }

    /**
     * {@code layer.neuron(j)} is one neuron on both engines, however often it is asked for: an optimizer
     * that stepped it keeps stepping it (it refuses only another model), as a loop that reads the neuron
     * afresh each step expects.
     */
    @Test
    void aLayersNeuronIsTheSameModelEveryTimeOnBothEngines() {
        org.backprop4j.nn.scalar.Layer scalar = scalarLayerWithGradients();
        org.backprop4j.nn.tensor.Layer tensor = tensorLayerWithGradients();
        assertSame(scalar.neuron(1), scalar.neuron(1));
        assertSame(tensor.neuron(1), tensor.neuron(1));
        assertSame(tensor.neuron(3), tensor.neurons().get(3));
        for (Model<?> layer : List.<Model<?>>of(scalar, tensor)) {
            Optimizer momentum = Optimizer.momentum(0.1, 0.9);
            for (int step = 0; step < 3; step++) {
                Model<?> neuron = layer == scalar ? scalar.neuron(1) : tensor.neuron(1);
                momentum.step(neuron);
            }
            assertEquals(3, momentum.steps(), layer.getClass().getName());
        }
        assertArrayEquals(scalar.parameterValues(), tensor.parameterValues(), 1e-12);
        Optimizer other = Optimizer.sgd(0.1);
        other.step(tensor.neuron(0));
        assertThrows(IllegalArgumentException.class, () -> other.step(tensor.neuron(1)), "another neuron is another model");
    }
}
