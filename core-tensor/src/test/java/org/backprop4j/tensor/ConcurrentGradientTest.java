package org.backprop4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two threads differentiating their own graphs through shared parameters, which the documentation says not to
 * do: each {@code gradient} walk marks the shared tensors, so one walk can disturb the other. Every call must then
 * give the right number or refuse with a message about threads, never an internal exception or a wrong number
 * (without the check, about one call in ten of this test threw a NullPointerException from the walk).
 */
class ConcurrentGradientTest {

    private static final int SHARED = 200;
    private static final int CALLS = 100;

    /** The second derivative of Σₖ tanh(x·pₖ) at x = 0.3, through the shared leaves pₖ. */
    private static double secondDerivative(List<Tensor> shared) {
        Tensor x = Tensor.of(1, 1, 0.3);
        Tensor y = x.mul(shared.get(0)).tanh();
        for (int k = 1; k < shared.size(); k++) {
            y = y.add(x.mul(shared.get(k)).tanh());
        }
        return y.gradient(x).gradient(x).item();
    }

    @Test
    void aWalkDisturbedByAnotherThreadRefusesWithAMessageAboutThreads() throws Exception {
        List<Tensor> shared = new ArrayList<>();
        for (int k = 0; k < SHARED; k++) {
            shared.add(Tensor.of(1, 1, 0.01 * (k + 1)));
        }
        double expected = secondDerivative(shared);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                results.add(pool.submit(() -> {
                    List<String> problems = new ArrayList<>();
                    for (int i = 0; i < CALLS; i++) {
                        try {
                            double actual = secondDerivative(shared);
                            if (actual != expected) {
                                problems.add("wrong number " + actual + ", expected " + expected);
                            }
                        } catch (IllegalStateException e) {
                            if (!e.getMessage().contains("another thread")) {
                                problems.add(e.toString());
                            }
                        } catch (RuntimeException e) {
                            problems.add(e.toString());
                        }
                    }
                    return problems;
                }));
            }
            for (Future<List<String>> result : results) {
                List<String> problems = result.get();
                assertTrue(problems.isEmpty(), problems.size() + " bad calls, the first: " + (problems.isEmpty() ? "" : problems.get(0)));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(expected, secondDerivative(shared), "alone again, the walk is undisturbed");
    }
}
