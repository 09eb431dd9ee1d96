package org.backprop4j.tensor.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The switch from the scalar twins to the lanes: before it every call goes to the twins and the name
 * says the lanes are warming up; once the warm-up reports them compiled, every call goes to the
 * lanes. The warm-up thread that the kernels start.
 */
class SwitchingLoopsTest {

    private static final String LANES = "Vector API (3 lanes)";

    /** Calls every loop once, with arguments that tell the calls apart. */
    private static void callEveryLoop(KernelLoops loops) {
        double[] x = new double[12];
        loops.tanh(x, x, 1, 2);
        loops.sigmoid(x, x, 2, 4);
        loops.exp(x, x, 3, 6);
        loops.log(x, x, 4, 8);
        loops.biasTanh(x, x, 2, 5);
        loops.biasSigmoid(x, x, 3, 4);
    }

    private static final List<RecordingLoops.Call> EVERY_LOOP = List.of(
            new RecordingLoops.Call("tanh", 1, 2, 1),
            new RecordingLoops.Call("sigmoid", 2, 4, 2),
            new RecordingLoops.Call("exp", 3, 6, 3),
            new RecordingLoops.Call("log", 4, 8, 4),
            new RecordingLoops.Call("biasTanh", 2, 5, 10),
            new RecordingLoops.Call("biasSigmoid", 3, 4, 12));

    @Test
    void theTwinsRunUntilTheLanesAreReportedCompiledThenTheLanes() {
        RecordingLoops lanes = new RecordingLoops(LANES);
        RecordingLoops twins = new RecordingLoops("twins");
        SwitchingLoops loops = new SwitchingLoops(lanes, twins);
        assertEquals("Vector API (3 lanes, warming up)", loops.name());
        callEveryLoop(loops);
        assertEquals(EVERY_LOOP, twins.calls());
        assertEquals(List.of(), lanes.calls());

        loops.useLanes();
        assertEquals(LANES, loops.name());
        callEveryLoop(loops);
        assertEquals(EVERY_LOOP, lanes.calls());
        assertEquals(EVERY_LOOP, twins.calls(), "no more calls to the twins");
        assertSame(lanes, loops.lanesOnly());
        assertNull(loops.warmUpThread(), "no warm-up was started");
    }

    @Test
    void aWarmUpTheLanesLoseLeavesTheTwinsAndOneTheyWinSwitches() {
        AtomicLong clock = new AtomicLong(1_000);
        List<Consumer<KernelLoops>> exercise = List.of(l -> l.exp(new double[1], new double[1], 0, 1));

        RecordingLoops slowLanes = new RecordingLoops(LANES, clock, 2);
        RecordingLoops twins = new RecordingLoops("twins", clock, 1);
        SwitchingLoops lost = new SwitchingLoops(slowLanes, twins);
        lost.warmUp(new WarmUp(slowLanes, twins, exercise, clock::get, 1_000));
        assertEquals("Vector API (3 lanes, warming up)", lost.name());
        int before = twins.calls().size();
        callEveryLoop(lost);
        assertEquals(EVERY_LOOP, twins.calls().subList(before, twins.calls().size()), "the twins still run");

        RecordingLoops fastLanes = new RecordingLoops(LANES, clock, 0);
        SwitchingLoops won = new SwitchingLoops(fastLanes, twins);
        won.warmUp(new WarmUp(fastLanes, twins, exercise, clock::get, 1_000));
        assertEquals(LANES, won.name());
        before = fastLanes.calls().size();
        callEveryLoop(won);
        assertEquals(EVERY_LOOP, fastLanes.calls().subList(before, fastLanes.calls().size()), "the lanes run");
    }

    /** Lanes that do nothing but count their calls: they beat the real twins at once, and keep no memory. */
    private static final class CountingLanes implements KernelLoops {

        private final java.util.concurrent.ConcurrentHashMap<String, AtomicLong> counts = new java.util.concurrent.ConcurrentHashMap<>();

        long count(String method) {
            return counts.getOrDefault(method, new AtomicLong()).get();
        }

        private void called(String method) {
            counts.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
        }

        @Override
        public String name() {
            return LANES;
        }

        @Override
        public void tanh(double[] x, double[] y, int from, int to) {
            called("tanh");
        }

        @Override
        public void sigmoid(double[] x, double[] y, int from, int to) {
            called("sigmoid");
        }

        @Override
        public void exp(double[] x, double[] y, int from, int to) {
            called("exp");
        }

        @Override
        public void log(double[] x, double[] y, int from, int to) {
            called("log");
        }

        @Override
        public void biasTanh(double[] bias, double[] z, int rows, int cols) {
            called("biasTanh");
        }

        @Override
        public void biasSigmoid(double[] bias, double[] z, int rows, int cols) {
            called("biasSigmoid");
        }
    }

    @Test
    void theKernelsWarmUpOnADaemonThreadAtTheLowestPriorityAndSwitch() throws InterruptedException {
        CountingLanes lanes = new CountingLanes();
        SwitchingLoops loops = SwitchingLoops.warmingUp(() -> lanes);
        Thread thread = loops.warmUpThread();
        assertEquals("backprop4j-vector-warm-up", thread.getName());
        assertTrue(thread.isDaemon());
        assertEquals(Thread.MIN_PRIORITY, thread.getPriority());
        thread.join(60_000);
        assertEquals(Thread.State.TERMINATED, thread.getState(), "the warm-up was started and ended");
        assertEquals(LANES, loops.name());
        long warmUpCalls = lanes.count("biasSigmoid");
        assertTrue(warmUpCalls >= WarmUp.ROUNDS_IN_A_ROW * WarmUp.RUNS_PER_TIMING, "the warm-up ran the lanes: " + warmUpCalls);
        List<String> methods = List.of("tanh", "sigmoid", "exp", "log", "biasTanh", "biasSigmoid");
        long[] before = methods.stream().mapToLong(lanes::count).toArray();
        callEveryLoop(loops);
        for (int i = 0; i < methods.size(); i++) {
            assertEquals(before[i] + 1, lanes.count(methods.get(i)), methods.get(i) + " runs on the lanes");
        }
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
        double[] x = {0.5, -2.0};
        double[] y = new double[2];
        loops.tanh(x, y, 0, 2);
        double[] expected = new double[2];
        ScalarTwins.INSTANCE.tanh(x, expected, 0, 2);
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(y), "the twins still run");
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
        RecordingLoops loops = new RecordingLoops(LANES);
        assertEquals("lanes", assertThrows(NullPointerException.class, () -> new SwitchingLoops(null, loops)).getMessage());
        assertEquals("twins", assertThrows(NullPointerException.class, () -> new SwitchingLoops(loops, null)).getMessage());
    }
}
