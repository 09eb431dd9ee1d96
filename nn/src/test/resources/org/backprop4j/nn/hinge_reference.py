# Reference values for nn's HingeTest: the hinge loss mean(max(0, 1 - t*p)) over every element,
# through the network of sine_network.py (3 -> 4 (tanh) -> 2 (identity), parameters p_k = 0.5*sin(k+1)
# in backprop4j's flat order), float64, computed by PyTorch autograd.
# Run: /usr/bin/python3 hinge_reference.py
import sys

sys.dont_write_bytecode = True   # leave no __pycache__ beside the test resources
import torch
from sine_network import flat, forward, network, x

params = network()
t = torch.tensor([[1.0, -1.0], [-1.0, 1.0], [1.0, 1.0]])
out = forward(params, x)
loss = torch.clamp(1 - t * out, min=0).mean()
loss.backward()
grads = flat([p.grad for p in params])
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
