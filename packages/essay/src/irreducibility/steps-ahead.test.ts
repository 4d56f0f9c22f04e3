// Essay 13.1's experiment in quick mode, on cpu (called directly) and on wasm (through the tour
// step CI runs): one step ahead is learnt, sixteen steps ahead is not; baselines recomputed here.
import { createBackendRegistry, initBackend, type BackendAdapter } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EssayData } from '../data';
import { EssayError } from '../errors';
import type { Figure } from '../figure';
import { lightConeData } from './light-cone';
import { stepsAheadExperiment, type StepsAheadResult } from './steps-ahead';
import { IRREDUCIBILITY_STEPS, QUICK_STEPS_AHEAD } from './tour-steps';

tf.env().set('PROD', true);

const CASES: ReadonlyArray<{ backend: 'cpu' | 'wasm'; via: 'function' | 'tour step'; adapter: BackendAdapter }> = [
  { backend: 'cpu', via: 'function', adapter: cpuBackend() },
  { backend: 'wasm', via: 'tour step', adapter: wasmBackend() },
];

/** The majority and lookup-table baselines, recomputed from the examples with plain objects. */
function baselines(k: number, trainRows: number, heldOutRows: number) {
  const train = lightConeData({ stepsAhead: k, rows: trainRows, seed: 2 });
  const held = lightConeData({ stepsAhead: k, rows: heldOutRows, seed: 3 });
  const pattern = (d: typeof train, e: number) =>
    Array.from(d.inputs.slice(e * d.window, (e + 1) * d.window)).join(',');
  const remembered: Record<string, number> = {};
  let ones = 0;
  for (let e = 0; e < train.count; e++) {
    remembered[pattern(train, e)] = train.labels[e]!;
    ones += train.labels[e]!;
  }
  const majority = ones * 2 >= train.count ? 1 : 0;
  let majorityRight = 0;
  let lookupRight = 0;
  for (let e = 0; e < held.count; e++) {
    const label = held.labels[e]!;
    if (label === majority) majorityRight++;
    if ((remembered[pattern(held, e)] ?? majority) === label) lookupRight++;
  }
  return {
    distinct: Object.keys(remembered).length,
    majority: majorityRight / held.count,
    lookup: lookupRight / held.count,
  };
}

describe.each(CASES)('stepsAheadExperiment (essay 13.1) on $backend through the $via', (testCase) => {
  let r: StepsAheadResult;
  let leaked: number;
  let progress: number[];
  let lines: readonly string[] = [];
  let figures: readonly Figure[];
  beforeAll(async () => {
    const compute = await initBackend(createBackendRegistry([testCase.adapter]), testCase.backend);
    const seen: number[] = [];
    const before = compute.tf.memory().numTensors;
    if (testCase.via === 'function') {
      r = await stepsAheadExperiment(compute, { ...QUICK_STEPS_AHEAD, onProgress: (p) => seen.push(p.fraction) });
      figures = r.figures;
    } else {
      const out = await IRREDUCIBILITY_STEPS[0]!.run({
        compute,
        data: {} as EssayData,
        quick: true,
        onProgress: (p) => seen.push(p.fraction),
      });
      r = (out.data as { stepsAhead: StepsAheadResult }).stepsAhead;
      lines = out.lines;
      figures = out.figures ?? [];
    }
    leaked = compute.tf.memory().numTensors - before;
    progress = seen;
  }, 120_000);

  it('leaves no tensors behind and reports its progress up to 1', () => {
    expect(leaked).toBe(0);
    expect(r.backend).toBe(testCase.backend);
    expect(progress.at(-1)).toBeCloseTo(1, 12);
    expect(progress.every((f, i) => i === 0 || f >= progress[i - 1]!)).toBe(true);
  });

  it('uses the same net and budget for every k: 2k + 1 → 64 → 64 → 2', () => {
    expect(r.rows.map((row) => row.stepsAhead)).toEqual([1, 16]);
    expect([r.hidden, r.hiddenLayers, r.steps, r.batchSize, r.trainExamples, r.heldOutExamples]).toEqual([
      64,
      2,
      400,
      128,
      64 * 64,
      32 * 64,
    ]);
    for (const row of r.rows) {
      const n = 2 * row.stepsAhead + 1;
      expect(row.inputs).toBe(n);
      expect(row.patterns).toBe(2 ** n);
      expect(row.parameters).toBe(n * 64 + 64 + 64 * 64 + 64 + 64 * 2 + 2);
    }
  });

  it('one step ahead: the 8-entry table is learnt, ≥ 99 % right on held-out rows', () => {
    const one = r.rows[0]!;
    expect(one.distinctTrainPatterns).toBe(8);
    expect(one.heldOutSeen).toBe(1);
    expect(one.lookupAccuracy).toBe(1);
    expect(one.heldOutAccuracy).toBeGreaterThanOrEqual(0.99);
    expect(one.trainAccuracy).toBeGreaterThanOrEqual(0.99);
  });

  it('sixteen steps ahead: no better than a coin on held-out rows, though training is fitted', () => {
    const far = r.rows[1]!;
    // 2^33 patterns and 4,096 training examples: none of the held-out inputs was seen.
    expect(far.heldOutSeen).toBe(0);
    expect(far.distinctTrainPatterns).toBe(4096);
    expect(far.heldOutAccuracy).toBeLessThan(0.6);
    expect(Math.abs(far.majorityAccuracy - 0.5)).toBeLessThan(0.05);
    expect(far.trainAccuracy - far.heldOutAccuracy).toBeGreaterThan(0.1);
  });

  it('the baselines match a recomputation from the examples', () => {
    r.rows.forEach((row) => {
      const b = baselines(row.stepsAhead, 64, 32);
      expect(row.distinctTrainPatterns).toBe(b.distinct);
      expect(row.majorityAccuracy).toBe(b.majority);
      expect(row.lookupAccuracy).toBe(b.lookup);
    });
  });

  it('draws accuracy against steps ahead (and, in the tour, rule 30 itself)', () => {
    const names = figures.map((f) => f.name);
    expect(names).toEqual(testCase.via === 'tour step' ? ['13.1-rule-30', '13.1-steps-ahead'] : ['13.1-steps-ahead']);
    const chart = figures.at(-1)!.spec;
    expect(chart.kind === 'line' && chart.series.map((s) => s.x)).toEqual(Array(4).fill([1, 16]));
    if (testCase.via === 'tour step') {
      const picture = figures[0]!.spec;
      expect(picture.kind === 'heatmap' && [picture.values.length, picture.values[0]!.length]).toEqual([101, 201]);
    }
  });

  if (testCase.via === 'tour step')
    it('the tour step prints the picture, the set-up, one line per k and the outcome', () => {
      expect(lines).toHaveLength(5);
      // The centre column's first 32 bits: OEIS A051023, recomputed with BigInt as (x << 1) ^ (x | (x >> 1)).
      expect(lines[0]).toMatch(
        /^Rule 30 from one black cell, 100 steps \(201 cells, white beyond the ends\): [\d,]+ of 20,301 cells black; centre column 11011100110001011001001110101110…$/,
      );
      expect(lines[2]).toMatch(
        /^ {2}k = 1: 3 cells in, 2\^3 = 8 patterns, 8 seen in training; held out 100\.0 %, training 100\.0 %; majority guess \d+\.\d %, lookup table 100\.0 %$/,
      );
      expect(lines[3]).toMatch(/^ {2}k = 16: 33 cells in, 2\^33 = 8,589,934,592 patterns, 4,096 seen in training;/);
      expect(lines[4]).toMatch(/^1 step ahead the net is right on \d+\.\d % of held-out cells; 16 steps ahead on/);
    });
});

describe('stepsAheadExperiment: cancelling and arguments', () => {
  it('stops when the signal aborts, leaving no tensors', async () => {
    const compute = await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
    const before = compute.tf.memory().numTensors;
    const controller = new AbortController();
    const run = stepsAheadExperiment(compute, {
      ...QUICK_STEPS_AHEAD,
      steps: 5000,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.fraction > 0.001) controller.abort(new Error('stop 13.1'));
      },
    });
    await expect(run).rejects.toThrow('stop 13.1');
    expect(compute.tf.memory().numTensors).toBe(before);

    const aborted = new AbortController();
    aborted.abort(new Error('already'));
    await expect(stepsAheadExperiment(compute, { signal: aborted.signal })).rejects.toThrow('already');
  });

  it('refuses bad settings with EssayError naming the argument', async () => {
    const compute = await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
    const cases: Array<[Parameters<typeof stepsAheadExperiment>[1], string, string]> = [
      [{ stepsAhead: [] }, 'stepsAhead', 'stepsAheadExperiment: stepsAhead must list 1 to 8 values, got 0'],
      [
        { stepsAhead: [1, 0] },
        'stepsAhead[1]',
        'stepsAheadExperiment: stepsAhead[1] must be an integer from 1 to 31, got 0',
      ],
      [
        { stepsAhead: [16], width: 32 },
        'width',
        'stepsAheadExperiment: width must be an integer from 33 to 1024, got 32',
      ],
      [{ rule: 256 }, 'rule', 'stepsAheadExperiment: rule must be an integer from 0 to 255, got 256'],
      [{ hidden: 0 }, 'hidden', 'stepsAheadExperiment: hidden must be an integer from 1 to 1024, got 0'],
      [{ steps: 1.5 }, 'steps', 'stepsAheadExperiment: steps must be an integer from 1 to 1000000, got 1.5'],
      [{ learningRate: 0 }, 'learningRate', 'stepsAheadExperiment: learningRate must be a finite number > 0, got 0'],
      [{ seed: 0.5 }, 'seed', 'stepsAheadExperiment: seed must be a safe integer, got 0.5'],
    ];
    for (const [options, argument, message] of cases) {
      const error: unknown = await stepsAheadExperiment(compute, options).catch((e: unknown) => e);
      expect(EssayError.isInstance(error), message).toBe(true);
      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', argument, message });
    }
  });
});
