package org.backprop4j.nn.scalar;

import java.util.List;
import java.util.Objects;

import org.backprop4j.nn.Loss;
import org.backprop4j.nn.Model;
import org.backprop4j.nn.MultilayerPerceptron;
import org.backprop4j.scalar.Value;

/**
 * The {@link Loss}es on the scalar engine, each built from {@link Value} operations; the tensor
 * engine's {@code Losses} has the same methods and gives the same values and gradients to 1e−12.
 */
public final class Losses {

    private Losses() {
    }

    /**
     * The given loss of a batch: the one place each {@link Loss} is reached on this engine.
     *
     * @param loss which loss
     * @param predictions n rows of outputs
     * @param targets n rows of targets, as wide as the outputs, that the loss accepts
     * @return the loss, a node whose {@code backward()} reaches every parameter
     * @throws NullPointerException if an argument or a row is null, naming it
     * @throws IllegalArgumentException if the shapes differ or the loss refuses the targets
     */
    public static Value of(Loss loss, List<List<Value>> predictions, double[][] targets) {
        Objects.requireNonNull(loss, "loss");
        return switch (loss) {
            case SUM_OF_SQUARES -> sumOfSquares(predictions, targets);
            case MEAN_SQUARED -> meanSquared(predictions, targets);
            case HINGE -> hinge(predictions, targets);
            case SOFTMAX_CROSS_ENTROPY -> softmaxCrossEntropy(predictions, targets);
        };
    }

    /**
     * Σ (p − t)², the seed's loss.
     *
     * @param predictions n rows of outputs
     * @param targets n rows of targets
     * @return the loss
     */
    public static Value sumOfSquares(List<List<Value>> predictions, double[][] targets) {
        check(predictions, targets);
        Value total = null;
        for (int i = 0; i < targets.length; i++) {
            for (int j = 0; j < targets[i].length; j++) {
                Value term = predictions.get(i).get(j).sub(targets[i][j]).pow(2);
                total = total == null ? term : total.add(term);
            }
        }
        return total;
    }

    /**
     * Σ (p − t)² / (n·k).
     *
     * @param predictions n rows of k outputs
     * @param targets n rows of k targets
     * @return the loss
     */
    public static Value meanSquared(List<List<Value>> predictions, double[][] targets) {
        return sumOfSquares(predictions, targets).div((double) targets.length * targets[0].length);
    }

    /**
     * The hinge loss Σᵢⱼ relu(1 − tᵢⱼ·pᵢⱼ) / (n·k) over every output, labels ±1 (see {@link Loss#HINGE});
     * with one output, micrograd's max-margin loss. At the kink 1 − t·p = 0 the derivative is
     * {@code torch.clamp}'s, −t/(n·k), not relu′(0) = 0.
     *
     * @param predictions n rows of k scores
     * @param targets n rows of k labels, each ±1
     * @return the loss
     * @throws IllegalArgumentException if a label is not ±1, naming its row, column and value
     */
    public static Value hinge(List<List<Value>> predictions, double[][] targets) {
        check(predictions, targets);
        Loss.HINGE.checkTargets(targets, targets[0].length);
        Value total = null;
        for (int i = 0; i < targets.length; i++) {
            for (int j = 0; j < targets[i].length; j++) {
                Value margin = predictions.get(i).get(j).mul(-targets[i][j]).add(1);
                // at the kink, clamp's subgradient 1 (relu′(0) is 0): the margin itself, 0 with slope 1
                Value term = margin.data() == 0 ? margin : margin.relu();
                total = total == null ? term : total.add(term);
            }
        }
        return total.div((double) targets.length * targets[0].length);
    }

    /**
     * Softmax cross-entropy: Σᵢ (log Σⱼ e^{zᵢⱼ} − Σⱼ tᵢⱼ zᵢⱼ) / n with zᵢⱼ = pᵢⱼ − maxⱼ pᵢⱼ (the
     * shift is a constant, so it changes nothing but overflow).
     *
     * @param logits n rows of k logits
     * @param oneHot n one-hot rows of k
     * @return the loss
     * @throws IllegalArgumentException if a row is not one-hot, naming it
     */
    public static Value softmaxCrossEntropy(List<List<Value>> logits, double[][] oneHot) {
        check(logits, oneHot);
        Loss.SOFTMAX_CROSS_ENTROPY.checkTargets(oneHot, oneHot[0].length);
        Value total = null;
        for (int i = 0; i < oneHot.length; i++) {
            List<Value> row = logits.get(i);
            double max = Double.NEGATIVE_INFINITY;
            for (Value v : row) {
                max = Math.max(max, v.data());
            }
            Value sumExp = null;
            Value picked = null;
            for (int j = 0; j < row.size(); j++) {
                Value z = row.get(j).sub(max);
                sumExp = sumExp == null ? z.exp() : sumExp.add(z.exp());
                if (oneHot[i][j] != 0) {
                    Value t = z.mul(oneHot[i][j]);
                    picked = picked == null ? t : picked.add(t);
                }
            }
            Value term = picked == null ? sumExp.log() : sumExp.log().sub(picked);
            total = total == null ? term : total.add(term);
        }
        return total.div(oneHot.length);
    }

    /**
     * L2 regularisation α·Σ p² over every parameter of the model (of a neuron, that neuron's own), as
     * micrograd's demo adds it.
     *
     * @param model the model
     * @param alpha α, finite and at least 0
     * @return the penalty
     * @throws IllegalArgumentException if α is NaN, ±∞ or negative
     */
    public static Value l2(Model<Value> model, double alpha) {
        Objects.requireNonNull(model, "model");
        MultilayerPerceptron.checkL2(alpha);
        Value total = null;
        for (Value p : model.parameters()) {
            Value square = p.mul(p);
            total = total == null ? square : total.add(square);
        }
        return total.mul(alpha);
    }

    private static void check(List<List<Value>> predictions, double[][] targets) {
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(targets, "targets");
        if (predictions.size() != targets.length || targets.length == 0) {
            throw new IllegalArgumentException("a loss needs as many predictions as targets, at least one; got "
                    + predictions.size() + " and " + targets.length);
        }
        for (int i = 0; i < targets.length; i++) {
            List<Value> row = predictions.get(i);
            double[] t = targets[i];
            if (row == null || t == null) {
                throw new NullPointerException((row == null ? "predictions" : "targets") + " row " + i);
            }
            if (t.length == 0) {
                throw new IllegalArgumentException("targets row " + i + " is empty: a loss needs at least one target per row");
            }
            if (row.size() != t.length) {
                throw new IllegalArgumentException("row " + i + ": " + row.size() + " outputs but " + t.length + " targets");
            }
            if (t.length != targets[0].length) {
                throw new IllegalArgumentException("targets row " + i + " has " + t.length + " values, row 0 has " + targets[0].length);
            }
            for (int j = 0; j < t.length; j++) {
                if (row.get(j) == null) {
                    throw new NullPointerException("predictions row " + i + " column " + j);
                }
            }
        }
    }
}
