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
 * a fresh JVM runs before OpenBLAS loads are all of this kind. Each row of c is a call of its own
 * ({@code dotRow}, {@code dotColumnsRow}, {@code reorderRow}): a hundred calls a product, so the JIT
 * compiles them within a fresh JVM's first steps, where a loop over the whole product, called a few
 * times a step, would run interpreted until an on-stack compile. Products of aᵀ·bᵀ, which the engine
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
                reorder(alpha, a, 1, a.numCols, b, c, add);
            } else {
                dotColumns(alpha, a, 1, a.numCols, b, c, add);
            }
        } else if (b.numCols >= sw) {
            reorder(alpha, a, a.numCols, 1, b, c, add);
        } else {
            dotColumns(alpha, a, a.numCols, 1, b, c, add);
        }
    }

    /**
     * c (=|+=) α·a·bᵀ as EJML's {@code multTransB} and {@code multAddTransB}: each element the sum
     * {@code 0 + a[i,0]·b[j,0] + a[i,1]·b[j,1] + …}, then α times it, put or added.
     */
    private static void dotRows(double alpha, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, boolean add) {
        int n = b.numRows;
        int k = a.numCols;
        for (int i = 0, m = a.numRows; i < m; i++) {
            dotRow(alpha, a.data, i * k, b.data, k, n, c.data, i * n, add);
        }
    }

    /** Row i of {@link #dotRows}: c[ci + j] (=|+=) α·(a[i,:]·b[j,:]) for j below n, with a[i,:] from ai. */
    private static void dotRow(double alpha, double[] av, int ai, double[] bv, int k, int n, double[] cv, int ci, boolean add) {
        int blocked = n - n % SIDE_BY_SIDE;
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
            store(cv, ci + j, alpha * t0, add);
            store(cv, ci + j + 1, alpha * t1, add);
            store(cv, ci + j + 2, alpha * t2, add);
            store(cv, ci + j + 3, alpha * t3, add);
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

    /**
     * c (=|+=) α·op(a)·b as EJML's small-matrix loops ({@code mult_small}, {@code multTransA_small}
     * and their {@code multAdd} twins): each element the sum {@code 0 + op(a)[i,0]·b[0,j] + …},
     * then α times it. op(a)[i,p] is {@code a.data[i·rowStep + p·termStep]}.
     */
    private static void dotColumns(double alpha, DMatrixRMaj a, int rowStep, int termStep, DMatrixRMaj b, DMatrixRMaj c,
                                   boolean add) {
        int n = b.numCols;
        int k = b.numRows;
        for (int i = 0, m = c.numRows; i < m; i++) {
            dotColumnsRow(alpha, a.data, i * rowStep, termStep, b.data, k, n, c.data, i * n, add);
        }
    }

    /** Row i of {@link #dotColumns}, with op(a)[i,p] at {@code ai + p·termStep}. */
    private static void dotColumnsRow(double alpha, double[] av, int ai, int termStep, double[] bv, int k, int n, double[] cv, int ci,
                                      boolean add) {
        int blocked = n - n % SIDE_BY_SIDE;
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
            store(cv, ci + j, alpha * t0, add);
            store(cv, ci + j + 1, alpha * t1, add);
            store(cv, ci + j + 2, alpha * t2, add);
            store(cv, ci + j + 3, alpha * t3, add);
        }
        for (; j < n; j++) {
            double t = 0;
            for (int p = 0; p < k; p++) {
                t += av[ai + p * termStep] * bv[p * n + j];
            }
            store(cv, ci + j, alpha * t, add);
        }
    }

    /**
     * c (=|+=) α·op(a)·b as EJML's {@code mult_reorder}, {@code multTransA_reorder} and their
     * {@code multAdd} twins: row i of c is (α·op(a)[i,0])·b[0,:], put or added, then (α·op(a)[i,p])·b[p,:]
     * added for p = 1, 2, … op(a)[i,p] is {@code a.data[i·rowStep + p·termStep]}.
     */
    private static void reorder(double alpha, DMatrixRMaj a, int rowStep, int termStep, DMatrixRMaj b, DMatrixRMaj c, boolean add) {
        int m = c.numRows;
        int k = b.numRows;
        if (k == 0 || m == 0) {
            if (!add) {
                Arrays.fill(c.data, 0, c.getNumElements(), 0.0);
            }
            return;
        }
        int n = b.numCols;
        for (int i = 0; i < m; i++) {
            reorderRow(alpha, a.data, i * rowStep, termStep, b.data, k, n, c.data, i * n, add);
        }
    }

    /** Row i of {@link #reorder}, with op(a)[i,p] at {@code ai + p·termStep}; put rows end with c = c + 0, as {@link #store}. */
    private static void reorderRow(double alpha, double[] av, int ai, int termStep, double[] bv, int k, int n, double[] cv, int ci,
                                   boolean add) {
        first(cv, ci, alpha * av[ai], bv, n, add);
        int p = 1;
        for (; p + SIDE_BY_SIDE <= k; p += SIDE_BY_SIDE) {
            int ap = ai + p * termStep;
            axpy4(cv, ci, alpha * av[ap], alpha * av[ap + termStep], alpha * av[ap + 2 * termStep], alpha * av[ap + 3 * termStep],
                    bv, p * n, n);
        }
        for (; p < k; p++) {
            axpy(cv, ci, alpha * av[ai + p * termStep], bv, p * n, n);
        }
        if (!add) {
            for (int j = ci, end = ci + n; j < end; j++) {
                cv[j] += 0.0;
            }
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

    /**
     * c[index] += value, or when putting c[index] = value + 0: {@link EjmlProducts} ends a product with β = 0
     * by adding 0 to every element (a −0 sum becomes +0), and adding it here gives the same bits.
     */
    private static void store(double[] c, int index, double value, boolean add) {
        if (add) {
            c[index] += value;
        } else {
            c[index] = value + 0.0;
        }
    }

    @Override
    public String name() {
        return "ejml";
    }

    @Override
    public String toString() {
        return name();
    }
}
