package org.backprop4j.tensor;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Every operation of the engine, from the three enums of {@link TensorOp}, for the tests that must cover them all. */
final class EveryOp {

    private EveryOp() {
    }

    /** @return the constants of {@link ElementwiseOp}, {@link ProductOp} and {@link ShapeOp}, in that order */
    static Set<TensorOp> all() {
        Set<TensorOp> all = new LinkedHashSet<>();
        all.addAll(List.of(ElementwiseOp.values()));
        all.addAll(List.of(ProductOp.values()));
        all.addAll(List.of(ShapeOp.values()));
        return all;
    }
}
