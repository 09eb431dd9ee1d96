# Reference values for nn's LossEdgesTest: every loss at the IEEE edges (predictions, logits and
# targets of +-inf and +-1e308 beside ordinary values), value and gradient with respect to the
# predictions, by PyTorch autograd in float64. Run with PyTorch 1.13 (Debian's python3-torch):
#   /usr/bin/python3 nn/src/test/resources/org/backprop4j/nn/loss_edges_reference.py \
#       > nn/src/test/resources/org/backprop4j/nn/loss_edges_reference.txt
# Each loss is the expression its Javadoc names:
#   SUM_OF_SQUARES         ((p - t) ** 2).sum()
#   MEAN_SQUARED           ((p - t) ** 2).mean()
#   HINGE                  torch.clamp(1 - t * p, min=0).mean()
#   SOFTMAX_CROSS_ENTROPY  F.cross_entropy(p, class index of each one-hot row)
# (F.cross_entropy with the one-hot rows as probabilities gives NaN wherever a logit that is not the
# target is -inf, 0 * -inf; the class-index form is the loss's meaning, and the one matched.)
# Line format: loss;rows of p;rows of t;value;gradient rows, rows split by '|', values by ','.
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
INF = float("inf")
EDGES = [-INF, -1e308, -1.0, 0.0, 1.0, 1e308, INF]


def fmt(x):
    if x != x:
        return "NaN"
    if x == INF:
        return "Infinity"
    if x == -INF:
        return "-Infinity"
    return repr(float(x))


def rows(m):
    return "|".join(",".join(fmt(v) for v in r) for r in m)


def case(name, p, t):
    pt = torch.tensor(p, requires_grad=True)
    tt = torch.tensor(t)
    if name == "SUM_OF_SQUARES":
        loss = ((pt - tt) ** 2).sum()
    elif name == "MEAN_SQUARED":
        loss = ((pt - tt) ** 2).mean()
    elif name == "HINGE":
        loss = torch.clamp(1 - tt * pt, min=0).mean()
    else:
        loss = F.cross_entropy(pt, tt.argmax(dim=1))
    loss.backward()
    print(";".join([name, rows(p), rows(t), fmt(loss.item()), rows(pt.grad.tolist())]))


print("# torch " + torch.__version__)
for name in ["SUM_OF_SQUARES", "MEAN_SQUARED"]:
    for a in EDGES:
        for b in EDGES:
            case(name, [[a, 0.5]], [[b, -0.5]])
    case(name, [[1e308, -1e308], [0.0, 1e308]], [[-1e308, 1e308], [0.0, 0.0]])
    case(name, [[INF, 1.0], [2.0, 3.0]], [[1.0, 1.0], [2.0, 3.0]])
for a in EDGES:
    for s in [1.0, -1.0]:
        case("HINGE", [[a, 0.5]], [[s, -1.0]])
case("HINGE", [[1.0, -1.0], [1.0, -1.0]], [[1.0, -1.0], [-1.0, 1.0]])
case("HINGE", [[INF, -INF], [1e308, -1e308]], [[1.0, -1.0], [-1.0, 1.0]])
for a in EDGES:
    for b in EDGES:
        for c in range(3):
            t = [0.0, 0.0, 0.0]
            t[c] = 1.0
            case("SOFTMAX_CROSS_ENTROPY", [[a, b, 0.5]], [t])
case("SOFTMAX_CROSS_ENTROPY", [[-INF, 2.0, 1.0]], [[0.0, 1.0, 0.0]])
case("SOFTMAX_CROSS_ENTROPY", [[1e308, -1e308]], [[1.0, 0.0]])
case("SOFTMAX_CROSS_ENTROPY", [[-1e308, 0.0, 1e308]], [[0.0, 0.0, 1.0]])
case("SOFTMAX_CROSS_ENTROPY", [[-INF, 2.0, 1.0], [0.5, -1.0, 3.0]], [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
case("SOFTMAX_CROSS_ENTROPY", [[-INF, -INF, 1.0], [-INF, 0.5, -INF]], [[0.0, 0.0, 1.0], [0.0, 1.0, 0.0]])
case("SOFTMAX_CROSS_ENTROPY", [[-INF, 0.0], [-INF, 0.0]], [[1.0, 0.0], [0.0, 1.0]])
