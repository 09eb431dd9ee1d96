package org.backprop4j.tensor.blas;

import java.util.Arrays;
import org.ejml.EjmlParameters;
import org.ejml.data.DMatrixRMaj;

/**
 * EJML's products bit for bit, in loops the JIT compiles to faster code: what {@link AutoProducts}
 * runs where it would run {@link EjmlProducts}. Each element of c gets the very operations EJML's
 * {@code CommonOps_DDRM} (0.43.1) gives it, in the same order (the same variant chosen by
 * {@code EjmlParameters.MULT_COLUMN_SWITCH}): a sum {@code total = 0 + a·b + a·b + …} then
 * {@code α·total} where EJML sums dot products, and {@code c = (α·a)·b}, then {@code c += (α·a)·b}
 * per row of b where EJML runs its "reorder" loops. Only the loops differ: four dot products at a
 * time instead of one (EJML's single running sum waits four cycles for each addition), and the
 * reorder loops as counted loops over a row, which the JIT vectorises. At {@code moons} (batch 100,
 * 16 wide) this takes a step's products from 54–57 to 39–42 µs of CPU time (core-tensor's README, the run of
 * 2026-12-06 18:31 UTC), and the products
 * a fresh JVM runs before OpenBLAS loads are all of this kind. Products of aᵀ·bᵀ, which the engine
 * never asks for, go to EJML itself.
 */
final class EjmlTwinProducts implements Backend {

    static final EjmlTwinProducts INSTANCE = new EjmlTwinProducts();

    /** How many dot products run side by side. */
    private static final int SIDE_BY_SIDE = 4;

    private EjmlTwinProducts() {
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
                     double beta, DMatrixRMaj c) {
        if (alpha == 0 || transposeA && transposeB) {
            EjmlProducts.INSTANCE.gemm(transposeA, transposeB, alpha, a, b, beta, c);
            return;
        }
        Backend.checkShapes(transposeA, transposeB, a, b, c);
        boolean add = beta != 0;
        if (add && beta != 1) {
            double[] values = c.data;
            for (int i = 0, size = c.getNumElements(); i < size; i++) {
                values[i] *= beta;
            }
        }
        int sw = EjmlParameters.MULT_COLUMN_SWITCH;
        if (transposeB) {
            dotRows(alpha, a, b, c, add);
        } else if (transposeA) {
            if (a.numCols >= sw || b.numCols >= sw) {
                rows(alpha, a, 1, a.numCols, b, c, add);
            } else {
                dotColumns(alpha, a, 1, a.numCols, b, c, add);
            }
        } else if (b.numCols >= sw) {
            rows(alpha, a, a.numCols, 1, b, c, add);
        } else {
            dotColumns(alpha, a, a.numCols, 1, b, c, add);
        }
        if (!add) {
            EjmlProducts.plusZero(c);
        }
    }

    /**
     * c (=|+=) α·a·bᵀ as EJML's {@code multTransB} and {@code multAddTransB}: each element the sum
     * {@code 0 + a[i,0]·b[j,0] + a[i,1]·b[j,1] + …}, then α times it, put or added.
     */
    private static void dotRows(double alpha, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, boolean add) {
        double[] av = a.data;
        double[] bv = b.data;
        double[] cv = c.data;
        int m = a.numRows;
        int n = b.numRows;
        int k = a.numCols;
        int blocked = n - n % SIDE_BY_SIDE;
        for (int i = 0; i < m; i++) {
            int ai = i * k;
            int ci = i * n;
            int j = 0;
            for (; j < blocked; j += SIDE_BY_SIDE) {
                int b0 = j * k;
                int b1 = b0 + k;
                int b2 = b1 + k;
                int b3 = b2 + k;
                double t0 = 0;
                double t1 = 0;
                double t2 = 0;
                double t3 = 0;
                for (int p = 0; p < k; p++) {
                    double x = av[ai + p];
                    t0 += x * bv[b0 + p];
                    t1 += x * bv[b1 + p];
                    t2 += x * bv[b2 + p];
                    t3 += x * bv[b3 + p];
                }
                store4(cv, ci + j, alpha, t0, t1, t2, t3, add);
            }
            for (; j < n; j++) {
                int bj = j * k;
                double t = 0;
                for (int p = 0; p < k; p++) {
                    t += av[ai + p] * bv[bj + p];
                }
                store(cv, ci + j, alpha * t, add);
            }
        }
    }

    /**
     * c (=|+=) α·op(a)·b as EJML's small-matrix loops ({@code mult_small}, {@code multTransA_small}
     * and their {@code multAdd} twins): each element the sum {@code 0 + op(a)[i,0]·b[0,j] + …},
     * then α times it. op(a)[i,p] is {@code a.data[i·rowStep + p·termStep]}.
     */
    private static void dotColumns(double alpha, DMatrixRMaj a, int rowStep, int termStep, DMatrixRMaj b, DMatrixRMaj c,
                                   boolean add) {
        double[] av = a.data;
        double[] bv = b.data;
        double[] cv = c.data;
        int m = c.numRows;
        int n = b.numCols;
        int k = b.numRows;
        int blocked = n - n % SIDE_BY_SIDE;
        for (int i = 0; i < m; i++) {
            int ai = i * rowStep;
            int ci = i * n;
            int j = 0;
            for (; j < blocked; j += SIDE_BY_SIDE) {
                double t0 = 0;
                double t1 = 0;
                double t2 = 0;
                double t3 = 0;
                for (int p = 0; p < k; p++) {
                    double x = av[ai + p * termStep];
                    int bp = p * n + j;
                    t0 += x * bv[bp];
                    t1 += x * bv[bp + 1];
                    t2 += x * bv[bp + 2];
                    t3 += x * bv[bp + 3];
                }
                store4(cv, ci + j, alpha, t0, t1, t2, t3, add);
            }
            for (; j < n; j++) {
                double t = 0;
                for (int p = 0; p < k; p++) {
                    t += av[ai + p * termStep] * bv[p * n + j];
                }
                store(cv, ci + j, alpha * t, add);
            }
        }
    }

    /**
     * c (=|+=) α·op(a)·b as EJML's reorder loops ({@code mult_reorder}, {@code multTransA_reorder}
     * and their {@code multAdd} twins): row i of c is (α·op(a)[i,0])·b[0,:], put or added, then
     * (α·op(a)[i,p])·b[p,:] added for p = 1, 2, … op(a)[i,p] is {@code a.data[i·rowStep + p·termStep]}.
     */
    private static void rows(double alpha, DMatrixRMaj a, int rowStep, int termStep, DMatrixRMaj b, DMatrixRMaj c,
                             boolean add) {
        int m = c.numRows;
        int k = b.numRows;
        if (k == 0 || m == 0) {
            emptyReorder(c, add);
            return;
        }
        double[] av = a.data;
        double[] bv = b.data;
        double[] cv = c.data;
        int n = b.numCols;
        for (int i = 0; i < m; i++) {
            int ai = i * rowStep;
            int ci = i * n;
            first(cv, ci, alpha * av[ai], bv, n, add);
            int p = 1;
            for (; p + SIDE_BY_SIDE <= k; p += SIDE_BY_SIDE) {
                int ap = ai + p * termStep;
                axpy4(cv, ci, alpha * av[ap], alpha * av[ap + termStep], alpha * av[ap + 2 * termStep],
                        alpha * av[ap + 3 * termStep], bv, p * n, n);
            }
            for (; p < k; p++) {
                axpy(cv, ci, alpha * av[ai + p * termStep], bv, p * n, n);
            }
        }
    }

    /** EJML's reorder loops with no terms: c = 0 when putting, c untouched when adding. */
    private static void emptyReorder(DMatrixRMaj c, boolean add) {
        if (!add) {
            Arrays.fill(c.data, 0, c.getNumElements(), 0.0);
        }
    }

    /** c[ci + j] = x·b[j] (or += it) for j below n: the first row of a reorder loop. */
    private static void first(double[] c, int ci, double x, double[] b, int n, boolean add) {
        if (add) {
            axpy(c, ci, x, b, 0, n);
        } else {
            for (int j = 0; j < n; j++) {
                c[ci + j] = x * b[j];
            }
        }
    }

    /** c[ci + j] += x·b[bi + j] for j below n. */
    private static void axpy(double[] c, int ci, double x, double[] b, int bi, int n) {
        for (int j = 0; j < n; j++) {
            c[ci + j] += x * b[bi + j];
        }
    }

    /**
     * c[ci + j] += x0·b[bi + j], then += x1·b[bi + n + j], then x2's and x3's rows, for j below n:
     * four rows of a reorder loop with one load and one store of c.
     */
    private static void axpy4(double[] c, int ci, double x0, double x1, double x2, double x3, double[] b, int bi, int n) {
        int b1 = bi + n;
        int b2 = b1 + n;
        int b3 = b2 + n;
        for (int j = 0; j < n; j++) {
            double t = c[ci + j];
            t += x0 * b[bi + j];
            t += x1 * b[b1 + j];
            t += x2 * b[b2 + j];
            t += x3 * b[b3 + j];
            c[ci + j] = t;
        }
    }

    /** c[index + q] (=|+=) α·t_q for q = 0 to 3: four sums of a dot-product loop, each times α, put or added. */
    private static void store4(double[] c, int index, double alpha, double t0, double t1, double t2, double t3,
                               boolean add) {
        store(c, index, alpha * t0, add);
        store(c, index + 1, alpha * t1, add);
        store(c, index + 2, alpha * t2, add);
        store(c, index + 3, alpha * t3, add);
    }

    private static void store(double[] c, int index, double value, boolean add) {
        if (add) {
            c[index] += value;
        } else {
            c[index] = value;
        }
    }

    /** @return EJML's name, {@code "ejml"}: the twin gives EJML's bits, so a user sees one name for both */
    @Override
    public String name() {
        return EjmlProducts.INSTANCE.name();
    }

    @Override
    public String toString() {
        return name();
    }
}
