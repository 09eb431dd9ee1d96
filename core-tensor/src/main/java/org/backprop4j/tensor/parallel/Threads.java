package org.backprop4j.tensor.parallel;

import java.util.function.UnaryOperator;

/**
 * The number of threads the tensor engine computes on: {@code -Dbackprop4j.threads=N}, by default
 * the machine's available processors ({@link Runtime#availableProcessors()}), at most {@value #MAX}.
 * {@link Workers} splits long element-wise loops, the fused layers' bias and activation passes, the
 * matrix products (in bands of rows, each one one-thread OpenBLAS call), the two independent
 * products of a layer's backward and the optimizers' updates across that many threads (the calling
 * thread and {@code count − 1} parked daemon workers); every result is bit-identical whatever the
 * count. OpenBLAS's own threads stay off: its threaded {@code dgemm} changes the bits of a product
 * with the thread count (see core-tensor's README).
 *
 * <p>The property is read once. A value that is not an integer from 1 to {@value #MAX}, and the
 * properties it replaces ({@code backprop4j.blas.threads}, {@code backprop4j.parallel}), are refused
 * with an {@link IllegalArgumentException} that names them, at every call of {@link #count()}
 * (so at every tensor operation), not once in a class initialiser.
 */
public final class Threads {

    /** The system property with the thread count. */
    public static final String PROPERTY = "backprop4j.threads";

    /** The most threads a count may name; a default above it (a machine with more processors) is cut to it. */
    public static final int MAX = 256;

    /** The properties {@value #PROPERTY} replaces, refused with a message that names it. */
    static final String[] REPLACED = {"backprop4j.blas.threads", "backprop4j.parallel"};

    /** The system properties, by name ({@code null} when unset): what this JVM's count is resolved from. */
    static final UnaryOperator<String> SYSTEM_PROPERTIES = new SystemProperties();

    private static final int COUNT;
    private static final IllegalArgumentException BAD;

    static {
        int count = 0;
        IllegalArgumentException bad = null;
        try {
            count = resolve(SYSTEM_PROPERTIES, Runtime.getRuntime().availableProcessors());
        } catch (IllegalArgumentException e) {
            bad = e;
        }
        COUNT = count;
        BAD = bad;
    }

    private Threads() {
    }

    /**
     * {@link #SYSTEM_PROPERTIES}: a class, not a method reference, as it is made in a fresh JVM's first step,
     * where a lambda's first use spins a class at run time, several times the cost of loading one.
     */
    private static final class SystemProperties implements UnaryOperator<String> {
        @Override
        public String apply(String name) {
            return System.getProperty(name);
        }
    }

    /**
     * How many threads the engine computes on.
     *
     * @return the number of threads the engine computes on, from 1 to {@value #MAX}
     * @throws IllegalArgumentException at every call, if {@value #PROPERTY} is not an integer from 1
     *                                  to {@value #MAX} or a replaced property is set, naming it
     */
    public static int count() {
        if (BAD != null) {
            throw new IllegalArgumentException(BAD.getMessage(), BAD);
        }
        return COUNT;
    }

    /**
     * The thread count the properties give.
     *
     * @param property the system properties, by name ({@code null} when unset)
     * @param processors the available processors, the default
     * @return the count, from 1 to {@value #MAX}
     * @throws IllegalArgumentException if {@value #PROPERTY} is not an integer from 1 to {@value #MAX},
     *                                  or a property it replaced is set
     */
    static int resolve(UnaryOperator<String> property, int processors) {
        for (String replaced : REPLACED) {
            String value = property.apply(replaced);
            if (value != null) {
                throw new IllegalArgumentException(replaced + " is no longer read (it is set to '" + value + "'): use -D"
                        + PROPERTY + "=N, the one thread count for the products and the element-wise loops (N = 1 for one thread)");
            }
        }
        String value = property.apply(PROPERTY);
        if (value == null) {
            return Math.max(1, Math.min(processors, MAX));
        }
        int count;
        try {
            count = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            count = 0;
        }
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException(PROPERTY + " must be an integer from 1 to " + MAX + ", not '" + value + "'");
        }
        return count;
    }
}
