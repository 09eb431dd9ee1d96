package org.backprop4j.nn.tensor;

import java.util.Objects;

import org.backprop4j.nn.Loss;
import org.backprop4j.nn.Model;
import org.backprop4j.nn.MultilayerPerceptron;
import org.backprop4j.tensor.Tensor;

/**
 * The {@link Loss}es on the tensor engine, each composed from {@link Tensor} primitives; the scalar
 * engine's {@code Losses} has the same methods and gives the same values and gradients to 1e−12.
 */
public final class Losses {

    private Losses() {
    }

    /**
     * The given loss of a batch: the one place each {@link Loss} is reached on this engine.
     *
     * @param loss which loss
     * @param predictions n×k outputs
     * @param targets n×k targets (a constant) that the loss accepts
     * @return the 1×1 loss
     * @throws NullPointerException if an argument is null, naming it
     * @throws IllegalArgumentException if the shapes differ or the loss refuses the targets
     */
    public static Tensor of(Loss loss, Tensor predictions, Tensor targets) {
        Objects.requireNonNull(loss, "loss");
        return switch (loss) {
            case SUM_OF_SQUARES -> sumOfSquares(predictions, targets);
            case MEAN_SQUARED -> meanSquared(predictions, targets);
            case HINGE -> hinge(predictions, targets);
            case SOFTMAX_CROSS_ENTROPY -> softmaxCrossEntropy(predictions, targets);
        };
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
     * The hinge loss mean(relu(1 − t·p)) over every element, labels ±1 (see {@link Loss#HINGE}); with
     * one output, micrograd's max-margin loss. At the kink 1 − t·p = 0 the derivative is
     * {@code torch.clamp}'s, −t/(n·k), not relu′(0) = 0.
     *
     * @param scores n×k
     * @param labels n×k of ±1
     * @return 1×1
     * @throws IllegalArgumentException if a label is not ±1, naming its row, column and value
     */
    public static Tensor hinge(Tensor scores, Tensor labels) {
        check(scores, labels);
        Loss.HINGE.checkTargets(labels.data().data, labels.rows(), labels.cols());
        Tensor margins = scores.mul(labels).neg().add(1);
        double[] m = margins.data().data;
        int size = margins.rows() * margins.cols();   // a recycled buffer may be longer
        double[] kinks = null;
        for (int k = 0; k < size; k++) {
            if (m[k] == 0) {
                kinks = kinks == null ? new double[size] : kinks;
                kinks[k] = 1;
            }
        }
        if (kinks == null) {
            return margins.relu().mean();
        }
        // at a kink relu′(0) = 0, clamp's subgradient is 1: relu(0 + 1) − 1 is 0 with slope 1, exactly
        Tensor shift = Tensor.constant(margins.rows(), margins.cols(), kinks);
        return margins.add(shift).relu().sub(shift).mean();
    }

    /**
     * Softmax cross-entropy: mean over rows of log Σⱼ e^{zⱼ} − Σⱼ tⱼzⱼ, with z = p − max(p) per row
     * (a constant shift that only prevents overflow). Σⱼ tⱼzⱼ is the one-hot product, except in a batch
     * where a logit off its row's target is −∞: there 0·(−∞) would be NaN, so each row's target logit is
     * picked by itself (slower, and only then), and such rows are finite as in PyTorch.
     *
     * <p>Targets made with {@code Tensor.of} get PyTorch's gradient, ∂/∂tᵢⱼ = (log Σⱼ e^{zᵢⱼ} − zᵢⱼ)/n =
     * −log softmax(p)ᵢⱼ/n (as {@code -(t * log_softmax(p)).sum(1).mean()}), in every batch without a
     * −∞ logit off its row's target; in a batch with one, the loss is computed without multiplying by the
     * targets and they get no gradient from it (PyTorch's loss is NaN there, its ∂/∂tᵢⱼ +∞ at that logit).
     *
     * @param logits n×k
     * @param oneHot n×k one-hot rows
     * @return 1×1
     * @throws IllegalArgumentException if a row is not one-hot, naming it
     */
    public static Tensor softmaxCrossEntropy(Tensor logits, Tensor oneHot) {
        check(logits, oneHot);
        Loss.SOFTMAX_CROSS_ENTROPY.checkTargets(oneHot.data().data, oneHot.rows(), oneHot.cols());
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
        if (!hasMinusInfinityOffTarget(z, oneHot)) {
            Tensor perRow = logSumExp.sub(z.mul(oneHot).sumRows());
            if (oneHot.requiresGrad()) {
                // log Σ e^z · (Σⱼ tⱼ − 1) is 0 for one-hot rows, so the loss keeps its bits and the logits their
                // gradient (+0 added), but the targets get PyTorch's ∂/∂tⱼ = (log Σ e^z − zⱼ)/n = −log softmaxⱼ/n
                perRow = perRow.add(logSumExp.mul(oneHot.sumRows().sub(1)));
            }
            return perRow.mean();
        }
        // 0·(−∞) = NaN would spoil Σⱼ tⱼzⱼ: pick each row's target logit by itself instead
        Tensor rowsAsColumns = z.transpose();
        Tensor total = logSumExp.sum();
        for (int i = 0; i < z.rows(); i++) {
            total = total.sub(rowsAsColumns.column(i).transpose().column(targetColumn(oneHot, i)));
        }
        return total.div(z.rows());
    }

    /** True when a logit that is not its row's target is −∞ after the shift (its one-hot 0 times −∞ is NaN). */
    private static boolean hasMinusInfinityOffTarget(Tensor z, Tensor oneHot) {
        double[] shifted = z.data().data;
        double[] t = oneHot.data().data;
        for (int k = 0; k < z.rows() * z.cols(); k++) {   // a recycled buffer may be longer
            if (shifted[k] == Double.NEGATIVE_INFINITY && t[k] == 0) {
                return true;
            }
        }
        return false;
    }

    /** The column of row i's 1 in a checked one-hot tensor. */
    private static int targetColumn(Tensor oneHot, int i) {
        int j = 0;
        while (oneHot.data().data[i * oneHot.cols() + j] == 0) {
            j++;
        }
        return j;
    }

    /**
     * L2 regularisation α·Σ p² over every weight and bias of the model (of a neuron, that neuron's own).
     *
     * @param model the model
     * @param alpha α, finite and at least 0
     * @return 1×1
     * @throws IllegalArgumentException if α is NaN, ±∞ or negative
     */
    public static Tensor l2(Model<Tensor> model, double alpha) {
        Objects.requireNonNull(model, "model");
        MultilayerPerceptron.checkL2(alpha);
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
