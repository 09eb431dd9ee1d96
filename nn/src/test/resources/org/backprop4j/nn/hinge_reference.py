# Reference values for nn's HingeReferenceTest: the hinge loss mean(max(0, 1 - t*p)) over every element,
# through a 3 -> 4 (tanh) -> 2 (identity) network with parameters p_k = 0.5*sin(k+1) in backprop4j's flat
# order (per layer, per neuron: weights then bias), float64, computed by PyTorch autograd.
import math
import torch

torch.set_default_dtype(torch.float64)
sizes = [3, 4, 2]
flat = [0.5 * math.sin(k + 1) for k in range(4 * 4 + 2 * 5)]
params, k = [], 0
for nin, nout in zip(sizes, sizes[1:]):
    w = torch.empty(nout, nin); b = torch.empty(nout)
    for j in range(nout):
        for i in range(nin):
            w[j, i] = flat[k]; k += 1
        b[j] = flat[k]; k += 1
    params += [w.requires_grad_(), b.requires_grad_()]
x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [-1.0, 0.5, 2.0]])
t = torch.tensor([[1.0, -1.0], [-1.0, 1.0], [1.0, 1.0]])
h = torch.tanh(x @ params[0].T + params[1])
out = h @ params[2].T + params[3]
loss = torch.clamp(1 - t * out, min=0).mean()
loss.backward()
grads = []
for w, b in zip(params[0::2], params[1::2]):
    for j in range(w.shape[0]):
        grads += w.grad[j].tolist() + [b.grad[j].item()]
print("torch", torch.__version__)
print("loss", repr(loss.item()))
print("grads", ", ".join(repr(g) for g in grads))
# direct: predictions p and labels, gradient with respect to p
p = torch.tensor([[0.3, -1.7, 2.5], [-0.2, 0.9, -3.0]], requires_grad=True)
lab = torch.tensor([[1.0, 1.0, -1.0], [-1.0, 1.0, 1.0]])
direct = torch.clamp(1 - lab * p, min=0).mean()
direct.backward()
print("direct", repr(direct.item()))
print("dp", ", ".join(repr(g) for g in p.grad.flatten().tolist()))
