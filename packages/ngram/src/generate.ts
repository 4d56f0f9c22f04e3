/**
 * Seeded generation from n-gram counts through the sampler (essay 2.2, 2.4, 2.5).
 */
import { sample, type Rng } from '@chatgpt-explained/sampler';
import { rngOf } from './rng-option';
import { checkOptions, requireInteger, requireNumber, requireStringArray } from './check';
import { NgramError } from './errors';
import { requireCounts, type NgramCounts } from './ngram-counts';

/** Options of {@link generate}. */
export interface GenerateOptions {
  /** How many tokens to generate (an integer ≥ 0). */
  readonly length: number;
  /**
   * Which n-gram order to draw from, 0 … counts.order (default counts.order). 0: every token of the
   * vocabulary equally likely; 1: tokens by frequency; n ≥ 2: P(next | the n − 1 tokens before).
   */
  readonly order?: number;
  /** Tokens the generated ones follow (not part of the result): "cat" for the essay's 2-gram sentences. */
  readonly start?: readonly string[];
  /** Seed of the sampler's RNG (`createRng(seed)`): an integer or a string. Default 0. Not with `rng`. */
  readonly seed?: number | string;
  /** A source of randomness the caller owns, such as `createRng(seed)`. Not with `seed`. */
  readonly rng?: Rng;
  /** Temperature of the sampler (default 1: the counted probabilities; 0: always the most frequent). */
  readonly temperature?: number;
  /** The sampler's top-k (default off). */
  readonly topK?: number;
  /** The sampler's top-p (default off). */
  readonly topP?: number;
  /** The sampler's min-p (default off). */
  readonly minP?: number;
}

const OPTIONS = ['length', 'order', 'start', 'seed', 'rng', 'temperature', 'topK', 'topP', 'minP'] as const;

interface Plan {
  readonly length: number;
  readonly order: number;
  readonly start: number[];
  readonly rng: Rng;
  readonly sampler: { temperature?: number; topK?: number; topP?: number; minP?: number };
}

function plan(operation: string, counts: NgramCounts, options: unknown): Plan {
  const o = checkOptions(operation, options, OPTIONS);
  const length = requireInteger(operation, 'length', o['length'], 0, Number.MAX_SAFE_INTEGER);
  const order = requireInteger(operation, 'order', o['order'] ?? counts.order, 0, counts.order);
  const rng = rngOf(operation, o);
  const sampler: Plan['sampler'] = {};
  if (o['temperature'] !== undefined)
    sampler.temperature = requireNumber(operation, 'temperature', o['temperature'], { min: 0 });
  if (o['topK'] !== undefined) sampler.topK = requireInteger(operation, 'topK', o['topK'], 1, Number.MAX_SAFE_INTEGER);
  if (o['topP'] !== undefined)
    sampler.topP = requireNumber(operation, 'topP', o['topP'], { min: 0, minOpen: true, max: 1 });
  if (o['minP'] !== undefined) sampler.minP = requireNumber(operation, 'minP', o['minP'], { min: 0, max: 1 });
  const startTokens = requireStringArray(operation, 'start', o['start'] ?? []);
  const start: number[] = [];
  for (const token of startTokens) {
    const id = counts.idOf(token);
    if (id === undefined) {
      throw new NgramError(
        'UNKNOWN_CONTEXT',
        `${operation}: start token ${JSON.stringify(token)} is not in the counts`,
        {
          argument: 'start',
          value: startTokens,
          expected: 'tokens the counted text has',
        },
      );
    }
    start.push(id);
  }
  if (order >= 2 && start.length > 0) {
    const k = Math.min(order, start.length + 1);
    if (counts.successorSlots(start.slice(start.length - (k - 1))) === undefined) {
      throw new NgramError(
        'UNKNOWN_CONTEXT',
        `${operation}: the counts never have ${JSON.stringify(startTokens.slice(-(k - 1)))} followed by a token`,
        { argument: 'start', value: startTokens, expected: 'a context the counted text continues' },
      );
    }
  }
  return { length, order, start, rng, sampler };
}

/**
 * Draws the next id after `history` from the order-`order` counts, backing off to shorter contexts
 * when the context was never followed by anything (the last tokens of the text).
 */
function nextId(counts: NgramCounts, history: number[], order: number, p: Plan, logits: Float64Array): number {
  if (order === 0) {
    const uniform = logits.length >= counts.vocabulary.length ? logits : new Float64Array(counts.vocabulary.length);
    uniform.fill(0, 0, counts.vocabulary.length);
    return sample(uniform.subarray(0, counts.vocabulary.length), { ...p.sampler, rng: p.rng });
  }
  for (let k = Math.min(order, history.length + 1); k >= 1; k--) {
    const found = counts.successorSlots(history.slice(history.length - (k - 1)));
    if (found === undefined) continue;
    const { table, slots } = found;
    const weights = new Float64Array(slots.length);
    for (let i = 0; i < slots.length; i++) weights[i] = Math.log(table.countAt(slots[i]!));
    const chosen = sample(weights, { ...p.sampler, rng: p.rng });
    return table.idAt(slots[chosen]!, k - 1);
  }
  throw new NgramError('EMPTY_COUNTS', `generate: the counts have no tokens (${String(counts)})`, {
    argument: 'counts',
    value: String(counts),
    expected: 'counts of a text with at least one token',
  });
}

/**
 * Generates `length` tokens from n-gram counts: each drawn by the sampler (`sample` from
 * `@chatgpt-explained/sampler`, logits = log counts, so temperature 1 gives the counted
 * probabilities) from P(next | the `order` − 1 tokens before it), the context taken from `start` and
 * the tokens generated so far. At the beginning, and where a context was never followed by any
 * token, the longest shorter context that was is used. The same seed gives the same tokens.
 *
 * @example
 * const bigrams = countWordNgrams(corpus, 2);
 * generate(bigrams, { length: 10, start: ['cat'], seed: 1 }); // ['and', 'the', …]
 * generate(bigrams, { length: 10, order: 1, seed: 1 }); // words by frequency alone
 */
export function generate(counts: NgramCounts, options: GenerateOptions): string[] {
  requireCounts('generate', counts);
  const p = plan('generate', counts, options);
  if (counts.tokenCount === 0 && p.length > 0) nextId(counts, [], 1, p, new Float64Array(0));
  const history = [...p.start];
  const logits = new Float64Array(p.order === 0 ? counts.vocabulary.length : 0);
  const out: string[] = [];
  const keep = Math.max(p.order - 1, 0);
  for (let i = 0; i < p.length; i++) {
    const id = nextId(counts, history, p.order, p, logits);
    out.push(counts.vocabulary[id]!);
    history.push(id);
    if (history.length > keep) history.splice(0, history.length - keep);
  }
  return out;
}

/** Options of {@link randomWords}. */
export type RandomWordsOptions = Omit<GenerateOptions, 'length' | 'start'> & {
  /** How many words to generate (an integer ≥ 0). */
  readonly words: number;
};

/**
 * Random "words" from letter n-grams (essay 2.4): `counts` must be character counts made with
 * `{ words: true }` (letters, with a space before and after every word), and symbols are drawn from
 * P(next | previous order − 1 symbols), starting after a space, until `words` spaces end as many
 * words. `order` 0 draws every symbol (letters and the space) uniformly, 1 by frequency; words grow
 * more English-like as it grows.
 *
 * @example
 * const letters = new CharacterNgramCounter(5, { words: true, ignoreCase: true }).add(corpus).end();
 * for (let n = 0; n <= 5; n++) randomWords(letters, { words: 8, order: n, seed: 1 }).join(' ');
 */
export function randomWords(counts: NgramCounts, options: RandomWordsOptions): string[] {
  requireCounts('randomWords', counts);
  const record = checkOptions('randomWords', options, [
    ...OPTIONS.filter((o) => o !== 'length' && o !== 'start'),
    'words',
  ]);
  const wanted = requireInteger('randomWords', 'words', record['words'], 0, Number.MAX_SAFE_INTEGER);
  if (counts.kind !== 'character' || counts.idOf(' ') === undefined) {
    throw new NgramError(
      'INVALID_ARGUMENT',
      'randomWords: counts must be character counts with spaces between words (CharacterNgramCounter with { words: true })',
      { argument: 'counts', value: String(counts), expected: 'character counts made with { words: true }' },
    );
  }
  const { words: _words, ...rest } = record;
  const p = plan('randomWords', counts, { ...rest, length: 0, start: [' '] });
  const history = [...p.start];
  const keep = Math.max(p.order - 1, 0);
  const logits = new Float64Array(p.order === 0 ? counts.vocabulary.length : 0);
  const out: string[] = [];
  let word = '';
  // A generous bound, so counts whose letters never reach a space cannot loop forever.
  const limit = 1000 * (wanted + 1);
  for (let steps = 0; out.length < wanted; steps++) {
    if (steps > limit) {
      throw new NgramError('EMPTY_COUNTS', `randomWords: ${limit} symbols drawn without ending ${wanted} words`, {
        argument: 'counts',
        value: String(counts),
        expected: 'counts in which words end',
      });
    }
    const id = nextId(counts, history, p.order, p, logits);
    const symbol = counts.vocabulary[id]!;
    if (symbol === ' ') {
      if (word.length > 0) out.push(word);
      word = '';
    } else word += symbol;
    history.push(id);
    if (history.length > keep) history.splice(0, history.length - keep);
  }
  return out;
}
