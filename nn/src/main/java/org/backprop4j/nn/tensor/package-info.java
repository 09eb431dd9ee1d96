/** {@code Neuron}, {@code Layer}, {@code MLP} on the tensor engine: one W and b per layer, a batch per pass. */
package org.backprop4j.nn.tensor;
