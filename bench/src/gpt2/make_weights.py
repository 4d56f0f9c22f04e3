#!/usr/bin/env python3
"""Random GPT-2 weights for `pnpm bench gpt2`, written twice: as a Hugging Face checkpoint directory
(what our loader reads) and as an ONNX model with a KV cache (what onnxruntime-node runs).

    /usr/bin/python3 bench/src/gpt2/make_weights.py <spec.json> <out dir>

spec.json (written by bench/src/gpt2/weights.ts): {"model": {vocabSize, contextLength, embedDim, layers,
heads, seed, std}, "prompt": [ids], "checkTokens": n, "opset": 17}.

Every tensor is drawn from N(0, std²) (numpy's PCG64 seeded with `seed`, float32), except the
LayerNorm gains, which are 1. The directory gets, atomically (written beside, then renamed):
  checkpoint/config.json, checkpoint/model.safetensors  GPT2LMHeadModel names (`transformer.` prefix),
      F32, tied (no lm_head.weight); the safetensors file is written here byte by byte (8-byte
      little-endian header length, JSON header, data), no safetensors package needed;
  model.onnx  one graph for prompt and decode steps: inputs input_ids [1, T] (int64) and, per block i,
      past_key_i / past_value_i [1, H, Tpast, D]; outputs logits [1, T, V] and present_key_i /
      present_value_i [1, H, Tpast + T, D]; T and Tpast are dynamic (Tpast = 0 for the prompt);
  reference.json  torch's greedy continuation of the prompt (`checkTokens` ids through the same KV
      cache path), and where reference-logits.bin (float32, V values: the logits after the prompt) is.
Prints one JSON line: what was written and how long it took, or {"unavailable": why} without torch.
"""

import json
import math
import os
import shutil
import struct
import sys
import time


def emit(result):
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()


def log(line):
    sys.stderr.write("make_weights: " + line + "\n")
    sys.stderr.flush()


def canonical_shapes(m):
    """Hugging Face GPT2Model names and shapes (Conv1D weights are [in, out]), in file order."""
    v, p, c, n = m["vocabSize"], m["contextLength"], m["embedDim"], m["layers"]
    h = 4 * c
    shapes = [("wte.weight", [v, c]), ("wpe.weight", [p, c])]
    for i in range(n):
        b = "h.%d." % i
        shapes += [
            (b + "ln_1.weight", [c]),
            (b + "ln_1.bias", [c]),
            (b + "attn.c_attn.weight", [c, 3 * c]),
            (b + "attn.c_attn.bias", [3 * c]),
            (b + "attn.c_proj.weight", [c, c]),
            (b + "attn.c_proj.bias", [c]),
            (b + "ln_2.weight", [c]),
            (b + "ln_2.bias", [c]),
            (b + "mlp.c_fc.weight", [c, h]),
            (b + "mlp.c_fc.bias", [h]),
            (b + "mlp.c_proj.weight", [h, c]),
            (b + "mlp.c_proj.bias", [c]),
        ]
    shapes += [("ln_f.weight", [c]), ("ln_f.bias", [c])]
    return shapes


def make_weights(np, m):
    """name → float32 array: N(0, std²) in file order from one generator; LayerNorm gains 1."""
    rng = np.random.default_rng(m["seed"])
    weights = {}
    for name, shape in canonical_shapes(m):
        if name.endswith("ln_1.weight") or name.endswith("ln_2.weight") or name == "ln_f.weight":
            weights[name] = np.ones(shape, dtype=np.float32)
        else:
            weights[name] = rng.standard_normal(size=shape, dtype=np.float32) * np.float32(m["std"])
    return weights


def write_safetensors(path, weights, prefix):
    """The safetensors layout: u64 LE header length, JSON header (8-byte aligned), raw LE data."""
    header = {"__metadata__": {"format": "pt", "source": "bench/src/gpt2/make_weights.py"}}
    offset = 0
    for name, w in weights.items():
        header[prefix + name] = {"dtype": "F32", "shape": list(w.shape), "data_offsets": [offset, offset + w.nbytes]}
        offset += w.nbytes
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for w in weights.values():
            f.write(w.astype("<f4", copy=False).tobytes(order="C"))


def hf_config(m):
    eos = m["vocabSize"] - 1
    return {
        "architectures": ["GPT2LMHeadModel"],
        "model_type": "gpt2",
        "vocab_size": m["vocabSize"],
        "n_positions": m["contextLength"],
        "n_ctx": m["contextLength"],
        "n_embd": m["embedDim"],
        "n_layer": m["layers"],
        "n_head": m["heads"],
        "n_inner": None,
        "activation_function": "gelu_new",
        "layer_norm_epsilon": 1e-5,
        "tie_word_embeddings": True,
        "bos_token_id": eos,
        "eos_token_id": eos,
        "torch_dtype": "float32",
    }


def build_module(torch, F, weights, m):
    """GPT-2 written out by hand for batch 1, with a KV cache; Conv1D weights [in, out] as in the file."""
    c, heads = m["embedDim"], m["heads"]
    d = c // heads
    layers = m["layers"]
    eps = 1e-5

    class Gpt2(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.p = torch.nn.ParameterDict()
            for name, w in weights.items():
                self.p[name.replace(".", "_")] = torch.nn.Parameter(torch.from_numpy(w), requires_grad=False)
            # addmm/Gemm wants the bias of x·wteᵀ: zeros, so the tied head exports as one Gemm
            # (transB=1) on the same initializer as the token embedding, not a transposed copy.
            self.register_buffer("head_bias", torch.zeros(m["vocabSize"]))

        def w(self, name):
            return self.p[name.replace(".", "_")]

        def linear(self, x, prefix):
            return torch.addmm(self.w(prefix + ".bias"), x, self.w(prefix + ".weight"))  # [T, out]

        def forward(self, input_ids, *past):
            t = input_ids.shape[1]
            t_past = past[0].shape[2]
            positions = torch.arange(t_past, t_past + t, dtype=torch.int64)  # [T]
            x = self.w("wte.weight")[input_ids[0]] + self.w("wpe.weight")[positions]  # [T, C]
            # Query i (absolute position t_past + i) sees keys 0 … t_past + i.
            keys_at = torch.arange(0, t_past + t, dtype=torch.int64)  # [Tpast + T]
            allowed = keys_at.unsqueeze(0) <= positions.unsqueeze(1)  # [T, Tpast + T]
            presents = []
            for i in range(layers):
                b = "h.%d." % i
                a = F.layer_norm(x, (c,), self.w(b + "ln_1.weight"), self.w(b + "ln_1.bias"), eps)  # [T, C]
                qkv = self.linear(a, b + "attn.c_attn")  # [T, 3C]
                q, k, v = qkv.split(c, dim=1)  # [T, C] each
                q = q.reshape(t, heads, d).transpose(0, 1).unsqueeze(0)  # [1, H, T, D]
                k = k.reshape(t, heads, d).transpose(0, 1).unsqueeze(0)  # [1, H, T, D]
                v = v.reshape(t, heads, d).transpose(0, 1).unsqueeze(0)  # [1, H, T, D]
                k = torch.cat([past[2 * i], k], dim=2)  # [1, H, Tpast + T, D]
                v = torch.cat([past[2 * i + 1], v], dim=2)  # [1, H, Tpast + T, D]
                presents += [k, v]
                scores = torch.matmul(q, k.transpose(2, 3)) * (1.0 / math.sqrt(d))  # [1, H, T, Tpast + T]
                scores = torch.where(allowed, scores, torch.tensor(-1e9, dtype=scores.dtype))
                probs = torch.softmax(scores, dim=-1)  # [1, H, T, Tpast + T]
                y = torch.matmul(probs, v)  # [1, H, T, D]
                y = y[0].transpose(0, 1).reshape(t, c)  # [T, C]
                x = x + self.linear(y, b + "attn.c_proj")  # [T, C]
                a = F.layer_norm(x, (c,), self.w(b + "ln_2.weight"), self.w(b + "ln_2.bias"), eps)  # [T, C]
                hid = self.linear(a, b + "mlp.c_fc")  # [T, 4C]
                hid = F.gelu(hid, approximate="tanh")  # [T, 4C]
                x = x + self.linear(hid, b + "mlp.c_proj")  # [T, C]
            x = F.layer_norm(x, (c,), self.w("ln_f.weight"), self.w("ln_f.bias"), eps)  # [T, C]
            logits = F.linear(x, self.w("wte.weight"), self.head_bias)  # [T, V]
            return (logits.unsqueeze(0), *presents)  # [1, T, V], then [1, H, Tpast + T, D] × 2L

    return Gpt2().eval()


def empty_past(torch, m):
    d = m["embedDim"] // m["heads"]
    return [torch.zeros(1, m["heads"], 0, d) for _ in range(2 * m["layers"])]


def greedy(torch, module, m, prompt, n):
    """The prompt, then n greedy ids through the cache: (ids, logits after the prompt)."""
    with torch.no_grad():
        out = module(torch.tensor([prompt], dtype=torch.int64), *empty_past(torch, m))
        first = out[0][0, -1].clone()
        ids = []
        for _ in range(n):
            nxt = int(torch.argmax(out[0][0, -1]))
            ids.append(nxt)
            out = module(torch.tensor([[nxt]], dtype=torch.int64), *out[1:])
    return ids, first


def export_onnx(torch, module, m, path, opset):
    d = m["embedDim"] // m["heads"]
    names_in = ["input_ids"]
    names_out = ["logits"]
    axes = {"input_ids": {1: "tokens"}, "logits": {1: "tokens"}}
    for i in range(m["layers"]):
        for kind in ("key", "value"):
            names_in.append("past_%s_%d" % (kind, i))
            names_out.append("present_%s_%d" % (kind, i))
            axes["past_%s_%d" % (kind, i)] = {2: "past"}
            axes["present_%s_%d" % (kind, i)] = {2: "total"}
    # Traced with 2 new tokens after 3 cached ones, so no size is 0 or 1 in the trace.
    ids = torch.tensor([[1, 2]], dtype=torch.int64)
    past = tuple(torch.randn(1, m["heads"], 3, d) for _ in range(2 * m["layers"]))
    with torch.no_grad():
        torch.onnx.export(
            module,
            (ids, *past),
            path,
            input_names=names_in,
            output_names=names_out,
            dynamic_axes=axes,
            opset_version=opset,
            do_constant_folding=True,
        )


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: make_weights.py <spec.json> <out dir>\n")
        sys.exit(2)
    spec_path, out_dir = sys.argv[1], sys.argv[2]
    try:
        import numpy as np
        import torch
        import torch.nn.functional as F
    except Exception as error:  # noqa: BLE001 - any import failure means: no torch here
        emit({"unavailable": "cannot import torch and numpy: %s" % error})
        return
    with open(spec_path) as f:
        spec = json.load(f)
    m, prompt = spec["model"], spec["prompt"]
    torch.manual_seed(0)
    started = time.time()
    tmp = out_dir + ".tmp-%d" % os.getpid()
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(os.path.join(tmp, "checkpoint"))

    weights = make_weights(np, m)
    params = sum(int(w.size) for w in weights.values())
    log("%d parameters drawn (%.1f s)" % (params, time.time() - started))
    with open(os.path.join(tmp, "checkpoint", "config.json"), "w") as f:
        json.dump(hf_config(m), f, indent=2)
    write_safetensors(os.path.join(tmp, "checkpoint", "model.safetensors"), weights, "transformer.")
    log("checkpoint written (%.1f s)" % (time.time() - started))

    module = build_module(torch, F, weights, m)
    ids, first = greedy(torch, module, m, prompt, spec["checkTokens"])
    first.numpy().astype("<f4").tofile(os.path.join(tmp, "reference-logits.bin"))
    log("torch greedy reference: %s (%.1f s)" % (ids, time.time() - started))
    export_onnx(torch, module, m, os.path.join(tmp, "model.onnx"), spec["opset"])
    log("model.onnx exported (%.1f s)" % (time.time() - started))
    reference = {
        "parameters": params,
        "torch": torch.__version__,
        "greedyIds": ids,
        "logitsFile": "reference-logits.bin",
        "seconds": round(time.time() - started, 2),
    }
    with open(os.path.join(tmp, "reference.json"), "w") as f:
        json.dump(reference, f)
    with open(os.path.join(tmp, "spec.json"), "w") as f:
        json.dump(spec, f)
    shutil.rmtree(out_dir, ignore_errors=True)
    os.rename(tmp, out_dir)
    emit(reference)


if __name__ == "__main__":
    main()
