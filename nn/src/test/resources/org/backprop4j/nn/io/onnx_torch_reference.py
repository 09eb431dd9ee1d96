# Exports small PyTorch MLPs with torch.onnx.export, for nn's OnnxTorchTest, and writes beside each
# model.onnx a model.ref: the network's sizes and activations as backprop4j reads them, a seeded batch
# x and targets t, the outputs y of the same weights in float64 (a float32 model is widened to float64,
# exactly, as backprop4j widens it on import), the mean squared error and its gradients in backprop4j's
# flat order (per layer, per neuron: weights then bias), computed by PyTorch autograd.
#
#   /usr/bin/python3 onnx_torch_reference.py OUTPUT_FOLDER
#
# The committed files were made with Debian's torch 1.13 (python3-torch); OnnxTorchTest also runs this
# script into a temporary folder where /usr/bin/python3 has torch, and checks that export the same way.
import sys
import torch

out = sys.argv[1]
torch.manual_seed(2026)


class TransposedLinear(torch.nn.Module):
    """x @ W.T + b written out, which torch exports as MatMul (W.T folded into one constant) and Add."""

    def __init__(self, nin, nout):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.randn(nout, nin) * 0.5)
        self.bias = torch.nn.Parameter(torch.randn(nout) * 0.5)

    def forward(self, x):
        return x @ self.weight.T + self.bias


def linear_modules(model):
    return [m for m in model.modules() if isinstance(m, (torch.nn.Linear, TransposedLinear))]


def flat_order(tensors_by_layer):
    flat = []
    for w, b in tensors_by_layer:
        for j in range(w.shape[0]):
            flat += w[j].tolist() + [b[j].item()]
    return flat


def export(name, model, dtype, nin, nouts, hidden, output, opset=None, dynamic=True, as_inputs=False):
    model = model.to(dtype).eval()
    x32 = torch.randn(5, nin).to(dtype)
    kwargs = dict(input_names=["x"], output_names=["y"])
    if dynamic:
        kwargs["dynamic_axes"] = {"x": {0: "batch"}, "y": {0: "batch"}}
    if opset is not None:
        kwargs["opset_version"] = opset
    if as_inputs:
        kwargs["keep_initializers_as_inputs"] = True
    torch.onnx.export(model, x32, f"{out}/{name}.onnx", **kwargs)
    if nouts is None:
        return
    wide = model.double()
    x = x32.double()
    t = torch.randn(5, nouts[-1], dtype=torch.float64)
    y = wide(x)
    loss = torch.nn.functional.mse_loss(y, t)
    loss.backward()
    layers = linear_modules(wide)
    grads = flat_order([(m.weight.grad, m.bias.grad) for m in layers])
    with open(f"{out}/{name}.ref", "w") as f:
        f.write(f"# {name}.onnx from torch {torch.__version__}, torch.onnx.export; see onnx_torch_reference.py\n")
        f.write(f"nin {nin}\n")
        f.write("nouts " + " ".join(str(n) for n in nouts) + "\n")
        f.write(f"hidden {hidden}\noutput {output}\n")
        for key, value in (("x", x), ("t", t), ("y", y.detach())):
            f.write(f"{key} {value.shape[0]} {value.shape[1]} " + " ".join(repr(v) for v in value.flatten().tolist()) + "\n")
        f.write(f"loss {loss.item()!r}\n")
        f.write("grads " + " ".join(repr(g) for g in grads) + "\n")


L, T, S, R = torch.nn.Linear, torch.nn.Tanh, torch.nn.Sigmoid, torch.nn.ReLU
export("torch_tanh_float32", torch.nn.Sequential(L(3, 5), T(), L(5, 4), T(), L(4, 2)), torch.float32,
       3, [5, 4, 2], "TANH", "IDENTITY")
export("torch_relu_sigmoid_float64", torch.nn.Sequential(L(4, 6), R(), L(6, 6), R(), L(6, 1), S()), torch.float64,
       4, [6, 6, 1], "RELU", "SIGMOID")
export("torch_matmul_add_float64", torch.nn.Sequential(TransposedLinear(3, 4), T(), TransposedLinear(4, 2)), torch.float64,
       3, [4, 2], "TANH", "IDENTITY")
export("torch_opset9_inputs_float32", torch.nn.Sequential(L(2, 3), S(), L(3, 3), S(), L(3, 2), R()), torch.float32,
       2, [3, 3, 2], "SIGMOID", "RELU", opset=9, dynamic=False, as_inputs=True)
# Refused on import: an operator that is not a layer's, and two different hidden activations.
export("torch_softmax", torch.nn.Sequential(L(3, 4), T(), L(4, 3), torch.nn.Softmax(dim=1)), torch.float32, 3, None, None, None)
export("torch_mixed_hidden", torch.nn.Sequential(L(3, 4), T(), L(4, 4), R(), L(4, 1)), torch.float32, 3, None, None, None)
# The README's PyTorch network for the digits (untrained: nn's walkthrough fine-tunes it), as its Python shows it.
digits = torch.nn.Sequential(L(64, 32), R(), L(32, 10))
torch.onnx.export(digits, torch.zeros(1, 64), f"{out}/torch_digits.onnx", input_names=["input"], output_names=["output"],
                  dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
print("torch", torch.__version__)
