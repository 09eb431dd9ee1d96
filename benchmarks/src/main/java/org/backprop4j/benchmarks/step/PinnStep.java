package org.backprop4j.benchmarks.step;

import org.backprop4j.nn.optim.Optimizer;
import org.backprop4j.nn.tensor.Losses;
import org.backprop4j.nn.tensor.MLP;
import org.backprop4j.tensor.Tensor;
import org.backprop4j.tensor.Workspace;

/**
 * The tensor engine's step at {@link Configuration#PINN}, a physics-informed network for
 * u'' = −π² sin(πx) on [0, 1], u(0) = u(1) = 0: u = the network at the interior points (an input
 * that requires a gradient), u' = ∂(Σu)/∂x and u'' = ∂(Σu')/∂x row by row (each row's output
 * depends on its own input only), the loss mean((u'' + π² sin πx)²) + u(0)² + u(1)², zero
 * gradients, backward, Adam. The buffers of the step's graphs (the loss's, and the two the loss
 * does not reach: u and u') are recycled from step to step through a {@link Workspace}, as the
 * other configurations' tensor step recycles them through {@code MLP.lossAndBackward}.
 */
final class PinnStep implements TrainingStep {

    private final MLP mlp = new MLP(Configuration.PINN.architecture());
    private final Optimizer adam = Configuration.PINN.optimizer();
    /** The interior points, one per row; a leaf that requires a gradient, so the network can be differentiated with respect to it. */
    private final Tensor points = Tensor.of(Configuration.PINN.data().inputs());
    /** −π² sin(πx) at each point: the value u'' must take there. */
    private final Tensor secondDerivatives = Tensor.constant(Configuration.PINN.data().targets());
    private final Tensor boundary = Tensor.constant(Configuration.pinnBoundary());
    /** The buffers of past steps' graphs, reused step after step, as {@code MLP.lossAndBackward} reuses its own. */
    private final Workspace workspace = new Workspace();

    /** @return the network, for tests */
    MLP mlp() {
        return mlp;
    }

    /**
     * @return the loss at the current parameters: mean((u'' − targets)²) + Σ u(boundary)², as a graph that reaches the parameters
     */
    Tensor loss() {
        return Losses.meanSquared(secondDerivative(), secondDerivatives).add(mlp.forward(boundary).pow(2).sum());
    }

    /**
     * The latest sums Σu and Σu' that {@link #secondDerivative} differentiated: their graphs hold
     * tensors the loss does not reach (u itself, u', the first layer's share of u'), which
     * {@link #run} gives back to the workspace beside the loss's.
     */
    private Tensor outputSum;
    private Tensor slopeSum;

    /** @return u'' at the points: the network's output differentiated twice with respect to its input, as a graph that reaches the parameters */
    Tensor secondDerivative() {
        outputSum = mlp.forward(points).sum();
        Tensor du = outputSum.gradient(points);
        slopeSum = du.sum();
        return slopeSum.gradient(points);
    }

    /** @return the loss's gradient at the current parameters, in the flat order, leaving every gradient at zero */
    double[] gradients() {
        mlp.zeroGrad();
        points.zeroGrad();
        loss().backward();
        double[] gradients = mlp.gradients();
        mlp.zeroGrad();
        points.zeroGrad();
        return gradients;
    }

    @Override
    public double run() {
        double value;
        try (Workspace.Scope scope = workspace.enter()) {
            Tensor loss = loss();
            mlp.zeroGrad();
            points.zeroGrad();
            loss.backward();
            value = loss.item();
            workspace.recycle(loss);
            workspace.recycle(slopeSum);
            workspace.recycle(outputSum);
        }
        adam.step(mlp);
        return value;
    }
}
