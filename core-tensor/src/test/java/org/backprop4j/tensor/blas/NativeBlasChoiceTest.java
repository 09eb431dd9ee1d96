package org.backprop4j.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link NativeBlasChoice#settle()} and {@link BundledOpenBlas} in this JVM, under each setting of
 * the properties it reads: what library it names and the warning it would give. netlib's own choice
 * was settled when {@link NetlibProducts} initialised, before these tests change any property, and
 * each test puts the properties back as they were.
 */
class NativeBlasChoiceTest {

    private static final List<String> PROPERTIES = List.of(NativeBlasChoice.NATIVE_LIB_PATH, NativeBlasChoice.NATIVE_LIB,
            NativeBlasChoice.ALLOW_NATIVE, MatrixProducts.PROPERTY);
    private static final String RUNNING = "netlib (pure Java)";

    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void settleNetlibThenClearTheProperties() {
        MatrixProducts.netlib().name();
        for (String name : PROPERTIES) {
            saved.put(name, System.getProperty(name));
            System.clearProperty(name);
        }
    }

    @AfterEach
    void restoreTheProperties() {
        for (String name : PROPERTIES) {
            String value = saved.get(name);
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        }
    }

    private static void assumeBundledOpenBlas() {
        assumeTrue(NetlibProducts.NATIVE_CHOICE.source() == NativeBlasChoice.Source.BUNDLED
                && NetlibProducts.NATIVE_CHOICE.library().startsWith("OpenBLAS"), "the bundled OpenBLAS runs in this JVM");
    }

    @Test
    void aLibraryPathTheUserNamesIsNamedInTheWarningWhenNetlibCannotOpenIt() {
        System.setProperty(NativeBlasChoice.NATIVE_LIB_PATH, "/opt/blas/libmyblas.so");
        System.setProperty(NativeBlasChoice.NATIVE_LIB, "libblas.so.3");
        NativeBlasChoice choice = NativeBlasChoice.settle();
        assertEquals(NativeBlasChoice.Source.USERS_LIBRARY, choice.source());
        assertEquals("/opt/blas/libmyblas.so, system", choice.library());
        assertEquals(Optional.empty(), choice.warning(true, RUNNING), "netlib's JNI opened it");
        assertEquals(Optional.of("backprop4j: netlib could not open the BLAS library you chose (dev.ludovic.netlib.blas.nativeLibPath="
                + "/opt/blas/libmyblas.so); matrix products run on netlib (pure Java) instead"), choice.warning(false, RUNNING));
    }

    @Test
    void aLibraryNameTheUserGivesIsTrimmedInTheNameAndQuotedAsGivenInTheWarning() {
        System.setProperty(NativeBlasChoice.NATIVE_LIB, " libblas.so.3 ");
        NativeBlasChoice choice = NativeBlasChoice.settle();
        assertEquals(NativeBlasChoice.Source.USERS_LIBRARY, choice.source());
        assertEquals("libblas.so.3, system", choice.library());
        assertEquals(Optional.of("backprop4j: netlib could not open the BLAS library you chose (dev.ludovic.netlib.blas.nativeLib="
                + " libblas.so.3 ); matrix products run on netlib (pure Java) instead"), choice.warning(false, RUNNING));
    }

    @Test
    void refusedNativeCodeWarnsOfNothing() {
        System.setProperty(NativeBlasChoice.ALLOW_NATIVE, "false");
        NativeBlasChoice choice = NativeBlasChoice.settle();
        assertEquals(NativeBlasChoice.Source.NOT_WANTED, choice.source());
        assertEquals("system BLAS", choice.library());
        assertEquals(Optional.empty(), choice.warning(false, RUNNING));
        assertEquals(Optional.empty(), choice.warning(true, RUNNING));
    }

    @Test
    void theBundledLibraryIsLoadedAndNetlibIsPointedAtItsFile() {
        assumeBundledOpenBlas();
        NativeBlasChoice choice = NativeBlasChoice.settle();
        assertEquals(NativeBlasChoice.Source.BUNDLED, choice.source());
        assertEquals("OpenBLAS " + BundledOpenBlas.VERSION + ", bundled, 1 thread", choice.library());
        String path = System.getProperty(NativeBlasChoice.NATIVE_LIB_PATH);
        assertTrue(Files.isRegularFile(Path.of(path)), path);
        assertEquals(saved.get(NativeBlasChoice.NATIVE_LIB_PATH), path, "the same file netlib opened at its start");
        assertEquals(Optional.empty(), choice.warning(true, RUNNING));
        assertEquals(Optional.of("backprop4j: netlib's JNI could not open the bundled OpenBLAS (" + path
                + "); matrix products run on netlib (pure Java) instead"), choice.warning(false, RUNNING));
    }

    @Test
    void theBundledLibraryRunsOnTheThreadsAskedFor() {
        assumeBundledOpenBlas();
        try {
            BundledOpenBlas two = BundledOpenBlas.load(2);
            assertEquals("OpenBLAS " + BundledOpenBlas.VERSION + ", bundled, 2 threads", two.describe());
            assertEquals(2, BundledOpenBlas.runningThreads());
        } finally {
            BundledOpenBlas one = BundledOpenBlas.load(1);
            assertEquals("OpenBLAS " + BundledOpenBlas.VERSION + ", bundled, 1 thread", one.describe());
            assertEquals(1, BundledOpenBlas.runningThreads());
            assertEquals(saved.get(NativeBlasChoice.NATIVE_LIB_PATH), one.path());
            assertTrue(one.path().contains(Loader.getPlatform()) || one.path().contains("openblas"), one.path());
        }
    }

    @Test
    void aBundledLibraryThatFailsToLoadIsNamedOnOneLineAndNativeCodeIsRefused() {
        String pathBefore = System.getProperty(NativeBlasChoice.NATIVE_LIB_PATH);
        NativeBlasChoice choice = NativeBlasChoice.bundled(1, threads -> {
            throw new UnsatisfiedLinkError("no jniopenblas_nolapack in java.library.path:\n\t/usr/lib\r\n  /lib");
        });
        assertEquals(NativeBlasChoice.Source.BUNDLED, choice.source());
        assertEquals("system BLAS", choice.library());
        String warning = "backprop4j: the bundled OpenBLAS did not load (java.lang.UnsatisfiedLinkError: no jniopenblas_nolapack in"
                + " java.library.path: /usr/lib /lib); matrix products run on netlib (pure Java) instead";
        assertEquals(Optional.of(warning), choice.warning(false, RUNNING));
        assertEquals(Optional.of(warning), choice.warning(true, RUNNING), "whatever netlib then opened, it is not the bundled library");
        assertEquals("false", System.getProperty(NativeBlasChoice.ALLOW_NATIVE), "netlib is kept from the system's libblas.so.3");
        assertEquals(pathBefore, System.getProperty(NativeBlasChoice.NATIVE_LIB_PATH));
        NativeBlasChoice runtime = NativeBlasChoice.bundled(2, threads -> {
            throw new IllegalStateException("JavaCPP loaded no OpenBLAS library, only [jnijavacpp] for " + threads + " threads");
        });
        assertEquals(Optional.of("backprop4j: the bundled OpenBLAS did not load (java.lang.IllegalStateException: JavaCPP loaded no OpenBLAS"
                + " library, only [jnijavacpp] for 2 threads); matrix products run on netlib (pure Java) instead"), runtime.warning(false, RUNNING));
    }

    @Test
    void theWarningGoesToTheLibrarysLoggerAtLevelWarning() {
        Logger logger = Logger.getLogger(NetlibProducts.LOGGER);
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        boolean parents = logger.getUseParentHandlers();
        logger.addHandler(capture);
        logger.setUseParentHandlers(false);
        try {
            NetlibProducts.warn("backprop4j: a test of the warning");
        } finally {
            logger.removeHandler(capture);
            logger.setUseParentHandlers(parents);
        }
        assertEquals(1, records.size());
        assertEquals(Level.WARNING, records.get(0).getLevel());
        assertEquals("backprop4j: a test of the warning", records.get(0).getMessage());
    }

    /**
     * With f2j's classes missing from the class path, the bundled library opens but netlib's JNI does not
     * start (netlib prints "FindClass org/netlib/util/booleanW failed"): the warning said only "could not
     * open the bundled OpenBLAS (its path)", which sends the user to a file that is fine.
     */
    @Test
    void aJniFailureForWantOfF2jsClassesNamesTheMissingClass() {
        String failure = "netlib's JNI could not open the bundled OpenBLAS (/x/libopenblas.so.0)";
        assertEquals(failure + ": its JNI needs the class org.netlib.util.booleanW, from net.sourceforge.f2j:arpack_combined_all"
                + " (a dependency of dev.ludovic.netlib:blas), which is not on the class path",
                NativeBlasChoice.explained(failure, name -> false));
        assertTrue(NativeBlasChoice.explained(failure, name -> !name.endsWith("intW")).contains("org.netlib.util.intW"));
        assertEquals(failure, NativeBlasChoice.explained(failure, name -> true));
        for (String name : NativeBlasChoice.JNI_CLASSES) {
            assertDoesNotThrow(() -> Class.forName(name, false, getClass().getClassLoader()), name + " is on this build's class path");
        }
    }
}
