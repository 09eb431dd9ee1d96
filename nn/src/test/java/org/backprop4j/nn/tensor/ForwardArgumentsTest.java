package org.backprop4j.nn.tensor;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The tensor Neuron, Layer and MLP name the batch they were given as null, not the tensor factory's parameter. */
class ForwardArgumentsTest {

    @Test
    void aNullBatchIsNamed() {
        double[][] none = null;
        assertEquals("batch", assertThrows(NullPointerException.class, () -> new Neuron(2).forward(none)).getMessage());
        assertEquals("batch", assertThrows(NullPointerException.class, () -> new Layer(2, 3).forward(none)).getMessage());
        assertEquals("batch", assertThrows(NullPointerException.class, () -> new Layer(2, 3).neuron(1).forward(none)).getMessage());
        assertEquals("batch", assertThrows(NullPointerException.class, () -> new MLP(2, List.of(3, 1)).forward(none)).getMessage());
    }
}
