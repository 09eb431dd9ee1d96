package org.backprop4j.tensor;

import org.ejml.data.DMatrixRMaj;

/** Shape rules shared by the tensor operations: how shapes print, and which pairs broadcast. */
final class Shapes {

    private Shapes() {
    }

    /** @return {@code "rowsxcols"}, as every error message prints a shape */
    static String of(DMatrixRMaj m) {
        return m.numRows + "x" + m.numCols;
    }

    /**
     * The shape of an element-wise result under the documented rules, and nothing more: equal
     * shapes; m×n with a 1×n row; m×n with an m×1 column; anything with a 1×1. Either side may be
     * the broadcast one.
     *
     * @return {rows, cols} of the result
     * @throws IllegalArgumentException naming the operation and both shapes otherwise
     */
    static int[] broadcast(String op, DMatrixRMaj a, DMatrixRMaj b) {
        int ar = a.numRows;
        int ac = a.numCols;
        int br = b.numRows;
        int bc = b.numCols;
        if (ar == br && ac == bc) {
            return new int[] {ar, ac};
        }
        if (br == 1 && bc == 1) {
            return new int[] {ar, ac};
        }
        if (ar == 1 && ac == 1) {
            return new int[] {br, bc};
        }
        if ((br == 1 && bc == ac) || (bc == 1 && br == ar)) {
            return new int[] {ar, ac};
        }
        if ((ar == 1 && ac == bc) || (ac == 1 && ar == br)) {
            return new int[] {br, bc};
        }
        throw new IllegalArgumentException(op + ": cannot broadcast " + of(a) + " with " + of(b));
    }

    /** The step between rows of an operand broadcast to a result: 0 when it has one row. */
    static int rowStride(DMatrixRMaj operand) {
        return operand.numRows == 1 ? 0 : operand.numCols;
    }

    /** The step between columns of an operand broadcast to a result: 0 when it has one column. */
    static int colStride(DMatrixRMaj operand) {
        return operand.numCols == 1 ? 0 : 1;
    }
}
