/**
 * The element-wise kernels of the tensor engine: {@link org.backprop4j.tensor.kernels.FastMath},
 * the one public entry point, and {@link org.backprop4j.tensor.kernels.Activation}, the one place
 * of each activation's formula and derivative; behind them the scalar loops, the Vector API lanes,
 * their scalar twins and the warm-up that switches between them.
 */
package org.backprop4j.tensor.kernels;
