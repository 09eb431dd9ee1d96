# Reference values for nn's OptimizerTorchTest: four steps of each optimizer of nn.optim on a
# 3 -> 4 (tanh) -> 2 (identity) network with parameters p_k = 0.5*sin(k+1) in backprop4j's flat order
# (per layer, per neuron: weights then bias), loss ((out - t) ** 2).mean() + 1e-3 * sum(p ** 2) over
# every weight and bias, float64, PyTorch's own torch.optim classes; the learning rate of a schedule is
# set in the param group before each step, as backprop4j's LearningRate gives it (step counted from 0).
# Run: /usr/bin/python3 optimizer_reference.py > optimizer_reference.txt
import math
import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)
sizes = [3, 4, 2]
x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [-1.0, 0.5, 2.0]])
t = torch.tensor([[0.5, -1.0], [-0.25, 1.0], [1.0, 0.75]])
STEPS = 4


def network():
    flat = [0.5 * math.sin(k + 1) for k in range(4 * 4 + 2 * 5)]
    params, k = [], 0
    for nin, nout in zip(sizes, sizes[1:]):
        w = torch.empty(nout, nin); b = torch.empty(nout)
        for j in range(nout):
            for i in range(nin):
                w[j, i] = flat[k]; k += 1
            b[j] = flat[k]; k += 1
        params += [w.requires_grad_(), b.requires_grad_()]
    return params


def flat(params):
    values = []
    for w, b in zip(params[0::2], params[1::2]):
        for j in range(w.shape[0]):
            values += w[j].tolist() + [b[j].item()]
    return values


def linear(start, end, steps):
    return lambda k: end if k >= steps else start + (end - start) * k / steps


cases = {
    "sgd": (lambda p: torch.optim.SGD(p, lr=0.1), lambda k: 0.1),
    "sgd-linear": (lambda p: torch.optim.SGD(p, lr=0.3), linear(0.3, 0.05, 3)),
    "momentum": (lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9), lambda k: 0.1),
    "momentum-linear": (lambda p: torch.optim.SGD(p, lr=0.2, momentum=0.5), linear(0.2, 0.02, 2)),
    "adam": (lambda p: torch.optim.Adam(p, lr=0.05), lambda k: 0.05),
    "adam-linear": (lambda p: torch.optim.Adam(p, lr=0.1, betas=(0.8, 0.99), eps=1e-6), linear(0.1, 0.01, 3)),
}
print("torch", torch.__version__)
for name, (make, rate) in cases.items():
    params = network()
    optimizer = make(params)
    for k in range(STEPS):
        for group in optimizer.param_groups:
            group["lr"] = rate(k)
        optimizer.zero_grad()
        h = torch.tanh(x @ params[0].T + params[1])
        out = h @ params[2].T + params[3]
        loss = ((out - t) ** 2).mean() + 1e-3 * sum((p ** 2).sum() for p in params)
        loss.backward()
        optimizer.step()
        print(name, k, " ".join(repr(v) for v in flat(params)))
