/** {@code Neuron}, {@code Layer}, {@code MLP} on the scalar engine: one {@code Value} per number, the original's structure. */
package org.backprop4j.nn.scalar;
