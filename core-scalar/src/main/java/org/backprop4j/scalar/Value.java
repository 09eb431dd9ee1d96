package org.backprop4j.scalar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One number in an expression graph: its value, the gradient of some output with respect to it,
 * and the operation and operands that made it.
 *
 * <p>This is micrograd's {@code Value} in Java. Every operation computes its result at once
 * (forward) and records how to send a gradient back to its operands; {@link #backward()} then walks
 * the graph from the output down, applying the chain rule once per node. The local derivative of
 * each operation is stated in its Javadoc and written beside its forward rule in {@link Op}, whose
 * constants compute every result.
 *
 * <p>{@link #gradient(Value)} and {@link #gradients(List)} return derivatives as {@code Value}s
 * instead of numbers, graphs that can be differentiated again (second, third derivatives, Hessians)
 * or put into a loss; each operation states that form of its rule beside the fast one.
 *
 * <p>{@code tanh} is {@link StrictMath#tanh}, so a result has the same bits on every JDK (from JDK 24 on,
 * {@code Math.tanh} is an intrinsic whose last bit can differ from JDK 17's).
 *
 * <p>Arithmetic follows IEEE 754 like PyTorch: {@code log} of 0 is −∞, {@code log} or
 * {@code pow(0.5)} of a finite negative number is NaN, division by 0 gives ±∞ or NaN. {@code pow} is C's
 * {@code pow} at every input, where PyTorch computes x^0.5 as √x and x^−0.5 as 1/√x: (−∞)^0.5 is +∞ here
 * and NaN there, (−0)^−0.5 is +∞ here and −∞ there. Nothing throws for
 * such values; turn on {@link Anomaly} detection to make the first non-finite result throw.
 *
 * <p>A {@code Value} is not thread-safe, but values of separate graphs never share state, so
 * separate graphs may be used on separate threads. That includes the calls that change no number:
 * {@link #gradient}, {@link #gradients}, {@link #graph()} and {@link #toDot()} mark the nodes they
 * walk, so two threads walking graphs that share a node at the same time get wrong derivatives,
 * silently.
 */
public final class Value {

    /**
     * How a node was made: each constant holds its forward rule ({@code apply}) and, right beside
     * it, its local derivative ({@code backward}). A leaf has no operation ({@code op} is null).
     */
    enum Op {
        /** out = a + b; ∂out/∂a = 1, ∂out/∂b = 1. */
        ADD("+") {
            @Override
            double apply(double a, double b) {
                return a + b;
            }

            @Override
            void backward(Value out) {
                out.left.grad += out.grad;
                out.right.grad += out.grad;
            }

            @Override
            Value[] backward(Value out, Value g) {
                return new Value[] {g, g};
            }
        },
        /** out = a · b; ∂out/∂a = b, ∂out/∂b = a. */
        MUL("*") {
            @Override
            double apply(double a, double b) {
                return a * b;
            }

            @Override
            void backward(Value out) {
                out.left.grad += out.right.data * out.grad;
                out.right.grad += out.left.data * out.grad;
            }

            @Override
            Value[] backward(Value out, Value g) {
                return new Value[] {out.right.mul(g), out.left.mul(g)};
            }
        },
        /**
         * out = a / b, the IEEE quotient (as Java's {@code /} and PyTorch); ∂out/∂a = 1/b,
         * ∂out/∂b = −a/b², computed as −(a/b)/b = −out/b, as PyTorch does, so that b² cannot
         * underflow to 0 (or overflow) where the quotient itself is finite.
         */
        DIV("/") {
            @Override
            double apply(double a, double b) {
                return a / b;
            }

            @Override
            void backward(Value out) {
                out.left.grad += out.grad / out.right.data;
                out.right.grad += -out.grad * (out.data / out.right.data);
            }

            @Override
            Value[] backward(Value out, Value g) {
                return new Value[] {g.div(out.right), g.neg().mul(out.div(out.right))};
            }
        },
        /**
         * out = aⁿ for a constant n (held as {@code right.data}; a² is {@code a * a}); ∂out/∂a = n · aⁿ⁻¹ (2a for
         * n = 2, without {@link Math#pow}), and nothing flows back for n = 0, at every a, as PyTorch (a⁰ is the
         * constant 1, even where a⁻¹ is ±∞ or NaN). The exponent is a constant: it receives no gradient. aⁿ is C's
         * and PyTorch's: 1ⁿ = 1 for every n, NaN included, and (−1)^±∞ = 1, where {@link Math#pow} gives NaN.
         */
        POW("**") {
            @Override
            double apply(double a, double n) {
                if (n == 2) {
                    return a * a;
                }
                return a == 1 || a == -1 && Double.isInfinite(n) ? 1 : Math.pow(a, n);
            }

            @Override
            void backward(Value out) {
                double n = out.right.data;
                if (n != 0) {
                    double local = n == 2 ? 2 * out.left.data : n * apply(out.left.data, n - 1);
                    out.left.grad += local * out.grad;
                }
            }

            @Override
            Value[] backward(Value out, Value g) {
                double n = out.right.data;
                if (n == 0) {
                    return new Value[] {null, null};
                }
                Value local = n == 2 ? out.left.mul(2) : out.left.pow(n - 1).mul(n);
                return new Value[] {local.mul(g), null};
            }
        },
        /** out = eᵃ; ∂out/∂a = eᵃ = out. */
        EXP("exp") {
            @Override
            double apply(double a, double unused) {
                return Math.exp(a);
            }

            @Override
            void backward(Value out) {
                out.left.grad += out.data * out.grad;
            }

            @Override
            Value[] backward(Value out, Value g) {
                return new Value[] {out.mul(g)};
            }
        },
        /** out = ln a; ∂out/∂a = 1 / a. */
        LOG("log") {
            @Override
            double apply(double a, double unused) {
                return Math.log(a);
            }

            @Override
            void backward(Value out) {
                out.left.grad += out.grad / out.left.data;
            }

            @Override
            Value[] backward(Value out, Value g) {
                return new Value[] {g.div(out.left)};
            }
        },
        /** out = tanh a; ∂out/∂a = 1 − tanh² a = 1 − out². */
        TANH("tanh") {
            @Override
            double apply(double a, double unused) {
                return StrictMath.tanh(a);
            }

            @Override
            void backward(Value out) {
                out.left.grad += (1 - out.data * out.data) * out.grad;
            }

            @Override
            Value[] backward(Value out, Value g) {
                return new Value[] {out.mul(out).neg().add(1).mul(g)};
            }
        },
        /**
         * out = max(0, a); ∂out/∂a = 1 if out &gt; 0, else 0 (0 at a = 0, as micrograd and PyTorch). The step
         * is a constant of the graph, decided when the rule runs: g passes where out &gt; 0 and nothing passes
         * elsewhere (PyTorch's mask, so relu″ = 0 and an infinite g meets no 0 · ∞).
         */
        RELU("ReLU") {
            @Override
            double apply(double a, double unused) {
                return a < 0 ? 0.0 : a;
            }

            @Override
            void backward(Value out) {
                if (out.data > 0) {
                    out.left.grad += out.grad;
                }
            }

            @Override
            Value[] backward(Value out, Value g) {
                return new Value[] {out.data > 0 ? g : null};
            }
        },
        /**
         * out = σ(a) = 1 / (1 + e⁻ᵃ), computed without overflow (e⁻ˣ only of x ≥ 0);
         * ∂out/∂a = σ(a)(1 − σ(a)) = out(1 − out).
         */
        SIGMOID("sigmoid") {
            @Override
            double apply(double a, double unused) {
                if (a >= 0) {
                    return 1.0 / (1.0 + Math.exp(-a));
                }
                double e = Math.exp(a);
                return e / (1.0 + e);
            }

            @Override
            void backward(Value out) {
                out.left.grad += out.data * (1 - out.data) * out.grad;
            }

            @Override
            Value[] backward(Value out, Value g) {
                return new Value[] {out.mul(out.neg().add(1)).mul(g)};
            }
        };

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /** The forward rule: the result from the operands' numbers (b is 0 for a unary operation). */
        abstract double apply(double a, double b);

        /** The derivative, fast: adds this operation's share of {@code out.grad} into the gradients of out's operands. */
        abstract void backward(Value out);

        /**
         * The same derivative as an expression that can be differentiated again: given g = ∂y/∂out as a
         * {@code Value}, the shares g · ∂out/∂operand, one per operand in order, built from {@code Value}
         * operations on out, its operands and g; null where nothing flows back (a constant exponent, a
         * closed ReLU, x⁰). Each share is computed with the same floating-point operations, in the same
         * order, as {@link #backward(Value)} adds it, so the two give the same numbers.
         */
        abstract Value[] backward(Value out, Value g);

        String symbol() {
            return symbol;
        }

        /** The node {@code this(a)}. */
        Value of(Value a) {
            return new Value(apply(a.data, 0), this, a, null);
        }

        /** The node {@code this(a, b)}. */
        Value of(Value a, Value b) {
            return new Value(apply(a.data, b.data), this, a, b);
        }
    }

    /** Traversal marks used by {@link #backward()}; always {@link #UNSEEN} between calls. */
    private static final byte UNSEEN = 0;
    private static final byte OPEN = 1;
    private static final byte DONE = 2;

    private double data;
    private double grad;
    /** The operation that made this node; null for a leaf. */
    private final Op op;
    private final Value left;
    private final Value right;
    private String label;
    private byte mark;

    private Value(double data, Op op, Value left, Value right) {
        this.data = data;
        this.op = op;
        this.left = left;
        this.right = right;
        Anomaly.created(this);
        if (!Double.isFinite(data) && op != null && Anomaly.isEnabled()) {
            Anomaly.forward(this);
        }
    }

    /**
     * A leaf holding {@code data}, with gradient 0: a parameter, an input, or the number of
     * {@code add(double)} and the like. The scalar engine has no constants: every leaf tracks a
     * gradient (the tensor engine's {@code Tensor.constant} is what skips one).
     *
     * @param data the number
     * @return a new leaf
     */
    public static Value of(double data) {
        return new Value(data, null, null, null);
    }

    /** {@return this node's number} */
    public double data() {
        return data;
    }

    /** {@return this node's gradient: for a leaf, the sum over {@link #backward()} calls since it was cleared; for a computed node, from the latest call} */
    public double grad() {
        return grad;
    }

    /**
     * Replaces this node's number, as a gradient-descent step does to a parameter.
     *
     * @param data the new number
     */
    public void setData(double data) {
        this.data = data;
    }

    /**
     * Replaces this node's gradient; {@code setGrad(0)} is how a caller clears it.
     *
     * @param grad the new gradient
     */
    public void setGrad(double grad) {
        this.grad = grad;
    }

    /**
     * Names this node for {@link #toDot()} and {@link #toString()}.
     *
     * @param label the name, e.g. {@code "w1"}
     * @return this node, for chaining
     */
    public Value label(String label) {
        this.label = Objects.requireNonNull(label, "label");
        return this;
    }

    /** {@return the name given by {@link #label(String)}, or {@code ""} if none} */
    public String label() {
        return label == null ? "" : label;
    }

    /** {@return the symbol of the operation that made this node ({@code "+"}, {@code "tanh"}, …), {@code ""} for a leaf} */
    public String op() {
        return op == null ? "" : op.symbol();
    }

    /**
     * The operands this node was made from, first operand first. For {@code pow} the second is the
     * constant exponent.
     *
     * @return an unmodifiable list, empty for a leaf
     */
    public List<Value> operands() {
        if (left == null) {
            return List.of();
        }
        return right == null ? List.of(left) : List.of(left, right);
    }

    /**
     * Sum: {@code this + other}. Derivative: ∂/∂this = 1, ∂/∂other = 1.
     *
     * @param other the right operand
     * @return a new node
     */
    public Value add(Value other) {
        Objects.requireNonNull(other, "other");
        return Op.ADD.of(this, other);
    }

    /**
     * Sum with a constant, {@code this + c}: the constant becomes a leaf, as in micrograd.
     *
     * @param c the constant
     * @return a new node
     */
    public Value add(double c) {
        return add(of(c));
    }

    /**
     * Difference {@code this − other}, built as {@code this + (−other)}: it needs no backward rule of its own.
     *
     * @param other the right operand
     * @return a new node
     */
    public Value sub(Value other) {
        Objects.requireNonNull(other, "other");
        return add(other.neg());
    }

    /**
     * Difference with a constant, {@code this − c} = {@code this + (−c)}.
     *
     * @param c the constant
     * @return a new node
     */
    public Value sub(double c) {
        return add(-c);
    }

    /**
     * Product: {@code this · other}. Derivative: ∂/∂this = other, ∂/∂other = this.
     *
     * @param other the right operand
     * @return a new node
     */
    public Value mul(Value other) {
        Objects.requireNonNull(other, "other");
        return Op.MUL.of(this, other);
    }

    /**
     * Product with a constant, {@code this · c}: the constant becomes a leaf, as in micrograd.
     *
     * @param c the constant
     * @return a new node
     */
    public Value mul(double c) {
        return mul(of(c));
    }

    /**
     * Quotient {@code this / other}, one operation with its own derivative: ∂/∂this = 1/other,
     * ∂/∂other = −this/other². The result is the IEEE quotient, exactly Java's {@code /} and
     * PyTorch's (micrograd builds it as {@code this · other⁻¹}, which rounds twice and overflows
     * where the quotient does not: 1e−300 / 1e−320 is 1.0000111329412581e20 here, ∞ that way).
     * Division by 0 follows IEEE: ±∞, or NaN for 0/0.
     *
     * @param other the divisor
     * @return a new node
     */
    public Value div(Value other) {
        Objects.requireNonNull(other, "other");
        return Op.DIV.of(this, other);
    }

    /**
     * Quotient by a constant, {@code this / c}: the constant becomes a leaf, as in {@link #div(Value)};
     * IEEE for {@code c = 0}: ±∞, or NaN when this is 0.
     *
     * @param c the divisor
     * @return a new node
     */
    public Value div(double c) {
        return div(of(c));
    }

    /**
     * Negation, built as {@code this · (−1)}: ∂/∂this = −1.
     *
     * @return a new node
     */
    public Value neg() {
        return mul(-1.0);
    }

    /**
     * Power with a constant exponent: {@code thisⁿ}. Derivative: n · thisⁿ⁻¹, and 0 for n = 0 even at
     * 0, NaN or ±∞ (as PyTorch). C's {@code pow}, which is {@link Math#pow} but for 1ⁿ = 1 for every n and
     * (−1)^±∞ = 1: a finite negative base to a non-integer power is NaN; (−∞)^0.5 is +∞ (PyTorch, which takes
     * x^0.5 as √x, gives NaN) and (−0)^−0.5 is +∞ (PyTorch −∞).
     *
     * @param exponent the constant n
     * @return a new node
     */
    public Value pow(double exponent) {
        return Op.POW.of(this, of(exponent));
    }

    /**
     * Exponential {@code eᵗʰⁱˢ}. Derivative: eᵗʰⁱˢ, the result itself.
     *
     * @return a new node
     */
    public Value exp() {
        return Op.EXP.of(this);
    }

    /**
     * Natural logarithm. Derivative: 1 / this. IEEE: log 0 = −∞, log of a negative number is NaN.
     *
     * @return a new node
     */
    public Value log() {
        return Op.LOG.of(this);
    }

    /**
     * Hyperbolic tangent. Derivative: 1 − tanh². Stable for any input: tanh(±1000) = ±1 with
     * derivative 0.
     *
     * @return a new node
     */
    public Value tanh() {
        return Op.TANH.of(this);
    }

    /**
     * Rectified linear unit {@code max(0, this)}. Derivative: 1 where the result is positive, else 0
     * (0 at 0, as micrograd and PyTorch).
     *
     * @return a new node
     */
    public Value relu() {
        return Op.RELU.of(this);
    }

    /**
     * Logistic sigmoid σ = 1 / (1 + e⁻ᵗʰⁱˢ). Derivative: σ(1 − σ). Stable for any input:
     * σ(−1000) = 0 and σ(1000) = 1, with no overflow.
     *
     * @return a new node
     */
    public Value sigmoid() {
        return Op.SIGMOID.of(this);
    }

    /**
     * Backpropagation: sets this node's gradient to 1, computes afresh the gradient of every
     * computed node beneath it, and adds ∂this/∂v into the gradient of every leaf v beneath it, each
     * node once, in reverse topological order. As in PyTorch, leaves accumulate across calls and
     * computed nodes do not, so a second call on the same graph adds exactly the same gradient into
     * the leaves again; clearing leaves is the caller's job ({@code setGrad(0)}). micrograd
     * accumulates into computed nodes too, so its second call adds their stale gradients in again
     * (its issue #53); a node used twice still receives both contributions here
     * ({@code b = a + a; c = b + b} gives {@code a.grad() == 4}).
     *
     * <p>The order is built without recursion, so graphs of millions of nodes are fine on the
     * default thread stack; the time is linear in the size of the graph.
     */
    public void backward() {
        Value[] order = topologicalOrder();
        double[] earlier = setAside(order);
        grad += 1.0;
        try {
            boolean anomaly = Anomaly.isEnabled();
            for (int i = order.length - 1; i >= 0; i--) {
                Value node = order[i];
                if (node.op != null) {
                    node.op.backward(node);
                }
                if (anomaly) {
                    Anomaly.backward(node);
                }
            }
        } finally {
            if (earlier != null) {
                for (int i = 0; i < order.length; i++) {
                    if (order[i].op == null) {
                        order[i].grad += earlier[i];
                    }
                }
            }
        }
    }

    /**
     * Zeroes every gradient in {@code order} before a backward pass, returning the leaves' earlier
     * gradients (by position in order), or null when all were 0. Adding them back after the pass
     * gives each leaf earlier + this call's gradient in one addition, as PyTorch's accumulation
     * does, so a second call doubles a leaf's gradient exactly.
     */
    private static double[] setAside(Value[] order) {
        double[] earlier = null;
        for (int i = 0; i < order.length; i++) {
            Value node = order[i];
            if (node.op == null && node.grad != 0) {
                if (earlier == null) {
                    earlier = new double[order.length];
                }
                earlier[i] = node.grad;
            }
            node.grad = 0;
        }
        return earlier;
    }

    /**
     * Every node of this graph, each operand before the nodes made from it (post-order depth-first),
     * found with an explicit stack.
     */
    Value[] topologicalOrder() {
        Value[] stack = new Value[256];
        Value[] order = new Value[256];
        int top = 0;
        int size = 0;
        stack[top++] = this;
        while (top > 0) {
            Value node = stack[top - 1];
            if (node.mark == UNSEEN) {
                node.mark = OPEN;
                if (top + 2 > stack.length) {
                    stack = Arrays.copyOf(stack, stack.length * 2);
                }
                if (node.right != null && node.right.mark == UNSEEN) {
                    stack[top++] = node.right;
                }
                if (node.left != null && node.left.mark == UNSEEN) {
                    stack[top++] = node.left;
                }
            } else {
                top--;
                if (node.mark == OPEN) {
                    node.mark = DONE;
                    if (size == order.length) {
                        order = Arrays.copyOf(order, size * 2);
                    }
                    order[size++] = node;
                }
            }
        }
        for (int i = 0; i < size; i++) {
            order[i].mark = UNSEEN;
        }
        return size == order.length ? order : Arrays.copyOf(order, size);
    }

    /**
     * The derivative ∂this/∂wrt as a {@code Value} whose graph reaches the same leaves as this one, so
     * it can be differentiated again ({@code gradient} of a {@code gradient}, to any order) or fed to
     * {@link #backward()}. See {@link #gradients(List)}.
     *
     * @param wrt the value to differentiate with respect to: a leaf, or any node of this graph
     * @return ∂this/∂wrt; a new constant leaf 0 when this does not depend on wrt
     * @throws NullPointerException if wrt is null
     */
    public Value gradient(Value wrt) {
        return gradients(List.of(Objects.requireNonNull(wrt, "wrt"))).get(0);
    }

    /**
     * The derivatives ∂this/∂wᵢ for each wᵢ in {@code wrt}, as {@code Value}s whose graphs reach the
     * same leaves as this one: PyTorch's {@code torch.autograd.grad(this, wrt, create_graph=True)}.
     * It is reverse mode once more, but each operation's rule builds {@code Value}s instead of adding
     * numbers ({@code Op.backward(out, g)}): starting from the constant 1 for this node, each node's
     * gradient g is sent to its operands as g · ∂out/∂operand, and a node's shares are summed with
     * {@code add}. Every number equals what {@link #backward()} would add into the leaves.
     *
     * <p>It computes and returns only: no {@code grad} field changes. A wᵢ this value does not depend
     * on gets a new constant leaf 0, and so does every derivative of a function whose derivative is
     * constant (the gradient of {@code x·3} is 3, whose gradient with respect to x is 0), so a second
     * derivative of 0 is a 0, not an error. Like {@link #backward()} it uses no recursion: graphs of
     * millions of nodes work on the default stack. The exponent of {@link #pow(double)} is a constant
     * leaf: with respect to it the derivative is 0 here, as its {@code grad} is after {@code backward()}.
     * With {@link Anomaly} detection on, a NaN or ±∞ inside a derivative (√x at x = 0), or in the sum of
     * a node's shares from its several uses, throws an {@link AnomalyException} naming the operation of
     * this graph being differentiated.
     *
     * @param wrt the values to differentiate with respect to, each a leaf or any node of this graph
     * @return an unmodifiable list of ∂this/∂wᵢ, in the order of wrt
     * @throws NullPointerException if wrt or one of its elements is null, naming it
     * @throws AnomalyException if anomaly detection is on and a derivative is NaN or ±∞
     */
    public List<Value> gradients(List<Value> wrt) {
        Objects.requireNonNull(wrt, "wrt");
        Value[] targets = wrt.toArray(new Value[0]);
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] == null) {
                throw new NullPointerException("wrt[" + i + "]");
            }
        }
        Value[] order = topologicalOrder();
        Map<Value, Value> gradient = new IdentityHashMap<>();
        gradient.put(this, of(1.0));
        for (int i = order.length - 1; i >= 0; i--) {
            Value node = order[i];
            Value g = gradient.get(node);
            if (node.op != null && g != null) {
                try {
                    Value[] shares = node.op.backward(node, g);
                    accumulate(gradient, node.left, shares[0]);   // its sum with earlier shares can overflow too
                    if (shares.length > 1) {
                        accumulate(gradient, node.right, shares[1]);
                    }
                } catch (AnomalyException e) {
                    throw Anomaly.gradient(node, e);
                }
            }
        }
        List<Value> out = new ArrayList<>(targets.length);
        for (Value target : targets) {
            Value g = gradient.get(target);
            out.add(g == null ? of(0.0) : g);
        }
        return Collections.unmodifiableList(out);
    }

    /** Adds {@code share} (null: nothing) into the gradient expression of {@code operand}. */
    private static void accumulate(Map<Value, Value> gradient, Value operand, Value share) {
        if (share != null) {
            Value sum = gradient.get(operand);
            gradient.put(operand, sum == null ? share : sum.add(share));
        }
    }

    /**
     * Every node of this graph in topological order: each operand before the nodes made from it,
     * this node last.
     *
     * @return an unmodifiable list of the nodes
     */
    public List<Value> graph() {
        List<Value> nodes = new ArrayList<>();
        Collections.addAll(nodes, topologicalOrder());
        return Collections.unmodifiableList(nodes);
    }

    /**
     * The graph beneath this node in Graphviz DOT, drawn like the lecture's {@code draw_dot}: a
     * record {@code { label | data … | grad … }} per value and an ellipse per operation. Render
     * it with {@code dot -Tpng}.
     *
     * @return the DOT text
     */
    public String toDot() {
        return Dot.of(this);
    }

    /** @return {@code Value(data=…, grad=…)}, with the label first when there is one */
    @Override
    public String toString() {
        String name = label == null ? "" : "label=" + label + ", ";
        return "Value(" + name + "data=" + data + ", grad=" + grad + ")";
    }
}
