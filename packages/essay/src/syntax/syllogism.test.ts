// The syllogism template: its prompts, the three measures against margins worked out by hand on
// made-up log-probabilities, and the experiment on a tiny random GPT (byte tokens).
import { score, type Gpt2 } from '@chatgpt-explained/gpt2';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyByteGpt } from '../../test/tiny-gpt';
import type { CorpusText } from '../data';
import { EssayError } from '../errors';
import { kneserNeyTokenScorer } from './ngram-scorer';
import { syllogismExperiment, syllogismMargins, syllogismPrompts, type SyllogismItem } from './syllogism';

tf.env().set('PROD', true);

const NOUNS = [
  { singular: 'man', plural: 'men' },
  { singular: 'girl', plural: 'girls' },
];
const ADJECTIVES = ['happy', 'old', 'wise'];

describe('syllogismPrompts', () => {
  const prompts = syllogismPrompts(NOUNS, ADJECTIVES, ['Jo', 'Amy']);

  it('makes every class pair × ordered property pair × premise order', () => {
    expect(prompts).toHaveLength(2 * 6 * 2);
    expect(prompts[0]).toEqual({
      prompt: 'All men are happy. All girls are old. Amy is a man. So Amy is', // name (0 · 2 + 1) mod 2
      zClass: 0,
      otherClass: 1,
      linked: 0,
      other: 1,
      linkedPremise: 'first',
    });
    expect(prompts[1]!.prompt).toBe('All girls are old. All men are happy. Amy is a man. So Amy is');
    expect(prompts.at(-1)!.prompt).toBe('All men are old. All girls are wise. Jo is a girl. So Jo is');
  });

  it("pairs each prompt with its mirror, which differs only in the two properties' places", () => {
    for (const p of prompts) {
      const mirror = prompts.find(
        (q) =>
          q.zClass === p.zClass && q.linkedPremise === p.linkedPremise && q.linked === p.other && q.other === p.linked,
      )!;
      const swap = (text: string) =>
        text
          .replace(ADJECTIVES[p.linked]!, '#')
          .replace(ADJECTIVES[p.other]!, ADJECTIVES[p.linked]!)
          .replace('#', ADJECTIVES[p.other]!);
      expect(mirror.prompt).toBe(swap(p.prompt));
    }
  });
});

describe('syllogismMargins', () => {
  it('computes the three measures from log-probabilities by hand', () => {
    // One class pair, one premise order, three properties: six prompts with made-up log-probabilities.
    const lp: Record<string, number[]> = {
      '0 1': [-1, -2, -3], // linked happy, other old
      '1 0': [-1.5, -1, -3], // linked old, other happy (mirror of "0 1")
      '0 2': [-1, -5, -2],
      '2 0': [-2, -5, -4],
      '1 2': [-6, -2, -1],
      '2 1': [-6, -3, -2],
    };
    const items: SyllogismItem[] = Object.entries(lp).map(([k, v]) => {
      const [linked, other] = k.split(' ').map(Number) as [number, number];
      return { prompt: k, zClass: 0, otherClass: 1, linked, other, linkedPremise: 'first', gpt: v, ngram: [0, 0, 0] };
    });
    const m = syllogismMargins(items, 3, 'gpt');
    const of = (measure: string) => m.filter((x) => x.measure === measure).map((x) => x.margin);
    // Per prompt: lp[linked] − lp[other].
    expect(of('per prompt')).toEqual([1, 0.5, 1, -2, -1, 1]);
    // Mirror pairs, from the prompt with linked < other: "0 1" + "1 0" = 1 + 0.5; "0 2" + "2 0" = 1 − 2; "1 2" + "2 1" = −1 + 1.
    expect(of('mirror pairs')).toEqual([1.5, -1, 0]);
    // Copying, linked i replaced by an unmentioned k > i (k ≠ other), other fixed, in item order:
    // "0 1" with k = 2 ("2 1"): (−1 − −3) + (−2 − −6) = 6; "1 0" with k = 2 ("2 0"): (−1 − −3) + (−4 − −5) = 3;
    // "0 2" with k = 1 ("1 2"): (−1 − −5) + (−2 − −6) = 8; "2 0", "1 2", "2 1": no such k.
    expect(of('copying')).toEqual([6, 3, 8]);
    expect(syllogismMargins(items, 3, 'ngram').every((x) => x.margin === 0)).toBe(true);
  });
});

describe('syllogismExperiment (tiny model)', () => {
  let gpt: Gpt2;
  const corpus: CorpusText[] = [
    { name: 'made-up', text: 'All men are happy. Jo is a girl. So Jo is old.\n'.repeat(10) },
  ];
  beforeAll(async () => {
    ({ gpt } = await tinyByteGpt({ contextLength: 80, seed: 6, wteScale: 3 }));
  });
  afterAll(() => gpt.dispose());

  it("scores every adjective as the gpt2 package's score does; the 3-gram ties every pair", async () => {
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const r = await syllogismExperiment(
      gpt,
      corpus,
      { nouns: NOUNS, adjectives: ADJECTIVES, names: ['Jo'] },
      { onProgress: (p) => progress.push(p.fraction) },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(progress.at(-1)).toBe(1);
    expect(r.items).toHaveLength(24);
    const item = r.items[5]!;
    const n = gpt.encoding.encode(item.prompt).length;
    ADJECTIVES.forEach((a, k) => {
      const want = score(gpt, `${item.prompt} ${a}`)
        .tokens.slice(n)
        .reduce((s, t) => s + t.logProb, 0);
      expect(item.gpt[k]).toBeCloseTo(want, 4);
    });
    for (const row of r.rows.filter((x) => x.measure !== 'per prompt')) {
      expect(row.ngram).toMatchObject({ ties: row.ngram.total, accuracy: 0.5 });
    }
    // 24 prompts; 12 mirror pairs; copying: per class pair and premise order, (linked, other) = (0,1) with k = 2,
    // (1,0) with k = 2, (0,2) with k = 1; none for the others: 3 × 2 class pairs × 2 orders.
    expect(r.rows.find((x) => x.measure === 'copying' && x.linkedPremise === 'either')!.gpt.total).toBe(3 * 2 * 2);
    expect(r.rows.find((x) => x.measure === 'mirror pairs' && x.linkedPremise === 'either')!.gpt.total).toBe(12);
    expect(r.figures.map((f) => f.name)).toEqual(['11.2-syllogism']);
  });

  it('refuses too few properties, settings it would ignore, and stops when aborted', async () => {
    const argument = (e: unknown) => (EssayError.isInstance(e) ? e.argument : e);
    expect(argument(await syllogismExperiment(gpt, corpus, { adjectives: ['a', 'b'] }).catch((e: unknown) => e))).toBe(
      'adjectives',
    );
    const ngram = kneserNeyTokenScorer(gpt.encoding, ['All men are happy.']);
    expect(argument(await syllogismExperiment(gpt, corpus, { ngram, ngramOrder: 4 }).catch((e: unknown) => e))).toBe(
      'ngramOrder',
    );
    expect(
      argument(await syllogismExperiment(gpt, corpus, { ngram, heldOutFraction: 0.1 }).catch((e: unknown) => e)),
    ).toBe('heldOutFraction');
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(syllogismExperiment(gpt, corpus, {}, { signal: controller.signal })).rejects.toThrow('stop');
  });
});
