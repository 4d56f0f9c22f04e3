/**
 * Smoothed n-gram language models over {@link NgramCounts}: add-k (Lidstone) and interpolated
 * Kneser–Ney. Both give every token of the vocabulary, and an unknown token, a probability > 0, and
 * the probabilities over the vocabulary sum to 1 for every context.
 */
import { checkOptions, requireNumber, requireString } from './check';
import { NgramError } from './errors';
import { requireCounts, type NgramCounts } from './ngram-counts';

/** The token that stands for every token the training text did not have. */
export const UNKNOWN_TOKEN = '<unk>';

/** What {@link perplexity} needs of a model: its context length, how it tokenizes, P(next | context). */
export interface PerplexityModel {
  /** The n of the model: it looks at up to n − 1 tokens of context. */
  readonly order: number;
  /** The ids of the tokens of a text, an unknown token getting the unknown id. */
  encode(text: string): number[];
  /**
   * P(ids[end] would be `next` | the context `ids[start … end − 1]`); the model uses the last
   * order − 1 of them at most.
   */
  probabilityOfIds(next: number, ids: ArrayLike<number>, start: number, end: number): number;
}

/** A smoothed n-gram model: {@link AddKModel} or {@link KneserNeyModel}. */
export interface LanguageModel extends PerplexityModel {
  /** The tokens the model predicts, by id: the training tokens, then {@link UNKNOWN_TOKEN} (the last id). */
  readonly vocabulary: readonly string[];
  /** The id of {@link UNKNOWN_TOKEN}: `vocabulary.length − 1`. */
  readonly unknownId: number;
  /** P(next | context): `context` is tokens (the last order − 1 are used); unseen tokens are {@link UNKNOWN_TOKEN}. */
  probability(next: string, context?: readonly string[]): number;
  /** P(token | context) for every token of `vocabulary`, by id: sums to 1. */
  distribution(context?: readonly string[]): Float64Array;
}

/** Shared parts: vocabulary with the unknown token, encoding, the string API over the id API. */
abstract class NgramModel implements LanguageModel {
  readonly order: number;
  readonly vocabulary: readonly string[];
  readonly unknownId: number;
  protected readonly counts: NgramCounts;
  /** Scratch key: context ids then the next id. */
  protected readonly key: number[];

  constructor(operation: string, counts: unknown) {
    this.counts = requireCounts(operation, counts);
    this.order = this.counts.order;
    this.vocabulary = [...this.counts.vocabulary, UNKNOWN_TOKEN];
    this.unknownId = this.counts.vocabulary.length;
    this.key = new Array<number>(this.order).fill(0);
  }

  encode(text: string): number[] {
    return this.counts.tokenize(requireString('encode', 'text', text)).map((t) => this.idOf(t));
  }

  /** The id of a token; {@link unknownId} for one the training text did not have. */
  idOf(token: string): number {
    return this.counts.idOf(token) ?? this.unknownId;
  }

  abstract probabilityOfIds(next: number, ids: ArrayLike<number>, start: number, end: number): number;

  probability(next: string, context: readonly string[] = []): number {
    requireString('probability', 'next', next);
    const ids = this.contextIds('probability', context);
    return this.probabilityOfIds(this.idOf(next), ids, 0, ids.length);
  }

  distribution(context: readonly string[] = []): Float64Array {
    const ids = this.contextIds('distribution', context);
    const out = new Float64Array(this.vocabulary.length);
    for (let id = 0; id < out.length; id++) out[id] = this.probabilityOfIds(id, ids, 0, ids.length);
    return out;
  }

  private contextIds(operation: string, context: readonly string[]): number[] {
    return this.counts.checkContext(operation, context, Infinity).map((t) => this.idOf(t));
  }

  /**
   * Fills `key[0 … k − 2]` with the last k − 1 ids of the context and `key[k − 1]` with `next`.
   * Contexts holding the unknown id are simply never found in the tables.
   */
  protected fillKey(next: number, ids: ArrayLike<number>, end: number, k: number): void {
    const key = this.key;
    for (let i = 0; i < k - 1; i++) key[i] = ids[end - (k - 1) + i]!;
    key[k - 1] = next;
  }
}

/** Options of {@link AddKModel}. */
export interface AddKOptions {
  /** The pseudo-count added to every n-gram: a finite number > 0. Default 1 (Laplace). */
  readonly k?: number;
}

/**
 * Add-k (Lidstone) smoothing: P(w | h) = (c(h w) + k) ÷ (c(h •) + k·|V|), where h is the last
 * n − 1 tokens of the context (fewer at the start of a text: then the counts of that shorter
 * order), c(h •) = Σ_v c(h v), and V is the vocabulary with {@link UNKNOWN_TOKEN}. A context never
 * seen gives the uniform 1/|V|.
 *
 * @example
 * const model = new AddKModel(countWordNgrams('the cat sat on the mat', 2), { k: 1 });
 * model.probability('cat', ['the']); // (1 + 1) / (2 + 1·6) = 0.25
 */
export class AddKModel extends NgramModel {
  /** The pseudo-count. */
  readonly k: number;

  constructor(counts: NgramCounts, options?: AddKOptions) {
    super('AddKModel', counts);
    const record = checkOptions('AddKModel', options, ['k']);
    this.k = requireNumber('AddKModel', 'k', record['k'] ?? 1, { min: 0, minOpen: true });
  }

  probabilityOfIds(next: number, ids: ArrayLike<number>, start: number, end: number): number {
    const m = Math.min(this.order, end - start + 1);
    this.fillKey(next, ids, end, m);
    const { table, context } = this.counts.conditional(m);
    const sum = context.get(this.key, 0);
    const count = sum === 0 ? 0 : table.get(this.key, 0);
    return (count + this.k) / (sum + this.k * this.vocabulary.length);
  }
}

/** Options of {@link KneserNeyModel}. */
export interface KneserNeyOptions {
  /** The absolute discount D subtracted from every count, in (0, 1]. Default 0.75. */
  readonly discount?: number;
}

/**
 * Interpolated Kneser–Ney smoothing with one absolute discount D (Chen & Goodman 1998, eq. 17; not
 * their "modified" variant with three discounts). With h the last m − 1 tokens of the context,
 * m = min(n, tokens of context + 1):
 *
 *   P_m(w | h) = max(c(h w) − D, 0) ÷ c(h •) + D·N1+(h •) ÷ c(h •) · P_{m−1}(w | h′)
 *
 * where h′ is h without its first token, c(h •) = Σ_v c(h v) and N1+(h •) the number of distinct v
 * with c(h v) > 0. The highest order m uses the raw counts; every lower order k < m uses
 * continuation counts instead of c: N1+(• x) = the number of distinct tokens that precede the k-gram
 * x. The recursion ends in the uniform P_0(w) = 1/|V| over the vocabulary with {@link UNKNOWN_TOKEN},
 * which is how unknown tokens get their probability. A context with c(h •) = 0 (never seen, or
 * holding an unknown token) passes P_{m−1} through unchanged. For D ≤ 1 every count in the sums is ≥ D,
 * so each level sums to 1 over the vocabulary.
 *
 * @example
 * const model = new KneserNeyModel(countWordNgrams(corpus, 3));
 * model.probability('sat', ['the', 'cat']);
 */
export class KneserNeyModel extends NgramModel {
  /** The discount D. */
  readonly discount: number;

  constructor(counts: NgramCounts, options?: KneserNeyOptions) {
    super('KneserNeyModel', counts);
    const record = checkOptions('KneserNeyModel', options, ['discount']);
    this.discount = requireNumber('KneserNeyModel', 'discount', record['discount'] ?? 0.75, {
      min: 0,
      minOpen: true,
      max: 1,
    });
  }

  probabilityOfIds(next: number, ids: ArrayLike<number>, start: number, end: number): number {
    const m = Math.min(this.order, end - start + 1);
    const D = this.discount;
    let p = 1 / this.vocabulary.length;
    for (let k = 1; k <= m; k++) {
      this.fillKey(next, ids, end, k);
      const { table, context, distinct } = k === m ? this.counts.conditional(k) : this.counts.continuation(k);
      const slot = context.find(this.key, 0);
      if (slot < 0) continue;
      const sum = context.countAt(slot);
      const count = table.get(this.key, 0);
      p = Math.max(count - D, 0) / sum + ((D * distinct[slot]!) / sum) * p;
    }
    return p;
  }
}

/** Throws INVALID_ARGUMENT unless `model` has the methods {@link perplexity} calls. */
export function requireModel(operation: string, model: unknown): PerplexityModel {
  const m = model as Partial<PerplexityModel> | null;
  if (
    typeof m === 'object' &&
    m !== null &&
    typeof m.encode === 'function' &&
    typeof m.probabilityOfIds === 'function' &&
    typeof m.order === 'number'
  )
    return m as PerplexityModel;
  throw new NgramError('INVALID_ARGUMENT', `${operation}: model must have order, encode and probabilityOfIds`, {
    argument: 'model',
    value: model,
    expected: 'a LanguageModel such as KneserNeyModel or AddKModel',
  });
}
