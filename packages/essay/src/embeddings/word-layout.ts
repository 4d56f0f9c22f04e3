import { corpusWords, pca, umap, type WordVectors } from '@chatgpt-explained/embeddings';
import type { ScatterSpec } from '@chatgpt-explained/viz';
import type { Figure } from '../figure';

/**
 * The words of the 8.1 figure, by group. Chosen after counting the bundled corpus (six books and the
 * two Wikipedia articles): every word occurs at least 37 times there (the essay's own "turnip" occurs
 * 0 times, so its figure cannot be redrawn word for word). The experiment reports the counts again.
 */
export const WORD_LAYOUT_GROUPS: Readonly<Record<string, readonly string[]>> = {
  animals: ['cat', 'dog', 'horse', 'bird', 'fish', 'whale'],
  'food and drink': ['bread', 'meat', 'wine', 'tea', 'milk', 'coffee'],
  family: ['father', 'mother', 'brother', 'sister', 'son', 'daughter'],
  colours: ['red', 'green', 'blue', 'white', 'black', 'brown'],
  numbers: ['two', 'three', 'four', 'five', 'six', 'ten'],
};

/** Options of {@link wordLayoutExperiment}. */
export interface WordLayoutOptions {
  /** Groups of words to lay out. Default {@link WORD_LAYOUT_GROUPS}. */
  readonly groups?: Readonly<Record<string, readonly string[]>>;
  /** Also lay the words out with UMAP (seeded). Default true. */
  readonly umap?: boolean;
  /** UMAP seed. Default 1. */
  readonly seed?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (fraction: number) => void;
}

/** One word of the layout. */
export interface LaidOutWord {
  readonly word: string;
  readonly group: string;
  /** Occurrences in the corpus the embedding was trained on. */
  readonly count: number;
  /** PCA coordinates (of the unit-length vectors). */
  readonly pca: readonly [number, number];
  /** UMAP coordinates, when asked for. */
  readonly umap?: readonly [number, number];
}

/** What {@link wordLayoutExperiment} returns. */
export interface WordLayoutResult {
  readonly words: readonly LaidOutWord[];
  /** Words left out because the embedding does not know them, with their corpus counts. */
  readonly missing: readonly { readonly word: string; readonly count: number }[];
  /** Share of the chosen words' variance on the two principal components. */
  readonly explainedVariance: readonly [number, number];
  /** Within-group over between-group mean cosine similarity (higher: groups are tighter). */
  readonly cosine: { readonly withinGroups: number; readonly betweenGroups: number };
  readonly figures: readonly Figure[];
}

/** How often each of `words` occurs in `texts` (split as the embedding's training split them). */
export function countWords(texts: readonly string[], words: readonly string[]): Map<string, number> {
  const counts = new Map(words.map((w) => [w, 0]));
  for (const text of texts) {
    for (const word of corpusWords(text)) {
      const c = counts.get(word);
      if (c !== undefined) counts.set(word, c + 1);
    }
  }
  return counts;
}

function scatter(
  title: string,
  subtitle: string,
  xLabel: string,
  yLabel: string,
  words: readonly LaidOutWord[],
  at: (w: LaidOutWord) => readonly [number, number],
): ScatterSpec {
  return {
    kind: 'scatter',
    title,
    subtitle,
    xLabel,
    yLabel,
    legendTitle: 'group',
    points: words.map((w) => ({ x: at(w)[0], y: at(w)[1], label: w.word, group: w.group })),
  };
}

/**
 * Essay 8.1: words laid out in two dimensions from a trained embedding, so that words of similar
 * meaning land near each other: PCA of the unit-length vectors (and UMAP), coloured by group.
 *
 * @param corpus - the texts the embedding was trained on, for the word counts.
 */
export async function wordLayoutExperiment(
  vectors: WordVectors,
  corpus: readonly string[],
  options: WordLayoutOptions = {},
): Promise<WordLayoutResult> {
  const groups = options.groups ?? WORD_LAYOUT_GROUPS;
  const all = Object.values(groups).flat();
  const counts = countWords(corpus, all);
  const chosen = Object.entries(groups).flatMap(([group, words]) =>
    words.filter((w) => vectors.has(w)).map((word) => ({ word, group, count: counts.get(word) ?? 0 })),
  );
  const missing = all.filter((w) => !vectors.has(w)).map((word) => ({ word, count: counts.get(word) ?? 0 }));
  const unit = vectors.subset(
    chosen.map((c) => c.word),
    { normalised: true },
  ); // [words, dimensions]
  const projected = pca(unit, { components: 2 });
  const p = projected.points.data; // [words, 2]

  let within = 0;
  let withinPairs = 0;
  let between = 0;
  let betweenPairs = 0;
  for (let i = 0; i < chosen.length; i++) {
    for (let j = i + 1; j < chosen.length; j++) {
      const s = vectors.similarity(chosen[i]!.word, chosen[j]!.word);
      if (chosen[i]!.group === chosen[j]!.group) {
        within += s;
        withinPairs++;
      } else {
        between += s;
        betweenPairs++;
      }
    }
  }

  let layout: Float32Array | undefined;
  if (options.umap ?? true) {
    const result = await umap(unit, {
      neighbors: 5,
      minDist: 0.3,
      seed: options.seed ?? 1,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    });
    layout = result.points.data;
  }
  const words: LaidOutWord[] = chosen.map((c, i) => ({
    ...c,
    pca: [p[2 * i]!, p[2 * i + 1]!] as const,
    ...(layout === undefined ? {} : { umap: [layout[2 * i]!, layout[2 * i + 1]!] as const }),
  }));
  const [v1, v2] = projected.explainedVariance as [number, number];
  const subtitle = `${words.length} words of the bundled corpus, word2vec vectors (${vectors.dimensions}-D)`;
  const figures: Figure[] = [
    {
      name: '8.1-word-layout-pca',
      spec: scatter(
        'Words laid out by meaning (PCA)',
        subtitle,
        `PC 1 (${(100 * v1).toFixed(0)}% of variance)`,
        `PC 2 (${(100 * v2).toFixed(0)}% of variance)`,
        words,
        (w) => w.pca,
      ),
    },
  ];
  if (layout !== undefined) {
    figures.push({
      name: '8.1-word-layout-umap',
      spec: scatter('Words laid out by meaning (UMAP)', subtitle, 'UMAP 1', 'UMAP 2', words, (w) => w.umap!),
    });
  }
  return {
    words,
    missing,
    explainedVariance: [v1, v2],
    cosine: { withinGroups: within / withinPairs, betweenGroups: between / betweenPairs },
    figures,
  };
}
