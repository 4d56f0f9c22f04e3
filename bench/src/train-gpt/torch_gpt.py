#!/usr/bin/env python3
"""The PyTorch side of `pnpm bench train-gpt`: a nanoGPT-style GPT (written for this benchmark after
nanoGPT's model.py: pre-LayerNorm blocks, causal self-attention with a masked softmax, GELU in its
tanh form, biases, the output projection tied to the token embedding), trained the way nanoGPT's
train.py trains shakespeare_char on the CPU (AdamW, clip_grad_norm_, loss.item()), with
torch.set_num_threads(threads).

    /usr/bin/python3 bench/src/train-gpt/torch_gpt.py <config.json> <threads> [--smoke] [--implementation=NAME]

Weights come from bench/src/train/torch_train.py's `weight_values` (bit for bit what fill.ts gives
createGpt2Model on our side, matrices transposed to nn.Linear's [out, in]); the windows from
`window_starts` (batches.ts's `windowStarts`). Prints one JSON line (bench/src/train-gpt-types.ts
`TrainGptWorkerResult`); when torch cannot be imported, one with `unavailable` set.
"""

import json
import math
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "train"))
from torch_train import hashes, name_seed, timing_shape, weight_values  # noqa: E402


def emit(result):
    sys.stdout.write(json.dumps(result) + "\n")


def char_corpus(np, text):
    """nanoGPT's shakespeare_char prepare.py: ids into the sorted distinct characters."""
    chars = sorted(set(text))
    index = {c: i for i, c in enumerate(chars)}
    return chars, np.array([index[c] for c in text], dtype=np.int64)


def window_starts(np, batch, size, corpus_length, context_length, seed_name):
    """batches.ts `windowStarts`: hash of the running window index modulo n − T."""
    windows = corpus_length - context_length
    k = hashes(np, (batch + 1) * size, name_seed(seed_name))[batch * size :]
    return (k % np.uint32(windows)).astype(np.int64)


def define_model(torch):
    nn, F = torch.nn, torch.nn.functional

    class CausalSelfAttention(nn.Module):
        def __init__(self, c, nh, t):
            super().__init__()
            self.c_attn = nn.Linear(c, 3 * c)
            self.c_proj = nn.Linear(c, c)
            self.nh = nh
            self.register_buffer("bias", torch.tril(torch.ones(t, t)).view(1, 1, t, t))  # [1, 1, T, T]

        def forward(self, x):
            B, T, C = x.size()
            q, k, v = self.c_attn(x).split(C, dim=2)  # 3 × [B, T, C]
            hs = C // self.nh
            q = q.view(B, T, self.nh, hs).transpose(1, 2)  # [B, nh, T, hs]
            k = k.view(B, T, self.nh, hs).transpose(1, 2)  # [B, nh, T, hs]
            v = v.view(B, T, self.nh, hs).transpose(1, 2)  # [B, nh, T, hs]
            att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(hs))  # [B, nh, T, T]
            att = att.masked_fill(self.bias[:, :, :T, :T] == 0, float("-inf"))
            att = F.softmax(att, dim=-1)
            y = (att @ v).transpose(1, 2).contiguous().view(B, T, C)  # [B, T, C]
            return self.c_proj(y)

    class MLP(nn.Module):
        def __init__(self, c):
            super().__init__()
            self.c_fc = nn.Linear(c, 4 * c)
            self.c_proj = nn.Linear(4 * c, c)

        def forward(self, x):
            return self.c_proj(F.gelu(self.c_fc(x), approximate="tanh"))  # [B, T, C]

    class Block(nn.Module):
        def __init__(self, c, nh, t):
            super().__init__()
            self.ln_1 = nn.LayerNorm(c, eps=1e-5)
            self.attn = CausalSelfAttention(c, nh, t)
            self.ln_2 = nn.LayerNorm(c, eps=1e-5)
            self.mlp = MLP(c)

        def forward(self, x):
            x = x + self.attn(self.ln_1(x))
            return x + self.mlp(self.ln_2(x))

    class GPT(nn.Module):
        def __init__(self, vocab, c, nh, layers, t):
            super().__init__()
            self.transformer = nn.ModuleDict(
                dict(
                    wte=nn.Embedding(vocab, c),
                    wpe=nn.Embedding(t, c),
                    h=nn.ModuleList([Block(c, nh, t) for _ in range(layers)]),
                    ln_f=nn.LayerNorm(c, eps=1e-5),
                )
            )
            self.lm_head = nn.Linear(c, vocab, bias=False)
            self.transformer.wte.weight = self.lm_head.weight  # tied, as nanoGPT

        def forward(self, idx):
            _, T = idx.size()
            pos = torch.arange(0, T, dtype=torch.long)  # [T]
            x = self.transformer.wte(idx) + self.transformer.wpe(pos)  # [B, T, C]
            for block in self.transformer.h:
                x = block(x)
            return self.lm_head(self.transformer.ln_f(x))  # [B, T, V]

    return GPT


def fill_model(torch, np, model):
    """Every weight from `weight_values` under our (Hugging Face) name and [in, out] layout."""
    with torch.no_grad():
        for full, p in model.named_parameters():  # the tied lm_head.weight is listed once, as wte
            name = full[len("transformer.") :] if full.startswith("transformer.") else full
            linear = p.dim() == 2 and name not in ("wte.weight", "wpe.weight")
            shape = [p.shape[1], p.shape[0]] if linear else list(p.shape)
            w = weight_values(np, name, shape)
            p.copy_(torch.from_numpy(np.ascontiguousarray(w.T) if linear else w))


def loaded_blas():
    """The BLAS and OpenMP libraries this process mapped (Debian's torch links libblas.so.3, whichever
    alternative it points to: the netlib reference BLAS or OpenBLAS)."""
    try:
        with open("/proc/self/maps", encoding="utf8") as f:
            paths = {line.split()[-1] for line in f if "/" in line}
    except OSError:
        return "?"
    found = sorted(os.path.realpath(p) for p in paths if "blas" in os.path.basename(p).lower())
    return ", ".join(dict.fromkeys(found)) or "none mapped"


def main():
    argv = sys.argv[1:]
    config_path, threads = argv[0], int(argv[1])
    smoke = "--smoke" in argv
    label = next(
        (a[len("--implementation=") :] for a in argv if a.startswith("--implementation=")),
        "torch" if threads != 1 else "torch-1t",
    )
    try:
        import numpy as np
        import torch
    except ImportError as error:
        emit({"implementation": label, "detail": str(error), "hardware": False, "unavailable": str(error)})
        return
    F = torch.nn.functional
    with open(config_path, encoding="utf8") as f:
        config = json.load(f)
    run = config["smoke" if smoke else "full"]
    m, o, plan = run["model"], config["optimizer"], run["plan"]
    torch.set_num_threads(threads)
    root = os.path.join(os.path.dirname(os.path.abspath(config_path)), "..", "..")
    with open(os.path.join(root, config["corpus"]), encoding="utf8") as f:
        chars, ids = char_corpus(np, f.read())
    data = torch.from_numpy(ids)  # [n]
    V, T, B = len(chars), m["contextLength"], m["batch"]

    model = define_model(torch)(V, m["embedDim"], m["heads"], m["layers"], T)
    fill_model(torch, np, model)
    model.train()
    # gpt2DecaysWeight: the matrices decay, the embeddings (and the tied head) and vectors do not.
    named = list(model.named_parameters())
    decayed = [p for n, p in named if p.dim() >= 2 and n not in ("transformer.wte.weight", "transformer.wpe.weight")]
    kept = [p for n, p in named if not (p.dim() >= 2 and n not in ("transformer.wte.weight", "transformer.wpe.weight"))]
    optimizer = torch.optim.AdamW(
        [{"params": decayed, "weight_decay": o["weightDecay"]}, {"params": kept, "weight_decay": 0.0}],
        lr=o["learningRate"],
        betas=(o["beta1"], o["beta2"]),
        eps=o["epsilon"],
    )
    starts = [
        window_starts(np, b, B, len(ids), T, config["startsSeedName"]).tolist() for b in range(run["batches"])
    ]
    counter = [0]

    def step():
        ix = starts[counter[0] % run["batches"]]
        counter[0] += 1
        x = torch.stack([data[i : i + T] for i in ix])  # [B, T], nanoGPT's get_batch
        y = torch.stack([data[i + 1 : i + 1 + T] for i in ix])  # [B, T]
        logits = model(x)  # [B, T, V]
        loss = F.cross_entropy(logits.view(-1, V), y.view(-1))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), o["clipNorm"])
        optimizer.step()
        return loss.item()

    sys.stderr.write(f"train-gpt torch ({threads} threads)…\n")
    losses = [step() for _ in range(config["parity"]["steps"])]
    for _ in range(plan["warmupSteps"]):
        step()
    t0 = time.perf_counter()
    step()
    steps, rounds = timing_shape(plan, (time.perf_counter() - t0) * 1000)
    round_ms = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(steps):
            step()
        round_ms.append((time.perf_counter() - t0) * 1000 / steps)

    show = torch.__config__.show()
    blas = next((s.split("=", 1)[1] for s in show.replace(",", "\n").split() if s.startswith("BLAS_INFO=")), "?")
    emit(
        {
            "implementation": label,
            "detail": (
                f"PyTorch {torch.__version__} (Python {sys.version.split()[0]}), torch.set_num_threads({threads}) "
                f"→ get_num_threads() {torch.get_num_threads()}, BLAS_INFO={blas}, loaded BLAS {loaded_blas()}, "
                f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}, AdamW for-loop (CPU default)"
            ),
            "hardware": False,
            "vocabSize": V,
            "parameters": sum(p.numel() for p in model.parameters()),
            "losses": losses,
            "stepsPerRound": steps,
            "roundMs": round_ms,
            "msPerStep": statistics.median(round_ms),
            "torchConfig": show,
        }
    )


if __name__ == "__main__":
    main()
