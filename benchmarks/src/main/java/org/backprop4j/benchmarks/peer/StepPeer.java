package org.backprop4j.benchmarks.peer;

import java.io.IOException;
import java.util.List;
import org.backprop4j.benchmarks.step.Side;

/**
 * A child process that runs a configuration's training steps when asked: the Java step server
 * ({@link JavaPeer}, the scalar engine, the tensor engine and its roofline) or the PyTorch script
 * ({@link PyTorch}). The interleaved timing speaks to both through this one interface.
 */
public interface StepPeer extends AutoCloseable {

    /**
     * The sides this peer runs.
     *
     * @return its sides, in the order they warm up
     */
    List<Side> sides();

    /**
     * How long this peer's sides need to warm up at most: a JVM's until its JIT has compiled the step
     * (no limit), PyTorch's only until its first calls are behind it.
     *
     * @return the longest warm-up worth giving each side, in ms
     */
    long warmUpLimitMillis();

    /**
     * Runs one side's step for about {@code millis} ms.
     *
     * @param side one of {@link #sides()}
     * @param millis about how long to step
     * @return how many steps ran and how long they took
     * @throws IOException if the child fails or does not run that side
     */
    Warm warm(Side side, long millis) throws IOException;

    /**
     * Times a number of one side's steps.
     *
     * @param side one of {@link #sides()}
     * @param steps how many steps
     * @return their time and, where the peer measures it, the bytes they allocated
     * @throws IOException if the child fails or does not run that side
     */
    Timed time(Side side, long steps) throws IOException;

    /** Ends the child. */
    @Override
    void close();

    /**
     * What a warm-up turn ran.
     *
     * @param steps how many steps
     * @param nanos how long they took
     */
    record Warm(long steps, long nanos) {

        /**
         * The mean step time of the turn.
         *
         * @return nanos / steps
         */
        public double nanosPerStep() {
            return (double) nanos / steps;
        }
    }

    /**
     * What a timed run of steps measured.
     *
     * @param nanos how long the steps took
     * @param bytes the bytes they allocated, or NaN where the peer does not count them
     */
    record Timed(long nanos, double bytes) {
    }
}
