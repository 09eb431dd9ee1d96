package org.backprop4j.nn.optim;

import java.util.Objects;

import org.backprop4j.nn.Model;

/**
 * An optimizer was asked to step (or {@linkplain Optimizer#checkModel check}) a model other than the
 * one it steps. An optimizer keeps its velocities, moments and step count for the first model it
 * stepped; another model, even one of the same size, would be moved by them. This is a mistake in the
 * calling code, not a numerical failure: nothing has changed (no parameter, and not the optimizer),
 * and no learning rate would help. Make one optimizer per model.
 *
 * <p>The optimizers of {@link Optimizer}'s factories throw it from {@link Optimizer#step} and
 * {@link Optimizer#checkModel}; the {@code Trainer} lets it through as it is, whether
 * {@code checkModel} refused the model before training or (for an optimizer of one's own that steps
 * through a built-in one without passing {@code checkModel} on) the first step did. It is an
 * {@link IllegalArgumentException}, as this refusal was before it had a type of its own, so code that
 * catches that still catches it.
 */
public final class ForeignModelException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * The refusal of {@code model} by an optimizer that steps {@code owner}, with a message naming
     * both and their parameter counts: "this optimizer already steps another model (owner, n
     * parameters), so it cannot step model (m parameters): use one optimizer per model".
     *
     * @param owner the model the optimizer steps
     * @param model the other model it was given
     * @throws NullPointerException if owner or model is null
     * @throws IllegalArgumentException if they are the same model, which is no refusal
     */
    public ForeignModelException(Model<?> owner, Model<?> model) {
        super(message(owner, model));
    }

    private static String message(Model<?> owner, Model<?> model) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(model, "model");
        if (owner == model) {
            throw new IllegalArgumentException("the owner and the refused model are the same model (" + model
                    + "): an optimizer steps its own model");
        }
        return "this optimizer already steps another model (" + owner + ", " + owner.parameterCount()
                + " parameters), so it cannot step " + model + " (" + model.parameterCount()
                + " parameters): use one optimizer per model";
    }
}
