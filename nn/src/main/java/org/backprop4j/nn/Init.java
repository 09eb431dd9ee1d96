package org.backprop4j.nn;

import java.util.SplittableRandom;

/** How a layer's first parameters are drawn. */
public enum Init {
    /** The original's: every weight and bias uniform in [−1, 1). */
    UNIFORM {
        @Override
        double weight(SplittableRandom random, int nin, int nout) {
            return random.nextDouble(-1, 1);
        }

        @Override
        double bias(SplittableRandom random) {
            return random.nextDouble(-1, 1);
        }
    },
    /** Glorot/Xavier uniform, for wide layers: weights uniform in ±√(6 / (nin + nout)), biases 0. */
    GLOROT {
        @Override
        double weight(SplittableRandom random, int nin, int nout) {
            double limit = Math.sqrt(6.0 / (nin + nout));
            return random.nextDouble(-limit, limit);
        }

        @Override
        double bias(SplittableRandom random) {
            return 0.0;
        }
    };

    abstract double weight(SplittableRandom random, int nin, int nout);

    abstract double bias(SplittableRandom random);
}
