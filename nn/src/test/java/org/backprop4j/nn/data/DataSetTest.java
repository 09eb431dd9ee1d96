package org.backprop4j.nn.data;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.backprop4j.nn.train.Metrics;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data sets: contents, determinism, splits and bad input. */
class DataSetTest {

    @Test
    void seedSamplesAreTheNotebooks() {
        DataSet seed = DataSets.seed();
        assertEquals(4, seed.size());
        assertArrayEquals(new double[] {3.0, -1.0, 0.5}, seed.inputs()[1]);
        assertArrayEquals(new double[] {1, -1, -1, 1}, Arrays.stream(seed.targets()).mapToDouble(t -> t[0]).toArray());
        assertEquals(4, DataSets.xor().size());
    }

    @Test
    void moonsAreSeededBalancedAndShaped() {
        DataSet a = DataSets.moons(101, 0.1, 9);
        DataSet b = DataSets.moons(101, 0.1, 9);
        assertArrayEquals(a.inputs(), b.inputs());
        long upper = Arrays.stream(a.targets()).filter(t -> t[0] < 0).count();
        assertEquals(50, upper);
        DataSet clean = DataSets.moons(50, 0.0, 1);
        double[][] x = clean.inputs();
        double[][] y = clean.targets();
        for (int i = 0; i < x.length; i++) {
            double cx = y[i][0] < 0 ? 0 : 1;
            double cy = y[i][0] < 0 ? 0 : 0.5;
            assertEquals(1.0, Math.hypot(x[i][0] - cx, x[i][1] - cy), 1e-12, "on its unit half circle");
        }
        assertThrows(IllegalArgumentException.class, () -> DataSets.moons(1, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> DataSets.moons(10, -1, 1));
    }

    @Test
    void digitsLoadFromTheJar() {
        DataSet digits = DataSets.digits();
        assertEquals(1797, digits.size());
        assertEquals(64, digits.inputWidth());
        assertEquals(10, digits.targetWidth());
        for (double[] x : digits.inputs()) {
            for (double v : x) {
                assertTrue(v >= 0 && v <= 1);
            }
        }
        Set<Integer> labels = new HashSet<>();
        for (double[] t : digits.targets()) {
            assertEquals(1.0, Arrays.stream(t).sum());
            labels.add(Metrics.argmax(t));
        }
        assertEquals(10, labels.size());
    }

    @Test
    void splitIsSeededAndDisjoint() {
        DataSet data = DataSets.moons(100, 0.1, 2);
        DataSet.Split a = data.split(0.2, 5);
        DataSet.Split b = data.split(0.2, 5);
        assertEquals(80, a.train().size());
        assertEquals(20, a.test().size());
        assertArrayEquals(a.test().inputs(), b.test().inputs());
        Set<String> train = new HashSet<>();
        for (double[] x : a.train().inputs()) {
            train.add(Arrays.toString(x));
        }
        for (double[] x : a.test().inputs()) {
            assertTrue(!train.contains(Arrays.toString(x)));
        }
        assertThrows(IllegalArgumentException.class, () -> data.split(1.0, 1));
    }

    @Test
    void badDataIsRefusedWithItsPlace() {
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> new DataSet(new double[][] {{1, 2}, {3, Double.NaN}}, new double[][] {{1}, {2}}));
        assertTrue(nan.getMessage().contains("row 1 column 1"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DataSet(new double[0][], new double[0][]));
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> new DataSet(new double[][] {{1}}, new double[][] {{1}, {2}}));
        assertTrue(rows.getMessage().contains("1 rows") && rows.getMessage().contains("2"), rows.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DataSet(new double[][] {{1, 2}, {3}}, new double[][] {{1}, {2}}));
        assertThrows(NullPointerException.class, () -> new DataSet(null, new double[][] {{1}}));
        assertThrows(NullPointerException.class, () -> new DataSet(new double[][] {null}, new double[][] {{1}}));
    }

    @Test
    void badRowSelectionsAndScoresAreRefused() {
        DataSet seed = DataSets.seed();
        assertEquals(2, seed.rows(3, 0).size());
        assertThrows(IllegalArgumentException.class, () -> seed.rows(4));
        assertThrows(IllegalArgumentException.class, () -> seed.rows(-1));
        assertThrows(NullPointerException.class, () -> seed.rows((int[]) null));
        assertThrows(IllegalArgumentException.class, () -> seed.rows());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.accuracy(new double[][] {{1}}, new double[][] {{1}, {-1}}));
        assertTrue(e.getMessage().contains("1 and 2"), e.getMessage());
        assertEquals(0.5, Metrics.accuracy(new double[][] {{0.3}, {0.2}}, new double[][] {{1}, {-1}}));
        assertEquals(1.0, Metrics.accuracy(new double[][] {{0.1, 0.7, 0.2}}, new double[][] {{0, 1, 0}}));
    }

    @Test
    void badSizesAndArgumentsAreNamedBeforeAnyWork() {
        IllegalArgumentException permutation = assertThrows(IllegalArgumentException.class,
                () -> DataSet.permutation(-1, new SplittableRandom(1)));
        assertTrue(permutation.getMessage().contains("-1"), permutation.getMessage());
        assertEquals(0, DataSet.permutation(0, new SplittableRandom(1)).length);
        NullPointerException random = assertThrows(NullPointerException.class, () -> DataSet.permutation(3, null));
        assertEquals("random", random.getMessage());
        for (int[] size : new int[][] {{-1, 3}, {3, -1}, {0, 3}, {3, 0}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataSets.gaussian(size[0], size[1], 1));
            assertTrue(e.getMessage().contains(size[0] + "x" + size[1]), e.getMessage());
        }
        IllegalArgumentException noise = assertThrows(IllegalArgumentException.class, () -> DataSets.moons(2, 1e308, 1));
        assertTrue(noise.getMessage().startsWith("noise 1.0E308 is too large"), noise.getMessage());
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataSets.moons(10, bad, 1));
            assertTrue(e.getMessage().startsWith("noise"), e.getMessage());
        }
        assertEquals(2, DataSets.moons(2, 1e300, 1).size(), "a huge noise that stays finite is the caller's choice");
    }

    @Test
    void emptyRowsAreRefusedAsEmpty() {
        IllegalArgumentException inputs = assertThrows(IllegalArgumentException.class,
                () -> new DataSet(new double[][] {{}}, new double[][] {{1}}));
        assertEquals("inputs row 0 is empty: every row needs at least one value", inputs.getMessage());
        IllegalArgumentException targets = assertThrows(IllegalArgumentException.class,
                () -> new DataSet(new double[][] {{1}, {2}}, new double[][] {{1}, {}}));
        assertEquals("targets row 1 is empty: every row needs at least one value", targets.getMessage());
    }

    @Test
    void dataSetsCopyTheirRows() {
        double[][] x = {{1, 2}};
        DataSet data = new DataSet(x, new double[][] {{1}});
        x[0][0] = 9;
        assertEquals(1, data.inputs()[0][0]);
        data.inputs()[0][0] = 9;
        assertEquals(1, data.inputs()[0][0]);
    }
}
