/**
 * The matrix products of the tensor engine: {@link org.backprop4j.tensor.blas.MatrixProducts}, the
 * one public entry point, with the backends behind it (EJML, netlib BLAS, the size-based auto
 * choice) and the loading of the bundled native OpenBLAS.
 */
package org.backprop4j.tensor.blas;
