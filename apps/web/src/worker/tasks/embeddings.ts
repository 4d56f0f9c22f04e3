/** Tasks of essay section 8.1: words laid out by meaning from the shipped word2vec vectors. */
import { fromWord2VecBinary, pca, type WordVectors } from '@chatgpt-explained/embeddings';
import { renderSvg } from '@chatgpt-explained/viz';
import { task, type TaskContext } from '../task';
import { integerIn } from '../task-input';

/** The shipped word vectors (word2vec binary format), under the site root. */
export const WORD_VECTORS_FILE = 'data/models/corpus-word2vec/vectors.bin';

/** Most words the map places at once. */
export const MAX_MAP_WORDS = 60;

/** Input of `words.map`. */
export interface WordMapInput {
  /** Words to place (lower-cased and de-duplicated here; at most {@link MAX_MAP_WORDS}). */
  readonly words: readonly string[];
  /** The word whose nearest neighbours to list (any word of the vocabulary), or '' for none. */
  readonly focus: string;
  /** How many neighbours, 1 to 30. */
  readonly neighbours: number;
}

/** What `words.map` returns. */
export interface WordMapOutput {
  /** The placed words with their PCA coordinates (empty when fewer than two are known). */
  readonly placed: readonly { readonly word: string; readonly x: number; readonly y: number }[];
  /** Words the vectors do not know. */
  readonly unknown: readonly string[];
  /** The scatter plot as SVG, or '' when fewer than two words are known. */
  readonly svg: string;
  /** The focus word as looked up (lower case), and whether the vectors know it. */
  readonly focus: string;
  readonly focusKnown: boolean;
  /** The focus word's nearest neighbours by cosine similarity, most similar first. */
  readonly neighbours: readonly { readonly word: string; readonly similarity: number }[];
  /** Words in the vocabulary and the vectors' length. */
  readonly vocabulary: number;
  readonly dimensions: number;
}

function loadVectors(ctx: TaskContext): Promise<WordVectors> {
  return ctx.memo('words:word2vec', async () => fromWord2VecBinary(await ctx.files.bytes(WORD_VECTORS_FILE)));
}

/** The words of `list`, lower-cased, trimmed, de-duplicated, in order. */
export function cleanWords(list: readonly string[]): string[] {
  return [...new Set(list.map((w) => w.trim().toLowerCase()).filter((w) => w.length > 0))];
}

export const embeddingTasks = {
  /**
   * Places the reader's words on a 2-D map (PCA of their unit-length vectors, as essay 8.1's figure)
   * and lists the nearest neighbours of one word by cosine similarity over the whole vocabulary.
   */
  'words.map': task(async (input: WordMapInput, ctx): Promise<WordMapOutput> => {
    if (!Array.isArray(input?.words))
      throw new Error(`words.map: words must be a list of words, got ${String(input?.words)}`);
    const k = integerIn('words.map', 'neighbours', input.neighbours, 1, 30);
    const words = cleanWords(input.words);
    if (words.length > MAX_MAP_WORDS)
      throw new Error(`words.map: at most ${MAX_MAP_WORDS} words at once, got ${words.length}`);
    const vectors = await loadVectors(ctx);
    ctx.signal.throwIfAborted();
    const known = words.filter((w) => vectors.has(w));
    const unknown = words.filter((w) => !vectors.has(w));
    let placed: WordMapOutput['placed'] = [];
    let svg = '';
    if (known.length >= 2) {
      const projected = pca(vectors.subset(known, { normalised: true }), { components: 2 });
      const p = projected.points.data; // [words, 2]
      placed = known.map((word, i) => ({ word, x: p[2 * i]!, y: p[2 * i + 1]! }));
      const [v1, v2] = projected.explainedVariance as [number, number];
      svg = await renderSvg({
        kind: 'scatter',
        title: 'Your words laid out by meaning (PCA)',
        subtitle: `word2vec vectors (${vectors.dimensions}-D) trained on the bundled corpus`,
        xLabel: `PC 1 (${(100 * v1).toFixed(0)}% of variance)`,
        yLabel: `PC 2 (${(100 * v2).toFixed(0)}% of variance)`,
        points: placed.map((w) => ({ x: w.x, y: w.y, label: w.word })),
        width: 320,
        height: 260,
      });
    }
    const focus = input.focus.trim().toLowerCase();
    const focusKnown = focus !== '' && vectors.has(focus);
    return {
      placed,
      unknown,
      svg,
      focus,
      focusKnown,
      neighbours: focusKnown ? vectors.neighbors(focus, k) : [],
      vocabulary: vectors.size,
      dimensions: vectors.dimensions,
    };
  }),
};
