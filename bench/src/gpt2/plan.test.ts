import { describe, expect, it } from 'vitest';
import { readConfig } from '../harness';
import { checkPlan, parseArgs, planJobs } from './plan';
import type { Gpt2BenchConfig } from './types';
import { planArgument, readPlanArgument } from './worker-args';

const config = readConfig<Gpt2BenchConfig>('gpt2');

describe('bench gpt2 arguments', () => {
  it('parses --smoke, --json and --only', () => {
    expect(parseArgs([])).toEqual({ smoke: false, json: false });
    expect(parseArgs(['--smoke', '--json', '--only=onnxruntime, ours-wasm'])).toEqual({
      smoke: true,
      json: true,
      only: ['onnxruntime', 'ours-wasm'],
    });
  });

  it('refuses unknown arguments and an empty --only, with the usage line', () => {
    expect(() => parseArgs(['--fast'])).toThrow(/unknown argument "--fast"[\s\S]*usage: pnpm bench gpt2/);
    expect(() => parseArgs(['--only='])).toThrow(/--only needs implementation ids/);
  });

  it('passes a plan to a worker and reads it back, refusing bad ones', () => {
    const plan = {
      prompt: [1, 2, 3],
      decodeTokens: 4,
      warmupDecodeTokens: 0,
      rounds: 2,
      maxSecondsPerImplementation: 9,
    };
    expect(readPlanArgument(['x', planArgument(plan)])).toEqual(plan);
    expect(() => readPlanArgument([])).toThrow(/--plan=<json> is missing/);
    expect(() => readPlanArgument(['--plan={'])).toThrow(/not JSON/);
    expect(() => readPlanArgument([planArgument({ ...plan, prompt: [] })])).toThrow(/prompt must be a non-empty/);
    expect(() => readPlanArgument([planArgument({ ...plan, decodeTokens: 0 })])).toThrow(
      /decodeTokens must be an integer ≥ 1; got 0/,
    );
    expect(() => readPlanArgument([planArgument({ ...plan, rounds: 1.5 })])).toThrow(/rounds must be an integer ≥ 1/);
  });
});

describe('bench gpt2 config and jobs', () => {
  it('pins the issue’s conditions: a 64-token prompt, ≥ 128 generated tokens, onnxruntime on 2 threads first', () => {
    expect(config.full.prompt).toHaveLength(64);
    expect(config.full.decodeTokens).toBeGreaterThanOrEqual(128);
    expect(config.onnxThreads[0]).toBe(2);
    expect(config.onnxThreads).toContain(1);
    checkPlan(config.full, 'full');
    checkPlan(config.smoke, 'smoke');
  });

  it('checks prompt ids and lengths against the model', () => {
    expect(() => checkPlan({ ...config.smoke, prompt: [config.smoke.model.vocabSize] }, 'smoke')).toThrow(
      /smoke.prompt id 512 is outside \[0, 512\)/,
    );
    expect(() => checkPlan({ ...config.smoke, decodeTokens: 100 }, 'smoke')).toThrow(/do not fit the context of 64/);
  });

  it('plans onnxruntime then ours; quantised weights on wasm only; the slow cpu backend only when named', () => {
    const full = planJobs(config, { smoke: false, json: false });
    expect(full.jobs.map((j) => j.id)).toEqual([
      'onnxruntime-2t',
      'onnxruntime-1t',
      'ours-wasm-fp32',
      'ours-wasm-int8',
      'ours-wasm-int4',
      'ours-webgpu-fp32',
    ]);
    expect(full.notes.some((n) => n.startsWith('ours cpu: left out'))).toBe(true);
    const webgpu = full.jobs.find((j) => j.id === 'ours-webgpu-fp32')!;
    expect(webgpu.plan.decodeTokens).toBe(16);
    expect(webgpu.plan.prompt).toEqual(config.full.prompt);

    const cpu = planJobs(config, { smoke: false, json: false, only: ['ours-cpu'] });
    expect(cpu.jobs.map((j) => [j.id, j.plan.decodeTokens])).toEqual([['ours-cpu-fp32', 4]]);

    const smoke = planJobs(config, { smoke: true, json: false });
    expect(smoke.jobs.map((j) => j.id)).toEqual([
      'onnxruntime-2t',
      'ours-wasm-fp32',
      'ours-wasm-int8',
      'ours-wasm-int4',
      'ours-webgpu-fp32',
      'ours-cpu-fp32',
    ]);
    expect(smoke.jobs.every((j) => j.plan.decodeTokens === config.smoke.decodeTokens)).toBe(true);
  });

  it('leaves a disabled variant out and names it in a note', () => {
    const disabled = { ...config, variants: config.variants.map((v) => ({ ...v, enabled: v.id !== 'int4' })) };
    const planned = planJobs(disabled, { smoke: false, json: false, only: ['ours-wasm'] });
    expect(planned.jobs.map((j) => j.id)).toEqual(['ours-wasm-fp32', 'ours-wasm-int8']);
    expect(planned.notes).toContain('4-bit weights (int4): disabled in bench/configs/gpt2.json');
  });
});
