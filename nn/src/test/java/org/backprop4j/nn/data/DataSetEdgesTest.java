package org.backprop4j.nn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Sizes and fractions exactly at the edge of what is allowed, and the digits parser's messages. */
class DataSetEdgesTest {

    @Test
    void aSplitFractionOfZeroOrOneIsRefusedAsOutOfRange() {
        DataSet data = new DataSet(DataSets.gaussian(10, 2, 1), DataSets.gaussian(10, 1, 2));
        for (double fraction : new double[] {0.0, 1.0, -0.0, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> data.split(fraction, 3));
            assertEquals("testFraction must be in (0, 1), got " + fraction, e.getMessage());
        }
    }

    @Test
    void theSizeCheckAllowsExactlyOneArrayOfValues() {
        assertDoesNotThrow(() -> DataSet.checkSize(1, DataSet.MAX_VALUES, "data"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataSet.checkSize(1, DataSet.MAX_VALUES + 1, "data"));
        assertEquals("data of 1 rows × 2147483640 values has 2147483640 values, more than one Java array holds (2147483639)",
                e.getMessage());
    }

    @Test
    void oneGaussianValueIsEnough() {
        double[][] one = DataSets.gaussian(1, 1, 7);
        assertEquals(1, one.length);
        assertEquals(1, one[0].length);
        assertThrows(IllegalArgumentException.class, () -> DataSets.gaussian(0, 1, 7));
        assertThrows(IllegalArgumentException.class, () -> DataSets.gaussian(1, 0, 7));
    }

    private static String row(int label) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            line.append(i % 17).append(',');
        }
        return line.append(label).toString();
    }

    private static DataSet parse(String text) throws IOException {
        return DataSets.digits(new BufferedReader(new StringReader(text)));
    }

    @Test
    void theDigitsParserScalesPixelsAndOneHotsTheClass() throws IOException {
        DataSet data = parse(row(3) + "\n" + row(9) + "\n");
        assertEquals(2, data.size());
        assertEquals(16 / 16.0, data.inputs()[1][16]);
        assertEquals(5 / 16.0, data.inputs()[0][5]);
        assertArrayEquals(new double[] {0, 0, 0, 1, 0, 0, 0, 0, 0, 0}, data.targets()[0]);
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, data.targets()[1]);
    }

    @Test
    void theDigitsParserNamesTheLineThatIsWrong() {
        IllegalStateException fields = assertThrows(IllegalStateException.class, () -> parse(row(1) + "\n" + row(2) + "\n1,2,3\n"));
        assertEquals("digits.csv.gz line 3 has 3 fields, not 65", fields.getMessage());
        IllegalStateException label = assertThrows(IllegalStateException.class, () -> parse(row(1) + "\n" + row(10) + "\n"));
        assertEquals("digits.csv.gz line 2 has '10' where a whole number in 0..9 belongs", label.getMessage());
        IllegalStateException pixel = assertThrows(IllegalStateException.class,
                () -> parse(row(1).replaceFirst("^0,", "17,")));
        assertEquals("digits.csv.gz line 1 has '17' where a whole number in 0..16 belongs", pixel.getMessage());
        IllegalStateException text = assertThrows(IllegalStateException.class,
                () -> parse(row(1).replaceFirst("^0,", "x,")));
        assertEquals("digits.csv.gz line 1 has 'x' where a whole number in 0..16 belongs", text.getMessage());
    }

    @Test
    void theBundledDigitsParse() {
        DataSet digits = DataSets.digits();
        assertEquals(1797, digits.size());
        assertEquals(64, digits.inputWidth());
        assertEquals(10, digits.targetWidth());
    }
}
