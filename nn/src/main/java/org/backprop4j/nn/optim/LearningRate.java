package org.backprop4j.nn.optim;

/** A learning rate that may change with the step number: a schedule. */
@FunctionalInterface
public interface LearningRate {

    /**
     * The learning rate at a step.
     *
     * @param step the step, counted from 0
     * @return the learning rate at that step
     */
    double at(int step);

    /**
     * A constant learning rate.
     *
     * @param rate the rate
     * @return the same rate at every step from 0 (a negative step is refused); its {@code toString} is
     *         {@code constant <rate>}
     * @throws IllegalArgumentException if the rate is not finite and positive
     */
    static LearningRate constant(double rate) {
        check(rate, "rate");
        return new LearningRate() {
            @Override
            public double at(int step) {
                checkStep(step);
                return rate;
            }

            @Override
            public String toString() {
                return "constant " + rate;
            }
        };
    }

    /**
     * A straight line from {@code from} at step 0 to {@code to} at step {@code steps}, then
     * {@code to}: micrograd's moons demo uses {@code linear(1.0, 0.1, 100)}, i.e. 1.0 − 0.9·k/100.
     *
     * @param from the first rate
     * @param to the last rate
     * @param steps the length of the ramp, at least 1
     * @return the schedule, which refuses a negative step; its {@code toString} is {@code linear <from> → <to> over <steps> steps}
     */
    static LearningRate linear(double from, double to, int steps) {
        check(from, "from");
        check(to, "to");
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        return new LearningRate() {
            @Override
            public double at(int step) {
                checkStep(step);
                return step >= steps ? to : from + (to - from) * step / steps;
            }

            @Override
            public String toString() {
                return "linear " + from + " → " + to + " over " + steps + " steps";
            }
        };
    }

    private static void checkStep(int step) {
        if (step < 0) {
            throw new IllegalArgumentException("a schedule starts at step 0, got step " + step);
        }
    }

    private static void check(double rate, String name) {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException(name + " must be finite and positive, got " + rate);
        }
    }
}
