import { EmbeddingsError } from './errors';
import type { VectorSet } from './vector-set';

/** A word and its cosine similarity to a query. */
export interface ScoredWord {
  readonly word: string;
  readonly similarity: number;
}

/**
 * Trained word vectors: the vocabulary (most frequent first, with corpus counts when known) and one
 * vector per word. Similarities, neighbours and analogies use the L2-normalised vectors (cosine).
 */
export class WordVectors {
  /** The words, in file / vocabulary order. */
  readonly words: readonly string[];
  /** Corpus count of each word, when known (training sets it; the word2vec binary format does not store it). */
  readonly counts: Int32Array | undefined;
  /** Vector length. */
  readonly dimensions: number;
  /** The raw (unnormalised) vectors, one row per word. */
  readonly vectors: VectorSet;
  readonly #index: Map<string, number>;
  #unit: Float32Array | undefined;

  /**
   * @param words - distinct words.
   * @param data - words.length × dimensions values, row-major.
   * @param counts - optional corpus counts, one per word.
   */
  constructor(words: readonly string[], data: Float32Array, dimensions: number, counts?: Int32Array) {
    if (!Number.isInteger(dimensions) || dimensions < 1) {
      throw new EmbeddingsError(
        'INVALID_ARGUMENT',
        `WordVectors: dimensions must be a positive integer; got ${dimensions}`,
        {
          argument: 'dimensions',
          value: dimensions,
          expected: 'integer >= 1',
        },
      );
    }
    if (data.length !== words.length * dimensions) {
      throw new EmbeddingsError(
        'INVALID_ARGUMENT',
        `WordVectors: data has ${data.length} values; ${words.length} words × ${dimensions} dimensions = ${words.length * dimensions}`,
        { argument: 'data', value: data.length, expected: `${words.length * dimensions} values` },
      );
    }
    if (counts !== undefined && counts.length !== words.length) {
      throw new EmbeddingsError(
        'INVALID_ARGUMENT',
        `WordVectors: counts has ${counts.length} entries for ${words.length} words`,
        {
          argument: 'counts',
          value: counts.length,
          expected: `${words.length} entries`,
        },
      );
    }
    this.#index = new Map();
    words.forEach((word, i) => {
      if (this.#index.has(word)) {
        throw new EmbeddingsError(
          'INVALID_ARGUMENT',
          `WordVectors: word "${word}" appears twice (rows ${this.#index.get(word)} and ${i})`,
          {
            argument: 'words',
            value: word,
            expected: 'distinct words',
          },
        );
      }
      this.#index.set(word, i);
    });
    this.words = words;
    this.counts = counts;
    this.dimensions = dimensions;
    this.vectors = { data, rows: words.length, cols: dimensions };
  }

  /** Number of words. */
  get size(): number {
    return this.words.length;
  }

  /** Whether `word` has a vector. */
  has(word: string): boolean {
    return this.#index.has(word);
  }

  /** Row of `word`, or undefined. */
  indexOf(word: string): number | undefined {
    return this.#index.get(word);
  }

  /** Corpus count of `word` (undefined when counts are unknown). @throws `UNKNOWN_WORD` */
  count(word: string): number | undefined {
    const row = this.#row('count', word);
    return this.counts?.[row];
  }

  /** A copy of the raw vector of `word`. @throws {EmbeddingsError} `UNKNOWN_WORD` naming the word. */
  vector(word: string): Float32Array {
    const row = this.#row('vector', word);
    return this.vectors.data.slice(row * this.dimensions, (row + 1) * this.dimensions);
  }

  /** A copy of the unit-length vector of `word`. @throws {EmbeddingsError} `UNKNOWN_WORD` */
  unitVector(word: string): Float32Array {
    const row = this.#row('unitVector', word);
    return this.#normalised().slice(row * this.dimensions, (row + 1) * this.dimensions);
  }

  /** Cosine similarity of two words, in [−1, 1]. @throws {EmbeddingsError} `UNKNOWN_WORD` naming the word. */
  similarity(a: string, b: string): number {
    const unit = this.#normalised();
    const d = this.dimensions;
    const ra = this.#row('similarity', a) * d;
    const rb = this.#row('similarity', b) * d;
    let dot = 0;
    for (let k = 0; k < d; k++) dot += unit[ra + k]! * unit[rb + k]!;
    return dot;
  }

  /**
   * The `k` words most similar to `word` (cosine), most similar first, `word` itself excluded.
   * @throws {EmbeddingsError} `UNKNOWN_WORD` naming the word; `INVALID_ARGUMENT` for a bad `k`.
   */
  neighbors(word: string, k = 10): ScoredWord[] {
    const row = this.#row('neighbors', word);
    return this.nearest(this.#normalised().subarray(row * this.dimensions, (row + 1) * this.dimensions), k, [word]);
  }

  /**
   * Solves "a is to b as c is to ?" with 3CosAdd (Mikolov et al. 2013, gensim's `most_similar`):
   * the words nearest to unit(b) − unit(a) + unit(c), excluding a, b and c. For king − man + woman call
   * `analogy('man', 'king', 'woman')`.
   * @throws {EmbeddingsError} `UNKNOWN_WORD` naming the first unknown word.
   */
  analogy(a: string, b: string, c: string, k = 1): ScoredWord[] {
    const unit = this.#normalised();
    const d = this.dimensions;
    const [ra, rb, rc] = [a, b, c].map((w) => this.#row('analogy', w) * d) as [number, number, number];
    const query = new Float32Array(d);
    for (let i = 0; i < d; i++) query[i] = unit[rb + i]! - unit[ra + i]! + unit[rc + i]!;
    return this.nearest(query, k, [a, b, c]);
  }

  /**
   * The `k` words whose vectors have the highest cosine similarity to `query` (any vector of length
   * `dimensions`, normalised here), leaving out the words in `exclude`.
   */
  nearest(query: ArrayLike<number>, k = 10, exclude: readonly string[] = []): ScoredWord[] {
    if (!Number.isInteger(k) || k < 1) {
      throw new EmbeddingsError('INVALID_ARGUMENT', `WordVectors: k must be a positive integer; got ${String(k)}`, {
        argument: 'k',
        value: k,
        expected: 'integer >= 1',
      });
    }
    const d = this.dimensions;
    if (query.length !== d) {
      throw new EmbeddingsError(
        'INVALID_ARGUMENT',
        `WordVectors.nearest: query has length ${query.length}; expected ${d}`,
        {
          argument: 'query',
          value: query.length,
          expected: `length ${d}`,
        },
      );
    }
    let norm = 0;
    for (let i = 0; i < d; i++) norm += query[i]! * query[i]!;
    norm = Math.sqrt(norm) || 1;
    const skip = new Set(exclude.map((w) => this.#index.get(w)).filter((r) => r !== undefined));
    const unit = this.#normalised();
    const best: Array<{ row: number; similarity: number }> = [];
    for (let row = 0; row < this.words.length; row++) {
      if (skip.has(row)) continue;
      let dot = 0;
      const base = row * d;
      for (let i = 0; i < d; i++) dot += unit[base + i]! * query[i]!;
      const similarity = dot / norm;
      if (best.length < k || similarity > best[best.length - 1]!.similarity) {
        let at = best.length;
        while (at > 0 && best[at - 1]!.similarity < similarity) at--;
        best.splice(at, 0, { row, similarity });
        if (best.length > k) best.pop();
      }
    }
    return best.map(({ row, similarity }) => ({ word: this.words[row]!, similarity }));
  }

  /** The rows of `words` (in that order) as a {@link VectorSet}, raw or unit length. @throws `UNKNOWN_WORD` */
  subset(words: readonly string[], options: { normalised?: boolean } = {}): VectorSet {
    const source = options.normalised === true ? this.#normalised() : this.vectors.data;
    const d = this.dimensions;
    const data = new Float32Array(words.length * d);
    words.forEach((word, i) => {
      const row = this.#row('subset', word);
      data.set(source.subarray(row * d, (row + 1) * d), i * d);
    });
    return { data, rows: words.length, cols: d };
  }

  #row(operation: string, word: string): number {
    const row = this.#index.get(word);
    if (row === undefined) {
      throw new EmbeddingsError(
        'UNKNOWN_WORD',
        `WordVectors.${operation}: "${word}" is not in the vocabulary (${this.words.length} words)`,
        {
          argument: 'word',
          value: word,
          expected: 'a word of the vocabulary',
        },
      );
    }
    return row;
  }

  #normalised(): Float32Array {
    if (this.#unit === undefined) {
      const d = this.dimensions;
      const data = this.vectors.data;
      const unit = new Float32Array(data.length);
      for (let row = 0; row < this.words.length; row++) {
        const base = row * d;
        let norm = 0;
        for (let i = 0; i < d; i++) norm += data[base + i]! * data[base + i]!;
        norm = Math.sqrt(norm);
        if (norm > 0) for (let i = 0; i < d; i++) unit[base + i] = data[base + i]! / norm;
      }
      this.#unit = unit;
    }
    return this.#unit;
  }
}
