#!/usr/bin/env python3
"""Where a PyTorch training step of `pnpm bench train` spends its time, beside profile.ts's answer for
ours (not part of the benchmark):

    node scripts/run-ts.mjs bench/src/train/profile.ts wasm block-128 --json > /tmp/ours.json
    /usr/bin/python3 bench/src/train/torch_profile.py bench/configs/train.json block-128 2 /tmp/ours.json

Prints the plain step time, the ops of one step by self CPU time (torch.profiler), each matMul shape
that ours ran (from ours' JSON) timed alone in PyTorch (transposes as views, as BLAS takes them), and
the cost of a trivial op.
"""

import json
import statistics
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ left in the source tree
sys.path.insert(0, str(Path(__file__).parent))
import torch_train as tt  # noqa: E402  (main() only runs when it is the script)


def time_ms(fn, min_s=1.5, min_runs=5):
    for _ in range(3):
        fn()
    times = []
    start = time.perf_counter()
    while len(times) < min_runs or time.perf_counter() - start < min_s:
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main():
    config_path, model_id, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
    ours = json.loads(Path(sys.argv[4]).read_text()) if len(sys.argv) > 4 else None
    import numpy as np
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(threads)
    config = json.loads(Path(config_path).read_text())
    m = next(x for x in config["models"] if x["id"] == model_id)
    params, loss_fn = (tt.build_mlp if m["kind"] == "mlp" else tt.build_block)(torch, F, np, m)
    plist = list(params.values())
    lr = config["learningRate"]

    def step():
        loss = loss_fn()
        loss.backward()
        with torch.no_grad():
            for w in plist:
                w.sub_(w.grad, alpha=lr)
                w.grad = None
        return loss.item()

    step_ms = time_ms(step)
    with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as prof:
        step()
    events = prof.key_averages()
    rows = sorted(events, key=lambda e: e.self_cpu_time_total, reverse=True)
    print(f"torch {threads} threads {model_id}: step {step_ms:.3f} ms")
    print("op | calls | self CPU ms (profiled step)")
    for e in rows[:15]:
        print(f"{e.key} | {e.count} | {e.self_cpu_time_total / 1000:.3f}")

    if ours is not None:
        print("matMul (ours' shapes) | ms alone | GFLOP/s")
        for mm in ours["matMuls"]:
            shape = mm["shape"]
            a_shape, b_shape = shape.split("×")
            ta, tb = a_shape.endswith("ᵀ"), b_shape.endswith("ᵀ")
            a_dims = json.loads(a_shape.rstrip("ᵀ"))
            b_dims = json.loads(b_shape.rstrip("ᵀ"))
            a = torch.rand(a_dims) * 2 - 1
            b = torch.rand(b_dims) * 2 - 1
            a_op = a.transpose(-2, -1) if ta else a
            b_op = b.transpose(-2, -1) if tb else b

            def mm_once(a_op=a_op, b_op=b_op):
                torch.matmul(a_op, b_op)

            ms = time_ms(mm_once, 0.4)
            flops = 2 * a_op.shape[-2] * a_op.shape[-1] * b_op.shape[-1] * (a_op.numel() // (a_op.shape[-2] * a_op.shape[-1]))
            print(f"{shape} | {ms:.3f} | {flops / (ms * 1e6):.2f}")

    one = torch.ones(1)
    n = 1000

    def trivial():
        for _ in range(n):
            one + one  # noqa: B018

    print(f"a trivial op: {time_ms(trivial, 0.5) * 1000 / n:.1f} µs")


if __name__ == "__main__":
    main()
