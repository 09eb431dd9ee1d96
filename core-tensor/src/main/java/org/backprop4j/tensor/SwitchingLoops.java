package org.backprop4j.tensor;

import java.util.Objects;

/**
 * The Vector API lanes once they are compiled, their scalar twins until then: both give the same
 * bits, so only the speed tells them apart. Vector API code runs hundreds of times slower until C2
 * has compiled it (the first call of a cold {@code tanh} over 4,096 values took half a second
 * here, steady speed came after about 4 s), so these loops start on the twins while a
 * {@link WarmUp} runs the lanes on a background thread, and switch to the lanes when it finds
 * them faster; if it never does (a JVM that cannot compile them), the twins stay.
 */
final class SwitchingLoops implements KernelLoops {

    private final KernelLoops lanes;
    private final KernelLoops twins;

    /** Whether the lanes run; set once, when the warm-up finds them compiled. */
    private volatile boolean onLanes;

    /** The thread running this instance's warm-up, or null if none was started. */
    private Thread warmUpThread;

    /**
     * @param lanes the loops to run once compiled; their name is {@code "… (…)"}
     * @param twins the loops that give the same bits meanwhile
     */
    SwitchingLoops(KernelLoops lanes, KernelLoops twins) {
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        this.twins = Objects.requireNonNull(twins, "twins");
    }

    /**
     * Loops that run {@link ScalarTwins} until a warm-up on the system clock, started now on its
     * own thread, finds the lanes faster (within a minute), and the lanes from then on.
     *
     * @param lanes the Vector API loops
     * @return the loops, warming up
     */
    static SwitchingLoops warmingUp(KernelLoops lanes) {
        SwitchingLoops loops = new SwitchingLoops(lanes, ScalarTwins.INSTANCE);
        WarmUp warmUp = new WarmUp(lanes, ScalarTwins.INSTANCE, WarmUp.exercises(), System::nanoTime, WarmUp.LIMIT_NANOS);
        loops.warmUpThread = WarmUp.start(() -> loops.warmUp(warmUp));
        return loops;
    }

    /** Runs the warm-up here and now; switches to the lanes if they win it. */
    void warmUp(WarmUp warmUp) {
        if (warmUp.lanesWin()) {
            useLanes();
        }
    }

    /** Runs the lanes from now on: what a warm-up calls once it has found them compiled. */
    void useLanes() {
        onLanes = true;
    }

    /** @return the thread running the warm-up that {@link #warmingUp} started, or null */
    Thread warmUpThread() {
        return warmUpThread;
    }

    /** @return the lanes' name, e.g. {@code "Vector API (8 lanes)"}, or {@code "Vector API (8 lanes, warming up)"} while the twins run */
    @Override
    public String name() {
        String name = lanes.name();
        return onLanes ? name : name.substring(0, name.length() - 1) + ", warming up)";
    }

    @Override
    public KernelLoops lanesOnly() {
        return lanes;
    }

    private KernelLoops running() {
        return onLanes ? lanes : twins;
    }

    @Override
    public void tanh(double[] x, double[] y, int from, int to) {
        running().tanh(x, y, from, to);
    }

    @Override
    public void sigmoid(double[] x, double[] y, int from, int to) {
        running().sigmoid(x, y, from, to);
    }

    @Override
    public void exp(double[] x, double[] y, int from, int to) {
        running().exp(x, y, from, to);
    }

    @Override
    public void log(double[] x, double[] y, int from, int to) {
        running().log(x, y, from, to);
    }

    @Override
    public void biasTanh(double[] bias, double[] z, int rows, int cols) {
        running().biasTanh(bias, z, rows, cols);
    }

    @Override
    public void biasSigmoid(double[] bias, double[] z, int rows, int cols) {
        running().biasSigmoid(bias, z, rows, cols);
    }
}
