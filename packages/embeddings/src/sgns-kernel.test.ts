// One SGNS update step checked against the update written out by hand in float64 from its definition
// (Mikolov et al. 2013; the reference word2vec's skip-gram branch), with an exact sigmoid. The kernel's
// table-based σ (4096 cells over (−6, 6)) differs from exact by at most 12/4096/2 · 1/4 ≈ 3.7e-4, so
// updates agree to about alpha · 3.7e-4 · |vector| plus float32 rounding.
import { describe, expect, it } from 'vitest';
import { sgnsTrainSentences, sigmoidTables } from './sgns-kernel';

const sigma = (x: number): number => 1 / (1 + Math.exp(-x));

/** float64 reference of one (context, centre) pair with the given negatives. Mutates syn0/syn1 (number[][]). */
function referencePair(
  syn0: number[][],
  syn1: number[][],
  context: number,
  centre: number,
  negatives: number[],
  alpha: number,
): number {
  const e = new Array<number>(syn0[0]!.length).fill(0);
  const input = [...syn0[context]!];
  let loss = 0;
  for (const [target, label] of [[centre, 1], ...negatives.filter((n) => n !== centre).map((n) => [n, 0])] as [
    number,
    number,
  ][]) {
    const f = input.reduce((s, x, k) => s + x * syn1[target]![k]!, 0);
    loss += label === 1 ? -Math.log(sigma(f)) : -Math.log(sigma(-f));
    const g = (label - sigma(f)) * alpha;
    for (let k = 0; k < e.length; k++) e[k]! += g * syn1[target]![k]!;
    for (let k = 0; k < e.length; k++) syn1[target]![k]! += g * input[k]!;
  }
  for (let k = 0; k < e.length; k++) syn0[context]![k]! += e[k]!;
  return loss;
}

function setup(tableWord: number) {
  const dim = 5;
  const words = 3;
  // Fixed, non-trivial starting vectors (|f| of order 1, so σ is far from 0 and 1).
  const syn0 = Array.from({ length: words }, (_, w) =>
    Array.from({ length: dim }, (_, k) => Math.sin(1 + w * 7 + k * 3) * 0.8),
  );
  const syn1 = Array.from({ length: words }, (_, w) =>
    Array.from({ length: dim }, (_, k) => Math.cos(2 + w * 5 + k * 2) * 0.7),
  );
  const f32 = (rows: number[][]): Float32Array => Float32Array.from(rows.flat());
  // Round the reference's start to float32 as well, so both start from the same numbers.
  const round = (rows: number[][]): number[][] => rows.map((r) => r.map((x) => Math.fround(x)));
  return {
    dim,
    ref0: round(syn0),
    ref1: round(syn1),
    syn0: f32(syn0),
    syn1: f32(syn1),
    // Every negative draw is `tableWord`, whatever the generator does.
    table: new Int32Array(1 << 4).fill(tableWord),
  };
}

function run(tableWord: number, negative: number, alpha: number) {
  const s = setup(tableWord);
  const { sigmoid, logSigmoid } = sigmoidTables();
  const state = Float64Array.of(99, 0, 0, 0);
  // One sentence [0, 1], window 1 (the reduced window is always 0), nothing subsampled away.
  // prettier-ignore
  sgnsTrainSentences(s.syn0, s.syn1, s.dim, Int32Array.of(0, 1), Int32Array.of(0, 2), 0, 1, new Float64Array(3).fill(2 ** 32),
    s.table, 1, negative, alpha, sigmoid, logSigmoid, new Int32Array(2), new Float64Array(s.dim), state);
  // Position 0: centre 0, context 1; position 1: centre 1, context 0.
  let loss = referencePair(s.ref0, s.ref1, 1, 0, new Array<number>(negative).fill(tableWord), alpha);
  loss += referencePair(s.ref0, s.ref1, 0, 1, new Array<number>(negative).fill(tableWord), alpha);
  return { ...s, state, loss };
}

describe('sgnsTrainSentences', () => {
  for (const [name, tableWord, negative] of [
    ['negatives from a third word', 2, 2],
    ['a negative equal to the centre is skipped', 0, 1],
  ] as const) {
    it(`matches the float64 SGNS update: ${name}`, () => {
      const alpha = 0.5; // large, so that the update is far above the tolerance
      const r = run(tableWord, negative, alpha);
      const before = setup(tableWord);
      let moved = 0;
      for (const [ours, ref, start] of [
        [r.syn0, r.ref0, before.syn0],
        [r.syn1, r.ref1, before.syn1],
      ] as const) {
        ref.flat().forEach((x, i) => {
          expect(Math.abs(ours[i]! - x)).toBeLessThan(2e-4);
          moved = Math.max(moved, Math.abs(x - start[i]!));
        });
      }
      expect(moved).toBeGreaterThan(0.05); // the step is real, not a no-op within tolerance
      expect(r.state[2]).toBe(2); // two (context, centre) pairs
      expect(r.state[3]).toBe(2); // two centre words kept
      expect(Math.abs(r.state[1]! - r.loss)).toBeLessThan(2e-3);
    });
  }

  it('subsampling keeps each word with its probability', () => {
    // 20,000 occurrences of word 0 kept with probability 0.3, word 1 always: count the centres.
    const n = 20_000;
    const ids = Int32Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0 : 1));
    const starts = Int32Array.from({ length: n / 1000 + 1 }, (_, i) => i * 1000);
    const keep = Float64Array.of(0.3 * 2 ** 32, 2 ** 32);
    const { sigmoid, logSigmoid } = sigmoidTables();
    const state = Float64Array.of(7, 0, 0, 0);
    const dim = 2;
    // prettier-ignore
    sgnsTrainSentences(new Float32Array(4), new Float32Array(4), dim, ids, starts, 0, n / 1000, keep, new Int32Array(2), 1, 1,
      0.01, sigmoid, logSigmoid, new Int32Array(1000), new Float64Array(dim), state);
    const expected = n / 2 + 0.3 * (n / 2);
    const sd = Math.sqrt((n / 2) * 0.3 * 0.7);
    expect(Math.abs(state[3]! - expected)).toBeLessThan(4 * sd);
  });

  it('is self-contained: its source text runs on its own (the parallel trainer relies on it)', () => {
    const rebuilt = new Function(`return (${sgnsTrainSentences.toString()});`)() as typeof sgnsTrainSentences;
    const a = run(2, 2, 0.1);
    const s = setup(2);
    const { sigmoid, logSigmoid } = sigmoidTables();
    const state = Float64Array.of(99, 0, 0, 0);
    // prettier-ignore
    rebuilt(s.syn0, s.syn1, s.dim, Int32Array.of(0, 1), Int32Array.of(0, 2), 0, 1, new Float64Array(3).fill(2 ** 32),
      s.table, 1, 2, 0.1, sigmoid, logSigmoid, new Int32Array(2), new Float64Array(s.dim), state);
    expect(Array.from(s.syn0)).toEqual(Array.from(a.syn0));
  });
});
