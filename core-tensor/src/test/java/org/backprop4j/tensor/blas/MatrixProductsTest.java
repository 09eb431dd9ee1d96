package org.backprop4j.tensor.blas;

import static org.backprop4j.tensor.blas.RandomMatrices.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.bytedeco.javacpp.Loader;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Every matrix-product backend on this machine agrees with EJML on every shape kind and transpose combination. */
class MatrixProductsTest {

    /** Shapes of c = op(a)·op(b) as {rows, cols, inner}: empty ones, ones of a single row, column or inner index, and larger odd ones. */
    private static final int[][] SHAPES = {{0, 2, 3}, {2, 3, 0}, {2, 0, 3}, {0, 0, 0}, {1, 1, 1}, {1, 1, 5}, {1, 6, 1}, {4, 1, 1}, {1, 7, 4}, {5, 1, 3}, {3, 5, 4}, {17, 13, 9}, {64, 40, 33}};

    private static void agreesWithEjml(Backend backend) {
        SplittableRandom random = new SplittableRandom(5);
        for (ProductCase product : ProductCase.everyTranspose(SHAPES)) {
            boolean ta = product.transposeA();
            boolean tb = product.transposeB();
            DMatrixRMaj a = uniform(random, product.aRows(), product.aCols());
            DMatrixRMaj b = uniform(random, product.bRows(), product.bCols());
            for (double beta : new double[] {0, 1, 0.5}) {
                DMatrixRMaj start = uniform(random, product.rows(), product.cols());
                DMatrixRMaj expected = start.copy();
                DMatrixRMaj actual = start.copy();
                MatrixProducts.ejml().gemm(ta, tb, 0.75, a, b, beta, expected);
                backend.gemm(ta, tb, 0.75, a, b, beta, actual);
                for (int i = 0; i < expected.data.length; i++) {
                    double scale = Math.max(1, Math.abs(expected.data[i]));
                    assertEquals(expected.data[i], actual.data[i], 1e-12 * scale, backend.name() + " " + product + " beta=" + beta);
                }
            }
        }
    }

    @Test
    void ejmlComputesTheDefinition() {
        DMatrixRMaj a = new DMatrixRMaj(2, 3, true, 1, 2, 3, 4, 5, 6);
        DMatrixRMaj b = new DMatrixRMaj(3, 2, true, 7, 8, 9, 10, 11, 12);
        DMatrixRMaj c = new DMatrixRMaj(2, 2, true, 1, 1, 1, 1);
        MatrixProducts.ejml().gemm(false, false, 1, a, b, 1, c);
        assertEquals(59, c.get(0, 0));
        assertEquals(65, c.get(0, 1));
        assertEquals(140, c.get(1, 0));
        assertEquals(155, c.get(1, 1));
    }

    @Test
    void defaultNetlibAgreesWithEjml() {
        agreesWithEjml(MatrixProducts.netlib());
    }

    @Test
    void currentBackendAgreesWithEjml() {
        agreesWithEjml(MatrixProducts.current());
        assertTrue(MatrixProducts.available().contains(MatrixProducts.current()));
    }

    @Test
    void everyAvailableBackendAgreesWithEjml() {
        for (MatrixProducts backend : MatrixProducts.available()) {
            agreesWithEjml(backend);
        }
    }

    @Test
    void javaNetlibAgreesWithEjml() {
        assertEquals("netlib (pure Java)", NetlibProducts.JAVA.name());
        agreesWithEjml(NetlibProducts.JAVA);
    }

    /** The platforms whose OpenBLAS natives core-tensor ships. */
    private static final List<String> BUNDLED_PLATFORMS = List.of("linux-x86_64", "linux-arm64", "macosx-x86_64", "macosx-arm64", "windows-x86_64");

    @Test
    void bundledOpenBlasRunsOnOneThreadAndAgreesWithEjml() {
        assumeTrue(BUNDLED_PLATFORMS.contains(Loader.getPlatform()), "no bundled OpenBLAS for " + Loader.getPlatform());
        assumeTrue(NetlibProducts.NATIVE_CHOICE.source() == NativeBlasChoice.Source.BUNDLED,
                "this JVM was started with another BLAS library chosen");
        MatrixProducts netlib = MatrixProducts.netlib();
        assertEquals("netlib (native OpenBLAS " + BundledOpenBlas.VERSION + ", bundled, 1 thread)", netlib.name());
        assertTrue(BundledOpenBlas.VERSION.matches("\\d+\\.\\d+\\.\\d+"), BundledOpenBlas.VERSION);
        assertEquals(1, BundledOpenBlas.runningThreads(), "openblas_get_num_threads");
        assertTrue(System.getProperty(NativeBlasChoice.NATIVE_LIB_PATH).contains("openblas"),
                "netlib was pointed at the extracted library: " + System.getProperty(NativeBlasChoice.NATIVE_LIB_PATH));
        assertEquals("auto (ejml + " + netlib.name() + ")", MatrixProducts.named("auto").name());
        agreesWithEjml(netlib);
    }

    @Test
    void theOpenBlasFileIsFoundAmongTheLoadedLibraries() {
        Map<String, String> linux = new java.util.LinkedHashMap<>();
        linux.put("gfortran@.5", "/cache/libgfortran.so.5");
        linux.put("openblas_nolapack@.0", "/cache/libopenblas_nolapack.so.0");
        linux.put("jniopenblas_nolapack", "/cache/libjniopenblas_nolapack.so");
        assertEquals("/cache/libopenblas_nolapack.so.0", BundledOpenBlas.library(linux));
        assertEquals("C:\\cache\\libopenblas.dll", BundledOpenBlas.library(Map.of("libopenblas", "C:\\cache\\libopenblas.dll",
                "jniopenblas_nolapack", "C:\\cache\\jniopenblas_nolapack.dll")));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BundledOpenBlas.library(Map.of("jniopenblas_nolapack", "/cache/libjniopenblas_nolapack.so")));
        assertTrue(e.getMessage().contains("jniopenblas_nolapack"), e.getMessage());
    }

    @Test
    void everyAvailableBackendIsListedOnceWithItsName() {
        List<MatrixProducts> available = MatrixProducts.available();
        assertEquals(MatrixProducts.ejml(), available.get(0), "the reference first");
        assertTrue(available.contains(MatrixProducts.netlib()));
        assertEquals(NetlibProducts.INSTANCE.runsNativeCode(), available.contains(MatrixProducts.named("netlib-java")),
                "netlib's Java implementation, unless it is what netlib runs anyway");
        assertTrue(available.contains(MatrixProducts.named("auto")));
        assertEquals(available.size(), available.stream().map(MatrixProducts::name).distinct().count(), "no backend twice: " + available);
        for (MatrixProducts backend : available) {
            assertEquals(backend.name(), backend.toString());
        }
        assertEquals("ejml", MatrixProducts.ejml().toString());
        for (Backend backend : List.<Backend>of(EjmlProducts.INSTANCE, EjmlTwinProducts.INSTANCE, NetlibProducts.INSTANCE, NetlibProducts.JAVA, AutoProducts.INSTANCE)) {
            assertEquals(backend.name(), backend.toString(), "a backend shows its name");
        }
        assertEquals("auto (ejml + " + MatrixProducts.netlib().name() + ")", AutoProducts.INSTANCE.toString());
    }

    @Test
    void twoAreEqualWhenTheSameBackendRunsThem() {
        assertEquals(MatrixProducts.netlib(), MatrixProducts.named(" Netlib "));
        assertEquals(MatrixProducts.netlib().hashCode(), MatrixProducts.named("netlib").hashCode());
        assertEquals(MatrixProducts.named("auto"), MatrixProducts.named("auto"));
        assertNotEquals(MatrixProducts.ejml(), MatrixProducts.netlib());
        assertNotEquals(MatrixProducts.named("auto"), MatrixProducts.ejml());
        assertFalse(MatrixProducts.ejml().equals("ejml"), "not the string of its name");
    }

    @Test
    void everyBackendNamesANullOperand() {
        DMatrixRMaj m = new DMatrixRMaj(2, 2);
        for (MatrixProducts backend : MatrixProducts.available()) {
            assertEquals("a", assertThrows(NullPointerException.class, () -> backend.gemm(false, false, 1, null, m, 0, m.copy())).getMessage());
            assertEquals("b", assertThrows(NullPointerException.class, () -> backend.gemm(false, false, 1, m, null, 0, m.copy())).getMessage());
            assertEquals("c", assertThrows(NullPointerException.class, () -> backend.gemm(false, false, 1, m, m.copy(), 0, null)).getMessage());
        }
    }

    @Test
    void badProductsNameTheShapesAndTheirTransposes() {
        DMatrixRMaj a = new DMatrixRMaj(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MatrixProducts.checkShapes(true, false, a, new DMatrixRMaj(2, 2), new DMatrixRMaj(2, 2)));
        assertEquals("gemm: cannot put 2x3ᵀ · 2x2 into 2x2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MatrixProducts.checkShapes(false, true, a, new DMatrixRMaj(2, 3), new DMatrixRMaj(3, 3)));
        assertEquals("gemm: cannot put 2x3 · 2x3ᵀ into 3x3", e.getMessage());
    }

    @Test
    void everyBackendRefusesAMatrixWhoseArrayIsShorterThanItsShape() {
        for (MatrixProducts backend : MatrixProducts.available()) {
            DMatrixRMaj square = new DMatrixRMaj(30, 30);
            DMatrixRMaj shortA = new DMatrixRMaj(2, 2);
            shortA.numRows = 30;
            shortA.numCols = 30;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> backend.gemm(false, false, 1, shortA, square, 0, new DMatrixRMaj(30, 30)), backend.name());
            assertEquals("gemm: a is 30x30 but its array holds 4 numbers", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> backend.gemm(false, false, 1, square, shortA, 0, new DMatrixRMaj(30, 30)), backend.name());
            assertEquals("gemm: b is 30x30 but its array holds 4 numbers", e.getMessage());
            DMatrixRMaj shortC = new DMatrixRMaj(2, 2);
            shortC.numRows = 30;
            shortC.numCols = 30;
            e = assertThrows(IllegalArgumentException.class, () -> backend.gemm(false, false, 1, square, square, 0, shortC), backend.name());
            assertEquals("gemm: c is 30x30 but its array holds 4 numbers", e.getMessage());
            assertEquals(4, shortC.data.length, "c not resized behind the caller's back");
        }
    }

    /** Auto's product of op(a)·b bit for bit: that of the backend {@link AutoProducts#backendFor} names for its m·n·k multiply-adds. */
    private static void autoChoosesByMultiplyAdds(SplittableRandom random, boolean transposeA, int m, int k, int n) {
        DMatrixRMaj a = transposeA ? uniform(random, k, m) : uniform(random, m, k);
        DMatrixRMaj b = uniform(random, k, n);
        DMatrixRMaj expected = new DMatrixRMaj(m, n);
        DMatrixRMaj actual = new DMatrixRMaj(m, n);
        Backend reference = AutoProducts.INSTANCE.backendFor((long) m * n * k);
        reference.gemm(transposeA, false, 1, a, b, 0, expected);
        AutoProducts.INSTANCE.gemm(transposeA, false, 1, a, b, 0, actual);
        assertArrayEquals(expected.data, actual.data, 0.0, reference.name() + " for " + m + "x" + k + "x" + n + " ta=" + transposeA);
    }

    @Test
    void autoRunsSmallProductsOnEjmlAndTheRestOnNetlib() {
        SplittableRandom random = new SplittableRandom(41);
        assertEquals(EjmlTwinProducts.INSTANCE, AutoProducts.INSTANCE.backendFor(AutoProducts.TINY - 1));
        assertEquals(NetlibProducts.INSTANCE, AutoProducts.INSTANCE.backendFor(AutoProducts.SMALL));
        for (boolean transposeA : new boolean[] {false, true}) {
            autoChoosesByMultiplyAdds(random, transposeA, 7, 8, 9);
            autoChoosesByMultiplyAdds(random, transposeA, 8, 8, 8);
            autoChoosesByMultiplyAdds(random, transposeA, 15, 21, 13);
            autoChoosesByMultiplyAdds(random, transposeA, 16, 16, 16);
        }
        autoChoosesByMultiplyAdds(random, true, 32, 2, 7);
        autoChoosesByMultiplyAdds(random, false, 2, 32, 7);
    }

    @Test
    void theBundledOpenBlasRunsEachProductOnOneThread() {
        assertEquals(1, BundledOpenBlas.THREADS, "OpenBLAS's threaded dgemm changes a product's bits with the thread count");
    }

    @Test
    void theUsersChoiceOfLibraryWins() {
        assertEquals(NativeBlasChoice.Source.BUNDLED, NativeBlasChoice.decide(properties()));
        assertEquals(NativeBlasChoice.Source.BUNDLED, NativeBlasChoice.decide(properties(MatrixProducts.PROPERTY, "netlib")));
        assertEquals(NativeBlasChoice.Source.BUNDLED, NativeBlasChoice.decide(properties(NativeBlasChoice.NATIVE_LIB, " ")));
        assertEquals(NativeBlasChoice.Source.USERS_LIBRARY, NativeBlasChoice.decide(properties(NativeBlasChoice.NATIVE_LIB, "libblas.so.3")));
        assertEquals(NativeBlasChoice.Source.USERS_LIBRARY, NativeBlasChoice.decide(properties(NativeBlasChoice.NATIVE_LIB_PATH, "/opt/blas/libblas.so")));
        assertEquals(NativeBlasChoice.Source.NOT_WANTED, NativeBlasChoice.decide(properties(NativeBlasChoice.ALLOW_NATIVE, "FALSE")));
        assertEquals(NativeBlasChoice.Source.NOT_WANTED, NativeBlasChoice.decide(properties(MatrixProducts.PROPERTY, " netlib-java")));
        assertEquals(NativeBlasChoice.Source.USERS_LIBRARY,
                NativeBlasChoice.decide(properties(MatrixProducts.PROPERTY, "netlib-java", NativeBlasChoice.NATIVE_LIB, "libblas.so.3")));
    }

    private static UnaryOperator<String> properties(String... namesAndValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map::get;
    }

    @Test
    void betaZeroIgnoresWhatTheResultHeldOnEveryBackend() {
        for (MatrixProducts backend : MatrixProducts.available()) {
            for (int k : new int[] {0, 3}) {
                DMatrixRMaj a = new DMatrixRMaj(2, k);
                DMatrixRMaj b = new DMatrixRMaj(k, 2);
                Arrays.fill(a.data, 1);
                Arrays.fill(b.data, 1);
                DMatrixRMaj c = new DMatrixRMaj(2, 2);
                Arrays.fill(c.data, Double.NaN);
                backend.gemm(false, false, 1, a, b, 0, c);
                for (double x : c.data) {
                    assertEquals(k, x, backend.name() + " k=" + k);
                }
            }
        }
    }

    /**
     * β = 0 gives the bits that β = 1 gives over zeros, so a backward rule can write a fresh
     * gradient without a pass of zeros first: even a sum of −0 terms (−1·0) is +0, as BLAS's sums
     * start from zero (EJML's gave −0 before).
     */
    @Test
    void betaZeroGivesTheBitsOfBetaOneOverZerosOnEveryBackend() {
        SplittableRandom random = new SplittableRandom(43);
        int[][] shapes = {{2, 2, 3}, {99, 20, 20}, {20, 20, 99}, {99, 1, 20}, {99, 20, 1}, {17, 13, 9}};
        for (MatrixProducts backend : MatrixProducts.available()) {
            for (ProductCase product : ProductCase.everyTranspose(shapes)) {
                boolean ta = product.transposeA();
                boolean tb = product.transposeB();
                DMatrixRMaj a = uniform(random, product.aRows(), product.aCols());
                DMatrixRMaj b = new DMatrixRMaj(product.bRows(), product.bCols());
                Arrays.fill(a.data, -1);
                String what = backend.name() + " " + product;
                DMatrixRMaj c = new DMatrixRMaj(product.rows(), product.cols());
                Arrays.fill(c.data, Double.NaN);
                backend.gemm(ta, tb, 1, a, b, 0, c);
                for (double x : c.data) {
                    assertEquals(0L, Double.doubleToRawLongBits(x), what + ": a sum of -0 terms is +0");
                }
                a = uniform(random, product.aRows(), product.aCols());
                b = uniform(random, product.bRows(), product.bCols());
                DMatrixRMaj overwritten = uniform(random, product.rows(), product.cols());
                DMatrixRMaj accumulated = new DMatrixRMaj(product.rows(), product.cols());
                backend.gemm(ta, tb, 0.75, a, b, 0, overwritten);
                backend.gemm(ta, tb, 0.75, a, b, 1, accumulated);
                assertArrayEquals(accumulated.data, overwritten.data, 0.0, what);
            }
        }
    }

    /**
     * On native code, A·Bᵀ with a small B (at most {@value NetlibProducts#TRANSPOSED_COPY_MAX}
     * values) and at least {@value NetlibProducts#TRANSPOSED_COPY_MIN_ROWS} rows runs as A·(a
     * transposed copy of B): the bits of the product with B transposed beforehand, which at the
     * physics-informed network's hidden layer differ from those of OpenBLAS's own transposed path.
     */
    @Test
    void nativeProductsWithASmallTransposedRightOperandRunOnATransposedCopy() {
        assumeTrue(NetlibProducts.INSTANCE.runsNativeCode(), "netlib runs no native code here");
        SplittableRandom random = new SplittableRandom(47);
        int[][] shapes = {{99, 20, 20}, {16, 20, 20}, {99, 32, 32}, {99, 1, 20}, {99, 20, 1}, {100, 16, 16}};
        for (int[] s : shapes) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            DMatrixRMaj a = uniform(random, m, k);
            DMatrixRMaj b = uniform(random, n, k);
            DMatrixRMaj transposed = new DMatrixRMaj(k, n);
            CommonOps_DDRM.transpose(b, transposed);
            for (double beta : new double[] {0, 1}) {
                DMatrixRMaj start = uniform(random, m, n);
                DMatrixRMaj expected = start.copy();
                DMatrixRMaj actual = start.copy();
                NetlibProducts.INSTANCE.gemm(false, false, 0.75, a, transposed, beta, expected);
                NetlibProducts.INSTANCE.gemm(false, true, 0.75, a, b, beta, actual);
                assertArrayEquals(expected.data, actual.data, 0.0, m + "x" + k + "x" + n + " beta=" + beta);
            }
        }
    }

    /**
     * BLAS reads neither operand when α = 0; EJML multiplied 0 by their NaN, so the backends disagreed.
     * Every transpose flag and a row of NaN among finite values too: native OpenBLAS 0.3.31 multiplied
     * 0 by A·B where β = 0 and neither operand was transposed, so C's rows under A's NaN came out NaN.
     */
    @Test
    void alphaZeroIgnoresTheOperandsOnEveryBackend() {
        for (MatrixProducts backend : MatrixProducts.available()) {
            for (int n : new int[] {2, 40}) {
                for (boolean allNaN : new boolean[] {true, false}) {
                    DMatrixRMaj a = new DMatrixRMaj(n, n);
                    DMatrixRMaj b = new DMatrixRMaj(n, n);
                    if (allNaN) {
                        Arrays.fill(a.data, Double.NaN);
                        Arrays.fill(b.data, Double.POSITIVE_INFINITY);
                    } else {
                        Arrays.fill(a.data, 1.5);
                        Arrays.fill(b.data, -0.5);
                        Arrays.fill(a.data, 0, n, Double.NaN);    // a's first row
                        b.data[n * n - 1] = Double.POSITIVE_INFINITY;
                    }
                    for (boolean ta : new boolean[] {false, true}) {
                        for (boolean tb : new boolean[] {false, true}) {
                            for (double beta : new double[] {0, 1, 0.5}) {
                                DMatrixRMaj c = new DMatrixRMaj(n, n);
                                Arrays.fill(c.data, 3);
                                backend.gemm(ta, tb, 0, a, b, beta, c);
                                for (int i = 0; i < c.data.length; i++) {
                                    assertEquals(3 * beta, c.data[i], backend.name() + " n=" + n + " ta=" + ta + " tb=" + tb
                                            + " beta=" + beta + (allNaN ? " all NaN" : " a NaN row") + ", element " + i);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void badShapesAndAliasingAreNamed() {
        DMatrixRMaj a = new DMatrixRMaj(2, 3);
        DMatrixRMaj b = new DMatrixRMaj(4, 2);
        for (MatrixProducts backend : MatrixProducts.available()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> backend.gemm(false, false, 1, a, b, 0, new DMatrixRMaj(2, 2)));
            assertTrue(e.getMessage().contains("2x3") && e.getMessage().contains("4x2"), e.getMessage());
            DMatrixRMaj square = new DMatrixRMaj(2, 2);
            assertThrows(IllegalArgumentException.class, () -> backend.gemm(false, false, 1, square, square, 0, square));
        }
    }

    @Test
    void autoKeepsTinyProductsInEjmlAndSendsTheRestToNativeCode() {
        assertEquals(EjmlTwinProducts.INSTANCE, AutoProducts.INSTANCE.backendFor(0));
        assertEquals(EjmlTwinProducts.INSTANCE, AutoProducts.INSTANCE.backendFor(AutoProducts.TINY - 1), "8x4 by 4x8 and smaller stay in EJML");
        assertEquals(NetlibProducts.INSTANCE, AutoProducts.INSTANCE.backendFor(AutoProducts.SMALL));
        assertEquals(NetlibProducts.INSTANCE, AutoProducts.INSTANCE.backendFor(Long.MAX_VALUE));
        boolean nativeCode = NetlibProducts.INSTANCE.runsNativeCode();
        assertEquals(MatrixProducts.netlib().name().startsWith("netlib (native "), nativeCode);
        Backend between = nativeCode ? NetlibProducts.INSTANCE : EjmlTwinProducts.INSTANCE;
        assertEquals(between, AutoProducts.INSTANCE.backendFor(AutoProducts.TINY), "native code from " + AutoProducts.TINY + " multiply-adds");
        assertEquals(between, AutoProducts.INSTANCE.backendFor(AutoProducts.SMALL - 1));
    }

    @Test
    void betweenTheThresholdsNetlibsJavaLeavesAProductToEjmlAndNativeCodeTakesIt() {
        NetlibProducts java = NetlibProducts.JAVA;
        assertFalse(java.runsNativeCode(), java.name());
        assertEquals("netlib (pure Java)", java.name());
        assertEquals(EjmlTwinProducts.INSTANCE, AutoProducts.backendFor(AutoProducts.TINY, java));
        assertEquals(EjmlTwinProducts.INSTANCE, AutoProducts.backendFor(AutoProducts.SMALL - 1, java));
        assertEquals(java, AutoProducts.backendFor(AutoProducts.SMALL, java));
        assertEquals(java, AutoProducts.backendFor(Long.MAX_VALUE, java));
        NetlibProducts best = NetlibProducts.INSTANCE;
        Backend between = best.runsNativeCode() ? best : EjmlTwinProducts.INSTANCE;
        assertEquals(between, AutoProducts.backendFor(AutoProducts.TINY, best));
        assertEquals(between, AutoProducts.backendFor(AutoProducts.SMALL - 1, best));
        assertEquals(best, AutoProducts.backendFor(AutoProducts.SMALL, best));
    }

    @Test
    void propertyChoosesTheBackend() {
        assertEquals("ejml", MatrixProducts.named("ejml").name());
        assertTrue(MatrixProducts.named("netlib").name().startsWith("netlib ("));
        assertTrue(MatrixProducts.named("auto").name().startsWith("auto (ejml + netlib ("));
        assertEquals("netlib (pure Java)", MatrixProducts.named("netlib-java").name());
        assertEquals(MatrixProducts.named("auto"), MatrixProducts.current(), "auto is the default");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MatrixProducts.named("cuda"));
        assertTrue(e.getMessage().contains("'cuda'"));
        assertEquals("name", assertThrows(NullPointerException.class, () -> MatrixProducts.named(null)).getMessage());
        assertFalse(MatrixProducts.netlib().name().isEmpty());
    }
}
