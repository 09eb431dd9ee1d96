package org.backprop4j.tensor.blas;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Run in a child JVM by {@link NativeFallbackTest}, cold: repeats the same products through
 * {@link MatrixProducts} from the JVM's first product on, while the JIT compiles the code that runs
 * them, and prints {@code <transposes>=<distinct results>} for each of the four transposes, then
 * {@code name=<backend name>}.
 */
final class SteadyBitsProbe {

    /** Calls of each product: enough for C2 to compile netlib's dgemm (a few hundred did on JDK 25). */
    static final int CALLS = 600;

    private SteadyBitsProbe() {
    }

    /**
     * Prints one line per transposes, then the backend's name.
     *
     * @param args {@code current} for {@link MatrixProducts#current()}, or {@code netlib} for
     *             {@link MatrixProducts#netlib()}
     */
    public static void main(String[] args) {
        SplittableRandom random = new SplittableRandom(5);
        DMatrixRMaj a = random(random, 192, 128);
        DMatrixRMaj b = random(random, 128, 128);
        MatrixProducts products = "netlib".equals(args[0]) ? MatrixProducts.netlib() : MatrixProducts.current();
        for (int flags = 0; flags < 4; flags++) {
            boolean ta = (flags & 1) != 0;
            boolean tb = (flags & 2) != 0;
            DMatrixRMaj left = ta ? CommonOps_DDRM.transpose(a, null) : a;
            DMatrixRMaj right = tb ? CommonOps_DDRM.transpose(b, null) : b;
            double[] first = null;
            int differing = 0;
            for (int call = 0; call < CALLS; call++) {
                DMatrixRMaj c = new DMatrixRMaj(192, 128);
                products.gemm(ta, tb, 1, left, right, 0, c);
                if (first == null) {
                    first = c.data;
                } else if (!Arrays.equals(first, c.data)) {
                    differing++;
                }
            }
            System.out.println((ta ? "T" : "N") + (tb ? "T" : "N") + "=" + differing);
        }
        System.out.println("name=" + products.name());
    }

    private static DMatrixRMaj random(SplittableRandom random, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextDouble(-1, 1);
        }
        return m;
    }
}
