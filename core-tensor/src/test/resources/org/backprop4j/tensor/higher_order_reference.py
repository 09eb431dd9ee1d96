# Reference values for core-tensor's HigherOrderReferenceTest: second and third derivatives through every
# tensor operation and broadcast rule, by PyTorch autograd in float64 (torch.autograd.grad with
# create_graph=True, torch.autograd.functional.hessian). Run: python3 higher_order_reference.py > higher_order_reference.txt
#
# Each case is a function f of tensors that all require a gradient, filled with
#   x_k = 0.5 sin(k + 1 + 10 i) (input i, element k in row-major order), or 1.2 + 0.5 sin(...) for a 'positive' input.
# For each case it prints f, the gradient g (all inputs, flattened in order), the Hessian-vector product
# H v = d(sum_i <g_i, v_i>)/dx with v_k = 0.3 cos(k + 1) over the flattened inputs, and the third
# derivative contracted twice, d(sum_k (Hv)_k w_k)/dx with w_k = 0.2 sin(2k + 1); for the small cases
# also the full Hessian (torch.autograd.functional.hessian), row by row.
import math
import torch

torch.set_default_dtype(torch.float64)

def inputs(shapes):
    out = []
    for i, (rows, cols, positive) in enumerate(shapes):
        values = [0.5 * math.sin(k + 1 + 10 * i) for k in range(rows * cols)]
        if positive:
            values = [1.2 + v for v in values]
        out.append(torch.tensor(values).reshape(rows, cols).requires_grad_())
    return out

def flat(ts):
    return torch.cat([t.reshape(-1) for t in ts])

CASES = {
    # add, sub, mul, div with every broadcast rule: a row, a column, a 1x1, on either side
    "broadcast": ([(3, 4, False), (1, 4, False), (3, 1, True), (1, 1, False)],
                  lambda A, r, c, s: (torch.tanh(A * r + c) * (A - s) / (r * r + 1) + (s - A) * (c / (A * A + 1)) - r / (A * c + 2)).sum()),
    # the operations with a constant: + c, - c, * c, / c, neg, pow (2, 3, -1.5, 0.5), exp, log
    "constants": ([(2, 3, False)],
                  lambda A: (((A + 0.5) * -1.5 / 0.7).neg() ** 3).mean() + ((A * A + 1) ** -1.5).sum()
                  + torch.log((A * A + 1) ** 0.5).sum() + torch.exp(A - 0.25).sum() + (A ** 2).sum()),
    # the element-wise functions
    "unary": ([(3, 2, False), (3, 2, False)],
              lambda A, B: torch.exp(torch.sigmoid(A) * torch.relu(B)).sum() + torch.tanh(A * B).pow(2).mean()),
    # matmul, transpose, column, sumRows, sumCols, mean, sum
    "reductions": ([(3, 4, False), (4, 2, False)],
                   lambda X, W: (torch.tanh((X @ W).T @ X).sum(dim=1, keepdim=True) ** 2).sum()
                   + torch.exp(X[:, 1:2]).mean() + torch.sigmoid(X.sum(dim=0, keepdim=True)).sum()),

    # the fused layers: tanh(linear), relu(linear), sigmoid(linear), linear
    "layers": ([(5, 3, False), (4, 3, False), (1, 4, False), (3, 4, False), (1, 3, True), (2, 3, False), (1, 2, False),
                (1, 2, False), (1, 1, False)],
               lambda x, W, b, V, bv, U, bu, Q, bq: ((torch.sigmoid(torch.relu(torch.tanh(x @ W.T + b) @ V.T + bv) @ U.T + bu)
                                                      @ Q.T + bq) ** 2).mean()),
}
SMALL = {"broadcast", "constants", "unary"}

print("torch", torch.__version__)
for name, (shapes, f) in CASES.items():
    xs = inputs(shapes)
    value = f(*xs)
    g = torch.autograd.grad(value, xs, create_graph=True)
    n = sum(t.numel() for t in xs)
    v = torch.tensor([0.3 * math.cos(k + 1) for k in range(n)])
    w = torch.tensor([0.2 * math.sin(2 * k + 1) for k in range(n)])
    hv = torch.autograd.grad((flat(g) * v).sum(), xs, create_graph=True)
    third = torch.autograd.grad((flat(hv) * w).sum(), xs)
    print(name, "value", repr(value.item()))
    print(name, "gradient", " ".join(repr(x) for x in flat(g).tolist()))
    print(name, "hvp", " ".join(repr(x) for x in flat(hv).tolist()))
    print(name, "third", " ".join(repr(x) for x in flat(third).tolist()))
    if name in SMALL:
        def g_flat(z):
            parts, k = [], 0
            for t in xs:
                parts.append(z[k:k + t.numel()].reshape(t.shape))
                k += t.numel()
            return f(*parts)
        H = torch.autograd.functional.hessian(g_flat, flat(xs).detach())
        print(name, "hessian", " ".join(repr(x) for x in H.reshape(-1).tolist()))
