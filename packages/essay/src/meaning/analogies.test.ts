// Essay 12.2 on synthetic word vectors with planted parallel offsets, against brute-force cosines
// computed here in float64.
import { fromWord2VecBinary, seededRandom } from '@chatgpt-explained/embeddings';
import { renderSvg } from '@chatgpt-explained/viz';
import { describe, expect, it } from 'vitest';
import { EssayError } from '../errors';
import { ANALOGY_PAIRS, analogiesExperiment, type WordVectorTable } from './analogies';
import { repoFile } from '../testing/repo-data';

const D = 24;

/** Gaussian-ish numbers (sum of uniforms) from a seeded generator. */
function noise(random: () => number): number {
  return random() + random() + random() - 1.5;
}

/**
 * 200 filler words, and pairs whose second word is the first plus one fixed offset (plus a little
 * noise), all first words of about the same length so the unit vectors keep the offsets parallel.
 */
function plantedVectors(pairs: readonly (readonly [string, string])[], jitter = 0.05): WordVectorTable {
  const random = seededRandom(7);
  const offset = Array.from({ length: D }, () => noise(random));
  const words: string[] = [];
  const rows: number[][] = [];
  for (let i = 0; i < 200; i++) {
    words.push(`w${i}`);
    rows.push(Array.from({ length: D }, () => noise(random) * 2));
  }
  for (const [a, b] of pairs) {
    const base = Array.from({ length: D }, () => noise(random) * 2);
    words.push(a, b);
    rows.push(
      base,
      base.map((x, k) => x + offset[k]! + jitter * noise(random)),
    );
  }
  return { words, vectors: { data: Float32Array.from(rows.flat()), rows: words.length, cols: D } };
}

const unit = (v: readonly number[]): number[] => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
const cos = (a: readonly number[], b: readonly number[]): number =>
  a.reduce((s, x, k) => s + x * b[k]!, 0) / (Math.hypot(...a) * Math.hypot(...b));

describe('analogiesExperiment (essay 12.2)', () => {
  const pairs = [
    ['man', 'woman'],
    ['king', 'queen'],
    ['father', 'mother'],
    ['son', 'daughter'],
  ] as const;
  const table = plantedVectors(pairs);
  const vec = (w: string): number[] => {
    const r = table.words.indexOf(w);
    return Array.from(table.vectors.data.subarray(r * D, (r + 1) * D));
  };

  it('finds planted parallel offsets parallel, and answers their analogies first', async () => {
    const r = analogiesExperiment(table, { pairs: [...pairs, ['prince', 'princess']], randomFrom: 200 });
    expect(r.missing).toEqual(['prince', 'princess']);
    expect(r.pairs).toHaveLength(4);
    expect(r.vocabulary).toBe(208);
    // Offsets between unit vectors, computed here.
    const offsets = pairs.map(([a, b]) => unit(vec(b)).map((x, k) => x - unit(vec(a))[k]!));
    offsets.forEach((x, i) => offsets.forEach((y, j) => expect(r.offsetCosines[i]![j]).toBeCloseTo(cos(x, y), 6)));
    expect(r.meanOffsetCosine).toBeGreaterThan(0.7);
    expect(r.meanOffsetCosine).toBeGreaterThan(r.randomOffsetCosine.mean + 4 * r.randomOffsetCosine.std);
    expect(Math.abs(r.randomOffsetCosine.mean)).toBeLessThan(0.1);
    expect(r.randomOffsetCosine.p).toBe(1 / 1001);

    // king − man + woman: rank of queen among all words but the three, by brute force.
    const query = unit(vec('woman')).map((x, k) => x - unit(vec('man'))[k]! + unit(vec('king'))[k]!);
    const scores = table.words
      .filter((w) => !['man', 'woman', 'king'].includes(w))
      .map((w) => [w, cos(vec(w), query)] as const);
    scores.sort((a, b) => b[1] - a[1]);
    const king = r.answers.find((a) => a.from === 'king')!;
    expect(king.answer).toBe(scores[0]![0]);
    expect(king.rank).toBe(scores.findIndex(([w]) => w === 'queen') + 1);
    expect(r.answers.map((a) => [a.from, a.answer, a.rank])).toEqual([
      ['king', 'queen', 1],
      ['father', 'mother', 1],
      ['son', 'daughter', 1],
    ]);
    expect(r.allQuestions).toEqual({ questions: 12, top1: 1, medianRank: 1 });

    expect(r.projection.points.map((p) => p.word)).toEqual(pairs.flat());
    expect(r.figures.map((f) => f.name)).toEqual(['12.2-analogy-arrows', '12.2-analogy-words']);
    for (const f of r.figures) expect(await renderSvg(f.spec)).toMatch(/^<svg/);
  });

  it('ranks the expected word lower when the offsets are not parallel', () => {
    const random = seededRandom(3);
    // The same words with the second of each pair moved at random: no shared offset.
    const data = table.vectors.data.slice();
    for (const [, b] of pairs) {
      const r = table.words.indexOf(b);
      for (let k = 0; k < D; k++) data[r * D + k] = noise(random) * 2;
    }
    const r = analogiesExperiment(
      { words: table.words, vectors: { ...table.vectors, data } },
      { pairs, randomFrom: 200 },
    );
    expect(r.meanOffsetCosine).toBeLessThan(0.7);
    expect(r.allQuestions.top1).toBeLessThan(1);
  });

  it('is reproducible by seed, and refuses fewer than two known pairs', () => {
    const a = analogiesExperiment(table, { pairs, randomFrom: 200, seed: 5 });
    const b = analogiesExperiment(table, { pairs, randomFrom: 200, seed: 5 });
    expect(a.randomOffsetCosine).toEqual(b.randomOffsetCosine);
    expect(() =>
      analogiesExperiment(table, {
        pairs: [
          ['man', 'woman'],
          ['duke', 'duchess'],
        ],
      }),
    ).toThrow(EssayError);
    expect(() => analogiesExperiment(table, { randomSets: 0 })).toThrow(/randomSets/);
  });
});

const shipped = repoFile('models/corpus-word2vec/vectors.bin');

describe.skipIf(shipped === undefined)('analogiesExperiment on the shipped word embedding', () => {
  it("answers as the embeddings package's own 3CosAdd (WordVectors.analogy) does", () => {
    const vectors = fromWord2VecBinary(shipped!);
    const r = analogiesExperiment(vectors);
    expect(r.missing).toEqual(ANALOGY_PAIRS.flat().filter((w) => !vectors.has(w)));
    const [a, b] = r.reference;
    for (const answer of r.answers) {
      const theirs = vectors.analogy(a, b, answer.from, 3);
      expect(answer.answer).toBe(theirs[0]!.word);
      if (answer.rank <= 3) expect(theirs[answer.rank - 1]!.word).toBe(answer.to);
      r.offsetCosines.forEach((row) => row.forEach((c) => expect(Math.abs(c)).toBeLessThanOrEqual(1 + 1e-12)));
    }
  });
});
