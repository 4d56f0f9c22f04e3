/**
 * Probability of keeping each occurrence of a word under frequency subsampling, gensim's formula
 * (`Word2Vec.prepare_vocab`, the same as the reference C word2vec): with threshold t = `sample` ×
 * (total count of vocabulary words), a word seen c times is kept with probability
 * min(1, (√(c / t) + 1) · t / c). `sample` 0 keeps everything.
 */
export function keepProbabilities(counts: ArrayLike<number>, sample: number): Float64Array {
  const probabilities = new Float64Array(counts.length).fill(1);
  if (sample === 0) return probabilities;
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  const threshold = sample * total;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    probabilities[i] = Math.min(1, (Math.sqrt(c / threshold) + 1) * (threshold / c));
  }
  return probabilities;
}
