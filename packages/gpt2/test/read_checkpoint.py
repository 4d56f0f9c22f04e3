#!/usr/bin/env python3
"""Reads a GPT-2 checkpoint directory in Hugging Face's layout (config.json, model.safetensors) the
way another program would, and prints the logits of the last position of each id sequence given.

    python3 read_checkpoint.py DIR '[[1, 2, 3], [4]]'   →   {"reader": "...", "logits": [[...], [...]]}

With `transformers` importable (for example on a machine with PyTorch and transformers installed),
the model is loaded by `GPT2LMHeadModel.from_pretrained(DIR)` unchanged and run in float64; without
it, by this file's own safetensors parser and float64 numpy forward pass (independent of the
TypeScript loader: it follows the safetensors format description and transformers' GPT-2, reading
only the fields transformers reads). Used by src/node/checkpoint-interop.test.ts to show that what
`saveCheckpoint` writes is a checkpoint other programs load. Needs numpy (Debian: python3-numpy).
"""
import json
import math
import os
import struct
import sys

import numpy as np

DTYPES = {'F32': '<f4', 'F16': '<f2', 'F64': '<f8'}


def read_safetensors(path):
    """{name: float64 array} from a safetensors file: 8-byte little-endian header length, JSON
    header, data; BF16 widened by shifting its 16 bits into a float32."""
    with open(path, 'rb') as f:
        raw = f.read()
    (n,) = struct.unpack('<Q', raw[:8])
    header = json.loads(raw[8 : 8 + n].decode('utf-8'))
    data = raw[8 + n :]
    tensors = {}
    for name, entry in header.items():
        if name == '__metadata__':
            continue
        start, end = entry['data_offsets']
        chunk = data[start:end]
        if entry['dtype'] == 'BF16':
            bits = np.frombuffer(chunk, dtype='<u2').astype(np.uint32) << 16
            values = bits.view(np.float32)
        elif entry['dtype'] in DTYPES:
            values = np.frombuffer(chunk, dtype=DTYPES[entry['dtype']])
        else:
            continue  # mask buffers (BOOL, U8): not weights
        tensors[name] = values.astype(np.float64).reshape(entry['shape'])
    return tensors


def numpy_logits(directory, sequences):
    with open(os.path.join(directory, 'config.json'), encoding='utf-8') as f:
        cfg = json.load(f)
    w = read_safetensors(os.path.join(directory, 'model.safetensors'))
    # Both name styles: GPT2LMHeadModel's `transformer.` prefix or GPT2Model's bare names.
    w = {k[len('transformer.') :] if k.startswith('transformer.') else k: v for k, v in w.items()}
    c, heads, layers = cfg['n_embd'], cfg['n_head'], cfg['n_layer']
    eps = cfg.get('layer_norm_epsilon', 1e-5)
    d = c // heads
    tied = cfg.get('tie_word_embeddings', True)
    out = w['wte.weight'] if tied or 'lm_head.weight' not in w else w['lm_head.weight']
    act = cfg.get('activation_function', 'gelu_new')

    def layer_norm(x, g, b):
        mean = x.mean(axis=-1, keepdims=True)
        var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
        return (x - mean) / np.sqrt(var + eps) * g + b

    def gelu(x):
        if act in ('gelu_new', 'gelu_pytorch_tanh'):
            return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)))
        if act == 'relu':
            return np.maximum(x, 0)
        raise ValueError(f'activation {act} not supported by this reader')

    results = []
    for ids in sequences:
        t = len(ids)
        x = w['wte.weight'][ids] + w['wpe.weight'][:t]  # [T, C]
        mask = np.tril(np.ones((t, t), dtype=bool))
        for i in range(layers):
            p = f'h.{i}.'
            a = layer_norm(x, w[p + 'ln_1.weight'], w[p + 'ln_1.bias'])
            qkv = a @ w[p + 'attn.c_attn.weight'] + w[p + 'attn.c_attn.bias']  # [T, 3C] (Conv1D: [in, out])
            q, k, v = (qkv[:, j * c : (j + 1) * c].reshape(t, heads, d).transpose(1, 0, 2) for j in range(3))
            s = np.where(mask, q @ k.transpose(0, 2, 1) / math.sqrt(d), -np.inf)  # [heads, T, T]
            s = np.exp(s - s.max(axis=-1, keepdims=True))
            s /= s.sum(axis=-1, keepdims=True)
            o = (s @ v).transpose(1, 0, 2).reshape(t, c)
            x = x + o @ w[p + 'attn.c_proj.weight'] + w[p + 'attn.c_proj.bias']
            m = layer_norm(x, w[p + 'ln_2.weight'], w[p + 'ln_2.bias'])
            x = x + gelu(m @ w[p + 'mlp.c_fc.weight'] + w[p + 'mlp.c_fc.bias']) @ w[p + 'mlp.c_proj.weight']
            x = x + w[p + 'mlp.c_proj.bias']
        h = layer_norm(x, w['ln_f.weight'], w['ln_f.bias'])
        results.append((h[-1] @ out.T).tolist())
    return results


def transformers_logits(directory, sequences):
    import torch
    from transformers import GPT2LMHeadModel

    model = GPT2LMHeadModel.from_pretrained(directory, torch_dtype=torch.float64).eval()
    results = []
    with torch.no_grad():
        for ids in sequences:
            results.append(model(torch.tensor([ids])).logits[0, -1].tolist())
    return results


def main():
    directory, sequences = sys.argv[1], json.loads(sys.argv[2])
    try:
        import transformers  # noqa: F401

        reader = f'transformers {transformers.__version__} GPT2LMHeadModel.from_pretrained'
        logits = transformers_logits(directory, sequences)
    except ImportError:
        reader = 'numpy safetensors reader and float64 forward pass (transformers is not installed)'
        logits = numpy_logits(directory, sequences)
    json.dump({'reader': reader, 'logits': logits}, sys.stdout)


if __name__ == '__main__':
    main()
