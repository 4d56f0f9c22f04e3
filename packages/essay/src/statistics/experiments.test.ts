import { renderSvg } from '@chatgpt-explained/viz';
import { describe, expect, it } from 'vitest';
import type { EssayData } from '../data';
import { letterCountsExperiment } from './letters';
import { randomLettersExperiment, randomWordsExperiment, sentencesExperiment } from './random-text';
import { letterPairExperiment, ngramCoverageExperiment } from './tables';
import { rankProbabilityExperiment, temperatureExperiment } from './temperature';
import { STATISTICS_STEPS } from './tour-steps';

const ENGLISH = {
  source: 'a test table',
  letters: [...'etaoinshrdlcumwfgypbvkjxqz'].map((letter, i) => ({
    letter,
    count: 26 - i,
    percent: (100 * (26 - i)) / 351,
  })),
};

describe('essay 2.1–2.6 and 1.3–1.4 on hand-checked texts', () => {
  it('2.1 counts letters case folded, a–z only', () => {
    const r = letterCountsExperiment([{ name: 'x', text: 'Aab é1' }], ENGLISH);
    // a 2, b 1 (é is not a–z): 2/3 and 1/3.
    expect(r.texts[0]!.letters.map((l) => [l.letter, l.count])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    expect(r.texts[0]!.letters[0]!.frequency).toBeCloseTo(2 / 3);
    expect(r.figures[0]!.spec.kind).toBe('bar');
  });

  it('2.3 finds that q is followed only by u', () => {
    const r = letterPairExperiment('quit qua quo');
    expect(r.afterQ).toEqual([{ letter: 'u', probability: 1 }]);
    const i = r.letters.indexOf('u');
    // u → i, a, o once each.
    expect(r.conditional[i]![r.letters.indexOf('a')]).toBeCloseTo(1 / 3);
  });

  it('2.6 counts distinct word n-grams against V^n', () => {
    const r = ngramCoverageExperiment('a b a b', { maxN: 2 });
    // 1-grams: a, b (V = 2) of 4; 2-grams: "a b" ×2, "b a" ×1: 2 distinct of 4 possible, 3 in all.
    expect(r.byN.map((d) => [d.n, d.seen, d.possible, d.total])).toEqual([
      [1, 2, 2, 4],
      [2, 2, 4, 3],
    ]);
  });

  it('1.3 greedy continuation loops; samples differ by seed and repeat with it', () => {
    const text = 'the best cat sat on the best mat and the best cat ran to the best cat';
    const r = temperatureExperiment(text, { prompt: ['the', 'best'], length: 3 });
    // After "the best": cat ×3, mat ×1 → cat; after "best cat": sat, ran, (end) … greedy is fixed.
    expect(r.greedy.startsWith('the best cat')).toBe(true);
    expect(temperatureExperiment(text, { prompt: ['the', 'best'], length: 3 }).samples).toEqual(r.samples);
    expect(r.samples).toHaveLength(5);
  });

  it('1.4 ranks next words by probability', () => {
    const r = rankProbabilityExperiment('the cat the cat the dog the cow', { context: 'the' });
    expect(r.top[0]).toEqual({ word: 'cat', probability: 0.5 });
    expect(r.top.slice(1).map((t) => t.probability)).toEqual([0.25, 0.25]);
    expect(r.slope).toBeLessThan(0);
  });

  it('2.2, 2.4 and 2.5 are seeded and shaped as the essay shows', () => {
    const text = 'the cat sat on the mat and the cat saw a rat '.repeat(20);
    const letters = randomLettersExperiment(text, { length: 40 });
    expect(letters.letters).toMatch(/^[a-z]{40}$/);
    expect(letters.withSpaces).toHaveLength(40);
    expect(randomLettersExperiment(text, { length: 40 })).toEqual(letters);
    const words = randomWordsExperiment(text, { maxOrder: 3, words: 4 });
    expect(words.byOrder.map((o) => o.n)).toEqual([0, 1, 2, 3]);
    expect(words.byOrder.every((o) => o.words.length === 4)).toBe(true);
    const sentences = sentencesExperiment(text, { length: 5 });
    expect(sentences.fromBigrams.split(' ')[0]).toBe('cat');
    // Every word after "cat" in the text is "sat" or "saw".
    expect(['sat', 'saw']).toContain(sentences.fromBigrams.split(' ')[1]);
  });
});

describe('the statistics tour steps', () => {
  const text = 'The cat sat on the mat. A cat is a small quiet animal; the quick cat ran. '.repeat(30);
  const data: EssayData = {
    corpus: () => Promise.resolve([{ name: 'test', text }]),
    article: (name) => Promise.resolve(`${name}: ${text}`),
    letterFrequencies: () => Promise.resolve(ENGLISH),
  };

  it('each runs on the app’s data and its figures render to SVG', async () => {
    for (const step of STATISTICS_STEPS) {
      const result = await step.run({ data, quick: true, compute: undefined as never });
      expect(result.lines.length, step.item).toBeGreaterThan(0);
      JSON.stringify(result.data);
      for (const figure of result.figures ?? []) {
        const svg = await renderSvg(figure.spec);
        expect(svg.startsWith('<svg'), figure.name).toBe(true);
      }
    }
  }, 60_000);
});
