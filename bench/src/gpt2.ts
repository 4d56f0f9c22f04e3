// `pnpm bench gpt2 [--smoke] [--json] [--only=id,…]`: greedy decoding of the GPT-2 124M shape (random
// weights, KV cache, batch 1, fp32) — prompt tokens/s and decode tokens/s — of ours on each nn-core
// backend beside onnxruntime-node (the engine under Transformers.js) running an ONNX export of the
// same weights, each in its own process (peak RSS measured), in the same run, and beside this
// machine's memory-read limit (read bandwidth measured here ÷ the fp32 weight bytes every token
// reads). The weights come from bench/src/gpt2/make_weights.py (Debian's python3-torch), cached under
// bench/.cache/gpt2/. Both sides' greedy ids are compared (a divergence on a near-tie is a note).
// Exits 1 when a worker fails, the ONNX export disagrees with PyTorch, ids diverge off a near-tie, or
// tensors leak; in a smoke run a missing PyTorch skips the onnxruntime side with a note.
import { readConfig } from './harness';
import { measureBandwidth } from './gpt2/bandwidth';
import { checkPlan, parseArgs, planJobs, USAGE, type Gpt2BenchArgs, type Gpt2Job } from './gpt2/plan';
import { agreement, quantizedTargetLines, readLimit, resultsTable, targetLines, type TableRow } from './gpt2/report';
import type { BandwidthResult, Gpt2BenchConfig, Gpt2WorkerResult } from './gpt2/types';
import { ensureWeights, parameterCount, weightSpec, type WeightFiles } from './gpt2/weights';
import { planArgument } from './gpt2/worker-args';
import { machineLine } from './tokenizer/report';
import { type ChildResult, runChildren, runTsWorker } from './train/spawn';

const log = (line: string) => process.stderr.write(`bench gpt2: ${line}\n`);

/** The whole run; resolves with the exit code. */
async function main(argv: readonly string[]): Promise<number> {
  let args: Gpt2BenchArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const config = readConfig<Gpt2BenchConfig>('gpt2');
  const plan = args.smoke ? config.smoke : config.full;
  checkPlan(plan, args.smoke ? 'smoke' : 'full');
  const { jobs, notes } = planJobs(config, args);
  if (jobs.length === 0) {
    process.stderr.write(`bench gpt2: --only=${args.only?.join(',')} matches nothing\n${USAGE}\n`);
    return 2;
  }
  const problems: string[] = [];
  const parameters = parameterCount(plan.model);
  const bytesPerToken = parameters * 4;

  // 1. The weights (made once, then reused from bench/.cache/gpt2/).
  const files: WeightFiles = await ensureWeights(config.python, weightSpec(plan, config.opset), log);
  log(`${files.reused ? 'reusing' : 'wrote'} ${files.dir} (${files.seconds.toFixed(1)} s)`);
  if (files.unavailable !== undefined) {
    const line = `onnxruntime side skipped: no ONNX export without PyTorch (${files.unavailable})`;
    log(line);
    if (args.smoke) notes.push(line);
    else if (jobs.some((j) => j.kind === 'onnxruntime')) problems.push(line);
  }
  const runnable = jobs.filter((j) => j.kind === 'ours' || files.onnx !== undefined);

  // 2. The memory-read limit, measured now, with nothing else of ours running.
  log(`memory-read bandwidth: summing ${plan.bandwidthMegabytes} MB on 1 and 2 threads…`);
  let bandwidth: BandwidthResult | undefined;
  try {
    bandwidth = await measureBandwidth(plan.bandwidthMegabytes, plan.bandwidthRounds, [1, 2]);
  } catch (error) {
    problems.push(`bandwidth probe failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  // 3. One process per implementation: one at a time when timing, all at once in a smoke run.
  const start = (job: Gpt2Job): Promise<ChildResult<Gpt2WorkerResult>> =>
    job.kind === 'onnxruntime'
      ? runTsWorker(
          'bench/src/gpt2/ort-worker.ts',
          [files.dir, String(job.threads), planArgument(job.plan)],
          !args.smoke,
        )
      : runTsWorker(
          'bench/src/gpt2/ours-worker.ts',
          [files.checkpointDir, job.backend, job.variant.id, planArgument(job.plan)],
          !args.smoke,
        );
  // One at a time (load average noted around each); a smoke run starts them all at once.
  const { outcomes, loads } = await runChildren(
    runnable.map((job) => ({ name: job.id, run: () => start(job) })),
    args.smoke,
    log,
  );

  const results: Gpt2WorkerResult[] = [];
  for (const [i, outcome] of outcomes.entries()) {
    const job = runnable[i]!;
    if (!outcome.ok) problems.push(`${job.id} failed: ${outcome.error}`);
    else if (outcome.value.unavailable !== undefined)
      notes.push(`${job.id}: not available here (${outcome.value.unavailable})`);
    else results.push(outcome.value);
  }

  // 4. Checks: the export against PyTorch, determinism, leaks, greedy ids against the reference.
  const reference = results.find((r) => r.implementation === `onnxruntime-${config.onnxThreads[0]}t`);
  const idsReference = reference ?? results[0];
  const rows: TableRow[] = [];
  for (const r of results) {
    const check = r.exportCheck;
    if (check !== undefined) {
      if (!(check.maxAbsDiff <= config.exportTolerance))
        problems.push(
          `${r.implementation}: ONNX logits differ from PyTorch's by ${check.maxAbsDiff.toExponential(2)} ` +
            `(tolerance ${config.exportTolerance})`,
        );
      if (check.torchIdsMatched < check.torchIds)
        notes.push(`${r.implementation}: ${check.torchIdsMatched}/${check.torchIds} of PyTorch's greedy ids matched`);
    }
    if (r.timing !== undefined && !r.timing.deterministic)
      problems.push(`${r.implementation}: rounds generated different ids`);
    if ((r.leakedTensors ?? 0) !== 0) problems.push(`${r.implementation}: ${r.leakedTensors} tensors leaked`);
    const a =
      r === idsReference || r.timing === undefined || idsReference?.timing === undefined
        ? undefined
        : agreement(idsReference.timing, r.timing, config.tieGap);
    // Quantised weights change the logits: their ids may part from fp32's anywhere (shown, not a failure).
    const quantized = config.variants.some((v) => v.quantize !== undefined && r.implementation.endsWith(`-${v.id}`));
    if (a !== undefined && !a.nearTie && !quantized)
      problems.push(
        `${r.implementation}: greedy ids differ from ${idsReference!.implementation}'s at position ${a.firstDivergence} ` +
          `where neither is a near-tie (gaps ${a.gaps!.reference.toExponential(2)} and ${a.gaps!.other.toExponential(2)}, ` +
          `tie tolerance ${config.tieGap})`,
      );
    rows.push(a === undefined ? { result: r } : { result: r, agreement: a });
  }

  const limitThreads = config.onnxThreads[0] ?? 2;
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({ config, parameters, bytesPerToken, bandwidth, results, notes, problems })}\n`,
    );
  } else {
    const m = plan.model;
    const lines = [resultsTable(rows, reference, bandwidth, bytesPerToken, limitThreads), ''];
    lines.push(
      `- model: GPT-2 shape V ${m.vocabSize}, P ${m.contextLength}, C ${m.embedDim}, ${m.layers} layers, ${m.heads} heads ` +
        `(${parameters.toLocaleString('en')} parameters, ${(bytesPerToken / 1e6).toFixed(0)} MB fp32, tied head), random ` +
        `N(0, ${m.std}²) weights (seed ${m.seed}); batch 1, greedy; prompt ${plan.prompt.length} pinned ids, then ` +
        `${plan.decodeTokens} single-token passes through the KV cache (each picks one id); median of up to ` +
        `${plan.rounds} rounds (about ${plan.maxSecondsPerImplementation} s at most) after a warm-up of the prompt and ` +
        `${plan.warmupDecodeTokens} steps; files: ${files.dir}`,
    );
    if (bandwidth !== undefined) {
      const parts = bandwidth.byThreads.map(
        (b) =>
          `${b.threads} thread${b.threads === 1 ? '' : 's'} ${b.gigabytesPerSecond.toFixed(1)} GB/s → ` +
          `${readLimit(b.gigabytesPerSecond, bytesPerToken).toFixed(1)} tokens/s`,
      );
      lines.push(
        `- memory-read limit: every token reads all ${(bytesPerToken / 1e6).toFixed(0)} MB of fp32 weights; read bandwidth ` +
          `(best of ${plan.bandwidthRounds} wasm-SIMD sums of a ${bandwidth.megabytes} MB Float32Array split between the ` +
          `threads, in this run): ${parts.join('; ')}. 8-bit weights read a quarter of that.`,
      );
    }
    const ours = results.filter((r) => r.kind === 'ours');
    lines.push(...targetLines(ours, reference, args.smoke ? [] : config.targets));
    if (!args.smoke) lines.push(...quantizedTargetLines(ours, config.quantizedTargets));
    for (const r of results) if (r.detail !== undefined) lines.push(`- ${r.label}: ${r.detail}`);
    lines.push(...notes.map((n) => `- ${n}`), machineLine());
    if (loads.length > 0) lines.push(`- load average (1 min) before → after each process: ${loads.join('; ')}`);
    lines.push(...problems.map((p) => `- FAILED: ${p}`));
    if (args.smoke)
      lines.push('(smoke run: a tiny model, a few tokens, all processes at once; the numbers mean nothing)');
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  for (const p of problems) log(p);
  return problems.length > 0 ? 1 : 0;
}

// exitCode, not exit(): the source runner deletes its bundle once this module has finished.
process.exitCode = await main(process.argv.slice(2));
