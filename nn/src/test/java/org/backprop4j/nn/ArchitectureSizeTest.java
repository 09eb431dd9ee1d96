package org.backprop4j.nn;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sizes whose parameters cannot fit one Java array are refused up front, on both engines, counted without overflow. */
class ArchitectureSizeTest {

    private static final List<Function<Architecture, Model<?>>> ENGINES = List.of(
            org.backprop4j.nn.scalar.MLP::new, org.backprop4j.nn.tensor.MLP::new);

    private static void assertRefused(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' should name " + part);
        }
    }

    @Test
    void oneLayerTooWideForAnArrayIsRefusedWithItsCount() {
        assertRefused(() -> Architecture.of(1, List.of(Integer.MAX_VALUE)), "1 → [2147483647]", "4294967294",
                String.valueOf(Architecture.MAX_PARAMETERS));
        for (Function<Architecture, Model<?>> engine : ENGINES) {
            assertRefused(() -> engine.apply(Architecture.of(1, List.of(Integer.MAX_VALUE))), "4294967294");
        }
        assertRefused(() -> new org.backprop4j.nn.scalar.MLP(1, List.of(Integer.MAX_VALUE)), "4294967294");
        assertRefused(() -> new org.backprop4j.nn.tensor.MLP(1, List.of(Integer.MAX_VALUE)), "4294967294");
    }

    @Test
    void aWeightMatrixTooLargeForOneArrayIsRefused() {
        long count = 65536L * 4 + 65536L * 65537;
        assertRefused(() -> new org.backprop4j.nn.scalar.MLP(3, List.of(65536, 65536)), "3 → [65536, 65536]", Long.toString(count));
        assertRefused(() -> new org.backprop4j.nn.tensor.MLP(3, List.of(65536, 65536)), "3 → [65536, 65536]", Long.toString(count));
    }

    @Test
    void neuronsAndLayersGoThroughTheSameCheck() {
        assertRefused(() -> new org.backprop4j.nn.scalar.Neuron(Integer.MAX_VALUE), "2147483648");
        assertRefused(() -> new org.backprop4j.nn.tensor.Neuron(Integer.MAX_VALUE), "2147483648");
        assertRefused(() -> new org.backprop4j.nn.scalar.Layer(65536, 65536), "4295032832");
        assertRefused(() -> new org.backprop4j.nn.tensor.Layer(65536, 65536), "4295032832");
    }

    @Test
    void theLimitIsExactAndTheCountNeverWraps() {
        Architecture largest = Architecture.of(Architecture.MAX_PARAMETERS - 1, List.of(1));
        assertEquals(Architecture.MAX_PARAMETERS, largest.parameterCount(), "the largest count is accepted and reported exactly");
        assertEquals(Architecture.MAX_PARAMETERS, largest.offsetOf(1));
        assertRefused(() -> Architecture.of(Architecture.MAX_PARAMETERS, List.of(1)), Long.toString(Architecture.MAX_PARAMETERS + 1L));
        int half = Integer.MAX_VALUE / 2 - 10;
        assertEquals(2L * half, Architecture.of(1, List.of(half)).parameterCount(), "no wrap below the limit");
        int max = Integer.MAX_VALUE;
        assertRefused(() -> Architecture.of(max, List.of(max, max, max)), "more than " + Long.MAX_VALUE);
        assertRefused(() -> Architecture.of(2, List.of(max, 2)), "2 → [2147483647, 2]", "10737418237");
    }
}
