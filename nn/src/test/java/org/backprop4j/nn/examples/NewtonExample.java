package org.backprop4j.nn.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.backprop4j.scalar.Value;

/**
 * Newton's method on Rosenbrock's function f(x, y) = (1 − x)² + 100 (y − x²)², whose minimum is f = 0
 * at (1, 1), from the classic start (−1.2, 1). Each step takes the gradient with {@code gradients} and
 * the Hessian with {@code gradients} of {@code gradients} (on the scalar engine, no hand-written
 * derivative), and moves to (x, y) − H⁻¹ ∇f. Pure Newton does not go downhill at every step (f
 * rises twice on the way), but once near the minimum the distance to (1, 1) roughly squares from one
 * step to the next: quadratic convergence, exactly (1, 1) after seven steps.
 * Run: {@code mvn -q -pl nn -am test-compile exec:exec -Dexample=Newton}.
 */
public final class NewtonExample {

    private NewtonExample() {
    }

    /**
     * One iterate.
     *
     * @param step its number, 0 for the start
     * @param x the first coordinate
     * @param y the second coordinate
     * @param f f(x, y)
     * @param gradientNorm |∇f(x, y)|
     * @param distance the distance to the minimum (1, 1)
     * @param hessian the Hessian there, row-major: f_xx, f_xy, f_yx, f_yy
     */
    public record Step(int step, double x, double y, double f, double gradientNorm, double distance, double[] hessian) {
    }

    /**
     * Prints every step.
     *
     * @param args optionally the largest number of steps (default 20)
     */
    public static void main(String[] args) {
        ExampleArguments.atMost(args, "[steps]");
        run(ExampleArguments.count(args, "the largest number of steps", 20, 0), System.out);
    }

    /** Rosenbrock's function of two Values. */
    static Value rosenbrock(Value x, Value y) {
        Value a = Value.of(1).sub(x);
        Value b = y.sub(x.pow(2));
        return a.pow(2).add(b.pow(2).mul(100));
    }

    /**
     * Runs Newton's method until the gradient is exactly 0 or {@code maxSteps} steps are taken.
     *
     * @param maxSteps the largest number of steps
     * @param out where to print
     * @return the iterates, the start first
     * @throws IllegalArgumentException if maxSteps is negative
     */
    public static List<Step> run(int maxSteps, PrintStream out) {
        ExampleArguments.atLeast("the largest number of steps", maxSteps, 0);
        double[] p = {-1.2, 1.0};
        List<Step> steps = new ArrayList<>();
        out.println("step               x                    y              f(x, y)       |grad f|   |(x, y) - (1, 1)|");
        for (int k = 0; ; k++) {
            Value x = Value.of(p[0]);
            Value y = Value.of(p[1]);
            Value f = rosenbrock(x, y);
            List<Value> wrt = List.of(x, y);
            List<Value> g = f.gradients(wrt);                 // ∂f/∂x, ∂f/∂y, as Values
            List<Value> hx = g.get(0).gradients(wrt);         // ∂²f/∂x², ∂²f/∂x∂y
            List<Value> hy = g.get(1).gradients(wrt);         // ∂²f/∂y∂x, ∂²f/∂y²
            double gx = g.get(0).data();
            double gy = g.get(1).data();
            double[] h = {hx.get(0).data(), hx.get(1).data(), hy.get(0).data(), hy.get(1).data()};
            double norm = Math.hypot(gx, gy);
            double distance = Math.hypot(p[0] - 1, p[1] - 1);
            steps.add(new Step(k, p[0], p[1], f.data(), norm, distance, h));
            out.printf(Locale.ROOT, "%4d  %19.16f  %19.16f  %12.6e  %12.6e  %12.6e%n", k, p[0], p[1], f.data(), norm, distance);
            if (norm == 0 || k == maxSteps) {
                break;
            }
            // solve H·d = ∇f for the 2 × 2 Hessian, then p = p − d
            double det = h[0] * h[3] - h[1] * h[2];
            p[0] -= (h[3] * gx - h[1] * gy) / det;
            p[1] -= (h[0] * gy - h[2] * gx) / det;
        }
        Step last = steps.get(steps.size() - 1);
        out.printf(Locale.ROOT, "Hessian at the last iterate: [[%.6f, %.6f], [%.6f, %.6f]]%n",
                last.hessian()[0], last.hessian()[1], last.hessian()[2], last.hessian()[3]);
        return steps;
    }
}
