import { pca, type VectorSet } from '@chatgpt-explained/embeddings';
import type { Gpt2 } from '@chatgpt-explained/gpt2';
import type { CorpusText } from '../data';
import type { Figure } from '../figure';
import { describeModel, type Gpt2SectionContext } from '../gpt2/context';
import { integerIn } from '../models/checks';
import { contextWindowIds, lastTokenStates } from './context-states';
import { separationWithPermutations } from './nearest-centroid';
import { labelledOccurrences, type LabelledOccurrence } from './occurrences';
import { BALL_SENSES, type SenseLabelSet } from './sense-labels';

/** Options of {@link wordSensesExperiment}, with their defaults. */
export interface WordSensesOptions {
  /** The word and its labelled occurrences. Default {@link BALL_SENSES}. */
  readonly labels?: SenseLabelSet;
  /** Tokens each occurrence is read in, the word's token last: 2 … the model's context. Default 64. */
  readonly windowTokens?: number;
  /** Windows per forward pass. Default 16. */
  readonly batchSize?: number;
  /**
   * A book's own score is measured (see `withinBook`) where at least two senses have this many
   * occurrences in it. Default 5.
   */
  readonly minPerBookSense?: number;
  /**
   * Label shuffles for each score's permutation p-value (the share of shuffles scoring at least as
   * well, counting the real labels as one), 0 for none. Default 200.
   */
  readonly permutations?: number;
  /** Seed of the shuffles. Default 1. */
  readonly seed?: number;
}

/** The separation of the senses at one layer. */
export interface LayerSeparation {
  /** 0 for the embeddings, `l` for the output of block `l − 1` (the last after `ln_f`). */
  readonly layer: number;
  /** `embeddings`, `after block N`, `after block N and ln_f` (as `hiddenStates`). */
  readonly label: string;
  /** Leave-one-out nearest-centroid accuracy over all occurrences. */
  readonly accuracy: number;
  /** The same, averaged per sense: chance is 1 / senses. */
  readonly balancedAccuracy: number;
  /** Permutation p-value of `balancedAccuracy` (1 with no permutations). */
  readonly p: number;
}

/** Result of {@link wordSensesExperiment}. */
export interface WordSensesResult {
  readonly word: string;
  /** `describeModel` of the model. */
  readonly model: string;
  readonly windowTokens: number;
  /** Label shuffles behind each p-value: the smallest p possible is 1 / (permutations + 1). */
  readonly permutations: number;
  /** The senses with how many occurrences each has. */
  readonly senses: readonly { readonly id: string; readonly description: string; readonly count: number }[];
  /** Every occurrence, labelled, in corpus order. */
  readonly occurrences: readonly LabelledOccurrence[];
  /**
   * Per layer, how well the senses separate in the full hidden space (C numbers). Layer 0 is the
   * token embedding plus one position embedding, the same vector for every occurrence: exactly
   * chance, the baseline of a static word vector.
   */
  readonly layers: readonly LayerSeparation[];
  /**
   * The same measure within each book that uses at least two senses often enough, over those senses
   * only: a control for the senses being told apart by the book's style rather than the meaning.
   */
  readonly withinBook: readonly {
    readonly book: string;
    readonly senses: readonly { readonly id: string; readonly count: number }[];
    readonly balancedAccuracy: readonly number[];
    /** Permutation p-value of each layer's score. */
    readonly p: readonly number[];
  }[];
  /** The layer with the highest balanced accuracy (the deeper on a tie), projected to 2-D by PCA. */
  readonly projection: {
    readonly layer: number;
    readonly label: string;
    /** Share of the variance along each of the two axes. */
    readonly explainedVariance: readonly number[];
    /** One point per occurrence, in the order of `occurrences`. */
    readonly points: readonly { readonly x: number; readonly y: number; readonly sense: string }[];
  };
  /** The hidden states themselves, per layer (`occurrences.length × C`); not JSON data. */
  readonly states: readonly VectorSet[];
  /** `12.1-<word>-senses` (the projection) and `12.1-<word>-separation` (accuracy per layer). */
  readonly figures: readonly Figure[];
}

/** Rows `indices` of a vector set, as plain `dim`-length data. */
function rowsOf(set: VectorSet, indices: readonly number[]): Float32Array {
  const out = new Float32Array(indices.length * set.cols);
  indices.forEach((r, i) => out.set(set.data.subarray(r * set.cols, (r + 1) * set.cols), i * set.cols));
  return out;
}

const layerLabel = (layer: number, last: number): string =>
  layer === 0 ? 'embeddings' : layer === last ? `after block ${layer - 1} and ln_f` : `after block ${layer - 1}`;

/**
 * Essay 12.1: one word, several meanings, told apart by the text before it. Each hand-labelled
 * occurrence of the word in the corpus (`sense-labels.ts`) is read by the model in a window of
 * `windowTokens` tokens ending with the word; the hidden state at the word's token is taken from
 * every layer. How well the senses separate is measured per layer by leave-one-out nearest-centroid
 * classification in the full hidden space, against the static embedding (layer 0, the same vector
 * for every occurrence: chance), each score with a permutation p-value; the best layer is projected
 * to 2-D with PCA, coloured by sense. The model only sees the text before the word (it is causal).
 *
 * A caution the result carries: the senses are unevenly spread over the books (every "ball" of
 * Pride and Prejudice is a dance), so the score over all books also rewards telling the books apart.
 * `withinBook` repeats the measure inside each book that uses two senses often enough.
 */
export async function wordSensesExperiment(
  gpt: Gpt2,
  corpus: readonly CorpusText[],
  options: WordSensesOptions = {},
  context: Gpt2SectionContext = {},
): Promise<WordSensesResult> {
  const op = 'wordSensesExperiment';
  const labels = options.labels ?? BALL_SENSES;
  const windowTokens = integerIn(op, 'windowTokens', options.windowTokens ?? 64, 2, gpt.config.contextLength);
  const minPerBookSense = integerIn(op, 'minPerBookSense', options.minPerBookSense ?? 5, 2, Number.MAX_SAFE_INTEGER);
  const permutations = integerIn(op, 'permutations', options.permutations ?? 200, 0, 100_000);
  const seed = integerIn(op, 'seed', options.seed ?? 1, 0, 2 ** 32 - 1);
  const occurrences = labelledOccurrences(corpus, labels);
  const texts = new Map(corpus.map((c) => [c.name, c.text]));
  const windows = occurrences.map((o) => contextWindowIds(gpt, texts.get(o.book)!, o.start, labels.word, windowTokens));
  const states = await lastTokenStates(gpt, windows, {
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    signal: context.signal,
    onProgress: (fraction) => context.onProgress?.({ fraction, message: `reading "${labels.word}" in context` }),
  });

  const classes = labels.senses.map((s) => s.id);
  const senseOf = occurrences.map((o) => o.sense);
  const last = gpt.config.layers;
  const scored = (data: Float32Array, dim: number, senses: readonly string[], ids: readonly string[]) =>
    separationWithPermutations(data, dim, senses, ids, { permutations, seed });
  const layers = states.map((set, layer) => {
    const score = scored(set.data, set.cols, senseOf, classes);
    return {
      layer,
      label: layerLabel(layer, last),
      accuracy: score.accuracy,
      balancedAccuracy: score.balancedAccuracy,
      p: score.p,
    };
  });

  const books = [...new Set(occurrences.map((o) => o.book))];
  const withinBook = books.flatMap((book) => {
    const counts = classes.map((id) => ({
      id,
      count: occurrences.filter((o) => o.book === book && o.sense === id).length,
    }));
    const kept = counts.filter((s) => s.count >= minPerBookSense);
    if (kept.length < 2) return [];
    const ids = kept.map((s) => s.id);
    const rows = occurrences.flatMap((o, i) => (o.book === book && ids.includes(o.sense) ? [i] : []));
    const scores = states.map((set) =>
      scored(
        rowsOf(set, rows),
        set.cols,
        rows.map((r) => senseOf[r]!),
        ids,
      ),
    );
    return [{ book, senses: kept, balancedAccuracy: scores.map((x) => x.balancedAccuracy), p: scores.map((x) => x.p) }];
  });

  let best = 0;
  for (const l of layers) if (l.balancedAccuracy >= layers[best]!.balancedAccuracy) best = l.layer;
  const projected = pca(states[best]!, { components: 2 });
  const points = occurrences.map((o, i) => ({
    x: projected.points.data[2 * i]!,
    y: projected.points.data[2 * i + 1]!,
    sense: o.sense,
  }));
  const percent = (p: number): string => `${(100 * p).toFixed(0)}%`;
  const senses = labels.senses.map((s) => ({ ...s, count: senseOf.filter((x) => x === s.id).length }));
  const bestLayer = layers[best]!;
  // Points grouped by sense in the labels' order, so the legend lists the senses in that order.
  const byOrder = classes.flatMap((id) => points.filter((p) => p.sense === id));
  /** `after block 3 and ln_f` → `block 3 + ln_f`: short enough for an axis. */
  const short = (label: string): string => label.replace('after ', '').replace(' and ', ' + ');
  /** `pg37106-little-women` → `little-women`. */
  const bookName = (book: string): string => book.replace(/^pg\d+-/, '');
  const figures: Figure[] = [
    {
      name: `12.1-${labels.word}-senses`,
      spec: {
        kind: 'scatter',
        title: `"${labels.word}" in ${occurrences.length} passages of the corpus, ${bestLayer.label}`,
        subtitle: `its hidden state after ${windowTokens - 1} tokens of text; nearest sense centroid right ${percent(bestLayer.balancedAccuracy)} (balanced, leave-one-out; chance ${percent(1 / classes.length)})`,
        points: byOrder.map((p) => ({ x: p.x, y: p.y, group: p.sense })),
        xLabel: `principal component 1 (${percent(projected.explainedVariance[0]!)} of variance)`,
        yLabel: `principal component 2 (${percent(projected.explainedVariance[1]!)})`,
        legendTitle: 'sense',
      },
    },
    {
      name: `12.1-${labels.word}-separation`,
      spec: {
        kind: 'bar',
        title: `How well the senses of "${labels.word}" separate, layer by layer`,
        subtitle: `leave-one-out nearest centroid in all ${gpt.config.embedDim} numbers, balanced over senses; chance ${percent(1 / classes.length)}`,
        categories: layers.map((l) => short(l.label)),
        series: [
          { name: `all books (${occurrences.length})`, values: layers.map((l) => l.balancedAccuracy) },
          ...withinBook.map((w) => ({
            name: `${bookName(w.book)} (${w.senses.reduce((a, s) => a + s.count, 0)})`,
            values: w.balancedAccuracy,
          })),
        ],
        categoryLabel: 'layer',
        valueLabel: 'balanced accuracy',
        valueFormat: '.0%',
        legendTitle: 'passages',
      },
    },
  ];
  return {
    word: labels.word,
    model: describeModel(gpt),
    windowTokens,
    permutations,
    senses,
    occurrences,
    layers,
    withinBook,
    projection: { layer: best, label: bestLayer.label, explainedVariance: projected.explainedVariance, points },
    states,
    figures,
  };
}
