package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Only long transcendental kernels are split, and a split gives the bits of one call over the whole range. */
class ParallelRangeTest {

    @Test
    void onlyATranscendentalKernelOfAtLeastTheThresholdSplitsAndOnlyWhenEnabled() {
        int at = ParallelRange.THRESHOLD;
        assertTrue(ParallelRange.splits(true, at, true));
        assertTrue(ParallelRange.splits(true, Integer.MAX_VALUE, true));
        assertFalse(ParallelRange.splits(true, at - 1, true), "one element short");
        assertFalse(ParallelRange.splits(true, at, false), "-Dbackprop4j.parallel=false");
        assertFalse(ParallelRange.splits(false, at, true), "an arithmetic kernel");
        assertFalse(ParallelRange.splits(false, Integer.MAX_VALUE, true), "an arithmetic kernel");
    }

    @Test
    void aSplitKernelGivesTheBitsOfOneCallOverTheWholeRange() {
        int rows = 2;
        int cols = ParallelRange.THRESHOLD / 2 + 3;
        SplittableRandom random = new SplittableRandom(5);
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble(0.01, 6) * (i % 3 == 0 ? -1 : 1);
        }
        Tensor x = Tensor.constant(rows, cols, values);
        Tensor positive = Tensor.constant(rows, cols, Arrays.stream(values).map(Math::abs).toArray());
        List<UnaryOperator<Tensor>> ops = List.of(Tensor::tanh, Tensor::sigmoid, Tensor::exp, t -> t.pow(3), t -> t.pow(0.5));
        for (UnaryOperator<Tensor> op : ops) {
            for (Tensor operand : List.of(x, positive)) {
                Tensor out = op.apply(operand);
                assertTrue(ParallelRange.splits(out.op.cost() == TensorOp.Cost.TRANSCENDENTAL, out.size(), true), out.op() + " is long enough to split");
                double[] split = out.data().data.clone();
                Arrays.fill(out.data().data, Double.NaN);
                out.op.forward(out, 0, out.size());
                assertArrayEquals(out.data().data, split, 0.0, out.op());
            }
        }
        Tensor log = positive.log();
        double[] split = log.data().data.clone();
        Arrays.fill(log.data().data, 0.0);
        log.op.forward(log, 0, log.size());
        assertArrayEquals(log.data().data, split, 0.0, "log");
    }
}
