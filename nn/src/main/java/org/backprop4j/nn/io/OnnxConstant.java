package org.backprop4j.nn.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.backprop4j.nn.io.onnxschema.OnnxSchema.TensorProto;

/**
 * A constant tensor of an ONNX file decoded into doubles, after checking everything a hostile file
 * could get wrong: the element type ({@code FLOAT} or {@code DOUBLE}), data kept in another file,
 * negative dimensions, and a declared element count (the product of the dimensions, computed
 * without overflow) that is not the number of values stored — checked before anything is
 * allocated, so a tensor that declares 2⁶⁰ values costs nothing. Float values widen to double
 * exactly.
 *
 * @param dims the dimensions
 * @param values the values, row-major
 * @param elementType {@code TensorProto.DataType.FLOAT_VALUE} or {@code DOUBLE_VALUE}
 */
record OnnxConstant(long[] dims, double[] values, int elementType) {

    /**
     * @param tensor the stored tensor
     * @param what how messages name it
     * @return its values
     * @throws OnnxGraph.Unmappable naming the tensor and what is wrong with it
     */
    static OnnxConstant decode(TensorProto tensor, String what) throws OnnxGraph.Unmappable {
        if (tensor.getDataLocation() == TensorProto.DataLocation.EXTERNAL || tensor.getExternalDataCount() > 0) {
            throw new OnnxGraph.Unmappable(what + " keeps its values in another file (ONNX external data), which this reader does not open");
        }
        int type = tensor.getDataType();
        if (type != TensorProto.DataType.FLOAT_VALUE && type != TensorProto.DataType.DOUBLE_VALUE) {
            throw new OnnxGraph.Unmappable(what + " holds " + typeName(type) + " values; weights must be FLOAT or DOUBLE");
        }
        long[] dims = new long[tensor.getDimsCount()];
        long count = 1;
        for (int d = 0; d < dims.length; d++) {
            dims[d] = tensor.getDims(d);
            if (dims[d] < 0) {
                throw new OnnxGraph.Unmappable(what + " declares dimension " + d + " as " + dims[d]);
            }
            count = multiplyCapped(count, dims[d]);
        }
        int width = type == TensorProto.DataType.FLOAT_VALUE ? Float.BYTES : Double.BYTES;
        int typed = type == TensorProto.DataType.FLOAT_VALUE ? tensor.getFloatDataCount() : tensor.getDoubleDataCount();
        long stored;
        if (tensor.hasRawData()) {
            if (typed > 0) {
                throw new OnnxGraph.Unmappable(what + " holds its values twice, in raw_data and in a typed field");
            }
            stored = tensor.getRawData().size() % width == 0 ? tensor.getRawData().size() / width : -1;
        } else {
            stored = typed;
        }
        if (stored != count) {
            throw new OnnxGraph.Unmappable(what + " declares shape " + Arrays.toString(dims) + " ("
                    + (count == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : Long.toString(count)) + " values) but holds "
                    + (stored < 0 ? tensor.getRawData().size() + " bytes of raw data, not a whole number of " + typeName(type) + " values"
                            : stored + " values"));
        }
        double[] values = new double[(int) count];
        if (tensor.hasRawData()) {
            ByteBuffer raw = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < values.length; i++) {
                values[i] = width == Float.BYTES ? raw.getFloat() : raw.getDouble();
            }
        } else {
            for (int i = 0; i < values.length; i++) {
                values[i] = width == Float.BYTES ? tensor.getFloatData(i) : tensor.getDoubleData(i);
            }
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new OnnxGraph.Unmappable(what + " holds " + values[i] + " at index " + i + "; weights must be finite");
            }
        }
        return new OnnxConstant(dims, values, type);
    }

    /** @return a·b, or Long.MAX_VALUE where it overflows (no file holds that many values) */
    private static long multiplyCapped(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * @param type a {@code TensorProto.DataType} number
     * @return its name, or "data type n" for a number ONNX does not define
     */
    static String typeName(int type) {
        TensorProto.DataType known = TensorProto.DataType.forNumber(type);
        return known == null ? "data type " + type : known.name();
    }

    /** @return the number of dimensions */
    int rank() {
        return dims.length;
    }

    /** @return the shape, as ONNX prints it */
    String shape() {
        return Arrays.toString(dims);
    }
}
