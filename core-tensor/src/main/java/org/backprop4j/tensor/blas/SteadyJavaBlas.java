package org.backprop4j.tensor.blas;

import dev.ludovic.netlib.blas.JavaBLAS;
import java.lang.reflect.Method;

/**
 * netlib's Java BLAS whose {@code dgemm} gives the same bits on every call: its scalar
 * implementation ({@code Java11BLAS}: fused multiply-adds, {@code Math.fma}, in a fixed order),
 * never its Vector API one ({@code VectorBLAS}), which {@link JavaBLAS#getInstance()} returns when
 * the JVM runs with {@code --add-modules jdk.incubator.vector}.
 *
 * <p>{@code VectorBLAS}'s dgemm sums each dot product's lanes with
 * {@code DoubleVector.reduceLanes(ADD)}, whose order of additions the Vector API leaves open: on
 * JDK 25 the interpreter's and C1's fallback add the lanes in one order and C2's intrinsic in
 * another, so the same product changes its last bits as the JIT compiles the code (2,000 identical
 * 192×128 by 128×128 calls gave 3 distinct results, the first call's its own). {@code Java11BLAS}
 * has no reduction: each element is a chain of {@code Math.fma}, which Java specifies exactly,
 * so the interpreter, C1 and C2 agree. On JDK 17 {@code VectorBLAS} happened to give one result,
 * but that is C2's implementation choice, not a promise, so it is not used there either.
 *
 * <p>netlib 3.2.0 declares {@code Java11BLAS} package-private, with a public static
 * {@code getInstance()}; it is reached by reflection, which a netlib release that renamed or
 * removed it would break. That is checked when netlib is upgraded: {@code MatrixProductsTest}
 * asserts that netlib's Java products run on it. Should reflection fail at run time (a netlib
 * without the class, or one that does not open its package), netlib's own choice runs instead.
 */
final class SteadyJavaBlas {

    /** The class this library runs netlib's Java products on. */
    static final String CLASS = "dev.ludovic.netlib.blas.Java11BLAS";

    private SteadyJavaBlas() {
    }

    /**
     * netlib's scalar Java BLAS ({@value #CLASS}), or, if it cannot be reached, what
     * {@link JavaBLAS#getInstance()} gives, with one warning (see {@link #of(String)}).
     *
     * @return a Java BLAS
     */
    static JavaBLAS get() {
        return of(CLASS);
    }

    /**
     * The netlib Java BLAS that the class {@code className}'s static {@code getInstance()} gives, or, if
     * that cannot be called, what {@link JavaBLAS#getInstance()} gives, with one warning on the
     * {@code System.Logger} named {@value NetlibProducts#LOGGER} that its bits may change from call to call.
     *
     * @param className the binary name of a class in netlib's package
     * @return a Java BLAS
     */
    static JavaBLAS of(String className) {
        try {
            Method getInstance = Class.forName(className, true, JavaBLAS.class.getClassLoader()).getMethod("getInstance");
            getInstance.setAccessible(true);
            return (JavaBLAS) getInstance.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            JavaBLAS fallback = JavaBLAS.getInstance();
            NetlibProducts.warn("backprop4j: netlib's scalar Java BLAS (" + className + ") could not be reached (" + e
                    + "); netlib's Java products run on netlib's own choice instead (" + fallback.getClass().getSimpleName()
                    + "), which may not give the same bits on every call");
            return fallback;
        }
    }
}
