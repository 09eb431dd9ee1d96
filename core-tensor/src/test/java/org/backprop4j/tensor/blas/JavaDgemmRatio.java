package org.backprop4j.tensor.blas;

import dev.ludovic.netlib.blas.JavaBLAS;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The measurement behind {@link SteadyJavaBlas}'s price: netlib's scalar Java dgemm ({@code Java11BLAS})
 * against the one netlib picks itself ({@code VectorBLAS} under {@code --add-modules jdk.incubator.vector}),
 * timed alternately in one JVM; prints per shape and transposes the time ratio of each round (scalar
 * over netlib's choice; the first round includes the JIT's warm-up) and how many distinct results
 * each gave. Run by hand, with the test class path:
 * {@code java --add-modules jdk.incubator.vector -cp … org.backprop4j.tensor.blas.JavaDgemmRatio}.
 */
final class JavaDgemmRatio {

    private static final int[][] SHAPES = {{192, 128, 128}, {256, 256, 256}, {512, 512, 512}};

    private static final int ROUNDS = 5;

    private JavaDgemmRatio() {
    }

    /**
     * Prints one line per shape and transposes.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        JavaBLAS chosen = JavaBLAS.getInstance();
        JavaBLAS steady = SteadyJavaBlas.get();
        System.out.println(steady.getClass().getSimpleName() + " over " + chosen.getClass().getSimpleName());
        for (int[] shape : SHAPES) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            SplittableRandom random = new SplittableRandom(5);
            double[] a = random.doubles((long) m * k, -1, 1).toArray();
            double[] b = random.doubles((long) k * n, -1, 1).toArray();
            double[] c = new double[m * n];
            for (String transposes : new String[] {"NN", "NT"}) {
                String ta = transposes.substring(0, 1);
                String tb = transposes.substring(1);
                int reps = (int) Math.max(3, 1.5e8 / ((double) m * n * k));
                Set<Integer> chosenResults = new HashSet<>();
                Set<Integer> steadyResults = new HashSet<>();
                double[] ratios = new double[ROUNDS];
                for (int round = 0; round < ROUNDS; round++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < reps; i++) {
                        chosen.dgemm(ta, tb, n, m, k, 1.0, b, "N".equals(ta) ? n : k, a, "N".equals(tb) ? k : m, 0.0, c, n);
                        chosenResults.add(Arrays.hashCode(c));
                    }
                    long t1 = System.nanoTime();
                    for (int i = 0; i < reps; i++) {
                        steady.dgemm(ta, tb, n, m, k, 1.0, b, "N".equals(ta) ? n : k, a, "N".equals(tb) ? k : m, 0.0, c, n);
                        steadyResults.add(Arrays.hashCode(c));
                    }
                    long t2 = System.nanoTime();
                    ratios[round] = (double) (t2 - t1) / (t1 - t0);
                }
                System.out.printf(Locale.ROOT, "%dx%dx%d %s, %d calls a round: ratios %s; distinct results %d and %d%n", m, n, k, transposes,
                        reps, Arrays.toString(Arrays.stream(ratios).map(r -> Math.round(r * 100) / 100.0).toArray()),
                        steadyResults.size(), chosenResults.size());
            }
        }
    }
}
