package org.backprop4j.nn.tensor;

import java.util.Objects;

import org.backprop4j.nn.Loss;
import org.backprop4j.nn.Model;
import org.backprop4j.tensor.Tensor;

/** The {@link Loss}es on the tensor engine, each composed from {@link Tensor} primitives. */
public final class Losses {

    private Losses() {
    }

    /**
     * The given loss of a batch.
     *
     * @param loss which loss
     * @param predictions n×k outputs
     * @param targets n×k targets (a constant)
     * @return the 1×1 loss
     * @throws NullPointerException if an argument is null, naming it
     */
    public static Tensor of(Loss loss, Tensor predictions, Tensor targets) {
        Objects.requireNonNull(loss, "loss");
        check(predictions, targets);
        switch (loss) {
            case SUM_OF_SQUARES:
                return sumOfSquares(predictions, targets);
            case MEAN_SQUARED:
                return meanSquared(predictions, targets);
            case HINGE:
                return hinge(predictions, targets);
            case SOFTMAX_CROSS_ENTROPY:
                return softmaxCrossEntropy(predictions, targets);
            default:
                throw new IllegalArgumentException("unknown loss " + loss);
        }
    }

    /**
     * Σ (p − t)².
     *
     * @param predictions n×k
     * @param targets n×k
     * @return 1×1
     */
    public static Tensor sumOfSquares(Tensor predictions, Tensor targets) {
        check(predictions, targets);
        return predictions.sub(targets).pow(2).sum();
    }

    /**
     * Σ (p − t)² / (n·k).
     *
     * @param predictions n×k
     * @param targets n×k
     * @return 1×1
     */
    public static Tensor meanSquared(Tensor predictions, Tensor targets) {
        check(predictions, targets);
        return predictions.sub(targets).pow(2).mean();
    }

    /**
     * micrograd's max-margin loss: mean(relu(1 − t·p)) for scores n×1 and labels ±1.
     *
     * @param scores n×1
     * @param labels n×1 of ±1
     * @return 1×1
     */
    public static Tensor hinge(Tensor scores, Tensor labels) {
        check(scores, labels);
        return scores.mul(labels).neg().add(1).relu().mean();
    }

    /**
     * Softmax cross-entropy: mean over rows of log Σⱼ e^{zⱼ} − Σⱼ tⱼzⱼ, with z = p − max(p) per row
     * (a constant shift that only prevents overflow).
     *
     * @param logits n×k
     * @param oneHot n×k one-hot rows
     * @return 1×1
     */
    public static Tensor softmaxCrossEntropy(Tensor logits, Tensor oneHot) {
        check(logits, oneHot);
        double[] max = new double[logits.rows()];
        double[] x = logits.data().data;
        for (int i = 0; i < max.length; i++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < logits.cols(); j++) {
                m = Math.max(m, x[i * logits.cols() + j]);
            }
            max[i] = m;
        }
        Tensor z = logits.sub(Tensor.constant(max.length, 1, max));
        Tensor logSumExp = z.exp().sumRows().log();
        Tensor picked = z.mul(oneHot).sumRows();
        return logSumExp.sub(picked).mean();
    }

    /**
     * L2 regularisation α·Σ p² over every weight and bias.
     *
     * @param model the model
     * @param alpha α
     * @return 1×1
     */
    public static Tensor l2(Model<Tensor> model, double alpha) {
        Tensor total = null;
        for (Tensor p : model.parameters()) {
            Tensor square = p.pow(2).sum();
            total = total == null ? square : total.add(square);
        }
        return total.mul(alpha);
    }

    private static void check(Tensor predictions, Tensor targets) {
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(targets, "targets");
        if (predictions.rows() != targets.rows() || predictions.cols() != targets.cols()) {
            throw new IllegalArgumentException("a loss needs predictions and targets of one shape, got "
                    + predictions.rows() + "x" + predictions.cols() + " and " + targets.rows() + "x" + targets.cols());
        }
    }
}
