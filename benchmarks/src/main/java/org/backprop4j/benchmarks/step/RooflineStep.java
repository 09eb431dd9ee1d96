package org.backprop4j.benchmarks.step;

import org.backprop4j.tensor.blas.MatrixProducts;
import org.ejml.data.DMatrixRMaj;

/**
 * The floor of the tensor engine's step: its matrix products alone, on preallocated matrices, on the
 * backend the engine uses. Per layer: forward Y = X·Wᵀ; backward dW += dYᵀ·X, and dX = dY·W for
 * every layer but the first (its input is data and needs no gradient).
 */
final class RooflineStep implements TrainingStep {

    private final MatrixProducts products = MatrixProducts.current();
    private final DMatrixRMaj[] activations;
    private final DMatrixRMaj[] weights;
    private final DMatrixRMaj[] weightGrads;
    private final DMatrixRMaj[] outputGrads;

    RooflineStep(Configuration c) {
        int depth = c.architecture().depth();
        activations = new DMatrixRMaj[depth + 1];
        weights = new DMatrixRMaj[depth];
        weightGrads = new DMatrixRMaj[depth];
        outputGrads = new DMatrixRMaj[depth + 1];
        activations[0] = filled(c.batch(), c.architecture().nin());
        outputGrads[0] = new DMatrixRMaj(c.batch(), c.architecture().nin());
        for (int l = 0; l < depth; l++) {
            int in = c.architecture().inputsOf(l);
            int out = c.architecture().nouts().get(l);
            weights[l] = filled(out, in);
            weightGrads[l] = new DMatrixRMaj(out, in);
            activations[l + 1] = new DMatrixRMaj(c.batch(), out);
            outputGrads[l + 1] = filled(c.batch(), out);
        }
    }

    private static DMatrixRMaj filled(int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            m.data[i] = Math.sin(i) * 0.1;
        }
        return m;
    }

    @Override
    public double run() {
        int depth = weights.length;
        for (int l = 0; l < depth; l++) {
            products.gemm(false, true, 1, activations[l], weights[l], 0, activations[l + 1]);
        }
        for (int l = depth - 1; l >= 0; l--) {
            products.gemm(true, false, 1, outputGrads[l + 1], activations[l], 1, weightGrads[l]);
            if (l > 0) {
                products.gemm(false, false, 1, outputGrads[l + 1], weights[l], 0, outputGrads[l]);
            }
        }
        return activations[depth].data[0];
    }
}
