// The agreement experiment on a tiny random GPT (byte tokens) and a made-up corpus: every margin is
// the gpt2 package's `score` recomputed, every summary row is recounted from the margins, the 3-gram
// ties every pair with a noun in between, and nothing is leaked or ignored.
import { score, type Gpt2 } from '@chatgpt-explained/gpt2';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyByteGpt } from '../../test/tiny-gpt';
import type { CorpusText } from '../data';
import { EssayError } from '../errors';
import { agreementExperiment, type AgreementResult } from './agreement';

tf.env().set('PROD', true);

/** Sentences with the nouns, 20 times over (lines of equal length). */
const CORPUS: CorpusText[] = [
  {
    name: 'made-up',
    text: 'The man was here. The men were there. The girl has a letter. The girls have letters. A girl and a man.\n'.repeat(
      20,
    ),
  },
];
const OPTIONS = {
  subjects: [
    { singular: 'man', plural: 'men' },
    { singular: 'girl', plural: 'girls' },
    { singular: 'whale', plural: 'whales' }, // never in the corpus: dropped
  ],
  attractors: [{ singular: 'letter', plural: 'letters' }],
  minCount: 10,
  // The cut comes after the first line end at or after 74 % of the text: lines 1–15 are training text.
  heldOutFraction: 0.26,
  verbs: [
    { singular: 'was', plural: 'were' },
    { singular: 'does', plural: 'do' },
  ],
};

let gpt: Gpt2;
let r: AgreementResult;
beforeAll(async () => {
  ({ gpt } = await tinyByteGpt({ contextLength: 64, seed: 3, wteScale: 3 }));
  const before = tf.memory().numTensors;
  r = await agreementExperiment(gpt, CORPUS, OPTIONS);
  expect(tf.memory().numTensors).toBe(before);
});
afterAll(() => gpt.dispose());

/** log P(continuation | prompt) by `score`. */
function logProb(prompt: string, continuation: string): number {
  const n = gpt.encoding.encode(prompt).length;
  return score(gpt, prompt + continuation)
    .tokens.slice(n)
    .reduce((s, t) => s + t.logProb, 0);
}

describe('agreementExperiment (tiny model)', () => {
  it('counts the nouns in the training part and keeps the frequent ones', () => {
    // Each line has man 2, men 1, girl 2, girls 1, letter 1, letters 1; 15 lines are training text.
    expect(r.nouns.subjects.map((n) => [n.singular, n.singularCount, n.pluralCount, n.used])).toEqual([
      ['man', 30, 15, true],
      ['girl', 30, 15, true],
      ['whale', 0, 0, false],
    ]);
    expect(r.nouns.attractors[0]).toMatchObject({ singularCount: 15, pluralCount: 15, used: true });
  });

  it("has each prompt's margins as score's log-probabilities", () => {
    // 2 subjects × (1 adjacent + 4 templates × 1 attractor × 2 numbers) pairs, × 2 prompts × 2 verbs.
    expect(r.pairs).toHaveLength(2 * 9);
    expect(r.comparisons).toHaveLength(2 * 9 * 2 * 2);
    for (const c of r.comparisons.filter((_, i) => i % 7 === 0)) {
      const pair = r.pairs[c.pair]!;
      const verb = r.verbs[c.verb]!;
      const other = c.subjectNumber === 'singular' ? 'plural' : 'singular';
      const prompt = pair.prompts[c.subjectNumber];
      const want = logProb(prompt, ` ${verb[c.subjectNumber]}`) - logProb(prompt, ` ${verb[other]}`);
      expect(c.gpt).toBeCloseTo(want, 4);
    }
  });

  it('recounts every summary row from the margins', () => {
    const relation = (c: AgreementResult['comparisons'][number]) => {
      const a = r.pairs[c.pair]!.attractor;
      return a === undefined ? 'none' : a.number === c.subjectNumber ? 'same number' : 'other number';
    };
    for (const row of r.rows) {
      const group = r.comparisons.filter(
        (c) =>
          (row.condition === 'all' || r.pairs[c.pair]!.condition === row.condition) &&
          (row.attractor === 'any' || relation(c) === row.attractor),
      );
      for (const model of ['gpt', 'ngram'] as const) {
        const wins = group.filter((c) => c[model] > 0).length;
        const ties = group.filter((c) => c[model] === 0).length;
        expect(row[model]).toMatchObject({ total: group.length, correct: wins + ties / 2, ties });
      }
    }
    expect(r.rows.map((x) => `${x.condition} ${x.attractor}`)).toEqual([
      'adjacent none',
      'prepositional same number',
      'prepositional other number',
      'prepositional any',
      'relative same number',
      'relative other number',
      'relative any',
      'all any',
    ]);
  });

  it('scores a pair by the sum of its two margins; the 3-gram ties every pair with a noun in between', () => {
    for (const row of r.pairRows) {
      const group = r.comparisons.filter(
        (c) => row.condition === 'all' || r.pairs[c.pair]!.condition === row.condition,
      );
      const sums = new Map<string, number>();
      for (const c of group) sums.set(`${c.pair} ${c.verb}`, (sums.get(`${c.pair} ${c.verb}`) ?? 0) + c.gpt);
      const wins = [...sums.values()].filter((s) => s > 0).length;
      expect(row.gpt).toMatchObject({ total: sums.size, correct: wins });
      // "…the letter(s) ___": the last two bytes are the same in both prompts of a pair.
      if (row.condition === 'prepositional' || row.condition === 'relative') {
        expect(row.ngram).toMatchObject({ ties: row.ngram.total, accuracy: 0.5, p: 1 });
      }
    }
    expect(r.bySubject.nouns.map((n) => [n.subject, n.pairs])).toEqual([
      ['man/men', 16],
      ['girl/girls', 16],
    ]);
    expect(r.figures.map((f) => f.name)).toEqual(['11.2-agreement', '11.2-agreement-pairs']);
  });

  it('stops when aborted and refuses bad options', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(agreementExperiment(gpt, CORPUS, OPTIONS, { signal: controller.signal })).rejects.toThrow('stop');
    const progress: number[] = [];
    await agreementExperiment(
      gpt,
      CORPUS,
      { ...OPTIONS, templates: [{ condition: 'adjacent', text: 'The {subject}' }] },
      {
        onProgress: (p) => progress.push(p.fraction),
      },
    );
    expect(progress.at(-1)).toBe(1);
    for (const [options, argument] of [
      [{ ...OPTIONS, minCount: 1000 }, 'minCount'],
      [{ ...OPTIONS, verbs: [] }, 'verbs'],
      [{ ...OPTIONS, ngramOrder: 9 }, 'order'],
    ] as const) {
      const caught = await agreementExperiment(gpt, CORPUS, options).catch((e: unknown) => e);
      expect(EssayError.isInstance(caught) ? caught.argument : caught).toBe(argument);
    }
  });
});
