package org.backprop4j.tensor.kernels;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The Vector API lanes once they are compiled, their scalar twins until then: both give the same
 * bits, so only the speed tells them apart. Vector API code runs hundreds of times slower until C2
 * has compiled it (the first call of a cold {@code tanh} over 4,096 values took half a second
 * here, steady speed came after about 4 s), so these loops start on the twins while a
 * {@link WarmUp} runs the lanes on a background thread, and switch to the lanes when it finds
 * them faster; if it never does (a JVM that cannot compile them), the twins stay.
 */
final class SwitchingLoops implements KernelLoops {

    /** What {@link #name()} says while the lanes are not yet built. */
    static final String NOT_YET_BUILT = "Vector API (warming up)";

    /** Builds the lanes; null when they were given. */
    private final Supplier<KernelLoops> buildLanes;
    private final KernelLoops twins;

    /** The lanes, once built; null until then. */
    private volatile KernelLoops lanes;

    /** Whether the lanes run; set once, when the warm-up finds them compiled. */
    private volatile boolean onLanes;

    /** The thread running this instance's warm-up, or null if none was started. */
    private Thread warmUpThread;

    /**
     * @param lanes the loops to run once compiled; their name is {@code "… (…)"}
     * @param twins the loops that give the same bits meanwhile
     */
    SwitchingLoops(KernelLoops lanes, KernelLoops twins) {
        this((Supplier<KernelLoops>) null, twins);
        this.lanes = Objects.requireNonNull(lanes, "lanes");
    }

    private SwitchingLoops(Supplier<KernelLoops> buildLanes, KernelLoops twins) {
        this.buildLanes = buildLanes;
        this.twins = Objects.requireNonNull(twins, "twins");
    }

    /**
     * Loops that run {@link ScalarTwins} until a warm-up on the system clock, started now on its
     * own thread, finds the lanes faster (within a minute), and the lanes from then on. The thread
     * first waits {@value WarmUp#DELAY_MILLIS} ms, then builds the lanes (loading the Vector API's
     * classes there, not on the caller's thread) and warms them up; if they cannot be built, the
     * twins stay.
     *
     * @param buildLanes builds the Vector API loops
     * @return the loops, warming up
     */
    static SwitchingLoops warmingUp(Supplier<KernelLoops> buildLanes) {
        SwitchingLoops loops = new SwitchingLoops(Objects.requireNonNull(buildLanes, "buildLanes"), ScalarTwins.INSTANCE);
        loops.warmUpThread = WarmUp.start(new Background(loops));
        return loops;
    }

    /**
     * What the thread of {@link #warmingUp} runs: waits, builds the lanes, warms them up. A class, not a lambda,
     * as it is made in a fresh JVM's first step, where a lambda's first use spins a class at run time, several
     * times the cost of loading one.
     */
    private static final class Background implements Runnable {
        private final SwitchingLoops loops;

        Background(SwitchingLoops loops) {
            this.loops = loops;
        }

        @Override
        public void run() {
            WarmUp.pause(WarmUp.DELAY_MILLIS);
            KernelLoops lanes;
            try {
                lanes = loops.lanesOnly();
            } catch (RuntimeException | LinkageError e) {
                return;
            }
            loops.warmUp(new WarmUp(lanes, ScalarTwins.INSTANCE, WarmUp.exercises(), System::nanoTime, WarmUp.LIMIT_NANOS));
        }
    }

    /** Runs the warm-up here and now; switches to the lanes if they win it. */
    void warmUp(WarmUp warmUp) {
        if (warmUp.lanesWin()) {
            useLanes();
        }
    }

    /** Runs the lanes from now on: what a warm-up calls once it has found them compiled. */
    void useLanes() {
        lanesOnly();
        onLanes = true;
    }

    /** @return the thread running the warm-up that {@link #warmingUp} started, or null */
    Thread warmUpThread() {
        return warmUpThread;
    }

    /**
     * @return the lanes' name, e.g. {@code "Vector API (8 lanes)"}, or {@code "Vector API (8 lanes, warming up)"}
     *         while the twins run, {@value #NOT_YET_BUILT} before the lanes are built
     */
    @Override
    public String name() {
        KernelLoops built = lanes;
        if (built == null) {
            return NOT_YET_BUILT;
        }
        String name = built.name();
        return onLanes ? name : name.substring(0, name.length() - 1) + ", warming up)";
    }

    /** @return the lanes, built now (on this thread) if they were not yet */
    @Override
    public KernelLoops lanesOnly() {
        KernelLoops built = lanes;
        if (built == null) {
            synchronized (this) {
                built = lanes;
                if (built == null) {
                    built = Objects.requireNonNull(buildLanes.get(), "the built lanes");
                    lanes = built;
                }
            }
        }
        return built;
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

    @Override
    public void addColumnSums(double[] m, int from, double[] row, int rows, int cols) {
        running().addColumnSums(m, from, row, rows, cols);
    }

    @Override
    public void biasActivationBackward(Activation activation, double[] g, double[] y, double[] gz, double[] biasGrad, int rows,
                                       int cols) {
        running().biasActivationBackward(activation, g, y, gz, biasGrad, rows, cols);
    }

    @Override
    public boolean finiteAfterDescent(double[] values, double[] gradients, double rate, int from, int to) {
        return running().finiteAfterDescent(values, gradients, rate, from, to);
    }
}
