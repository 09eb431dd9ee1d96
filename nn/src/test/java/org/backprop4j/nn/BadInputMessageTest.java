package org.backprop4j.nn;

import java.util.List;

import org.backprop4j.scalar.Value;
import org.backprop4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input to the networks and losses gets an exception naming what was wrong, the same on both engines. */
class BadInputMessageTest {

    private static final double[][] X = {{1, 2, 3}, {0, 1, -1}};
    private static final double[][] Y = {{1}, {-1}};

    private static List<MultilayerPerceptron<?>> engines() {
        return List.of(new org.backprop4j.nn.scalar.MLP(3, List.of(4, 1)), new org.backprop4j.nn.tensor.MLP(3, List.of(4, 1)));
    }

    private static String message(Class<? extends Throwable> type, Executable call, String... parts) {
        Throwable e = assertThrows(type, call);
        for (String part : parts) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(part), () -> "'" + e.getMessage() + "' should name " + part);
        }
        return e.getMessage();
    }

    @Test
    void aLoneLayerOfNoNeuronsNamesItsNeuronCountOnBothEngines() {
        for (int nout : new int[] {0, -3}) {
            String scalar = message(IllegalArgumentException.class, () -> new org.backprop4j.nn.scalar.Layer(2, nout), "nout", "got " + nout);
            String tensor = message(IllegalArgumentException.class, () -> new org.backprop4j.nn.tensor.Layer(2, nout), "nout", "got " + nout);
            assertEquals(scalar, tensor);
        }
        message(IllegalArgumentException.class, () -> new org.backprop4j.nn.tensor.Layer(0, 2), "nin", "got 0");
    }

    @Test
    void lossAndBackwardNamesItsNullArguments() {
        for (MultilayerPerceptron<?> n : engines()) {
            message(NullPointerException.class, () -> n.lossAndBackward(null, Y, Loss.SUM_OF_SQUARES, 0), "inputs");
            message(NullPointerException.class, () -> n.lossAndBackward(X, null, Loss.SUM_OF_SQUARES, 0), "targets");
            message(NullPointerException.class, () -> n.lossAndBackward(X, Y, null, 0), "loss");
            message(NullPointerException.class, () -> n.lossAndBackward(new double[][] {X[0], null}, Y, Loss.SUM_OF_SQUARES, 0),
                    "inputs row 1");
            assertTrue(java.util.Arrays.stream(n.gradients()).allMatch(g -> g == 0), "a refused call leaves no gradient");
        }
    }

    @Test
    void lossesOfAndCheckTargetsNameTheirNullArguments() {
        List<List<Value>> predictions = List.of(List.of(Value.of(1)), List.of(Value.of(2)));
        message(NullPointerException.class, () -> org.backprop4j.nn.scalar.Losses.of(null, predictions, Y), "loss");
        message(NullPointerException.class, () -> org.backprop4j.nn.scalar.Losses.of(Loss.HINGE, predictions, new double[][] {{1}, null}),
                "targets row 1");
        message(NullPointerException.class, () -> org.backprop4j.nn.scalar.Losses.of(Loss.HINGE,
                java.util.Arrays.asList(List.of(Value.of(1)), null), Y), "predictions row 1");
        message(NullPointerException.class, () -> org.backprop4j.nn.tensor.Losses.of(null, Tensor.constant(Y), Tensor.constant(Y)), "loss");
        message(NullPointerException.class, () -> Loss.HINGE.checkTargets(null, 1), "targets");
        message(NullPointerException.class, () -> Loss.MEAN_SQUARED.checkTargets(new double[][] {{1}, null}, 1), "targets row 1");
    }

    @Test
    void aNullValueInsideAPredictionRowIsNamedByRowAndColumnForEveryLoss() {
        List<List<Value>> predictions = List.of(List.of(Value.of(1), Value.of(0)), java.util.Arrays.asList(Value.of(0), null));
        double[][] targets = {{1, 0}, {0, 1}};
        for (Loss loss : Loss.values()) {
            double[][] t = loss == Loss.HINGE ? new double[][] {{1, -1}, {-1, 1}} : targets;
            message(NullPointerException.class, () -> org.backprop4j.nn.scalar.Losses.of(loss, predictions, t), "predictions row 1 column 1");
        }
    }

    @Test
    void anEmptyRowIsCalledEmptyNotAMismatch() {
        for (Loss loss : Loss.values()) {
            message(IllegalArgumentException.class, () -> org.backprop4j.nn.scalar.Losses.of(loss, List.of(List.of()), new double[][] {{}}),
                    "targets row 0 is empty");
            message(IllegalArgumentException.class, () -> org.backprop4j.nn.scalar.Losses.of(loss, List.of(List.of(Value.of(1))), new double[][] {{}}),
                    "targets row 0 is empty");
        }
    }

    /** Softmax over one output is 1 whatever the logit: a loss of 0 that never trains, refused on every path. */
    @Test
    void softmaxCrossEntropyOverOneOutputIsRefusedOnEveryPath() {
        double[][] oneHot = {{1}, {1}};
        String why = "SOFTMAX_CROSS_ENTROPY needs at least 2 outputs";
        for (MultilayerPerceptron<?> n : engines()) {
            message(IllegalArgumentException.class, () -> n.lossAndBackward(X, oneHot, Loss.SOFTMAX_CROSS_ENTROPY, 0), why);
            assertTrue(java.util.Arrays.stream(n.gradients()).allMatch(g -> g == 0), "a refused call leaves no gradient");
            message(IllegalArgumentException.class, () -> new org.backprop4j.nn.train.Trainer(n, Loss.SOFTMAX_CROSS_ENTROPY,
                    org.backprop4j.nn.optim.Optimizer.sgd(0.1)).fit(new org.backprop4j.nn.data.DataSet(X, oneHot)), why);
        }
        message(IllegalArgumentException.class, () -> new org.backprop4j.nn.tensor.MLP(3, List.of(4, 1))
                .lossAndBackward(Tensor.constant(X), Tensor.constant(oneHot), Loss.SOFTMAX_CROSS_ENTROPY, 0), why);
        message(IllegalArgumentException.class, () -> org.backprop4j.nn.tensor.Losses.softmaxCrossEntropy(Tensor.of(oneHot), Tensor.constant(oneHot)), why);
        message(IllegalArgumentException.class, () -> org.backprop4j.nn.scalar.Losses.softmaxCrossEntropy(
                List.of(List.of(Value.of(3)), List.of(Value.of(-2))), oneHot), why);
        message(IllegalArgumentException.class, () -> Loss.SOFTMAX_CROSS_ENTROPY.checkTargets(new double[] {1, 1}, 2, 1), why);
        Loss.SOFTMAX_CROSS_ENTROPY.checkTargets(new double[][] {{0, 1}}, 2);
    }

    @Test
    void raggedInputsNameTheRowTheSameWayOnBothEngines() {
        double[][] ragged = {{1, 2, 3}, {1, 2}};
        String[] predict = new String[2];
        String[] train = new String[2];
        String[] nulls = new String[2];
        for (int e = 0; e < 2; e++) {
            MultilayerPerceptron<?> n = engines().get(e);
            predict[e] = message(IllegalArgumentException.class, () -> n.predict(ragged), "inputs row 1 has 2 values", "expects 3");
            train[e] = message(IllegalArgumentException.class, () -> n.lossAndBackward(ragged, Y, Loss.SUM_OF_SQUARES, 0), "inputs row 1");
            nulls[e] = message(NullPointerException.class, () -> n.predict(new double[][] {X[0], null}), "inputs row 1");
            message(NullPointerException.class, () -> n.predict(null), "inputs");
        }
        assertEquals(predict[0], predict[1]);
        assertEquals(train[0], train[1]);
        assertEquals(nulls[0], nulls[1]);
    }

    @Test
    void badTrainingBatchesGetTheSameMessageOnBothEngines() {
        double[][][][] batches = {{new double[0][], new double[0][]}, {X, {{1}}}, {X, {{1}, {1}, {1}}}};
        for (double[][][] batch : batches) {
            String[] messages = new String[2];
            for (int e = 0; e < 2; e++) {
                MultilayerPerceptron<?> n = engines().get(e);
                messages[e] = message(IllegalArgumentException.class, () -> n.lossAndBackward(batch[0], batch[1], Loss.MEAN_SQUARED, 0),
                        "batch");
            }
            assertEquals(messages[0], messages[1]);
        }
        for (MultilayerPerceptron<?> n : engines()) {
            message(IllegalArgumentException.class, () -> n.lossAndBackward(new double[0][], new double[0][], Loss.HINGE, 0),
                    "at least one row");
            message(IllegalArgumentException.class, () -> n.lossAndBackward(X, new double[][] {{1}}, Loss.HINGE, 0),
                    "2 input rows and 1 target rows");
            message(NullPointerException.class, () -> n.lossAndBackward(X, new double[][] {{1}, null}, Loss.HINGE, 0), "targets row 1");
        }
    }

    @Test
    void anEmptyBatchPredictsAnEmptyArrayOnBothEngines() {
        for (MultilayerPerceptron<?> n : engines()) {
            assertEquals(0, n.predict(new double[0][]).length, n.getClass().getName());
        }
        double[][] scalar = engines().get(0).predict(X);
        double[][] tensor = engines().get(1).predict(X);
        for (int i = 0; i < X.length; i++) {
            assertArrayEquals(scalar[i], tensor[i], 1e-15);
        }
    }
}
