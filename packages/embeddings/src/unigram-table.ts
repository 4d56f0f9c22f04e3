/**
 * The negative-sampling table of the reference word2vec (`InitUnigramTable`): word i fills a share of
 * the slots proportional to countᵢ^power (power 0.75 in word2vec and gensim), so drawing a uniform slot
 * draws a word from the smoothed unigram distribution.
 *
 * @param size - number of slots, a power of two so that a slot is `table[random & (size − 1)]`.
 */
export function unigramTable(counts: ArrayLike<number>, power: number, size: number): Int32Array {
  const table = new Int32Array(size);
  const n = counts.length;
  if (n === 0) return table;
  let total = 0;
  for (let i = 0; i < n; i++) total += Math.pow(counts[i]!, power);
  // Slot s covers [s / size, (s + 1) / size) of the cumulative distribution; it holds the word whose
  // share contains the slot's midpoint.
  let word = 0;
  let cumulative = Math.pow(counts[0]!, power) / total;
  for (let slot = 0; slot < size; slot++) {
    const middle = (slot + 0.5) / size;
    while (middle > cumulative && word < n - 1) {
      word++;
      cumulative += Math.pow(counts[word]!, power) / total;
    }
    table[slot] = word;
  }
  return table;
}

/** Table size for a vocabulary: about 128 slots per word, a power of two between 2¹⁶ and 2²³. */
export function unigramTableSize(vocabularySize: number): number {
  let size = 1 << 16;
  while (size < vocabularySize * 128 && size < 1 << 23) size *= 2;
  return size;
}
