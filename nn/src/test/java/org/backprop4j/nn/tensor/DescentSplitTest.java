package org.backprop4j.nn.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;

import org.backprop4j.nn.Activation;
import org.backprop4j.nn.Architecture;
import org.backprop4j.nn.Init;
import org.backprop4j.nn.Loss;
import org.backprop4j.nn.Model;
import org.backprop4j.nn.ParameterUpdate;
import org.backprop4j.nn.data.DataSets;
import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.tensor.parallel.Workers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gradient descent's two-pass update where a thread's range begins or ends at a bias: networks
 * shaped so that the pool's split of their flat parameters ([0, n) in parts cut at n·p/parts) falls
 * exactly on a bias (the first or the last of a layer, or one in between) or on a layer's first
 * weight, or rows so wide that a range begins and ends inside one. There the update has the bits of the one-thread run and of the plain pass, and a bias
 * whose new value overflows to ±∞ (finite value, finite gradient) is refused with nothing changed;
 * and through {@code Optimizer.sgd}, a weight whose new value overflows is refused at every place
 * in a row (each lane of the vector loops and the tail), also where a thread's range starts mid-row
 * and when the row's neuron is updated alone.
 */
class DescentSplitTest {

    /** A value and a gradient whose descent at rate 1 overflows: 1.7e308 − 1·(−1.7e308) = +∞. */
    private static final double HUGE = 1.7e308;

    /**
     * A network on a pool of some threads, and the biases (layer, row) at which a thread's range
     * starts; a row of −1 marks a range starting at the layer's first weight (the previous layer's
     * last bias ends the range before it).
     */
    record Split(int threads, List<Integer> sizes, int[][] biases) {

        @Override
        public String toString() {
            return sizes + " on " + threads + " threads";
        }
    }

    /** The cuts, n·p/parts, worked out for each shape's parameter count n. */
    static Stream<Split> splits() {
        return Stream.of(
                // n = 32,833, cut 16,416: layer 1's first bias
                new Split(2, List.of(55, 288, 57, 4), new int[][] {{1, 0}}),
                // cuts 8,208 (layer 0, row 146, weight 32), 16,416 (layer 1's first bias), 24,624 (layer 1, row 29, weight 115)
                new Split(4, List.of(55, 288, 57, 4), new int[][] {{1, 0}}),
                // n = 33,639, cut 16,819: layer 0's last bias
                new Split(2, List.of(57, 290, 57, 4), new int[][] {{0, 289}}),
                // cuts 8,409 (layer 0, row 144's bias), 16,819 (layer 0's last bias), 25,229 (a weight)
                new Split(4, List.of(57, 290, 57, 4), new int[][] {{0, 144}, {0, 289}}),
                // n = 33,409, cut 16,704: layer 1's first weight
                new Split(2, List.of(57, 288, 57, 4), new int[][] {{1, -1}}),
                // n = 33,022, cut 16,511: row 515's bias
                new Split(2, List.of(31, 786, 10), new int[][] {{0, 515}}),
                // cuts 11,007 (row 343's bias) and 22,014 (row 687, its last weight)
                new Split(3, List.of(31, 786, 10), new int[][] {{0, 343}}),
                // n = 32,858, cuts 10,952 (a weight) and 21,905: layer 1's first bias
                new Split(3, List.of(63, 337, 33, 4), new int[][] {{1, 0}}),
                // n = 34,069, cuts 11,356 (row 169's bias) and 22,712: layer 0's last bias
                new Split(3, List.of(66, 339, 33, 4), new int[][] {{0, 169}, {0, 338}}),
                // rows wider than a range: n = 40,002, cuts 10,000 (row 0, weight 10,000: ranges [0, 10,000) and
                // [10,000, 20,001) within row 0), 20,001 (row 1's first weight, after row 0's bias) and 30,001 (row 1, weight 9,999)
                new Split(4, List.of(20_000, 2), new int[][] {{0, 0}}),
                // cuts 13,334 (row 0, weight 13,334) and 26,668 (row 1, weight 6,667): ranges across a row's end
                new Split(3, List.of(20_000, 2), new int[][] {{0, 0}}));
    }

    private static MLP network(List<Integer> sizes) {
        return new MLP(Architecture.of(sizes.get(0), sizes.subList(1, sizes.size()))
                .withActivations(Activation.TANH, Activation.IDENTITY).withInit(Init.GLOROT).withSeed(5));
    }

    private static void backward(MLP mlp, int step) {
        int nin = mlp.layers().get(0).nin();
        int nout = mlp.layers().get(mlp.layers().size() - 1).nout();
        mlp.zeroGrad();
        mlp.lossAndBackward(DataSets.gaussian(4, nin, step), DataSets.gaussian(4, nout, 50 + step), Loss.MEAN_SQUARED, 0);
    }

    private static double[] train(List<Integer> sizes, int threads, ParameterUpdate rule) {
        double[][] result = new double[1][];
        Workers.runOn(Workers.of(threads), () -> {
            MLP mlp = network(sizes);
            for (int step = 1; step <= 3; step++) {
                backward(mlp, step);
                mlp.update(rule);
            }
            result[0] = mlp.parameterValues();
        });
        return result[0];
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void aSplitOnABiasGivesTheBitsOfOneThreadAndOfThePlainPass(Split split) {
        double[] oneThread = train(split.sizes(), 1, new ParameterUpdate.Descent(0.05));
        double[] plain = train(split.sizes(), split.threads(), (i, p, g) -> p - 0.05 * g);
        double[] descent = train(split.sizes(), split.threads(), new ParameterUpdate.Descent(0.05));
        assertBitsEqual(oneThread, plain, "the plain pass against descent on one thread");
        assertBitsEqual(oneThread, descent, "descent on " + split.threads() + " threads against one");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void aBiasThatOverflowsWhereARangeStartsOrEndsIsRefusedAndNothingChanges(Split split) {
        Workers.runOn(Workers.of(split.threads()), () -> {
            MLP mlp = network(split.sizes());
            backward(mlp, 1);
            for (int[] at : split.biases()) {
                // the bias a range starts at, or (at a layer's first weight) the last bias of the layer before
                int layerIndex = at[1] < 0 ? at[0] - 1 : at[0];
                Layer layer = mlp.layers().get(layerIndex);
                int row = at[1] < 0 ? layer.nout() - 1 : at[1];
                int flat = flatIndex(mlp, layerIndex, row, -1);
                for (double sign : new double[] {1, -1}) {
                    String what = "bias " + flat + " at " + sign * HUGE;
                    double[] bias = layer.bias().data().data;
                    double[] grad = layer.bias().borrowGrad().data;
                    double oldBias = bias[row];
                    double oldGrad = grad[row];
                    bias[row] = sign * HUGE;
                    grad[row] = -sign * HUGE;
                    double[] before = mlp.parameterValues();
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> mlp.update(new ParameterUpdate.Descent(1)), what);
                    assertEquals("the update gives parameter " + flat + " " + sign * Double.POSITIVE_INFINITY + " (it is " + sign * HUGE
                            + "); parameters must stay finite, so none has changed", e.getMessage(), what);
                    assertBitsEqual(before, mlp.parameterValues(), what);
                    bias[row] = oldBias;
                    grad[row] = oldGrad;
                }
            }
        });
    }

    @Test
    void aWeightThatOverflowsAnywhereInARowIsRefusedBySgdAndNothingChanges() {
        // rows of 19 and 7 weights: lanes of 4 or 8 and a tail; each updated with its network and alone, as a neuron
        assertWeightsRefused(1, List.of(19, 7, 3), 0, 2, 0, 19, false);
        assertWeightsRefused(1, List.of(19, 7, 3), 0, 2, 0, 19, true);
        assertWeightsRefused(1, List.of(19, 7, 3), 1, 2, 0, 7, false);
        assertWeightsRefused(1, List.of(19, 7, 3), 1, 2, 0, 7, true);
        // four threads, a range starting at weight 32 of layer 0's row 146: the eight weights before it,
        // and every lane of the range from it and its tail (23 weights)
        assertWeightsRefused(4, List.of(55, 288, 57, 4), 0, 146, 24, 55, false);
        // rows wider than a range: around the cut at row 0's weight 10,000, and row 1's first weights after
        // the cut at 20,001 (the range after row 0's bias)
        assertWeightsRefused(4, List.of(20_000, 2), 0, 0, 9_990, 10_010, false);
        assertWeightsRefused(4, List.of(20_000, 2), 0, 1, 0, 10, false);
    }

    /**
     * Makes each of the weights [fromColumn, toColumn) of a row in turn overflow under {@code Optimizer.sgd(1)},
     * stepping the network or (alone) the row's neuron, and checks the step is refused with nothing changed.
     */
    private static void assertWeightsRefused(int threads, List<Integer> sizes, int layerIndex, int row, int fromColumn, int toColumn,
            boolean neuronAlone) {
        Workers.runOn(Workers.of(threads), () -> {
            MLP mlp = network(sizes);
            backward(mlp, 1);
            Layer layer = mlp.layers().get(layerIndex);
            Model<?> stepped = neuronAlone ? layer.neuron(row) : mlp;
            int nin = layer.nin();
            double[] weights = layer.weight().data().data;
            double[] grad = layer.weight().borrowGrad().data;
            Optimizer sgd = Optimizer.sgd(1);
            for (int column = fromColumn; column < toColumn; column++) {
                int i = row * nin + column;
                int flat = neuronAlone ? column : flatIndex(mlp, layerIndex, row, column);
                double sign = column % 2 == 0 ? 1 : -1;
                String what = stepped + ", weight " + column + " of row " + row + " at " + sign * HUGE;
                double oldWeight = weights[i];
                double oldGrad = grad[i];
                weights[i] = sign * HUGE;
                grad[i] = -sign * HUGE;
                double[] before = mlp.parameterValues();
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sgd.step(stepped), what);
                assertEquals("the update gives parameter " + flat + " " + sign * Double.POSITIVE_INFINITY + " (it is " + sign * HUGE
                        + "); parameters must stay finite, so none has changed", e.getMessage(), what);
                assertBitsEqual(before, mlp.parameterValues(), what);
                assertEquals(0, sgd.steps(), what);
                weights[i] = oldWeight;
                grad[i] = oldGrad;
            }
        });
    }

    /** The flat index of a layer's weight (row, column), or of its bias for a column of −1. */
    private static int flatIndex(MLP mlp, int layerIndex, int row, int column) {
        int k = 0;
        for (int l = 0; l < layerIndex; l++) {
            k += mlp.layers().get(l).parameterCount();
        }
        int nin = mlp.layers().get(layerIndex).nin();
        return k + row * (nin + 1) + (column < 0 ? nin : column);
    }

    private static void assertBitsEqual(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    what + ": parameter " + i + " (" + expected[i] + " against " + actual[i] + ")");
        }
    }
}
