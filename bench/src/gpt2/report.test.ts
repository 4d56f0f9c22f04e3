import { describe, expect, it } from 'vitest';
import { agreement, agreementCell, quantizedTargetLines, readLimit, resultsTable, targetLines } from './report';
import type { Gpt2WorkerResult, GreedyTiming } from './types';

const timing = (ids: number[], gaps: number[], decode: number, prompt = 100): GreedyTiming => ({
  promptTokensPerSecond: prompt,
  decodeTokensPerSecond: decode,
  roundsRun: 1,
  decodeTokens: ids.length - 1,
  ids,
  gaps,
  deterministic: true,
});

describe('bench gpt2 report', () => {
  it('agreement: equal prefix, first divergence and the gaps there; near-tie below the tolerance', () => {
    const ref = { ids: [1, 2, 3, 4], gaps: [1, 1, 0.0004, 1] };
    expect(agreement(ref, { ids: [1, 2, 3, 4], gaps: [1, 1, 1, 1] }, 1e-3)).toEqual({
      compared: 4,
      equal: 4,
      nearTie: true,
    });
    const tie = agreement(ref, { ids: [1, 2, 9, 4, 5], gaps: [1, 1, 0.002, 1, 1] }, 1e-3);
    expect(tie).toEqual({
      compared: 4,
      equal: 3,
      firstDivergence: 2,
      gaps: { reference: 0.0004, other: 0.002 },
      nearTie: true,
    });
    expect(agreementCell(tie)).toBe('3/4, first differs at 2 (reference gap 4.0e-4, near-tie)');
    const real = agreement({ ids: [1, 2], gaps: [1, 0.5] }, { ids: [1, 3], gaps: [1, 0.4] }, 1e-3);
    expect(real.nearTie).toBe(false);
    expect(real.firstDivergence).toBe(1);
    // All-equal logits (a backend that computed zeros) have a gap of 0: not a near-tie of the reference's.
    const zeros = agreement({ ids: [7, 8], gaps: [0.5, 0.5] }, { ids: [0, 0], gaps: [0, 0] }, 1e-3);
    expect(zeros.nearTie).toBe(false);
  });

  it('readLimit: 24.9 GB/s over 497,759,232 bytes is 50.0 tokens/s', () => {
    expect(readLimit(24.9, 124_439_808 * 4)).toBeCloseTo(24.9e9 / 497_759_232, 9);
    expect(readLimit(24.9, 124_439_808 * 4)).toBeCloseTo(50.02, 2);
  });

  it('resultsTable: ratios to the reference, share of the read limit, RSS in MB, limit rows', () => {
    const ref: Gpt2WorkerResult = {
      implementation: 'onnxruntime-2t',
      label: 'onnxruntime-node, 2 threads',
      kind: 'onnxruntime',
      timing: timing([5, 6, 7], [1, 1, 0.0001], 50, 400),
      peakRss: 1_000e6,
      baselineRss: 100e6,
      loadSeconds: 2,
    };
    const ours: Gpt2WorkerResult = {
      implementation: 'ours-wasm-fp32',
      label: 'ours wasm, fp32',
      kind: 'ours',
      timing: timing([5, 6, 8], [1, 1, 0.5], 25, 100),
      peakRss: 700e6,
      baselineRss: 200e6,
      loadSeconds: 3.25,
    };
    const bandwidth = { megabytes: 498, byThreads: [{ threads: 2, gigabytesPerSecond: 10 }] };
    const table = resultsTable(
      [{ result: ref }, { result: ours, agreement: agreement(ref.timing!, ours.timing!, 1e-3) }],
      ref,
      bandwidth,
      1e8, // 100 tokens/s at 10 GB/s
      2,
    );
    const lines = table.split('\n');
    expect(lines[0]).toContain('decode ÷ onnxruntime-2t');
    expect(lines[2]).toBe(
      '| onnxruntime-node, 2 threads | 400 | 50.0 | reference | reference | 50% | 1000 | 900 | 2.0 | reference |',
    );
    expect(lines[3]).toBe(
      '| ours wasm, fp32 | 100 | 25.0 | 0.25× | 0.50× | 25% | 700 | 500 | 3.3 | 2/3, first differs at 2 (reference gap 1.0e-4, near-tie) |',
    );
    expect(lines[4]).toBe('| memory-read limit, 2 threads (10.0 GB/s) | – | 100 | – | 2.00× | 100% | – | – | – | – |');
    expect(targetLines([ours], ref, [0.5, 1])).toEqual([
      '- target decode ≥ 0.5× onnxruntime-node, 2 threads (fp32 against fp32): best of ours (ours wasm, fp32) 0.50×, met',
      '- target decode ≥ 1× onnxruntime-node, 2 threads (fp32 against fp32): best of ours (ours wasm, fp32) 0.50×, MISSED',
    ]);
  });

  it('quantised targets: each variant against our fp32 on the same backend', () => {
    const run = (implementation: string, label: string, decode: number): Gpt2WorkerResult => ({
      implementation,
      label,
      kind: 'ours',
      timing: timing([1, 2], [1, 1], decode),
    });
    const results = [
      run('ours-wasm-fp32', 'ours wasm, fp32', 20),
      run('ours-wasm-int8', 'ours wasm, 8-bit weights', 50),
      run('ours-wasm-int4', 'ours wasm, 4-bit weights', 30),
      run('ours-cpu-int8', 'ours cpu, 8-bit weights', 3),
    ];
    expect(quantizedTargetLines(results, { int8: 2, int4: 2 })).toEqual([
      '- target ours wasm, 8-bit weights decode ≥ 2× ours fp32 on wasm: 2.50×, met',
      '- target ours wasm, 4-bit weights decode ≥ 2× ours fp32 on wasm: 1.50×, MISSED',
      '- target ours cpu, 8-bit weights decode ≥ 2× our fp32: not checked (no fp32 run on cpu)',
    ]);
  });
});
