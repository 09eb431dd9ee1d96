package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Anomaly scopes closed in any order restore exactly this thread's own earlier state, even while
 * another thread holds a scope (issue 11, item 9); a scope closed twice or in another thread.
 */
class AnomalyScopeTest {

    /** Runs {@code body} while another thread holds an anomaly scope open, and checks that thread kept detection on throughout. */
    private static void whileAnotherThreadDetects(Runnable body) throws InterruptedException {
        CountDownLatch opened = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        boolean[] onThroughout = new boolean[1];
        Thread other = new Thread(() -> {
            try (Anomaly.Scope scope = Anomaly.detect()) {
                opened.countDown();
                release.await();
                onThroughout[0] = Anomaly.isEnabled();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        other.start();
        opened.await();
        try {
            body.run();
        } finally {
            release.countDown();
            other.join();
        }
        assertTrue(onThroughout[0], "the other thread's scope stayed on");
    }

    @Test
    void outerClosedFirstThenInnerLeavesDetectionOff() throws InterruptedException {
        whileAnotherThreadDetects(() -> {
            Anomaly.Scope s1 = Anomaly.detect();
            Anomaly.Scope s2 = Anomaly.detect();
            s1.close();
            assertTrue(Anomaly.isEnabled(), "s2 is still open");
            s2.close();
            assertFalse(Anomaly.isEnabled(), "both closed: off, though another thread detects");
        });
        assertFalse(Anomaly.isEnabled());
    }

    @Test
    void innerClosedFirstThenOuterLeavesDetectionOff() throws InterruptedException {
        whileAnotherThreadDetects(() -> {
            Anomaly.Scope s1 = Anomaly.detect();
            Anomaly.Scope s2 = Anomaly.detect();
            s2.close();
            assertTrue(Anomaly.isEnabled(), "s1 is still open");
            s1.close();
            assertFalse(Anomaly.isEnabled());
        });
    }

    @Test
    void scopesOpenedInsideAnOpenScopeReturnToOn() throws InterruptedException {
        whileAnotherThreadDetects(() -> {
            try (Anomaly.Scope outer = Anomaly.detect()) {
                Anomaly.Scope s1 = Anomaly.detect();
                Anomaly.Scope s2 = Anomaly.detect();
                s1.close();
                s2.close();
                assertTrue(Anomaly.isEnabled(), "the enclosing scope is still open");
            }
            assertFalse(Anomaly.isEnabled());
        });
    }

    @Test
    void closingTwiceDoesNothing() {
        Anomaly.Scope s1 = Anomaly.detect();
        Anomaly.Scope s2 = Anomaly.detect();
        s1.close();
        s1.close();
        assertTrue(Anomaly.isEnabled(), "the second close of s1 does not close s2");
        s2.close();
        s2.close();
        assertFalse(Anomaly.isEnabled());
    }

    @Test
    void closingInAnotherThreadThrowsAndChangesNothing() throws InterruptedException {
        Anomaly.Scope scope = Anomaly.detect();
        AtomicReference<RuntimeException> thrown = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                scope.close();
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        }, "closer");
        other.start();
        other.join();
        assertTrue(thrown.get() instanceof IllegalStateException, String.valueOf(thrown.get()));
        assertTrue(thrown.get().getMessage().contains("closed in the thread that opened it"), thrown.get().getMessage());
        assertTrue(thrown.get().getMessage().contains("'closer'"), thrown.get().getMessage());
        assertTrue(Anomaly.isEnabled(), "still on here");
        scope.close();
        assertFalse(Anomaly.isEnabled());
    }
}
