package org.backprop4j.tensor.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The thread count: every processor by default, a count from 1 to 256 when named, a clear refusal otherwise. */
class ThreadsTest {

    private static int resolve(Map<String, String> properties, int processors) {
        return Threads.resolve(properties::get, processors);
    }

    @Test
    void theDefaultIsEveryAvailableProcessorUpToTheCap() {
        assertEquals(1, resolve(Map.of(), 1));
        assertEquals(2, resolve(Map.of(), 2));
        assertEquals(96, resolve(Map.of(), 96));
        assertEquals(Threads.MAX, resolve(Map.of(), Threads.MAX + 1), "a machine with more processors than the cap");
    }

    @Test
    void aNamedCountWinsOverTheProcessors() {
        assertEquals(1, resolve(Map.of(Threads.PROPERTY, "1"), 16));
        assertEquals(4, resolve(Map.of(Threads.PROPERTY, " 4 "), 2), "more threads than processors is allowed");
        assertEquals(Threads.MAX, resolve(Map.of(Threads.PROPERTY, "256"), 2));
    }

    @Test
    void zeroNegativeAbsurdAndNonNumbersAreRefusedWithTheValue() {
        for (String bad : new String[] {"0", "-1", "-2", "257", "10000", "99999999999", "two", "", "1.5"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resolve(Map.of(Threads.PROPERTY, bad), 2), bad);
            assertEquals("backprop4j.threads must be an integer from 1 to 256, not '" + bad + "'", e.getMessage());
        }
    }

    @Test
    void theReplacedPropertiesAreRefusedNamingTheNewOne() {
        IllegalArgumentException blas = assertThrows(IllegalArgumentException.class,
                () -> resolve(Map.of("backprop4j.blas.threads", "1"), 2));
        assertEquals("backprop4j.blas.threads is no longer read (it is set to '1'): use -Dbackprop4j.threads=N, the one thread count"
                + " for the products and the element-wise loops (N = 1 for one thread)", blas.getMessage());
        IllegalArgumentException parallel = assertThrows(IllegalArgumentException.class,
                () -> resolve(Map.of("backprop4j.parallel", "false", Threads.PROPERTY, "1"), 2));
        assertEquals("backprop4j.parallel is no longer read (it is set to 'false'): use -Dbackprop4j.threads=N, the one thread count"
                + " for the products and the element-wise loops (N = 1 for one thread)", parallel.getMessage());
    }

    @Test
    void thisJvmsCountIsResolvedFromTheSystemPropertiesAsTheyAre() {
        assertEquals(System.getProperty("java.version"), Threads.SYSTEM_PROPERTIES.apply("java.version"));
        assertNull(Threads.SYSTEM_PROPERTIES.apply("backprop4j.no.such.property"));
    }

    @Test
    void thisJvmsCountIsTheDefaultOrTheNamedOne() {
        String named = System.getProperty(Threads.PROPERTY);
        int expected = named == null ? Math.min(Runtime.getRuntime().availableProcessors(), Threads.MAX) : Integer.parseInt(named.trim());
        assertEquals(expected, Threads.count());
        assertEquals(expected, Workers.shared().threads());
    }
}
