package org.backprop4j.nn.scalar;

import java.util.List;
import java.util.Objects;

import org.backprop4j.nn.Loss;
import org.backprop4j.nn.Model;
import org.backprop4j.scalar.Value;

/** The {@link Loss}es on the scalar engine, each built from {@link Value} operations. */
public final class Losses {

    private Losses() {
    }

    /**
     * The given loss of a batch.
     *
     * @param loss which loss
     * @param predictions n rows of outputs
     * @param targets n rows of targets, as wide as the outputs
     * @return the loss, a node whose {@code backward()} reaches every parameter
     * @throws NullPointerException if an argument or a row is null, naming it
     */
    public static Value of(Loss loss, List<List<Value>> predictions, double[][] targets) {
        Objects.requireNonNull(loss, "loss");
        check(predictions, targets);
        switch (loss) {
            case SUM_OF_SQUARES:
                return sumOfSquares(predictions, targets);
            case MEAN_SQUARED:
                return sumOfSquares(predictions, targets).div((double) targets.length * targets[0].length);
            case HINGE:
                return hinge(predictions, targets);
            case SOFTMAX_CROSS_ENTROPY:
                return softmaxCrossEntropy(predictions, targets);
            default:
                throw new IllegalArgumentException("unknown loss " + loss);
        }
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
     * micrograd's max-margin loss: Σ relu(1 − t·p) / n, for one output and labels ±1.
     *
     * @param predictions n rows of one score
     * @param targets n rows of one label ±1
     * @return the loss
     */
    public static Value hinge(List<List<Value>> predictions, double[][] targets) {
        check(predictions, targets);
        Value total = null;
        for (int i = 0; i < targets.length; i++) {
            Value term = predictions.get(i).get(0).mul(-targets[i][0]).add(1).relu();
            total = total == null ? term : total.add(term);
        }
        return total.div(targets.length);
    }

    /**
     * Softmax cross-entropy: Σᵢ (log Σⱼ e^{zᵢⱼ} − Σⱼ tᵢⱼ zᵢⱼ) / n with zᵢⱼ = pᵢⱼ − maxⱼ pᵢⱼ (the
     * shift is a constant, so it changes nothing but overflow).
     *
     * @param logits n rows of k logits
     * @param oneHot n one-hot rows of k
     * @return the loss
     */
    public static Value softmaxCrossEntropy(List<List<Value>> logits, double[][] oneHot) {
        check(logits, oneHot);
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
     * L2 regularisation α·Σ p² over every parameter, as micrograd's demo adds it.
     *
     * @param model the model
     * @param alpha α
     * @return the penalty
     */
    public static Value l2(Model<Value> model, double alpha) {
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
            if (predictions.get(i) == null) {
                throw new NullPointerException("predictions row " + i);
            }
            if (targets[i] == null) {
                throw new NullPointerException("targets row " + i);
            }
            if (predictions.get(i).size() != targets[i].length) {
                throw new IllegalArgumentException("row " + i + ": " + predictions.get(i).size() + " outputs but "
                        + targets[i].length + " targets");
            }
        }
    }
}
