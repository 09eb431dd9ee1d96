# The network nn's HingeTest and OptimizerTorchTest build (their Java twin is SineNetwork.java), for the
# reference scripts beside it: 3 -> 4 (tanh) -> 2 (identity), parameter k of backprop4j's flat order (per
# layer, per neuron: weights then bias) 0.5*sin(k+1), float64, and the three input rows both feed it.
import math
import torch

torch.set_default_dtype(torch.float64)
sizes = [3, 4, 2]
x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [-1.0, 0.5, 2.0]])


def network():
    """A new network: [w1, b1, w2, b2], each a leaf that requires its gradient."""
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


def forward(params, inputs):
    """The network's outputs for the rows of inputs."""
    h = torch.tanh(inputs @ params[0].T + params[1])
    return h @ params[2].T + params[3]


def flat(tensors):
    """Parameters (or their gradients) [w1, b1, w2, b2] as one list in backprop4j's flat order."""
    values = []
    for w, b in zip(tensors[0::2], tensors[1::2]):
        for j in range(w.shape[0]):
            values += w[j].tolist() + [b[j].item()]
    return values
