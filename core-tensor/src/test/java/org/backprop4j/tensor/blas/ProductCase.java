package org.backprop4j.tensor.blas;

import java.util.ArrayList;
import java.util.List;

/**
 * One product {@code c = α·op(a)·op(b) + β·c} of the product tests: c is {@code rows}×{@code cols},
 * the sum runs over {@code inner}, and op(a) = aᵀ, op(b) = bᵀ where {@code transposeA},
 * {@code transposeB} say so; a and b are stored in the shapes that asks for.
 */
record ProductCase(int rows, int cols, int inner, boolean transposeA, boolean transposeB) {

    /**
     * Each shape {rows, cols, inner} with each of the four transpose combinations (none, aᵀ, bᵀ,
     * both), shape by shape.
     */
    static List<ProductCase> everyTranspose(int[][] shapes) {
        List<ProductCase> cases = new ArrayList<>();
        for (int[] shape : shapes) {
            for (int flags = 0; flags < 4; flags++) {
                cases.add(new ProductCase(shape[0], shape[1], shape[2], (flags & 1) != 0, (flags & 2) != 0));
            }
        }
        return cases;
    }

    /** The rows of a as stored: inner when op(a) = aᵀ, else rows. */
    int aRows() {
        return transposeA ? inner : rows;
    }

    /** The columns of a as stored: rows when op(a) = aᵀ, else inner. */
    int aCols() {
        return transposeA ? rows : inner;
    }

    /** The rows of b as stored: cols when op(b) = bᵀ, else inner. */
    int bRows() {
        return transposeB ? cols : inner;
    }

    /** The columns of b as stored: inner when op(b) = bᵀ, else cols. */
    int bCols() {
        return transposeB ? inner : cols;
    }

    /** The product multiply-adds: rows·cols·inner. */
    long multiplyAdds() {
        return (long) rows * cols * inner;
    }

    /** For messages: {@code rows x cols by inner}, then {@code , aᵀ} and {@code , bᵀ} where transposed. */
    @Override
    public String toString() {
        return rows + "x" + cols + " by " + inner + (transposeA ? ", aᵀ" : "") + (transposeB ? ", bᵀ" : "");
    }
}
