/**
 * The matrix autograd engine: {@link org.backprop4j.tensor.Tensor}, the same derivatives as the
 * scalar engine over EJML matrices, with its operations, shapes, workspace, anomaly detection,
 * DOT drawing and gradient graphs. Products run on the fastest BLAS available
 * ({@link org.backprop4j.tensor.blas.MatrixProducts}), element-wise work on the kernels of
 * {@link org.backprop4j.tensor.kernels.FastMath}.
 */
package org.backprop4j.tensor;
