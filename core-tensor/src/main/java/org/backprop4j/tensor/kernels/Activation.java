package org.backprop4j.tensor.kernels;

/**
 * The activations of the tensor engine, each with the one scalar statement of its formula and of
 * its derivative: the loops of {@link FastMath} (forward, backward and the fused layer pass) call
 * these methods, so a formula is written here and nowhere else. (The Vector API lanes compute the
 * same sigmoid formula on vectors, and tanh's two forms with a shorter Padé approximant below
 * |x| = 0.6, and their scalar twins one value at a time, on an exp of their own; the tests hold both
 * within 2 ulp of StrictMath.) The derivative is written with the
 * output y = act(z), as a backward pass has it.
 */
public enum Activation {
    /** y = z; ∂y/∂z = 1. */
    IDENTITY {
        @Override
        public double apply(double z) {
            return z;
        }

        @Override
        public double derivative(double y) {
            return 1.0;
        }
    },
    /** y = tanh z ({@link FastMath#tanh(double)}); ∂y/∂z = 1 − y². */
    TANH {
        @Override
        public double apply(double z) {
            return tanh(z);
        }

        @Override
        public double derivative(double y) {
            return tanhDerivative(y);
        }
    },
    /** y = σ(z) = 1/(1 + e⁻ᶻ) ({@link FastMath#sigmoid(double)}); ∂y/∂z = y(1 − y). */
    SIGMOID {
        @Override
        public double apply(double z) {
            return sigmoid(z);
        }

        @Override
        public double derivative(double y) {
            return sigmoidDerivative(y);
        }
    },
    /** y = max(0, z) (NaN stays NaN, −0 stays −0); ∂y/∂z = 1 where y &gt; 0, else 0. */
    RELU {
        @Override
        public double apply(double z) {
            return relu(z);
        }

        @Override
        public double derivative(double y) {
            return y > 0 ? 1.0 : 0.0;
        }
    };

    /** Below |x| = 1 tanh is the Padé approximant, from 1 on 1 − 2/(e^{2|x|} + 1). */
    static final double PADE_LIMIT = 1.0;

    /** Below |x| = 2⁻²⁷, tanh x = x in double precision. */
    static final double TANH_TINY = 0x1p-27;

    private static final double SATURATION = 22.0;

    /**
     * y = act(z).
     *
     * @param z the pre-activation
     * @return the activation of z
     */
    public abstract double apply(double z);

    /**
     * act'(z), written with the output y = act(z).
     *
     * @param y the output of this activation
     * @return the derivative at the input that gave y
     */
    public abstract double derivative(double y);

    /**
     * tanh x: for |x| &lt; 1 the [11/10] Padé approximant x − x·z·C(z)/Q(z), z = x² (x itself below
     * 2⁻²⁷); for 1 ≤ |x| ≤ 22, ±(1 − 2/(e^{2|x|} + 1)) on {@link Math#exp}; beyond, ±1.
     */
    static double tanh(double x) {
        double a = Math.abs(x);
        if (a < PADE_LIMIT) {
            return tanhBelowOne(x);
        }
        if (a > SATURATION) {
            return Math.copySign(1.0, x);
        }
        double e = Math.exp(2 * a);
        return Math.copySign(1.0 - 2.0 / (e + 1.0), x);
    }

    /**
     * tanh x for |x| &lt; 1, the branch every scalar form shares: x itself below 2⁻²⁷, else the
     * [11/10] Padé approximant x − x·z·C(z)/Q(z), z = x², evaluated by Horner's rule.
     */
    static double tanhBelowOne(double x) {
        if (Math.abs(x) < TANH_TINY) {
            return x;
        }
        double z = x * x;
        double q = ((((z + 1485) * z + 315315) * z + 18918900) * z + 310134825) * z + 654729075;
        double c = (((z + 1430) * z + 289575) * z + 16081065) * z + 218243025;
        return x - x * z * c / q;
    }

    /** σ(x): 1/(1 + e⁻ˣ) for x ≥ 0 and eˣ/(1 + eˣ) below, so nothing overflows. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** max(0, x), NaN and −0 kept. */
    static double relu(double x) {
        return x < 0 ? 0.0 : x;
    }

    /** tanh' = 1 − y², y = tanh x. */
    static double tanhDerivative(double y) {
        return 1 - y * y;
    }

    /** σ' = y(1 − y), y = σ(x). */
    static double sigmoidDerivative(double y) {
        return y * (1 - y);
    }
}
