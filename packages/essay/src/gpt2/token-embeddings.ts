import { tokenEmbeddings, type Gpt2 } from '@chatgpt-explained/gpt2';
import { EssayError } from '../errors';
import type { Figure } from '../figure';
import { describeModel, nonEmptyText, type Gpt2SectionContext } from './context';

/** The words of essay 8.3 by default: animals, furniture and fruit. */
export const DEFAULT_EMBEDDING_WORDS: readonly string[] = [
  'cat',
  'dog',
  'alligator',
  'chair',
  'table',
  'apple',
  'banana',
];

/** Options of {@link gpt2TokenEmbeddingsExperiment}, with their defaults. */
export interface Gpt2TokenEmbeddingsOptions {
  /** The words, 2 to 50. Default {@link DEFAULT_EMBEDDING_WORDS}. */
  readonly words?: readonly string[];
  /**
   * Put a space before each word, as it appears in running text (`" cat"` is one GPT-2 token, `"cat"`
   * another). Default true.
   */
  readonly leadingSpace?: boolean;
}

/** Result of {@link gpt2TokenEmbeddingsExperiment}. */
export interface Gpt2TokenEmbeddingsResult {
  /** Each word with its tokens and its vector (the mean of its tokens' rows of `wte`). */
  readonly words: readonly {
    readonly word: string;
    readonly tokens: readonly { readonly id: number; readonly text: string }[];
    readonly vector: readonly number[];
    /** The other word whose vector is closest. */
    readonly nearest: string;
  }[];
  /** Embedding width C. */
  readonly dim: number;
  /** `distances[i][j]`: Euclidean distance between the vectors of words i and j. */
  readonly distances: readonly (readonly number[])[];
  /** `8.3-embedding-vectors` (the raw vectors) and `8.3-embedding-distances`. */
  readonly figures: readonly Figure[];
}

/**
 * Essay 8.3: the raw token embedding vectors of a few words, read from GPT-2's token embedding matrix
 * `wte` (a word of several tokens gets the mean of their rows), and the Euclidean distances between
 * them: related words are not yet obviously closer in these raw vectors of the first layer.
 */
export function gpt2TokenEmbeddingsExperiment(
  gpt: Gpt2,
  options: Gpt2TokenEmbeddingsOptions = {},
  _context: Gpt2SectionContext = {},
): Gpt2TokenEmbeddingsResult {
  const op = 'gpt2TokenEmbeddingsExperiment';
  const words = options.words ?? DEFAULT_EMBEDDING_WORDS;
  if (!Array.isArray(words) || words.length < 2 || words.length > 50) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: words must be 2 to 50 words, got ${JSON.stringify(words)}`, {
      argument: 'words',
      value: words,
      expected: '2 to 50 non-empty strings',
    });
  }
  words.forEach((w, i) => nonEmptyText(op, `words[${i}]`, w));
  const space = options.leadingSpace ?? true;
  const r = tokenEmbeddings(
    gpt,
    words.map((w) => (space ? ` ${w}` : w)),
  );
  const result = r.words.map((w, i) => {
    let nearest = -1;
    r.distances[i]!.forEach((d, j) => {
      if (j !== i && (nearest < 0 || d < r.distances[i]![nearest]!)) nearest = j;
    });
    return { word: words[i]!, tokens: w.tokens, vector: w.vector, nearest: words[nearest]! };
  });
  const labels = words.map((w, i) => (words.indexOf(w) === i ? w : `${w} #${i + 1}`));
  const model = describeModel(gpt);
  return {
    words: result,
    dim: r.dim,
    distances: r.distances,
    figures: [
      {
        name: '8.3-embedding-vectors',
        spec: {
          kind: 'heatmap',
          title: 'Raw token embedding vectors',
          subtitle: `Rows of GPT-2's token embedding matrix wte (${model})`,
          values: result.map((w) => [...w.vector]),
          rowLabels: labels,
          xLabel: `embedding dimension (0 … ${r.dim - 1})`,
          yLabel: 'word',
          color: { scheme: 'redblue', label: 'value' },
          width: 640,
          height: Math.max(120, 28 * words.length),
        },
      },
      {
        name: '8.3-embedding-distances',
        spec: {
          kind: 'heatmap',
          title: 'Distances between raw token embeddings',
          subtitle: `Euclidean distance between the words' vectors (${model})`,
          values: r.distances,
          rowLabels: labels,
          columnLabels: labels,
          xLabel: 'word',
          yLabel: 'word',
          color: { scheme: 'viridis', label: 'distance' },
          width: Math.max(240, 40 * words.length),
          height: Math.max(240, 40 * words.length),
        },
      },
    ],
  };
}
