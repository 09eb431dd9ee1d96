# Reference values for nn's OptimizerTorchTest: four steps of each optimizer of nn.optim on
# the network of sine_network.py (3 -> 4 (tanh) -> 2 (identity), parameters p_k = 0.5*sin(k+1) in
# backprop4j's flat order), loss ((out - t) ** 2).mean() + 1e-3 * sum(p ** 2) over
# every weight and bias, float64, PyTorch's own torch.optim classes; the learning rate of a schedule is
# set in the param group before each step, as backprop4j's LearningRate gives it (step counted from 0).
# Run: /usr/bin/python3 optimizer_reference.py > optimizer_reference.txt
import sys

sys.dont_write_bytecode = True   # leave no __pycache__ beside the test resources
import torch
from sine_network import flat, forward, network, x

torch.set_num_threads(1)
t = torch.tensor([[0.5, -1.0], [-0.25, 1.0], [1.0, 0.75]])
STEPS = 4


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
        out = forward(params, x)
        loss = ((out - t) ** 2).mean() + 1e-3 * sum((p ** 2).sum() for p in params)
        loss.backward()
        optimizer.step()
        print(name, k, " ".join(repr(v) for v in flat(params)))
