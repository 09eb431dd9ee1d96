package org.backprop4j.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ludovic.netlib.blas.JavaBLAS;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Which of netlib's Java implementations the library's Java products run on. */
class SteadyJavaBlasTest {

    /** netlib's best first: it settles which native library netlib opens before netlib initialises. */
    private static final NetlibProducts BEST = NetlibProducts.INSTANCE;

    @Test
    void netlibsJavaProductsRunOnItsScalarImplementation() {
        assertEquals(SteadyJavaBlas.CLASS, SteadyJavaBlas.get().getClass().getName(), "netlib " + BEST.name());
        assertSame(SteadyJavaBlas.get(), SteadyJavaBlas.get(), "netlib's one instance");
    }

    @Test
    void aClassThatCannotBeReachedGivesNetlibsOwnChoiceWithOneWarning() {
        List<String> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(NetlibProducts.LOGGER);
        logger.addHandler(handler);
        boolean toParents = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        try {
            assertSame(JavaBLAS.getInstance(), SteadyJavaBlas.of("dev.ludovic.netlib.blas.NoSuchBLAS"));
        } finally {
            logger.removeHandler(handler);
            logger.setUseParentHandlers(toParents);
        }
        assertEquals(List.of("backprop4j: netlib's scalar Java BLAS (dev.ludovic.netlib.blas.NoSuchBLAS) could not be reached "
                + "(java.lang.ClassNotFoundException: dev.ludovic.netlib.blas.NoSuchBLAS); netlib's Java products run on netlib's own choice "
                + "instead (" + JavaBLAS.getInstance().getClass().getSimpleName() + "), which may not give the same bits on every call"), warnings);
    }
}
