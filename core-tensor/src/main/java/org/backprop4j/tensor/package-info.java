/**
 * The matrix autograd engine: {@link org.backprop4j.tensor.Tensor}, the same derivatives as the
 * scalar engine over EJML matrices, with products on the fastest BLAS available
 * ({@link org.backprop4j.tensor.MatrixProducts}).
 */
package org.backprop4j.tensor;
