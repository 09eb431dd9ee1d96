# Reference values for core-scalar's HigherOrderReferenceTest: random expression graphs of every Value
# operation over three inputs, with their value, gradient, Hessian (mixed partials included) and third
# derivatives, computed by PyTorch autograd in float64 (torch.autograd.grad with create_graph=True, the
# Hessian also by torch.autograd.functional.hessian, which must agree).
#
# Run from the repository's root:
#   /usr/bin/python3 core-scalar/src/test/resources/org/backprop4j/scalar/higher_order_reference.py \
#       > core-scalar/src/test/resources/org/backprop4j/scalar/higher-order-reference.txt
#
# Each graph is written as the operations that build it, so the Java test replays exactly the same graph:
#   graph <name>
#   inputs <x0> <x1> <x2>
#   node <op> <operand index> [<operand index> | <constant>]   (node k is index 3 + k; inputs are 0, 1, 2)
#   value <f>            gradient <3 numbers>      hessian <9, row-major>      third <27, [i][j][k] = d3f/dxi dxj dxk>
# The output f is the sum of every node no other node uses, so each operation reaches it.
import random
import sys

import torch

torch.set_default_dtype(torch.float64)

BINARY = ["add", "sub", "mul", "div"]
WITH_CONSTANT = ["addc", "subc", "mulc", "divc", "pow"]
UNARY = ["neg", "exp", "log", "tanh", "relu", "sigmoid"]
OPS = BINARY + WITH_CONSTANT + UNARY
EXPONENTS = [2.0, 3.0, -1.0, 0.0, 1.0, 0.5, 1.5, -0.5, -2.0]


def apply(op, a, b):
    """The operation on torch tensors (b: a tensor for BINARY, a float for WITH_CONSTANT)."""
    if op == "add": return a + b
    if op == "sub": return a - b
    if op == "mul": return a * b
    if op == "div": return a / b
    if op == "addc": return a + b
    if op == "subc": return a - b
    if op == "mulc": return a * b
    if op == "divc": return a / b
    if op == "pow": return torch.pow(a, b)
    if op == "neg": return -a
    if op == "exp": return torch.exp(a)
    if op == "log": return torch.log(a)
    if op == "tanh": return torch.tanh(a)
    if op == "relu": return torch.relu(a)
    if op == "sigmoid": return torch.sigmoid(a)
    raise ValueError(op)


def valid(op, a, b):
    """Keeps every graph smooth and moderate where it is evaluated: no log of small numbers, no division
    by numbers near 0, no ReLU near its kink (so central differences hold), nothing huge."""
    if op == "log": return a > 0.2
    if op in ("div",): return abs(b) > 0.3
    if op == "pow":
        if b != int(b) and a <= 0.2: return False
        if b < 0 and abs(a) < 0.3: return False
        return abs(a) < 5
    if op == "exp": return abs(a) < 4
    if op == "relu": return abs(a) > 1e-3
    return True


def generate(rng, focus, size):
    values = [rng.uniform(-2, 2) for _ in range(3)]
    nodes = []  # (op, i, j-or-constant)
    current = list(values)
    count = 0
    attempts = 0
    while count < size:
        attempts += 1
        op = focus if count % 3 == 0 and attempts < 100 else rng.choice(OPS)
        recent = list(range(max(0, len(current) - 5), len(current)))
        i = rng.choice(recent if rng.random() < 0.7 else range(len(current)))
        if op in BINARY:
            j = rng.randrange(len(current))
            b, bv = j, current[j]
        elif op == "pow":
            b = bv = rng.choice(EXPONENTS)
        elif op in WITH_CONSTANT:
            b = bv = rng.choice([-2.5, -0.75, 0.5, 1.25, 3.0])
        else:
            b = bv = None
        if not valid(op, current[i], bv):
            continue
        with torch.no_grad():
            args = [torch.tensor(current[i]), torch.tensor(bv) if op in BINARY else bv]
            out = apply(op, *args).item()
        if abs(out) > 50:
            continue
        nodes.append((op, i, b))
        current.append(out)
        count += 1
        attempts = 0
    return values, nodes


def build(xs, nodes):
    current = list(xs)
    used = set()
    for op, i, b in nodes:
        used.add(i)
        if op in BINARY:
            used.add(b)
            current.append(apply(op, current[i], current[b]))
        else:
            current.append(apply(op, current[i], b))
    f = None
    for k in range(3, len(current)):
        if k not in used:
            f = current[k] if f is None else f + current[k]
    return f


def grads(f, xs):
    """d f / d xs with create_graph, zeros (constants) where f does not depend on an input."""
    if not f.requires_grad:
        return [torch.zeros(()) for _ in xs]
    gs = torch.autograd.grad(f, xs, create_graph=True, allow_unused=True)
    return [torch.zeros(()) if g is None else g for g in gs]


def numbers(ts):
    return " ".join(repr(t.item()) for t in ts)


def main():
    rng = random.Random(20261206)
    out = sys.stdout
    out.write("# made by higher_order_reference.py with torch %s, float64\n" % torch.__version__)
    for round_ in range(3):
        for focus in OPS:
            values, nodes = generate(rng, focus, 9)
            xs = [torch.tensor(v, requires_grad=True) for v in values]
            f = build(xs, nodes)
            g = grads(f, xs)
            h = [grads(gi, xs) for gi in g]
            t = [[grads(hij, xs) for hij in hi] for hi in h]
            hessian = torch.autograd.functional.hessian(lambda a, b, c: build([a, b, c], nodes), tuple(torch.tensor(v) for v in values))
            for i in range(3):
                for j in range(3):
                    assert abs(hessian[i][j].item() - h[i][j].item()) <= 1e-12 * max(1.0, abs(h[i][j].item())), (focus, i, j)
            out.write("graph %s-%d\n" % (focus, round_))
            out.write("inputs %s\n" % " ".join(repr(v) for v in values))
            for op, i, b in nodes:
                out.write("node %s %d%s\n" % (op, i, "" if b is None else " " + (str(b) if op in BINARY else repr(float(b)))))
            out.write("value %s\n" % repr(f.item()))
            out.write("gradient %s\n" % numbers(g))
            out.write("hessian %s\n" % numbers([x for row in h for x in row]))
            out.write("third %s\n" % numbers([x for row in t for col in row for x in col]))


main()
