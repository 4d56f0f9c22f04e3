#!/usr/bin/env python3
"""The PyTorch side of `pnpm bench train`: the same models, weights, batch and training step as
bench/src/train/models.ts, on the CPU with torch.set_num_threads(threads).

    /usr/bin/python3 bench/src/train/torch_train.py <bench/configs/train.json> <threads> [--smoke] [--models=a,b]

Prints one JSON line (bench/src/train-types.ts `TrainWorkerResult`); when torch cannot be imported,
one with `unavailable` set. Weights and data come from `fill`, which computes bit for bit what
bench/src/train/fill.ts computes, so the first losses can be compared with ours.
"""

import json
import math
import statistics
import sys
import time


def emit(result):
    sys.stdout.write(json.dumps(result) + "\n")


# ---------------------------------------------------------------------------------------------
# Deterministic values: fill.ts in numpy (uint32 arithmetic wraps the same way as Math.imul).
# ---------------------------------------------------------------------------------------------


def name_seed(name):
    h = 0x811C9DC5
    for ch in name.encode("ascii"):
        h = ((h ^ ch) * 0x01000193) & 0xFFFFFFFF
    return h


def hashes(np, n, seed):
    u32 = np.uint32
    i = np.arange(n, dtype=np.uint32)
    h = i * u32(0x9E3779B1) + u32((seed * 0x85EBCA77) & 0xFFFFFFFF)
    h ^= h >> u32(15)
    h *= u32(0x2C1B3C6D)
    h ^= h >> u32(12)
    h *= u32(0x297A2D39)
    h ^= h >> u32(15)
    return h


def fill_values(np, n, name, scale, offset=0.0):
    u = hashes(np, n, name_seed(name)).astype(np.float64) / 4294967296.0 * 2.0 - 1.0
    return (u * scale + offset).astype(np.float32)


def fill_labels(np, n, name, classes):
    return (hashes(np, n, name_seed(name)) % np.uint32(classes)).astype(np.int64)


def weight_values(np, name, shape):
    """fill.ts `weightValues`: matrices [in, out] ±√(3/in); norm gains 1 ± 0.1; other vectors ±0.1."""
    n = math.prod(shape)
    if len(shape) >= 2:
        return fill_values(np, n, name, math.sqrt(3.0 / shape[0])).reshape(shape)
    last = name.split(".")[-1]
    parts = name.split(".")
    is_norm = len(parts) >= 2 and (parts[-2].startswith("ln") or parts[-2].startswith("norm"))
    if last in ("gamma", "scale") or (last == "weight" and is_norm):
        return fill_values(np, n, name, 0.1, 1.0)
    return fill_values(np, n, name, 0.1)


# ---------------------------------------------------------------------------------------------
# Models: plain tensors with requires_grad, written the way nanoGPT writes them (F.linear with the
# weight as [out, in], F.layer_norm, causal masked softmax attention, F.gelu tanh form).
# ---------------------------------------------------------------------------------------------


def linear_param(torch, np, name, fan_in, fan_out):
    """Our [in, out] weight, stored as PyTorch's [out, in] (a contiguous transposed copy)."""
    w = weight_values(np, name, [fan_in, fan_out])
    return torch.from_numpy(np.ascontiguousarray(w.T)).requires_grad_(True)


def vector_param(torch, np, name, n):
    return torch.from_numpy(weight_values(np, name, [n])).requires_grad_(True)


def build_mlp(torch, F, np, m):
    p = {
        "hidden.weight": linear_param(torch, np, "hidden.weight", m["inputs"], m["hidden"]),
        "hidden.bias": vector_param(torch, np, "hidden.bias", m["hidden"]),
        "out.weight": linear_param(torch, np, "out.weight", m["hidden"], m["outputs"]),
        "out.bias": vector_param(torch, np, "out.bias", m["outputs"]),
    }
    act = F.relu if m["activation"] == "relu" else torch.tanh
    b, mid = m["batch"], m["id"]
    x = torch.from_numpy(fill_values(np, b * m["inputs"], mid + ".x", 1.0).reshape(b, m["inputs"]))  # [B, in]
    if m["loss"] == "softmax-cross-entropy":
        labels = torch.from_numpy(fill_labels(np, b, mid + ".labels", m["outputs"]))  # [B]

        def loss():
            h = act(F.linear(x, p["hidden.weight"], p["hidden.bias"]))  # [B, hidden]
            logits = F.linear(h, p["out.weight"], p["out.bias"])  # [B, out]
            return F.cross_entropy(logits, labels)

        return p, loss
    target = torch.from_numpy(fill_values(np, b * m["outputs"], mid + ".target", 1.0).reshape(b, m["outputs"]))

    def loss():
        h = act(F.linear(x, p["hidden.weight"], p["hidden.bias"]))  # [B, hidden]
        y = F.linear(h, p["out.weight"], p["out.bias"])  # [B, out]
        return F.mse_loss(y, target)

    return p, loss


# nn-core's TransformerBlock weight names (Hugging Face's GPT-2 names), by role.
BLOCK_NAMES = {
    "ln1.gain": "ln_1.weight",
    "ln1.shift": "ln_1.bias",
    "qkv.weight": "attn.c_attn.weight",
    "qkv.bias": "attn.c_attn.bias",
    "proj.weight": "attn.c_proj.weight",
    "proj.bias": "attn.c_proj.bias",
    "ln2.gain": "ln_2.weight",
    "ln2.shift": "ln_2.bias",
    "fc.weight": "mlp.c_fc.weight",
    "fc.bias": "mlp.c_fc.bias",
    "fcproj.weight": "mlp.c_proj.weight",
    "fcproj.bias": "mlp.c_proj.bias",
}


def build_block(torch, F, np, m):
    C, nh, T, B = m["width"], m["heads"], m["context"], m["batch"]
    hs = C // nh
    n = BLOCK_NAMES
    p = {
        n["ln1.gain"]: vector_param(torch, np, n["ln1.gain"], C),
        n["ln1.shift"]: vector_param(torch, np, n["ln1.shift"], C),
        n["qkv.weight"]: linear_param(torch, np, n["qkv.weight"], C, 3 * C),
        n["qkv.bias"]: vector_param(torch, np, n["qkv.bias"], 3 * C),
        n["proj.weight"]: linear_param(torch, np, n["proj.weight"], C, C),
        n["proj.bias"]: vector_param(torch, np, n["proj.bias"], C),
        n["ln2.gain"]: vector_param(torch, np, n["ln2.gain"], C),
        n["ln2.shift"]: vector_param(torch, np, n["ln2.shift"], C),
        n["fc.weight"]: linear_param(torch, np, n["fc.weight"], C, 4 * C),
        n["fc.bias"]: vector_param(torch, np, n["fc.bias"], 4 * C),
        n["fcproj.weight"]: linear_param(torch, np, n["fcproj.weight"], 4 * C, C),
        n["fcproj.bias"]: vector_param(torch, np, n["fcproj.bias"], C),
    }
    mid = m["id"]
    x = torch.from_numpy(fill_values(np, B * T * C, mid + ".x", 1.0).reshape(B, T, C))  # [B, T, C]
    target = torch.from_numpy(fill_values(np, B * T * C, mid + ".target", 1.0).reshape(B, T, C))  # [B, T, C]
    mask = torch.tril(torch.ones(T, T, dtype=torch.bool)).view(1, 1, T, T)  # [1, 1, T, T]
    scale = 1.0 / math.sqrt(hs)

    def loss():
        h = F.layer_norm(x, (C,), p[n["ln1.gain"]], p[n["ln1.shift"]], 1e-5)  # [B, T, C]
        qkv = F.linear(h, p[n["qkv.weight"]], p[n["qkv.bias"]])  # [B, T, 3C]
        q, k, v = qkv.split(C, dim=2)  # 3 × [B, T, C]
        q = q.view(B, T, nh, hs).transpose(1, 2)  # [B, nh, T, hs]
        k = k.view(B, T, nh, hs).transpose(1, 2)  # [B, nh, T, hs]
        v = v.view(B, T, nh, hs).transpose(1, 2)  # [B, nh, T, hs]
        att = (q @ k.transpose(-2, -1)) * scale  # [B, nh, T, T]
        att = att.masked_fill(~mask, float("-inf"))  # [B, nh, T, T]
        att = F.softmax(att, dim=-1)  # [B, nh, T, T]
        y = (att @ v).transpose(1, 2).contiguous().view(B, T, C)  # [B, T, C]
        r = x + F.linear(y, p[n["proj.weight"]], p[n["proj.bias"]])  # [B, T, C]
        h = F.layer_norm(r, (C,), p[n["ln2.gain"]], p[n["ln2.shift"]], 1e-5)  # [B, T, C]
        h = F.gelu(F.linear(h, p[n["fc.weight"]], p[n["fc.bias"]]), approximate="tanh")  # [B, T, 4C]
        out = r + F.linear(h, p[n["fcproj.weight"]], p[n["fcproj.bias"]])  # [B, T, C]
        return F.mse_loss(out, target)

    return p, loss


# ---------------------------------------------------------------------------------------------
# Timing: the rule of bench/src/train/timing.ts.
# ---------------------------------------------------------------------------------------------


def timing_shape(plan, estimate_ms):
    per = max(estimate_ms, 1e-3)
    steps = min(plan["maxStepsPerRound"], max(1, math.ceil(plan["roundSeconds"] * 1000 / per)))
    fit = math.floor(plan["maxSecondsPerModel"] * 1000 / (steps * per))
    rounds = max(min(plan["minRounds"], plan["rounds"]), min(plan["rounds"], fit))
    return steps, rounds


def main():
    argv = sys.argv[1:]
    config_path, threads = argv[0], int(argv[1])
    smoke = "--smoke" in argv
    only = next((a[len("--models=") :].split(",") for a in argv if a.startswith("--models=")), None)
    label = "torch" if threads != 1 else "torch-1t"
    try:
        import numpy as np
        import torch
        import torch.nn.functional as F
    except ImportError as error:
        emit({"implementation": label, "detail": str(error), "hardware": False, "unavailable": str(error), "models": []})
        return
    with open(config_path, encoding="utf8") as f:
        config = json.load(f)
    plan = config["smoke" if smoke else "full"]
    models = config["smokeModels" if smoke else "models"]
    torch.set_num_threads(threads)
    lr = config["learningRate"]

    timings = []
    for m in models:
        if only is not None and m["id"] not in only:
            continue
        sys.stderr.write(f"train torch ({threads} threads): {m['id']}…\n")
        if m["kind"] == "mlp":
            params, loss_fn = build_mlp(torch, F, np, m)
        else:
            params, loss_fn = build_block(torch, F, np, m)
        plist = list(params.values())

        def step():
            loss = loss_fn()
            loss.backward()
            with torch.no_grad():
                for w in plist:
                    w.sub_(w.grad, alpha=lr)
                    w.grad = None
            return loss.item()

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
        timings.append(
            {
                "id": m["id"],
                "parameters": sum(w.numel() for w in plist),
                "losses": losses,
                "stepsPerRound": steps,
                "roundMs": round_ms,
                "msPerStep": statistics.median(round_ms),
            }
        )

    show = torch.__config__.show()
    blas = next((s.split("=", 1)[1] for s in show.replace(",", "\n").split() if s.startswith("BLAS_INFO=")), "?")
    capability = next(
        (line.split(":", 1)[1].strip() for line in show.splitlines() if "CPU capability usage" in line), "?"
    )
    emit(
        {
            "implementation": label,
            "detail": (
                f"PyTorch {torch.__version__} (Python {sys.version.split()[0]}), torch.set_num_threads({threads}) "
                f"→ get_num_threads() {torch.get_num_threads()}, BLAS_INFO={blas}, CPU capability {capability}"
            ),
            "hardware": False,
            "models": timings,
            "torchVersion": torch.__version__,
            "torchConfig": show,
            "torchParallel": torch.__config__.parallel_info(),
        }
    )


if __name__ == "__main__":
    main()
