// The random-weight files both sides run, made once per plan and kept under bench/.cache/gpt2/
// (git-ignored), keyed by a hash of everything they depend on, so a rerun reuses them.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeSafetensors, initialValues, type SafetensorsInput } from '@chatgpt-explained/nn-core';
import { ROOT } from '../harness';
import { runJson } from '../train/spawn';
import type { Gpt2BenchModel, Gpt2BenchPlan } from './types';

const SCRIPT = join(ROOT, 'bench/src/gpt2/make_weights.py');

/** What make_weights.py reads (and what the cache key hashes, with the script itself). */
export interface WeightSpec {
  readonly model: Gpt2BenchModel;
  readonly prompt: readonly number[];
  readonly checkTokens: number;
  readonly opset: number;
}

/** Where the files are: a checkpoint directory always; the ONNX model and PyTorch's reference when Python ran. */
export interface WeightFiles {
  readonly dir: string;
  readonly checkpointDir: string;
  /** Absent when PyTorch could not be run (then: why). */
  readonly onnx?: { readonly dir: string };
  readonly unavailable?: string;
  /** Whether the files were there already. */
  readonly reused: boolean;
  readonly seconds: number;
}

/** The spec of a plan. */
export function weightSpec(plan: Gpt2BenchPlan, opset: number): WeightSpec {
  return { model: plan.model, prompt: plan.prompt, checkTokens: plan.checkTokens, opset };
}

/** 16 hex digits of SHA-256 over the spec and the generator script: the cache directory's name. */
export function cacheKey(spec: WeightSpec, script: string): string {
  return createHash('sha256').update(JSON.stringify(spec)).update('\0').update(script).digest('hex').slice(0, 16);
}

/** The canonical tensor names and shapes of a model, in file order (make_weights.py's `canonical_shapes`). */
export function canonicalShapes(m: Gpt2BenchModel): Array<[string, number[]]> {
  const { vocabSize: v, contextLength: p, embedDim: c } = m;
  const shapes: Array<[string, number[]]> = [
    ['wte.weight', [v, c]],
    ['wpe.weight', [p, c]],
  ];
  for (let i = 0; i < m.layers; i++) {
    const b = `h.${i}.`;
    shapes.push(
      [`${b}ln_1.weight`, [c]],
      [`${b}ln_1.bias`, [c]],
      [`${b}attn.c_attn.weight`, [c, 3 * c]],
      [`${b}attn.c_attn.bias`, [3 * c]],
      [`${b}attn.c_proj.weight`, [c, c]],
      [`${b}attn.c_proj.bias`, [c]],
      [`${b}ln_2.weight`, [c]],
      [`${b}ln_2.bias`, [c]],
      [`${b}mlp.c_fc.weight`, [c, 4 * c]],
      [`${b}mlp.c_fc.bias`, [4 * c]],
      [`${b}mlp.c_proj.weight`, [4 * c, c]],
      [`${b}mlp.c_proj.bias`, [c]],
    );
  }
  shapes.push(['ln_f.weight', [c]], ['ln_f.bias', [c]]);
  return shapes;
}

/** Number of parameters (tied head): what one token reads, × 4 bytes in fp32. */
export function parameterCount(m: Gpt2BenchModel): number {
  return canonicalShapes(m).reduce((sum, [, shape]) => sum + shape.reduce((a, b) => a * b, 1), 0);
}

/** make_weights.py's config.json. */
function huggingFaceConfig(m: Gpt2BenchModel): Record<string, unknown> {
  return {
    architectures: ['GPT2LMHeadModel'],
    model_type: 'gpt2',
    vocab_size: m.vocabSize,
    n_positions: m.contextLength,
    n_ctx: m.contextLength,
    n_embd: m.embedDim,
    n_layer: m.layers,
    n_head: m.heads,
    n_inner: null,
    activation_function: 'gelu_new',
    layer_norm_epsilon: 1e-5,
    tie_word_embeddings: true,
    bos_token_id: m.vocabSize - 1,
    eos_token_id: m.vocabSize - 1,
    torch_dtype: 'float32',
  };
}

/**
 * The checkpoint alone, written from JavaScript where PyTorch is missing (CI): the same layout and
 * distribution as make_weights.py (not the same values: nn-core's seeded normals, not numpy's).
 */
function writeCheckpointInJs(dir: string, m: Gpt2BenchModel): void {
  const tensors = new Map<string, SafetensorsInput>();
  for (const [i, [name, shape]] of canonicalShapes(m).entries()) {
    const gain = /(^|\.)ln_(1|2|f)\.weight$/.test(name);
    const data = initialValues(gain ? 'ones' : { normal: m.std }, shape, (m.seed * 7919 + i) >>> 0);
    tensors.set(`transformer.${name}`, { shape, data });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), `${JSON.stringify(huggingFaceConfig(m), null, 2)}\n`);
  writeFileSync(join(dir, 'model.safetensors'), encodeSafetensors(tensors, { source: 'bench/src/gpt2/weights.ts' }));
}

/**
 * The files of `plan`: reused from bench/.cache/gpt2/<key>/ when there, else made by make_weights.py
 * (checkpoint, ONNX, PyTorch's reference); where Python or torch is missing, a checkpoint written
 * here instead (<key>-js/), with `unavailable` saying why there is no ONNX model.
 */
export async function ensureWeights(
  python: string,
  spec: WeightSpec,
  log: (line: string) => void,
): Promise<WeightFiles> {
  const started = performance.now();
  const key = cacheKey(spec, readFileSync(SCRIPT, 'utf8'));
  const base = join(ROOT, 'bench/.cache/gpt2');
  const dir = join(base, key);
  const seconds = () => (performance.now() - started) / 1000;
  const withOnnx = (reused: boolean): WeightFiles => ({
    dir,
    checkpointDir: join(dir, 'checkpoint'),
    onnx: { dir },
    reused,
    seconds: seconds(),
  });
  if (existsSync(join(dir, 'reference.json'))) return withOnnx(true);
  mkdirSync(base, { recursive: true });
  const specFile = join(base, `${key}.spec.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  log(`writing random weights and the ONNX export to ${dir} (${python} make_weights.py)…`);
  const made = await runJson<{ unavailable?: string }>(python, [SCRIPT, specFile, dir], { echo: true });
  rmSync(specFile, { force: true });
  if (made.ok && made.value.unavailable === undefined) return withOnnx(false);
  const why = made.ok ? `${python}: ${made.value.unavailable}` : made.missing ? `${python}: not found` : made.error;
  if (!made.ok && made.missing !== true) throw new Error(`make_weights.py failed: ${made.error}`);
  const jsDir = `${dir}-js`;
  const checkpointDir = join(jsDir, 'checkpoint');
  const reused = existsSync(join(checkpointDir, 'model.safetensors'));
  if (!reused) {
    const tmp = `${jsDir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    writeCheckpointInJs(join(tmp, 'checkpoint'), spec.model);
    rmSync(jsDir, { recursive: true, force: true });
    renameSync(tmp, jsDir);
  }
  return { dir: jsDir, checkpointDir, unavailable: why, reused, seconds: seconds() };
}
