package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The per-thread switch under anomaly detection and the workspace: bindings closed in any order, twice, or elsewhere. */
class PerThreadTest {

    private final PerThread<String> setting = new PerThread<>();

    /** Runs {@code body} while another thread holds a binding of the setting, and checks that thread kept its value. */
    private void whileAnotherThreadBinds(Runnable body) throws InterruptedException {
        CountDownLatch bound = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        String[] seen = new String[1];
        Thread other = new Thread(() -> {
            PerThread<String>.Binding binding = setting.bind("other");
            bound.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen[0] = setting.get();
            binding.close();
        });
        other.start();
        bound.await();
        try {
            body.run();
        } finally {
            release.countDown();
            other.join();
        }
        assertEquals("other", seen[0]);
        assertNull(setting.get());
    }

    @Test
    void theLatestOpenBindingWinsAndClosingAllRestoresNothing() throws InterruptedException {
        whileAnotherThreadBinds(() -> {
            PerThread<String>.Binding first = setting.bind("first");
            PerThread<String>.Binding second = setting.bind("second");
            assertEquals("second", setting.get());
            first.close();
            assertEquals("second", setting.get(), "second is still open");
            second.close();
            assertNull(setting.get(), "nothing is bound in this thread, though another thread binds");
            first = setting.bind("first");
            second = setting.bind("second");
            second.close();
            assertEquals("first", setting.get());
            first.close();
            assertNull(setting.get());
        });
    }

    @Test
    void aThreadKeepsItsBindingWhileAnotherOpensAndClosesItsOwn() throws InterruptedException {
        PerThread<String>.Binding first = setting.bind("first");
        PerThread<String>.Binding nested = setting.bind("nested");
        String[] seen = new String[3];
        Thread other = new Thread(() -> {
            seen[0] = setting.get();
            PerThread<String>.Binding binding = setting.bind("other");
            seen[1] = setting.get();
            binding.close();
            seen[2] = setting.get();
        });
        other.start();
        other.join();
        assertNull(seen[0], "this thread's binding does not reach the other thread");
        assertEquals("other", seen[1]);
        assertNull(seen[2]);
        assertEquals("nested", setting.get(), "the other thread's close leaves this thread's binding");
        first.close();
        assertEquals("nested", setting.get());
        nested.close();
        nested.close();
        assertNull(setting.get());
        PerThread<String>.Binding again = setting.bind("again");
        assertEquals("again", setting.get(), "a binding after the last one closed, twice, is seen");
        again.close();
        assertNull(setting.get());
    }

    @Test
    void closingTwiceDoesNothingAndAnotherThreadCannotClose() throws InterruptedException {
        PerThread<String>.Binding first = setting.bind("first");
        PerThread<String>.Binding second = setting.bind("second");
        second.close();
        second.close();
        assertEquals("first", setting.get(), "the second close of 'second' leaves 'first' bound");
        RuntimeException[] thrown = new RuntimeException[1];
        Thread other = new Thread(() -> thrown[0] = assertThrows(IllegalStateException.class, first::close), "closer");
        other.start();
        other.join();
        assertEquals("a scope must be closed in the thread that opened it ('main'), not in 'closer'".replace("main", Thread.currentThread().getName()),
                thrown[0].getMessage());
        assertEquals("first", setting.get());
        first.close();
        assertNull(setting.get());
        assertThrows(NullPointerException.class, () -> setting.bind(null));
    }
}
