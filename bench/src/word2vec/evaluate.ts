import { spearman } from './spearman';
import type { LoadedVectors } from './vectors-file';
import type { SimilarityPair } from './wordsim';

/** Row index of each word of a vector file. */
export function wordIndex(vectors: LoadedVectors): Map<string, number> {
  return new Map(vectors.words.map((w, i) => [w, i]));
}

/** The pairs whose two words both have a vector. */
export function coveredPairs(
  pairs: readonly SimilarityPair[],
  vocabulary: ReadonlySet<string> | ReadonlyMap<string, unknown>,
): SimilarityPair[] {
  return pairs.filter((p) => vocabulary.has(p.a) && vocabulary.has(p.b));
}

/** Cosine similarity of rows `i` and `j` (float64 sums). */
export function cosine(vectors: LoadedVectors, i: number, j: number): number {
  const { data, dimensions: d } = vectors;
  let dot = 0;
  let ni = 0;
  let nj = 0;
  for (let k = 0; k < d; k++) {
    const a = data[i * d + k]!;
    const b = data[j * d + k]!;
    dot += a * b;
    ni += a * a;
    nj += b * b;
  }
  return ni === 0 || nj === 0 ? 0 : dot / Math.sqrt(ni * nj);
}

/** Spearman's ρ of the vectors' cosine similarities with the human scores, over `pairs` (all covered). */
export function similaritySpearman(vectors: LoadedVectors, pairs: readonly SimilarityPair[]): number {
  const index = wordIndex(vectors);
  const model = pairs.map((p) => {
    const i = index.get(p.a);
    const j = index.get(p.b);
    if (i === undefined || j === undefined) throw new Error(`no vector for the pair ${p.a}–${p.b}`);
    return cosine(vectors, i, j);
  });
  return spearman(
    model,
    pairs.map((p) => p.score),
  );
}
