package org.backprop4j.tensor;

import static org.backprop4j.tensor.Gradients.weightedSum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.backprop4j.scalar.CentralDifference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The operations that differentiating builds, beside the ones a user calls: tanh's backward rule as
 * one node ({@link ElementwiseOp#TANH_GRADIENT}), its derivative the scaled triple product
 * ({@link ElementwiseOp#SCALED_PRODUCT}), and the products with a transposed operand
 * ({@link ProductOp#MATMUL_TRANSPOSED_A}, {@link ProductOp#MATMUL_TRANSPOSED_B}). Each one's fast
 * backward agrees with central differences; differentiated again through {@code gradient}, each
 * agrees with central differences of its first derivative; and each refuses operands whose shapes
 * do not fit, naming them. (TensorOpGradientTest proves each one's two forms give the same numbers.)
 */
class FusedDerivativeTest {

    private static Tensor random(SplittableRandom random, int rows, int cols) {
        return RandomTensors.uniform(random, rows, cols, -1.5, 1.5);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void tanhGradientIsTheUpstreamGradientTimesOneMinusTheSquare(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor y = random(random, 3, 4);
        Tensor g = random(random, 3, 4);
        Tensor out = ElementwiseOp.TANH_GRADIENT.apply(y, g);
        for (int k = 0; k < 12; k++) {
            double a = y.data.data[k];
            assertEquals((1 - a * a) * g.data.data[k], out.data.data[k], 0.0, "element " + k);
        }
        Gradients.check(() -> weightedSum(ElementwiseOp.TANH_GRADIENT.apply(y, g)), List.of(y, g));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void scaledProductIsTheThreeFactorsTimesTheConstant(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor a = random(random, 2, 5);
        Tensor b = random(random, 2, 5);
        Tensor c = random(random, 2, 5);
        Tensor out = ElementwiseOp.SCALED_PRODUCT.apply(a, b, c, -2.5);
        for (int k = 0; k < 10; k++) {
            assertEquals(a.data.data[k] * b.data.data[k] * c.data.data[k] * -2.5, out.data.data[k], 0.0, "element " + k);
        }
        Gradients.check(() -> weightedSum(ElementwiseOp.SCALED_PRODUCT.apply(a, b, c, -2.5)), List.of(a, b, c));
    }

    @Test
    void anOperandUsedTwiceGetsBothContributions() {
        SplittableRandom random = new SplittableRandom(5);
        Tensor y = random(random, 2, 3);
        Tensor g = random(random, 2, 3);
        Gradients.check(() -> weightedSum(ElementwiseOp.TANH_GRADIENT.apply(y, y)), List.of(y));
        Gradients.check(() -> weightedSum(ElementwiseOp.SCALED_PRODUCT.apply(y, g, y, 3)), List.of(y, g));
        Gradients.check(() -> weightedSum(ElementwiseOp.SCALED_PRODUCT.apply(y, y, y, -1)), List.of(y));
    }

    @Test
    void transposedProductsMultiplyByTheTranspose() {
        SplittableRandom random = new SplittableRandom(9);
        Tensor a = random(random, 3, 4);
        Tensor b = random(random, 5, 4);
        Tensor c = random(random, 3, 2);
        Tensor viaCopyB = a.matmul(b.transpose());
        Tensor viaCopyA = a.transpose().matmul(c);
        double[] nt = ProductOp.MATMUL_TRANSPOSED_B.apply(a, b).data.data;
        double[] tn = ProductOp.MATMUL_TRANSPOSED_A.apply(a, c).data.data;
        for (int k = 0; k < 15; k++) {
            assertEquals(viaCopyB.data.data[k], nt[k], 1e-14, "A·Bᵀ element " + k);
        }
        for (int k = 0; k < 8; k++) {
            assertEquals(viaCopyA.data.data[k], tn[k], 1e-14, "Aᵀ·C element " + k);
        }
        Gradients.check(() -> weightedSum(ProductOp.MATMUL_TRANSPOSED_B.apply(a, b)), List.of(a, b));
        Gradients.check(() -> weightedSum(ProductOp.MATMUL_TRANSPOSED_A.apply(a, c)), List.of(a, c));
    }

    /** ∂(Σ w⊙f(x))/∂x as a graph, differentiated again by x and checked element by element against central differences of it. */
    private static void secondDerivativesAgreeWithCentralDifferences(UnaryOperator<Tensor> f, Tensor x) {
        Tensor first = weightedSum(f.apply(x)).gradient(x);
        double[] v = new double[x.rows() * x.cols()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.3 + 0.11 * i;
        }
        Tensor probe = Tensor.constant(x.rows(), x.cols(), v);
        Tensor hessianTimesV = first.mul(probe).sum().gradient(x);
        double[] data = x.data.data;
        for (int i = 0; i < v.length; i++) {
            int index = i;
            double original = data[i];
            double numeric = CentralDifference.derivative(value -> {
                data[index] = value;
                double directional = weightedSum(f.apply(x)).gradient(x).mul(probe).sum().item();
                data[index] = original;
                return directional;
            }, original);
            double analytic = hessianTimesV.data.data[i];
            assertTrue(CentralDifference.agrees(analytic, numeric), "element " + i + ": " + analytic + " vs " + numeric);
        }
    }

    @Test
    void tanhAndItsLayerDifferentiateTwiceAndThreeTimes() {
        RandomLayer layer = RandomLayer.uniform(new SplittableRandom(12), 4, 3, 2, -1.5, 1.5);
        Tensor x = layer.x();
        Tensor w = layer.w();
        Tensor bias = layer.bias();
        secondDerivativesAgreeWithCentralDifferences(Tensor::tanh, x);
        secondDerivativesAgreeWithCentralDifferences(t -> t.linearTanh(w, bias), x);
        secondDerivativesAgreeWithCentralDifferences(t -> weightedSum(t.tanh()).gradient(t), x);
        secondDerivativesAgreeWithCentralDifferences(t -> weightedSum(t.linearTanh(w, bias)).gradient(t), x);
        secondDerivativesAgreeWithCentralDifferences(t -> t.matmul(w.transpose()).tanh(), x);
    }

    @Test
    void operandsOfDifferentShapesAreRefusedWithTheirShapes() {
        Tensor a = Tensor.of(2, 3, 1, 2, 3, 4, 5, 6);
        Tensor b = Tensor.of(3, 2, 1, 2, 3, 4, 5, 6);
        Tensor row = Tensor.of(1, 3, 1, 2, 3);
        IllegalArgumentException tanh = assertThrows(IllegalArgumentException.class, () -> ElementwiseOp.TANH_GRADIENT.apply(a, row));
        assertEquals("tanhGradient: needs operands of one shape, got 2x3, 1x3", tanh.getMessage());
        IllegalArgumentException product = assertThrows(IllegalArgumentException.class,
                () -> ElementwiseOp.SCALED_PRODUCT.apply(a, a, b, 2));
        assertEquals("scaledProduct: needs operands of one shape, got 2x3, 2x3 and 3x2", product.getMessage());
        IllegalArgumentException second = assertThrows(IllegalArgumentException.class,
                () -> ElementwiseOp.SCALED_PRODUCT.apply(a, row, a, 2));
        assertEquals("scaledProduct: needs operands of one shape, got 2x3, 1x3 and 2x3", second.getMessage());
        IllegalArgumentException nt = assertThrows(IllegalArgumentException.class, () -> ProductOp.MATMUL_TRANSPOSED_B.apply(a, b));
        assertEquals("matmul: cannot multiply 2x3 by 3x2ᵀ", nt.getMessage());
        IllegalArgumentException tn = assertThrows(IllegalArgumentException.class, () -> ProductOp.MATMUL_TRANSPOSED_A.apply(a, b));
        assertEquals("matmul: cannot multiply 2x3ᵀ by 3x2", tn.getMessage());
        Tensor outer = ProductOp.MATMUL_TRANSPOSED_B.apply(a, a);
        Tensor inner = ProductOp.MATMUL_TRANSPOSED_A.apply(a, a);
        assertEquals("2x2 and 3x3", outer.rows() + "x" + outer.cols() + " and " + inner.rows() + "x" + inner.cols(), "A·Aᵀ and Aᵀ·A");
    }
}
