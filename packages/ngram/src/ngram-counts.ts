/**
 * What a counter gives back: n-gram counts of every order up to n, read back by token.
 */
import { compareByCodePoint } from '@chatgpt-explained/tokenizer';
import { describe, checkOptions, requireInteger, requireString, requireStringArray } from './check';
import { NgramError } from './errors';
import { GramTable, project } from './gram-table';
import { topByScore } from './top-k';

/** What the tokens of an n-gram are: words, or characters (code points). */
export type NgramKind = 'word' | 'character';

/** One n-gram and its count. */
export interface NgramCount {
  /** The tokens, in order. */
  readonly gram: readonly string[];
  /** How many times it occurs in the text. */
  readonly count: number;
}

/** One token that follows a context, with its count and conditional probability. */
export interface Successor {
  /** The next token. */
  readonly token: string;
  /** How many times the context was followed by it. */
  readonly count: number;
  /** P(token | context) = count ÷ (how many times the context was followed by any token). */
  readonly probability: number;
}

/** Counts of the (k)-grams of one order, grouped by their first k − 1 ids (their context). */
export interface ConditionalTable {
  /** The k-grams and their counts. */
  readonly table: GramTable;
  /** The (k − 1)-gram contexts; the count of each is the sum of its k-grams' counts. */
  readonly context: GramTable;
  /** By slot of `context`: how many distinct k-grams have that context. */
  readonly distinct: Float64Array;
}

/** Successor lists by context slot: `members[starts[c] … starts[c + 1] - 1]` are slots of `table`. */
interface SuccessorIndex {
  readonly starts: Uint32Array;
  readonly members: Uint32Array;
}

/** What the counter hands over: everything {@link NgramCounts} is built from. */
export interface NgramCountsInit {
  readonly kind: NgramKind;
  readonly order: number;
  readonly vocabulary: readonly string[];
  readonly ids: ReadonlyMap<string, number>;
  readonly table: GramTable;
  /** The ids of the first min(order − 1, tokens) tokens of the text. */
  readonly head: readonly number[];
  readonly tokens: number;
  readonly tokenize: (text: string) => string[];
}

/** Builds a table of the k-grams lying wholly inside `head` (the first tokens of the text). */
function addHeadGrams(table: GramTable, head: readonly number[], k: number): void {
  for (let i = 0; i + k <= head.length; i++) table.add(head, i);
}

/** Builds the conditional view of `table` (see {@link ConditionalTable}). */
export function conditionalOf(table: GramTable): ConditionalTable {
  const k = table.order;
  const context = new GramTable(k - 1, Math.min(table.size, 1 << 20));
  table.forEachSlot((slot, data, base) => {
    context.add(data, base, table.countAt(slot));
  });
  const distinct = new Float64Array(context.capacity);
  table.forEachSlot((_slot, data, base) => {
    distinct[context.find(data, base)]! += 1;
  });
  return { table, context, distinct };
}

/**
 * N-gram counts of one text, of every order 1 … `order`: what {@link WordNgramCounter} and
 * {@link CharacterNgramCounter} return from `end()`. The counts of order `order` are what was
 * counted; those of lower orders are derived from them (and the first tokens of the text) on first
 * use, and are exact: `count(['the'])` is how many times "the" occurs.
 *
 * Conditional probabilities are maximum-likelihood: P(w | h) = c(h w) ÷ Σ_v c(h v), where the sum
 * counts the occurrences of h that are followed by some token (an h at the very end of the text is
 * not). For smoothed probabilities use {@link AddKModel} or {@link KneserNeyModel}.
 */
export class NgramCounts {
  /** Words or characters. */
  readonly kind: NgramKind;
  /** The largest n counted. */
  readonly order: number;
  /** Every distinct token, by id, in order of first appearance. */
  readonly vocabulary: readonly string[];
  /** Number of tokens in the text. */
  readonly tokenCount: number;
  /** The tokens of a text as the counter saw them (same word definition, case handling, mode). */
  readonly tokenize: (text: string) => string[];
  private readonly ids: ReadonlyMap<string, number>;
  private readonly head: readonly number[];
  private readonly tables: (GramTable | undefined)[] = [];
  private readonly conditionals: (ConditionalTable | undefined)[] = [];
  private readonly continuations: (ConditionalTable | undefined)[] = [];
  private readonly successorIndexes: (SuccessorIndex | undefined)[] = [];

  /** @internal Made by the counters; not for direct use. */
  constructor(init: NgramCountsInit) {
    this.kind = init.kind;
    this.order = init.order;
    this.vocabulary = init.vocabulary;
    this.ids = init.ids;
    this.head = init.head;
    this.tokenCount = init.tokens;
    this.tokenize = init.tokenize;
    this.tables[init.order] = init.table;
  }

  /** The id of a token, or `undefined` if the text never had it. */
  idOf(token: string): number | undefined {
    return this.ids.get(token);
  }

  /** @internal The table of k-grams of ids, 1 ≤ k ≤ order (0: the empty gram, counted tokenCount times). */
  table(k: number): GramTable {
    let table = this.tables[k];
    if (table === undefined) {
      const top = this.tables[this.order]!;
      table = project(top, this.order - k, this.order, false);
      addHeadGrams(table, this.head, k);
      this.tables[k] = table;
    }
    return table;
  }

  /** @internal The k-gram table grouped by context (raw counts). */
  conditional(k: number): ConditionalTable {
    let c = this.conditionals[k];
    if (c === undefined) {
      c = conditionalOf(this.table(k));
      this.conditionals[k] = c;
    }
    return c;
  }

  /**
   * @internal Kneser–Ney continuation counts of order k < order, grouped by context: for each k-gram
   * x, N1+(• x) = how many distinct tokens precede it (distinct (k+1)-grams ending in x).
   */
  continuation(k: number): ConditionalTable {
    let c = this.continuations[k];
    if (c === undefined) {
      c = conditionalOf(project(this.table(k + 1), 1, k + 1, true));
      this.continuations[k] = c;
    }
    return c;
  }

  private checkOrder(operation: string, argument: string, n: unknown, min = 1): number {
    return requireInteger(operation, argument, n, min, this.order);
  }

  /** @internal Throws INVALID_ARGUMENT unless `context` is an array of at most order − 1 strings. */
  checkContext(operation: string, context: unknown, longest: number = this.order - 1): readonly string[] {
    const tokens = requireStringArray(operation, 'context', context);
    if (tokens.length > longest) {
      throw new NgramError(
        'INVALID_ARGUMENT',
        `${operation}: context has ${tokens.length} tokens; counts of order ${this.order} allow at most ${longest}`,
        { argument: 'context', value: context, expected: `at most ${longest} tokens` },
      );
    }
    return tokens;
  }

  /** The ids of `gram`, or `undefined` if a token of it was never seen. */
  private idsOf(gram: readonly string[]): number[] | undefined {
    const out: number[] = [];
    for (const token of gram) {
      const id = this.ids.get(token);
      if (id === undefined) return undefined;
      out.push(id);
    }
    return out;
  }

  /**
   * How many times `gram` (1 to `order` tokens) occurs in the text; 0 if never.
   *
   * @example
   * const counts = countWordNgrams('the cat sat on the mat', 2);
   * counts.count(['the']); // 2
   * counts.count(['the', 'cat']); // 1
   */
  count(gram: readonly string[]): number {
    requireStringArray('NgramCounts.count', 'gram', gram);
    this.checkOrder('NgramCounts.count', 'gram.length', gram.length);
    const ids = this.idsOf(gram);
    return ids === undefined ? 0 : this.table(gram.length).get(ids, 0);
  }

  /** How many distinct n-grams of order `n` (default `order`) the text has. */
  distinct(n: number = this.order): number {
    return this.table(this.checkOrder('NgramCounts.distinct', 'n', n)).size;
  }

  /** How many n-grams of order `n` (default `order`) the text has: max(0, tokenCount − n + 1). */
  total(n: number = this.order): number {
    return this.table(this.checkOrder('NgramCounts.total', 'n', n)).total;
  }

  /** Every n-gram of order `n` (default `order`) with its count, in no particular order. */
  *entries(n: number = this.order): Generator<NgramCount, void, undefined> {
    const table = this.table(this.checkOrder('NgramCounts.entries', 'n', n));
    const slots: number[] = [];
    table.forEachSlot((slot) => slots.push(slot));
    for (const slot of slots) yield { gram: this.tokensOf(table.keyAt(slot)), count: table.countAt(slot) };
  }

  /**
   * The `limit` most frequent n-grams of order `n` (default `order`), most frequent first; ties in
   * code-point order of their tokens. Does not sort the whole table.
   */
  top(limit: number, options?: { readonly n?: number }): NgramCount[] {
    const record = checkOptions('NgramCounts.top', options, ['n']);
    requireInteger('NgramCounts.top', 'limit', limit, 0, Number.MAX_SAFE_INTEGER);
    const n = this.checkOrder('NgramCounts.top', 'n', record['n'] ?? this.order);
    const table = this.table(n);
    const slots: number[] = [];
    table.forEachSlot((slot) => slots.push(slot));
    const compareKeys = (a: number, b: number): number => {
      for (let i = 0; i < n; i++) {
        const d = compareByCodePoint(this.vocabulary[table.idAt(a, i)]!, this.vocabulary[table.idAt(b, i)]!);
        if (d !== 0) return d;
      }
      return 0;
    };
    return topByScore(slots, (slot) => table.countAt(slot), limit, compareKeys).map((slot) => ({
      gram: this.tokensOf(table.keyAt(slot)),
      count: table.countAt(slot),
    }));
  }

  /**
   * The maximum-likelihood P(next | context): how often `context` (0 to order − 1 tokens) is
   * followed by `next`, divided by how often it is followed by anything. 0 when `next` never
   * follows it; `NaN` when the context is never followed by anything (it is not in the text, or only
   * at its very end).
   *
   * @example
   * const counts = countWordNgrams('the cat sat on the mat', 2);
   * counts.probability('cat', ['the']); // 0.5
   * counts.probability('the'); // 2 / 6
   */
  probability(next: string, context: readonly string[] = []): number {
    requireString('NgramCounts.probability', 'next', next);
    this.checkContext('NgramCounts.probability', context);
    const k = context.length + 1;
    const { table, context: contexts } = this.conditional(k);
    const ids = this.idsOf(context);
    const sum = ids === undefined ? 0 : contexts.get(ids, 0);
    if (sum === 0) return NaN;
    const nextId = this.ids.get(next);
    if (nextId === undefined) return 0;
    return table.get([...ids!, nextId], 0) / sum;
  }

  /**
   * The tokens that follow `context` (0 to order − 1 tokens) in the text, with counts and
   * maximum-likelihood probabilities, most frequent first (ties in code-point order). Empty when the
   * context is never followed by anything.
   */
  successors(context: readonly string[] = []): Successor[] {
    this.checkContext('NgramCounts.successors', context);
    const ids = this.idsOf(context);
    if (ids === undefined) return [];
    const found = this.successorSlots(ids);
    if (found === undefined) return [];
    const { table, sum, slots } = found;
    const k = table.order;
    const list = Array.from(slots, (slot) => ({
      token: this.vocabulary[table.idAt(slot, k - 1)]!,
      count: table.countAt(slot),
      probability: table.countAt(slot) / sum,
    }));
    list.sort((a, b) => b.count - a.count || compareByCodePoint(a.token, b.token));
    return list;
  }

  /**
   * @internal The slots of table(context.length + 1) whose keys start with `contextIds`, and the sum
   * of their counts; `undefined` when there are none.
   */
  successorSlots(contextIds: readonly number[]): { table: GramTable; sum: number; slots: Uint32Array } | undefined {
    const k = contextIds.length + 1;
    const conditional = this.conditional(k);
    const contextSlot = conditional.context.find(contextIds, 0);
    if (contextSlot < 0) return undefined;
    let index = this.successorIndexes[k];
    if (index === undefined) {
      index = buildSuccessorIndex(conditional);
      this.successorIndexes[k] = index;
    }
    return {
      table: conditional.table,
      sum: conditional.context.countAt(contextSlot),
      slots: index.members.subarray(index.starts[contextSlot]!, index.starts[contextSlot + 1]!),
    };
  }

  /** @internal The tokens of ids. */
  tokensOf(ids: readonly number[]): string[] {
    return ids.map((id) => this.vocabulary[id]!);
  }

  /** @internal The id of every token, `undefined` for unseen ones. */
  lookup(tokens: readonly string[]): (number | undefined)[] {
    return tokens.map((t) => this.ids.get(t));
  }

  /** A short description for messages. */
  toString(): string {
    return `NgramCounts(${this.kind}, order ${this.order}, ${this.tokenCount} tokens, ${this.vocabulary.length} types)`;
  }
}

function buildSuccessorIndex({ table, context, distinct }: ConditionalTable): SuccessorIndex {
  const capacity = context.capacity;
  const starts = new Uint32Array(capacity + 1);
  for (let c = 0; c < capacity; c++) starts[c + 1] = starts[c]! + distinct[c]!;
  const fill = starts.slice(0, capacity);
  const members = new Uint32Array(table.size);
  table.forEachSlot((slot, data, base) => {
    const c = context.find(data, base);
    members[fill[c]!++] = slot;
  });
  return { starts, members };
}

/** Throws EMPTY_COUNTS unless `counts` has at least one n-gram of order `n`. */
export function requireNonEmpty(operation: string, counts: NgramCounts, n: number): void {
  if (counts.table(n).size === 0) {
    throw new NgramError(
      'EMPTY_COUNTS',
      `${operation}: the counts have no ${n}-gram (${counts.tokenCount} tokens counted); count a longer text`,
      { argument: 'counts', value: String(counts), expected: `counts with at least one ${n}-gram` },
    );
  }
}

/** Throws INVALID_ARGUMENT unless `counts` is an {@link NgramCounts}. */
export function requireCounts(operation: string, counts: unknown): NgramCounts {
  if (counts instanceof NgramCounts) return counts;
  throw new NgramError(
    'INVALID_ARGUMENT',
    `${operation}: counts must be NgramCounts (from a counter's end()), got ${describe(counts)}`,
    { argument: 'counts', value: counts, expected: 'NgramCounts' },
  );
}
