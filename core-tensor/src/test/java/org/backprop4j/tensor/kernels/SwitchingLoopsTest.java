package org.backprop4j.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What a user of the switching loops can see: the same bits before and after the switch, a name that
 * says whether the lanes are still warming up, a warm-up on a daemon thread at the lowest priority
 * that switches when the lanes win and leaves the twins when they lose or cannot be built.
 */
class SwitchingLoopsTest {

    private static final String LANES = "Vector API (3 lanes)";

    /** Every loop over seeded values, whole rows and a partial range: the bits each gives. */
    private static double[] everyLoop(KernelLoops loops) {
        SplittableRandom random = new SplittableRandom(3);
        double[] x = random.doubles(60, -6, 6).toArray();
        double[] bias = random.doubles(12, -1, 1).toArray();
        double[] out = new double[6 * 60 + 12 + 2 + 60 + 12];
        double[] y = new double[60];
        loops.tanh(x, y, 3, 57);
        System.arraycopy(y, 0, out, 0, 60);
        loops.sigmoid(x, y, 0, 60);
        System.arraycopy(y, 0, out, 60, 60);
        loops.exp(x, y, 5, 60);
        System.arraycopy(y, 0, out, 120, 60);
        loops.log(y, y, 5, 60);
        System.arraycopy(y, 0, out, 180, 60);
        double[] z = x.clone();
        loops.biasTanh(bias, z, 5, 12);
        System.arraycopy(z, 0, out, 240, 60);
        z = x.clone();
        loops.biasSigmoid(bias, z, 5, 12);
        System.arraycopy(z, 0, out, 300, 60);
        double[] sums = bias.clone();
        loops.addColumnSums(z, 0, sums, 5, 12);
        System.arraycopy(sums, 0, out, 360, 12);
        out[372] = loops.finiteAfterDescent(x, z, 0.5, 0, 60) ? 1 : 0;
        out[373] = loops.finiteAfterDescent(x, new double[] {Double.NaN}, 0.5, 0, 1) ? 1 : 0;
        double[] gz = new double[60];
        double[] biasGrad = bias.clone();
        loops.biasActivationBackward(Activation.TANH, x, z, gz, biasGrad, 5, 12);
        System.arraycopy(gz, 0, out, 374, 60);
        System.arraycopy(biasGrad, 0, out, 434, 12);
        return out;
    }

    @Test
    void theSameBitsBeforeAndAfterTheSwitchAndANameThatSaysWhichRuns() {
        AtomicLong clock = new AtomicLong();
        SwitchingLoops loops = new SwitchingLoops(new TimedLoops(LANES, clock, 0), ScalarTwins.INSTANCE);
        double[] expected = everyLoop(ScalarTwins.INSTANCE);
        assertEquals("Vector API (3 lanes, warming up)", loops.name());
        assertArrayEquals(expected, everyLoop(loops));
        loops.useLanes();
        assertEquals(LANES, loops.name());
        assertArrayEquals(expected, everyLoop(loops));
        assertEquals(LANES, loops.lanesOnly().name());
        assertNull(loops.warmUpThread(), "no warm-up was started");
    }

    @Test
    void aWarmUpTheLanesLoseLeavesThemWarmingUpAndOneTheyWinSwitches() {
        AtomicLong clock = new AtomicLong(1_000);
        List<Consumer<KernelLoops>> exercise = List.of(l -> l.exp(new double[1], new double[1], 0, 1));
        TimedLoops twins = new TimedLoops("twins", clock, 1);

        TimedLoops slowLanes = new TimedLoops(LANES, clock, 2);
        SwitchingLoops lost = new SwitchingLoops(slowLanes, twins);
        lost.warmUp(new WarmUp(slowLanes, twins, exercise, clock::get, 1_000));
        assertEquals("Vector API (3 lanes, warming up)", lost.name());

        TimedLoops fastLanes = new TimedLoops(LANES, clock, 0);
        SwitchingLoops won = new SwitchingLoops(fastLanes, twins);
        won.warmUp(new WarmUp(fastLanes, twins, exercise, clock::get, 1_000));
        assertEquals(LANES, won.name());
        assertArrayEquals(everyLoop(ScalarTwins.INSTANCE), everyLoop(won));
    }

    /** Lanes that compute nothing, so they beat the real twins on the system clock at once. */
    private static final class IdleLanes implements KernelLoops {
        @Override
        public String name() {
            return LANES;
        }

        @Override
        public void tanh(double[] x, double[] y, int from, int to) {
        }

        @Override
        public void sigmoid(double[] x, double[] y, int from, int to) {
        }

        @Override
        public void exp(double[] x, double[] y, int from, int to) {
        }

        @Override
        public void log(double[] x, double[] y, int from, int to) {
        }

        @Override
        public void biasTanh(double[] bias, double[] z, int rows, int cols) {
        }

        @Override
        public void biasSigmoid(double[] bias, double[] z, int rows, int cols) {
        }

        @Override
        public void addColumnSums(double[] m, int from, double[] row, int rows, int cols) {
        }

        @Override
        public void biasActivationBackward(Activation activation, double[] g, double[] y, double[] gz, double[] biasGrad,
                                           int rows, int cols) {
        }

        @Override
        public boolean finiteAfterDescent(double[] values, double[] gradients, double rate, int from, int to) {
            return true;
        }
    }

    @Test
    void theWarmUpRunsOnADaemonThreadAtTheLowestPriorityAndSwitches() throws InterruptedException {
        SwitchingLoops loops = SwitchingLoops.warmingUp(IdleLanes::new);
        Thread thread = loops.warmUpThread();
        assertEquals("backprop4j-vector-warm-up", thread.getName());
        assertTrue(thread.isDaemon());
        assertEquals(Thread.MIN_PRIORITY, thread.getPriority());
        thread.join(60_000);
        assertEquals(Thread.State.TERMINATED, thread.getState(), "the warm-up was started and ended");
        assertEquals(LANES, loops.name(), "lanes that cost nothing beat the real twins");
    }

    @Test
    void theLanesAreBuiltOnTheWarmUpThreadAndTheTwinsStayIfTheyCannotBe() throws InterruptedException {
        Thread[] builtOn = new Thread[1];
        SwitchingLoops loops = SwitchingLoops.warmingUp(() -> {
            builtOn[0] = Thread.currentThread();
            throw new IllegalStateException("no lanes here");
        });
        Thread thread = loops.warmUpThread();
        thread.join();
        assertSame(thread, builtOn[0], "the lanes were to be built on the warm-up thread");
        assertEquals(SwitchingLoops.NOT_YET_BUILT, loops.name());
        assertArrayEquals(everyLoop(ScalarTwins.INSTANCE), everyLoop(loops), "the twins still run");
        assertEquals("buildLanes", assertThrows(NullPointerException.class, () -> SwitchingLoops.warmingUp(null)).getMessage());
    }

    @Test
    void theKernelsLoopsOnTheVectorApiAreWarmingUpOnTheirOwnThread() {
        assumeTrue(FastMath.simd(), "the kernels run on the Vector API only in a JVM that has it");
        SwitchingLoops loops = (SwitchingLoops) FastMath.loops();
        Thread thread = loops.warmUpThread();
        assertEquals("backprop4j-vector-warm-up", thread.getName());
        assertTrue(thread.isDaemon());
        assertEquals(Thread.MIN_PRIORITY, thread.getPriority());
        assertTrue(thread.getState() != Thread.State.NEW, "started");
        assertTrue(loops.lanesOnly().name().matches("Vector API \\(\\d+ lanes\\)"), loops.lanesOnly().name());
    }

    @Test
    void nullLoopsAreRefused() {
        TimedLoops loops = new TimedLoops(LANES, new AtomicLong(), 0);
        assertEquals("lanes", assertThrows(NullPointerException.class, () -> new SwitchingLoops(null, loops)).getMessage());
        assertEquals("twins", assertThrows(NullPointerException.class, () -> new SwitchingLoops(loops, null)).getMessage());
    }
}
