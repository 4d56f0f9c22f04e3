/**
 * The skip-gram negative-sampling inner loop, written as one self-contained function (no imports, no
 * module-level references) so that the Node parallel trainer can hand its source text to worker
 * threads. Everything it touches is a typed array passed in; it allocates nothing.
 *
 * It follows the reference C word2vec (`TrainModelThread`, skip-gram branch) and gensim's
 * `fast_sentence_sg_neg`:
 * - each sentence is first subsampled: word w is kept when a uniform 32-bit draw is below `keep[w]`
 *   (its keep probability × 2³²);
 * - for each centre position a reduced window b ∈ [0, window) is drawn and the context is the words at
 *   distance 1 … window − b on each side;
 * - for each (context c, centre w) pair, the input vector syn0[c] is trained to predict w (label 1)
 *   against `negative` words drawn from the unigram table (label 0; a draw equal to w is skipped):
 *   f = syn0[c]·syn1[t], g = (label − σ(f))·alpha, e += g·syn1[t], syn1[t] += g·syn0[c]; then
 *   syn0[c] += e (all targets see the old syn0[c]);
 * - σ comes from a table over (−6, 6) (word2vec's MAX_EXP); beyond it σ is clamped to 0 or 1.
 *
 * The generator is xorshift32 with its state in `state[0]`; `state[1]` accumulates the SGNS loss
 * −log σ(f₊) − Σ log σ(−f₋) and `state[2]` the number of pairs, `state[3]` the centre words kept.
 *
 * @param sentenceStarts - sentence s is `ids[sentenceStarts[s] … sentenceStarts[s + 1])`.
 * @param sigmoidTable - σ at the midpoints of `sigmoidTable.length` equal cells of (−6, 6).
 * @param logSigmoidTable - log σ at the same midpoints.
 * @param buffer - scratch, at least as long as the longest sentence.
 * @param work - scratch, at least `dim` long (the accumulated input-vector update).
 */
export function sgnsTrainSentences(
  syn0: Float32Array,
  syn1: Float32Array,
  dim: number,
  ids: Int32Array,
  sentenceStarts: Int32Array,
  from: number,
  to: number,
  keep: Float64Array,
  table: Int32Array,
  window: number,
  negative: number,
  alpha: number,
  sigmoidTable: Float64Array,
  logSigmoidTable: Float64Array,
  buffer: Int32Array,
  work: Float64Array,
  state: Float64Array,
): void {
  const maxExp = 6;
  const cells = sigmoidTable.length;
  const scale = cells / (2 * maxExp);
  const tableMask = table.length - 1;
  const dim4 = dim - (dim % 4);
  let random = state[0]! >>> 0 || 1;
  let loss = 0;
  let pairs = 0;
  let centres = 0;
  for (let s = from; s < to; s++) {
    // Subsample the sentence into `buffer`.
    let n = 0;
    const end = sentenceStarts[s + 1]!;
    for (let i = sentenceStarts[s]!; i < end; i++) {
      const word = ids[i]!;
      random ^= random << 13;
      random ^= random >>> 17;
      random ^= random << 5;
      if (random >>> 0 < keep[word]!) buffer[n++] = word;
    }
    centres += n;
    for (let position = 0; position < n; position++) {
      const centre = buffer[position]!;
      random ^= random << 13;
      random ^= random >>> 17;
      random ^= random << 5;
      const reduced = (random >>> 0) % window;
      const lo = Math.max(0, position - window + reduced);
      const hi = Math.min(n, position + window + 1 - reduced);
      for (let c = lo; c < hi; c++) {
        if (c === position) continue;
        const l1 = buffer[c]! * dim;
        for (let k = 0; k < dim; k++) work[k] = 0;
        for (let d = 0; d <= negative; d++) {
          let target: number;
          let label: number;
          if (d === 0) {
            target = centre;
            label = 1;
          } else {
            random ^= random << 13;
            random ^= random >>> 17;
            random ^= random << 5;
            target = table[(random >>> 0) & tableMask]!;
            if (target === centre) continue;
            label = 0;
          }
          const l2 = target * dim;
          // Dot product with four accumulators (breaks the add-latency chain; order is fixed).
          let f0 = 0;
          let f1 = 0;
          let f2 = 0;
          let f3 = 0;
          let k = 0;
          for (; k < dim4; k += 4) {
            f0 += syn0[l1 + k]! * syn1[l2 + k]!;
            f1 += syn0[l1 + k + 1]! * syn1[l2 + k + 1]!;
            f2 += syn0[l1 + k + 2]! * syn1[l2 + k + 2]!;
            f3 += syn0[l1 + k + 3]! * syn1[l2 + k + 3]!;
          }
          for (; k < dim; k++) f0 += syn0[l1 + k]! * syn1[l2 + k]!;
          const f = f0 + f1 + f2 + f3;
          let sigma: number;
          let logSigma: number;
          if (f >= maxExp) {
            sigma = 1;
            logSigma = -Math.log1p(Math.exp(-f));
          } else if (f <= -maxExp) {
            sigma = 0;
            logSigma = f - Math.log1p(Math.exp(f));
          } else {
            const cell = ((f + maxExp) * scale) | 0;
            sigma = sigmoidTable[cell]!;
            logSigma = logSigmoidTable[cell]!;
          }
          // −log σ(f) for the positive, −log σ(−f) = −(log σ(f) − f) for a negative.
          loss -= label === 1 ? logSigma : logSigma - f;
          const g = (label - sigma) * alpha;
          for (let j = 0; j < dim; j++) {
            const out = syn1[l2 + j]!;
            work[j] = work[j]! + g * out;
            syn1[l2 + j] = out + g * syn0[l1 + j]!;
          }
        }
        for (let k = 0; k < dim; k++) syn0[l1 + k] = syn0[l1 + k]! + work[k]!;
        pairs++;
      }
    }
  }
  state[0] = random >>> 0;
  state[1] = state[1]! + loss;
  state[2] = state[2]! + pairs;
  state[3] = state[3]! + centres;
}

/** σ and log σ at the midpoints of `cells` equal cells of (−6, 6), for {@link sgnsTrainSentences}. */
export function sigmoidTables(cells = 4096): { sigmoid: Float64Array; logSigmoid: Float64Array } {
  const sigmoid = new Float64Array(cells);
  const logSigmoid = new Float64Array(cells);
  for (let i = 0; i < cells; i++) {
    const x = -6 + ((i + 0.5) * 12) / cells;
    sigmoid[i] = 1 / (1 + Math.exp(-x));
    logSigmoid[i] = -Math.log1p(Math.exp(-x));
  }
  return { sigmoid, logSigmoid };
}
