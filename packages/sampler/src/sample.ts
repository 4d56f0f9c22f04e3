import { SamplerError } from './errors';
import type { Rng } from './rng';
import { OrderedIds, keepTopWithTies } from './select';
import { collectTopWithTies } from './top-k';
import {
  checkLogitsContainer,
  checkOptions,
  checkTemperature,
  describe,
  firstNonFinite,
  invalid,
  nonFiniteLogit,
  type Logits,
} from './validate';
import { withWorkspace, type Workspace } from './workspace';

/**
 * How to pick the next token. Every filter is off by default; they apply in Hugging Face
 * transformers' order: repetition penalty → temperature → top-k → top-p → min-p, then one draw.
 */
export interface SampleOptions {
  /**
   * Divides the logits (default 1). Below 1 sharpens, above 1 flattens. `0` is greedy: the token
   * with the largest logit (after the repetition penalty), the lowest id on ties, whatever the
   * other filters say (the greedy token survives all of them), and no draw from `rng`.
   */
  readonly temperature?: number | undefined;
  /**
   * Keep only the `topK` largest logits (an integer ≥ 1; default: all). Tokens tied with the k-th
   * largest logit are all kept, as in Hugging Face's `TopKLogitsWarper`, so more than `topK` may
   * survive when there are ties at the boundary.
   */
  readonly topK?: number | undefined;
  /**
   * Nucleus sampling (in (0, 1]; default 1, off): of the tokens left, in descending probability
   * (equal logits: lower id first), keep the shortest prefix whose cumulative probability reaches
   * `topP`; always at least one token.
   */
  readonly topP?: number | undefined;
  /**
   * Keep only tokens whose probability is at least `minP` times the largest probability, over the
   * tokens left by the filters before it (in [0, 1]; default 0, off).
   */
  readonly minP?: number | undefined;
  /**
   * CTRL's repetition penalty, as in Hugging Face's `RepetitionPenaltyLogitsProcessor` (a finite
   * number > 0; default 1, off): the logit of every distinct id in `previous` is divided by it when
   * ≥ 0 and multiplied by it when < 0, so a penalty above 1 makes repeats less likely and one below
   * 1 more likely. An id that occurs several times in `previous` is penalised once.
   */
  readonly repetitionPenalty?: number | undefined;
  /** Token ids generated so far, for `repetitionPenalty`: integers in [0, logits.length). */
  readonly previous?: ArrayLike<number> | undefined;
  /**
   * The source of randomness, owned by the caller: a function returning numbers in [0, 1), such as
   * {@link createRng}`(seed)`. One call per sample. Required unless `temperature` is 0.
   */
  readonly rng?: Rng | undefined;
}

/** The tokens a sample can return and their probabilities, in the order the draw walks them. */
export interface SamplingDistribution {
  /** Token ids with a nonzero probability, in descending probability (equal logits: lower id first). */
  readonly indices: number[];
  /** Their probabilities, renormalised over the kept tokens: they sum to 1 (to rounding). */
  readonly probabilities: number[];
}

const OPTION_NAMES = ['temperature', 'topK', 'topP', 'minP', 'repetitionPenalty', 'previous', 'rng'] as const;

interface Settings {
  readonly temperature: number;
  readonly topK: number | undefined;
  readonly topP: number;
  readonly minP: number;
  readonly repetitionPenalty: number;
  readonly previous: ArrayLike<number> | undefined;
  readonly rng: Rng | undefined;
}

function readSettings(operation: string, options: unknown, needRng: boolean): Settings {
  const o = checkOptions(operation, options, OPTION_NAMES);
  const temperature = checkTemperature(operation, o.temperature);
  const { topK, topP = 1, minP = 0, repetitionPenalty = 1, previous, rng } = o;
  if (topK !== undefined && (typeof topK !== 'number' || !Number.isInteger(topK) || topK < 1))
    invalid(operation, 'topK', topK, 'an integer ≥ 1');
  if (typeof topP !== 'number' || !(topP > 0 && topP <= 1)) invalid(operation, 'topP', topP, 'a number in (0, 1]');
  if (typeof minP !== 'number' || !(minP >= 0 && minP <= 1)) invalid(operation, 'minP', minP, 'a number in [0, 1]');
  if (typeof repetitionPenalty !== 'number' || !Number.isFinite(repetitionPenalty) || repetitionPenalty <= 0)
    invalid(operation, 'repetitionPenalty', repetitionPenalty, 'a finite number > 0 (1 is off)');
  if (
    previous !== undefined &&
    !(Array.isArray(previous) || (ArrayBuffer.isView(previous) && !(previous instanceof DataView)))
  )
    invalid(operation, 'previous', previous, 'an array of token ids');
  // Required where it will be called; checked wherever it is given.
  if ((needRng && temperature > 0) || rng !== undefined) {
    if (typeof rng !== 'function')
      invalid(operation, 'rng', rng, 'a function returning numbers in [0, 1), such as createRng(seed)');
  }
  return {
    temperature,
    topK: topK as number | undefined,
    topP,
    minP,
    repetitionPenalty,
    previous: previous as ArrayLike<number> | undefined,
    rng: rng as Rng | undefined,
  };
}

/**
 * The penalised logit of every distinct id in `previous` (none when the penalty is 1), after checking
 * that every id is a token of the vocabulary.
 */
function penalties(operation: string, logits: Logits, s: Settings): Map<number, number> | undefined {
  const { previous, repetitionPenalty: penalty } = s;
  if (previous === undefined) return undefined;
  const n = logits.length;
  for (let i = 0; i < previous.length; i++) {
    const id = previous[i];
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= n) {
      throw new SamplerError(
        'INVALID_ARGUMENT',
        `${operation}: previous[${i}] must be a token id in [0, ${n - 1}], got ${describe(id)}`,
        { argument: `previous[${i}]`, value: id, expected: `an integer in [0, ${n - 1}]` },
      );
    }
  }
  if (penalty === 1 || previous.length === 0) return undefined;
  const map = new Map<number, number>();
  for (let i = 0; i < previous.length; i++) {
    const id = previous[i]!;
    if (map.has(id)) continue;
    const x = logits[id]!;
    if (x - x !== 0) throw nonFiniteLogit(operation, id, x);
    const y = x < 0 ? x * penalty : x / penalty;
    if (!Number.isFinite(y)) {
      throw new SamplerError(
        'INVALID_LOGITS',
        `${operation}: repetitionPenalty ${penalty} turns the logit ${x} of token ${id} into ${y}`,
        { argument: 'repetitionPenalty', value: penalty, expected: 'a penalty that keeps every logit finite' },
      );
    }
    map.set(id, y);
  }
  return map;
}

/** What the filters leave: the first `kept` tokens of `ordered`, with total weight `mass`. */
interface Prepared {
  readonly ordered: OrderedIds;
  /** Weights by id; meaningless when `greedy`. */
  readonly weights: Float64Array;
  readonly kept: number;
  readonly mass: number;
  readonly greedy: boolean;
}

/**
 * Applies the filters. Never touches `logits`; works in `ws`. Top-k (and greedy, which is top-1)
 * needs one pass over the logits and then only the candidates; without top-k, every token is a
 * candidate and only as much of them is sorted as top-p, min-p and the draw walk through.
 */
function prepare(operation: string, logits: Logits, s: Settings, ws: Workspace): Prepared {
  const n = logits.length;
  const penalty = penalties(operation, logits, s);
  const greedy = s.temperature === 0;
  const k = greedy ? 1 : s.topK;
  ws.reserve(n, 0);
  const values = ws.values;
  let count: number;
  let max = -Infinity;
  if (k !== undefined && k < n) {
    // Tokens outside the top k + m raw logits (m penalised ids) cannot be in the top k after the
    // penalty: at least k unpenalised tokens would still be above them.
    const extra = penalty === undefined ? 0 : penalty.size;
    count = collectTopWithTies(operation, logits, Math.min(n, k + extra), ws);
    if (penalty !== undefined) {
      const missing = new Map(penalty);
      const { ids, vals } = ws;
      for (let i = 0; i < count; i++) {
        const y = missing.get(ids[i]!);
        if (y !== undefined) {
          vals[i] = y;
          missing.delete(ids[i]!);
        }
      }
      ws.growPositions(count + missing.size, count);
      for (const [id, y] of missing) {
        ws.ids[count] = id;
        ws.vals[count] = y;
        count++;
      }
      count = keepTopWithTies(ws.ids, ws.vals, count, k, ws.tmp);
    }
    const { ids, vals } = ws;
    for (let i = 0; i < count; i++) {
      const v = vals[i]!;
      values[ids[i]!] = v;
      if (v > max) max = v;
    }
  } else {
    ws.growPositions(n, 0);
    const ids = ws.ids;
    let poison = 0; // NaN once a logit is NaN or ±Infinity
    for (let i = 0; i < n; i++) {
      const v = logits[i]!;
      poison += v * 0;
      values[i] = v;
      ids[i] = i;
    }
    if (poison !== 0) throw firstNonFinite(operation, logits);
    if (penalty !== undefined) for (const [id, y] of penalty) values[id] = y;
    for (let i = 0; i < n; i++) if (values[i]! > max) max = values[i]!;
    count = n;
  }
  const ordered = new OrderedIds(ws.ids, count, values);
  const weights = ws.weights;
  if (greedy) return { ordered, weights, kept: 1, mass: 1, greedy };

  // Temperature, as weights exp((v − max) / T): the largest is exactly 1, so the sum is ≥ 1, and a
  // tiny T sends the others to 0 rather than to NaN ((v − max) is finite and ≤ 0).
  const t = s.temperature;
  const ids = ws.ids;
  let mass = 0;
  for (let i = 0; i < count; i++) {
    const id = ids[i]!;
    const w = Math.exp((values[id]! - max) / t);
    weights[id] = w;
    mass += w;
  }
  let kept = count;
  if (s.topP < 1) {
    const reach = s.topP * mass;
    let cum = 0;
    let j = 0;
    while (j < count) {
      ordered.ensure(j + 1);
      cum += weights[ids[j]!]!;
      j++;
      if (cum >= reach) break;
    }
    kept = j;
    mass = cum;
  }
  if (s.minP > 0) {
    // p ≥ minP · p_max  ⇔  w ≥ minP, since the largest weight is 1 and the normaliser cancels.
    let cum = 0;
    let j = 0;
    while (j < kept) {
      ordered.ensure(j + 1);
      const w = weights[ids[j]!]!;
      if (w < s.minP) break;
      cum += w;
      j++;
    }
    kept = j;
    mass = cum;
  }
  return { ordered, weights, kept, mass, greedy };
}

/**
 * Picks the next token from logits: applies the filters of `options` in Hugging Face's order
 * (repetition penalty → temperature → top-k → top-p → min-p) and draws one token by inverse CDF
 * with one call of `options.rng`. Returns the token id.
 *
 * The draw walks the kept tokens in descending probability (equal logits: lower id first) and
 * returns the first whose cumulative weight exceeds `u × total` (u = `rng()`), so u near 0 gives
 * the most likely token. The arithmetic is plain float64 in a fixed order: the same seed gives the
 * same ids on every run and machine (`Math.exp` may differ in its last bit between JavaScript
 * engines, which could move a draw that lands within ~1e-16 of a boundary).
 *
 * Cost on a 50,257-long vector with top-k: one pass over the logits, then work on the k
 * candidates only; nothing of vocabulary size is allocated per call (scratch arrays are reused).
 *
 * @example
 * const rng = createRng(42);
 * sample([1, 2, 3], { rng }); // 2 (p = 0.665), 1 (0.245) or 0 (0.090)
 * sample([1, 2, 3], { temperature: 0 }); // 2: greedy, no rng needed
 * sample(logits, { temperature: 0.8, topK: 50, topP: 0.95, rng });
 * @throws SamplerError `INVALID_LOGITS` for empty logits or NaN/±Infinity in them;
 *   `INVALID_ARGUMENT` naming the option for a bad or unknown option (negative temperature, topP
 *   outside (0, 1], topK not an integer ≥ 1, minP outside [0, 1], an id in `previous` outside the
 *   vocabulary, no `rng` when temperature > 0); `INVALID_RNG_OUTPUT` when `rng()` returns anything
 *   but a number in [0, 1).
 */
export function sample(logits: Logits, options: SampleOptions): number {
  checkLogitsContainer('sample', logits);
  const s = readSettings('sample', options, true);
  return withWorkspace((ws) => {
    const p = prepare('sample', logits, s, ws);
    const { ordered, weights, kept, mass } = p;
    const ids = ordered.ids;
    if (p.greedy) {
      ordered.ensure(1);
      return ids[0]!;
    }
    const u = s.rng!();
    if (typeof u !== 'number' || !(u >= 0 && u < 1)) {
      throw new SamplerError('INVALID_RNG_OUTPUT', `sample: rng() must return a number in [0, 1), got ${describe(u)}`, {
        argument: 'rng',
        value: u,
        expected: 'a number in [0, 1)',
      });
    }
    const target = u * mass;
    let cum = 0;
    let last = -1;
    for (let j = 0; j < kept; j++) {
      ordered.ensure(j + 1);
      const id = ids[j]!;
      const w = weights[id]!;
      if (w > 0) {
        cum += w;
        last = id;
        if (cum > target) return id;
      }
    }
    // Only by rounding (u × mass at the very top): the last token with a nonzero weight.
    return last;
  });
}

/**
 * The distribution {@link sample} draws from: the tokens its filters keep, with their
 * renormalised probabilities, in the order the draw walks them. Takes the same options (`rng` is
 * not needed and not called). With `temperature: 0`, the greedy token with probability 1.
 *
 * @example
 * samplingDistribution([1, 2, 3], { topP: 0.7 });
 * // { indices: [2, 1], probabilities: [0.731…, 0.268…] }  (0.665 < 0.7 ≤ 0.665 + 0.245)
 * @throws SamplerError as {@link sample}.
 */
export function samplingDistribution(logits: Logits, options?: SampleOptions): SamplingDistribution {
  checkLogitsContainer('samplingDistribution', logits);
  const s = readSettings('samplingDistribution', options, false);
  return withWorkspace((ws) => {
    const { ordered, weights, kept, mass, greedy } = prepare('samplingDistribution', logits, s, ws);
    ordered.ensure(kept);
    if (greedy) return { indices: [ordered.ids[0]!], probabilities: [1] };
    const indices: number[] = [];
    const probabilities: number[] = [];
    for (let j = 0; j < kept; j++) {
      const id = ordered.ids[j]!;
      const w = weights[id]!;
      if (w > 0) {
        indices.push(id);
        probabilities.push(w / mass);
      }
    }
    return { indices, probabilities };
  });
}
