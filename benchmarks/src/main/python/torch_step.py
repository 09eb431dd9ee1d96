"""The comparison's PyTorch peer: the benchmark's training step in PyTorch, float64 or float32, on one
thread or at torch's default thread count.

A step is exactly the design card's: zero the gradients, forward over the whole batch, the loss,
backward, SGD with the spec's learning rate. The network, data and initial parameters come from a
JSON spec written by the Java side, so both sides start from the same numbers. Works with torch 1.13
(Debian's python3-torch) and newer.

A "poisson" spec is the physics-informed network's step instead: u = the network at the inputs
(collocation points, which require a gradient), u' and u'' by differentiating u twice with respect
to the inputs (torch.autograd.grad with create_graph=True, grad_outputs of ones), the loss
mean((u'' - targets)^2) + sum(u(boundary)^2), backward, Adam with the spec's learning rate.

Usage (THREADS is a positive count, set with torch.set_num_threads, or "default" to leave torch's
own; DTYPE is float64 or float32; the Java side also sets OMP_NUM_THREADS and OPENBLAS_NUM_THREADS
to 1 in the environment of a one-thread process and leaves them unset otherwise):
  torch_step.py --version          prints the torch version (exit 3 when torch is missing)
  torch_step.py --serve THREADS    reads commands on stdin, answers one line each:
      threads                      answers "INTRAOP BLAS": torch.get_num_threads() and the thread
                                   count of the OpenBLAS torch runs its products on (0 if unknown)
      load SPEC DTYPE              builds the spec's model in DTYPE (a spec other than the last one
                                   loaded drops the other DTYPE's model); answers
                                   "gradients g0 g1 ..." at the initial parameters, in the Java
                                   engines' flat order
      warm MILLIS DTYPE            steps for about MILLIS ms; answers "STEPS NANOS"
      time STEPS DTYPE             STEPS steps; answers "NANOS"
  torch_step.py --cold SPEC STEPS DTYPE THREADS
                                   in this fresh process, the first STEPS steps; prints "NANOS"

The spec: {"layers": [{"nin": 2, "nout": 16, "activation": "tanh"}, ...], "loss": "sum" | "mean",
"learningRate": 0.05, "inputs": [[...], ...], "targets": [[...], ...], "parameters": [...]}, the
parameters flattened layer by layer, neuron by neuron, each neuron's weights then its bias; and
optionally "kind": "fit" (the default) or "poisson", "optimizer": "sgd" (the default) or "adam"
(beta1 0.9, beta2 0.999, eps 1e-8), "boundary": [[...], ...] (poisson: the points where u = 0).
"""

import json
import sys
import time

try:
    import torch
except ImportError:
    torch = None


ACTIVATIONS = {"tanh", "identity", "relu", "sigmoid"}
KINDS = ("fit", "poisson")
OPTIMIZERS = ("sgd", "adam")
DTYPES = ("float64", "float32")


def set_threads(threads):
    """Sets torch's intra-op threads to a positive count, or leaves torch's default for "default"."""
    if threads == "default":
        return
    count = int(threads)
    if count < 1:
        raise ValueError("threads must be a positive count or 'default', got %r" % threads)
    torch.set_num_threads(count)


def blas_threads():
    """The thread count of the OpenBLAS torch links (0 when it links another BLAS or none)."""
    import ctypes
    for name in ("libopenblas.so.0", "libblas.so.3"):
        try:
            return ctypes.CDLL(name).openblas_get_num_threads()
        except (OSError, AttributeError):
            pass
    return 0


def dtype_of(name):
    if name not in DTYPES:
        raise ValueError("unknown dtype %r: choose from %s" % (name, ", ".join(DTYPES)))
    return getattr(torch, name)


def activate(name, x):
    if name == "tanh":
        return torch.tanh(x)
    if name == "relu":
        return torch.relu(x)
    if name == "sigmoid":
        return torch.sigmoid(x)
    return x


class Step:
    """One model, its batch and its optimizer, built from a spec."""

    def __init__(self, spec, dtype=None):
        dtype = torch.float64 if dtype is None else dtype
        self.activations = []
        self.layers = torch.nn.ModuleList()
        flat = spec["parameters"]
        k = 0
        for layer in spec["layers"]:
            nin, nout, activation = layer["nin"], layer["nout"], layer["activation"]
            if activation not in ACTIVATIONS:
                raise ValueError("unknown activation %r: choose from %s" % (activation, sorted(ACTIVATIONS)))
            linear = torch.nn.Linear(nin, nout).to(dtype)
            rows = torch.tensor(flat[k:k + nout * (nin + 1)], dtype=torch.float64).reshape(nout, nin + 1).to(dtype)
            k += nout * (nin + 1)
            with torch.no_grad():
                linear.weight.copy_(rows[:, :nin])
                linear.bias.copy_(rows[:, nin])
            self.layers.append(linear)
            self.activations.append(activation)
        if k != len(flat):
            raise ValueError("the spec has %d parameters, its layers need %d" % (len(flat), k))
        if spec["loss"] not in ("sum", "mean"):
            raise ValueError("unknown loss %r: choose from sum, mean" % spec["loss"])
        self.reduction = spec["loss"]
        self.kind = spec.get("kind", "fit")
        if self.kind not in KINDS:
            raise ValueError("unknown kind %r: choose from %s" % (self.kind, ", ".join(KINDS)))
        self.inputs = torch.tensor(spec["inputs"], dtype=torch.float64).to(dtype)
        self.targets = torch.tensor(spec["targets"], dtype=torch.float64).to(dtype)
        if self.kind == "poisson":
            self.inputs.requires_grad_(True)
            self.boundary = torch.tensor(spec["boundary"], dtype=torch.float64).to(dtype)
        optimizer = spec.get("optimizer", "sgd")
        if optimizer == "sgd":
            self.optimizer = torch.optim.SGD(self.layers.parameters(), lr=spec["learningRate"])
        elif optimizer == "adam":
            self.optimizer = torch.optim.Adam(self.layers.parameters(), lr=spec["learningRate"], betas=(0.9, 0.999), eps=1e-8)
        else:
            raise ValueError("unknown optimizer %r: choose from %s" % (optimizer, ", ".join(OPTIMIZERS)))

    def forward(self, out):
        for linear, activation in zip(self.layers, self.activations):
            out = activate(activation, linear(out))
        return out

    def loss(self):
        if self.kind == "poisson":
            return self.poisson_loss()
        return torch.nn.functional.mse_loss(self.forward(self.inputs), self.targets, reduction=self.reduction)

    def poisson_loss(self):
        """mean((u'' - targets)^2) + sum(u(boundary)^2), u'' the network's second derivative at the inputs."""
        u = self.forward(self.inputs)
        du, = torch.autograd.grad(u.sum(), self.inputs, create_graph=True)
        d2u, = torch.autograd.grad(du.sum(), self.inputs, create_graph=True)
        interior = torch.nn.functional.mse_loss(d2u, self.targets, reduction=self.reduction)
        return interior + self.forward(self.boundary).pow(2).sum()

    def gradients(self):
        """The gradients at the current parameters, flat, without changing the parameters."""
        self.zero_grad()
        self.loss().backward()
        flat = []
        for linear in self.layers:
            rows = torch.cat([linear.weight.grad, linear.bias.grad.unsqueeze(1)], dim=1)
            flat.extend(rows.reshape(-1).tolist())
        self.zero_grad()
        return flat

    def zero_grad(self):
        self.optimizer.zero_grad(set_to_none=True)
        if self.kind == "poisson":
            self.inputs.grad = None

    def step(self):
        self.zero_grad()
        loss = self.loss()
        loss.backward()
        self.optimizer.step()
        return loss

    def run(self, steps):
        """Runs steps; returns the nanoseconds they took. Fails when the loss stops being finite."""
        start = time.perf_counter_ns()
        for _ in range(steps):
            loss = self.step()
        elapsed = time.perf_counter_ns() - start
        check_finite(loss)
        return elapsed

    def warm(self, millis):
        """Steps for about millis ms; returns (steps, nanoseconds)."""
        start = time.perf_counter_ns()
        deadline = start + millis * 1_000_000
        steps = 0
        now = start
        while steps == 0 or now < deadline:
            loss = self.step()
            steps += 1
            now = time.perf_counter_ns()
        check_finite(loss)
        return steps, now - start


def check_finite(loss):
    value = loss.item()
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("the loss became %r; a benchmark must not time non-finite arithmetic" % value)


def load(path, dtype_name="float64"):
    with open(path, encoding="utf-8") as f:
        return Step(json.load(f), dtype_of(dtype_name))


def serve(threads):
    set_threads(threads)
    steps = {}
    loaded = None
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "threads":
            answer = "%d %d" % (torch.get_num_threads(), blas_threads())
        elif words[0] == "load":
            spec, dtype_name = " ".join(words[1:-1]), words[-1]
            if spec != loaded:
                steps, loaded = {}, spec
            steps[dtype_name] = load(spec, dtype_name)
            answer = "gradients " + " ".join(repr(g) for g in steps[dtype_name].gradients())
        elif words[0] in ("warm", "time"):
            step = steps.get(words[2] if len(words) > 2 else "")
            if step is None:
                raise ValueError("%s before load of %s" % (line.strip(), words[2] if len(words) > 2 else "a dtype"))
            answer = "%d %d" % step.warm(int(words[1])) if words[0] == "warm" else "%d" % step.run(int(words[1]))
        else:
            raise ValueError("unknown command %r" % line.strip())
        print(answer, flush=True)


def main(argv):
    if torch is None:
        print("torch is not installed for %s" % sys.executable, file=sys.stderr)
        return 3
    if argv[1:] == ["--version"]:
        print(torch.__version__)
    elif len(argv) == 3 and argv[1] == "--serve":
        serve(argv[2])
    elif len(argv) == 6 and argv[1] == "--cold":
        set_threads(argv[5])
        print(load(argv[2], argv[4]).run(int(argv[3])))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
