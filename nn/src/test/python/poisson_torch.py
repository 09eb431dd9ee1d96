"""The Poisson example's PINN in PyTorch, float64, one thread: the peer of PoissonExample.java.

1-D Poisson u'' = -pi^2 sin(pi x) on [0, 1], u(0) = u(1) = 0, exact u = sin(pi x). Network 1 -> 20 -> 20 -> 1,
tanh hidden, identity output; 99 interior points x_i = i/100; loss = mean((u'' + pi^2 sin(pi x))^2) + u(0)^2 + u(1)^2,
u' and u'' by torch.autograd.grad(create_graph=True) of the sum (grad_outputs of ones); Adam lr 1e-3.
Prints the relative L2 error on 1,001 points of [0, 1] and the time per step (wall, and CPU time of this thread).

Usage: OPENBLAS_NUM_THREADS=1 python3 poisson_torch.py [STEPS] [PARAMETERS]
  STEPS       Adam steps (default 5000)
  PARAMETERS  a file of the initial parameters in backprop4j's flat order (layer by layer, neuron by
              neuron, weights then bias), one per line, as PoissonExample writes them; without it,
              PyTorch's default initialisation with torch.manual_seed(0)
"""

import math
import sys
import time

import torch

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)

steps = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
torch.manual_seed(0)
layers = [torch.nn.Linear(1, 20), torch.nn.Linear(20, 20), torch.nn.Linear(20, 1)]
if len(sys.argv) > 2:
    with open(sys.argv[2]) as f:
        flat = [float(line) for line in f if line.strip()]
    k = 0
    with torch.no_grad():
        for linear in layers:
            nout, nin = linear.weight.shape
            for j in range(nout):
                linear.weight[j] = torch.tensor(flat[k:k + nin])
                linear.bias[j] = flat[k + nin]
                k += nin + 1
    assert k == len(flat), "%d parameters in the file, the network has %d" % (len(flat), k)
params = [p for linear in layers for p in linear.parameters()]


def net(x):
    h = torch.tanh(layers[0](x))
    h = torch.tanh(layers[1](h))
    return layers[2](h)


x = torch.linspace(0, 1, 101)[1:-1].reshape(-1, 1).requires_grad_()
source = math.pi ** 2 * torch.sin(math.pi * x.detach())
boundary = torch.tensor([[0.0], [1.0]])
optimizer = torch.optim.Adam(params, lr=1e-3)


def step():
    optimizer.zero_grad()
    u = net(x)
    du, = torch.autograd.grad(u.sum(), x, create_graph=True)
    d2u, = torch.autograd.grad(du.sum(), x, create_graph=True)
    loss = ((d2u + source) ** 2).mean() + (net(boundary) ** 2).sum()
    loss.backward()
    optimizer.step()
    return loss.item()


first = step()
start = time.perf_counter()
start_cpu = time.thread_time()
for _ in range(steps - 1):
    last = step()
elapsed = time.perf_counter() - start
elapsed_cpu = time.thread_time() - start_cpu
with torch.no_grad():
    grid = torch.linspace(0, 1, 1001).reshape(-1, 1)
    exact = torch.sin(math.pi * grid)
    error = (torch.linalg.norm(net(grid) - exact) / torch.linalg.norm(exact)).item()
print("torch %s, %d steps: loss %.3e -> %.3e, relative L2 error %.2e, %.0f us a step (%.0f us of CPU time)"
      % (torch.__version__, steps, first, last, error, elapsed / (steps - 1) * 1e6, elapsed_cpu / (steps - 1) * 1e6))
