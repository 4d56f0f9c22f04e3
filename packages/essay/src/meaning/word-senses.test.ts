// Essay 12.1 on a tiny random GPT-2 with a byte-level tokenizer (fast), on a made-up corpus whose
// labels are planted: the hidden states are checked against separate forward passes of each window,
// and the separation against a brute-force leave-one-out computed here.
import type { Gpt2, Gpt2Config } from '@chatgpt-explained/gpt2';
import { renderSvg } from '@chatgpt-explained/viz';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusText } from '../data';
import { EssayError } from '../errors';
import { tinyByteGpt } from '../../test/tiny-gpt';
import { contextWindowIds } from './context-states';
import { findWordOccurrences, labelledOccurrences } from './occurrences';
import type { SenseLabel, SenseLabelSet } from './sense-labels';
import { BALL_SENSES, SPRING_SENSES } from './sense-labels';
import { wordSensesExperiment } from './word-senses';

tf.env().set('PROD', true);

let gpt: Gpt2;
let config: Gpt2Config;

beforeAll(async () => {
  ({ gpt, config } = await tinyByteGpt({ contextLength: 48, seed: 3 }));
});
afterAll(() => gpt.dispose());

/**
 * Two books: in "dances" every ball follows "the grand", in "games" every ball follows "a red
 * rubber", each with other text between, and "games" also has two dances.
 */
function plantedCorpus(): { corpus: CorpusText[]; labels: SenseLabelSet } {
  const dance = (i: number) => `Evening ${i} came and they all went to the grand ball`;
  const game = (i: number) => `On day ${i} the boy threw a red rubber ball`;
  const dances = Array.from({ length: 6 }, (_, i) => `${dance(i)}. It was gay.\n`).join('');
  const games = `${Array.from({ length: 5 }, (_, i) => `${game(i)} over the wall.\n`).join('')}${dance(8)}\nand ${dance(9)}\nand danced.`;
  const labels: SenseLabel[] = [
    ...Array.from({ length: 6 }, (_, i): SenseLabel => ['dances', i, 'dance', 'went to the grand ball']),
    ...Array.from({ length: 5 }, (_, i): SenseLabel => ['games', i, 'thing', 'threw a red rubber ball']),
    ['games', 5, 'dance', 'went to the grand ball'],
    ['games', 6, 'dance', 'went to the grand ball'],
  ];
  return {
    corpus: [
      { name: 'dances', text: dances },
      { name: 'games', text: games },
    ],
    labels: {
      word: 'ball',
      senses: [
        { id: 'dance', description: 'a party' },
        { id: 'thing', description: 'a round thing' },
      ],
      labels,
    },
  };
}

/** The last-position state of every layer for one window, from its own forward pass. */
function ownStates(ids: readonly number[]): Float32Array[] {
  return tf.tidy(() => {
    const out = gpt.model.forward(tf.tensor2d([[...ids]], [1, ids.length], 'int32'), { hiddenStates: true });
    return out.hiddenStates!.map(
      (h) => tf.slice(h, [0, ids.length - 1, 0], [1, 1, config.embedDim]).dataSync() as Float32Array,
    );
  });
}

/** Leave-one-out nearest centroid done the slow way: every centroid recomputed without the vector. */
function bruteForceBalancedAccuracy(rows: Float32Array[], labels: string[]): number {
  const classes = [...new Set(labels)];
  const hits = new Map(classes.map((c) => [c, 0]));
  rows.forEach((x, i) => {
    const distances = classes.map((c) => {
      const members = rows.filter((_, j) => j !== i && labels[j] === c);
      const centroid = x.map((_, k) => members.reduce((s, m) => s + m[k]!, 0) / members.length);
      return Math.hypot(...x.map((v, k) => v - centroid[k]!));
    });
    const best = Math.min(...distances);
    const tied = distances.filter((d) => d - best <= 1e-9 * Math.max(...distances)).length;
    if (distances[classes.indexOf(labels[i]!)]! - best <= 1e-9 * Math.max(...distances)) {
      hits.set(labels[i]!, hits.get(labels[i]!)! + 1 / tied);
    }
  });
  return classes.reduce((s, c) => s + hits.get(c)! / labels.filter((l) => l === c).length, 0) / classes.length;
}

describe('word occurrences and their labels', () => {
  it('finds the word as one token: after a space or line break, not inside or before letters', () => {
    const text = 'a ball; the ball-room, tennis-ball, Ball, balls, ballad,\nball and (ball) x_ball ball_';
    const found = findWordOccurrences([{ name: 'b', text }], 'ball');
    expect(found.map((o) => text.slice(o.start - 1, o.start + 5))).toEqual([' ball;', ' ball-', '\nball ']);
    expect(found.map((o) => o.index)).toEqual([0, 1, 2]);
    expect(found[2]!.context).toBe('ball-room, tennis-ball, Ball, balls, ballad, ball');
    expect(() => findWordOccurrences([], 'two words')).toThrow(EssayError);
  });

  it('refuses labels that miss an occurrence, point elsewhere, name an unknown sense or match nothing', () => {
    const { corpus, labels } = plantedCorpus();
    expect(labelledOccurrences(corpus, labels)).toHaveLength(13);
    const edit = (change: (l: SenseLabel[]) => SenseLabel[]): SenseLabelSet => ({
      ...labels,
      labels: change([...labels.labels]),
    });
    expect(() =>
      labelledOccurrences(
        corpus,
        edit((l) => l.slice(1)),
      ),
    ).toThrow(/in dances .* has no label/);
    expect(() =>
      labelledOccurrences(
        corpus,
        edit((l) => [['dances', 0, 'dance', 'threw a red rubber ball'], ...l.slice(1)]),
      ),
    ).toThrow(/expects "threw a red rubber ball"/);
    expect(() =>
      labelledOccurrences(
        corpus,
        edit((l) => [['dances', 0, 'party', 'grand ball'], ...l.slice(1)]),
      ),
    ).toThrow(/sense "party"/);
    expect(() =>
      labelledOccurrences(
        corpus,
        edit((l) => [...l, ['games', 7, 'dance', 'ball']]),
      ),
    ).toThrow(/matches no occurrence/);
  });

  it('the shipped labels are complete and consistent (checked against the bundled corpus in meaning-shipped.test.ts)', () => {
    for (const set of [BALL_SENSES, SPRING_SENSES]) {
      const keys = set.labels.map(([book, index]) => `${book}#${index}`);
      expect(new Set(keys).size).toBe(keys.length);
      const senses = set.senses.map((s) => s.id);
      for (const [, , sense, context] of set.labels) {
        expect(senses).toContain(sense);
        expect(context.endsWith(set.word)).toBe(true);
      }
    }
    expect(BALL_SENSES.labels).toHaveLength(80);
    expect(SPRING_SENSES.labels).toHaveLength(81);
  });

  it('reads each occurrence in a window of fixed length ending with the word, a line break before it read as a space', () => {
    const text = 'x'.repeat(40) + ' the\nball';
    const ids = contextWindowIds(gpt, text, text.length - 4, 'ball', 12);
    expect(ids).toHaveLength(12);
    expect(gpt.encoding.decode(ids)).toBe('xxx the ball');
    // Too little text: padded in front with <|endoftext|>.
    const short = contextWindowIds(gpt, 'a ball', 2, 'ball', 10);
    expect(short).toEqual([256, 256, 256, 256, ...gpt.encoding.encode('a ball')]);
  });
});

describe('wordSensesExperiment (essay 12.1)', () => {
  it('takes each layer at the word from the same forward pass as each window alone, and measures the separation', async () => {
    const { corpus, labels } = plantedCorpus();
    const before = tf.memory().numTensors;
    const r = await wordSensesExperiment(gpt, corpus, { labels, windowTokens: 24, batchSize: 5 });
    expect(tf.memory().numTensors).toBe(before);

    expect(r.occurrences.map((o) => `${o.book}#${o.index}:${o.sense}`)).toEqual([
      ...Array.from({ length: 6 }, (_, i) => `dances#${i}:dance`),
      ...Array.from({ length: 5 }, (_, i) => `games#${i}:thing`),
      'games#5:dance',
      'games#6:dance',
    ]);
    expect(r.senses.map((s) => s.count)).toEqual([8, 5]);
    expect(r.states).toHaveLength(config.layers + 1);
    const texts = new Map(corpus.map((c) => [c.name, c.text]));
    r.occurrences.forEach((o, i) => {
      const ids = contextWindowIds(gpt, texts.get(o.book)!, o.start, 'ball', 24);
      expect(gpt.encoding.decode(ids).endsWith(o.sense === 'dance' ? 'the grand ball' : 'red rubber ball')).toBe(true);
      ownStates(ids).forEach((state, layer) => {
        const row = r.states[layer]!.data.subarray(i * 16, (i + 1) * 16);
        state.forEach((x, k) => expect(row[k]).toBeCloseTo(x, 4));
      });
    });

    const rows = (layer: number) => r.occurrences.map((_, i) => r.states[layer]!.data.slice(i * 16, (i + 1) * 16));
    const senses = r.occurrences.map((o) => o.sense);
    r.layers.forEach((l) =>
      expect(l.balancedAccuracy).toBeCloseTo(bruteForceBalancedAccuracy(rows(l.layer), senses), 10),
    );
    // Layer 0 is one token embedding plus one position embedding: the same for all, exactly chance.
    expect(r.layers[0]!.balancedAccuracy).toBe(0.5);
    // The planted contexts differ right before the word: even random blocks tell them apart.
    expect(r.layers[config.layers]!.balancedAccuracy).toBe(1);
    // "games" has two dances, fewer than minPerBookSense (5): no book has a score of its own.
    expect(r.withinBook).toEqual([]);

    expect(r.projection.points).toHaveLength(13);
    expect(r.projection.explainedVariance).toHaveLength(2);
    expect(r.figures.map((f) => f.name)).toEqual(['12.1-ball-senses', '12.1-ball-separation']);
    for (const f of r.figures) expect(await renderSvg(f.spec)).toMatch(/^<svg/);
  });

  it('scores within a book that uses two senses often enough', async () => {
    const { corpus, labels } = plantedCorpus();
    const r = await wordSensesExperiment(gpt, corpus, { labels, windowTokens: 24, minPerBookSense: 2 });
    expect(r.withinBook.map((w) => w.book)).toEqual(['games']);
    expect(r.withinBook[0]!.senses).toEqual([
      { id: 'dance', count: 2 },
      { id: 'thing', count: 5 },
    ]);
    const games = r.occurrences.flatMap((o, i) => (o.book === 'games' ? [i] : []));
    r.withinBook[0]!.balancedAccuracy.forEach((score, layer) => {
      const rows = games.map((i) => r.states[layer]!.data.slice(i * 16, (i + 1) * 16));
      expect(score).toBeCloseTo(
        bruteForceBalancedAccuracy(
          rows,
          games.map((i) => r.occurrences[i]!.sense),
        ),
        10,
      );
    });
  });

  it('refuses a window longer than the context, and stops when aborted, leaving no tensors', async () => {
    const { corpus, labels } = plantedCorpus();
    await expect(wordSensesExperiment(gpt, corpus, { labels, windowTokens: 49 })).rejects.toThrow(/windowTokens/);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const run = wordSensesExperiment(
      gpt,
      corpus,
      { labels, windowTokens: 24, batchSize: 2 },
      {
        signal: controller.signal,
        onProgress: () => controller.abort(),
      },
    );
    await expect(run).rejects.toThrow();
    expect(controller.signal.aborted).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});
