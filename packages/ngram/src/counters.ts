/**
 * Streaming n-gram counters: text arrives in chunks of any size, memory grows with the distinct
 * n-grams, not with the text.
 */
import { splitWords } from '@chatgpt-explained/tokenizer';
import { checkOptions, optionalBoolean, requireInteger, requireString } from './check';
import { ChunkJoiner, safeCodePointCut, safeWordCut } from './chunks';
import { NgramError } from './errors';
import { foldCharacter } from './fold-case';
import { GramTable } from './gram-table';
import { NgramCounts, type NgramKind } from './ngram-counts';
import { WordIdScanner } from './word-ids';

/** Code units of text tokenized at a time (see `addText`). */
const PIECE = 4096;

/** The largest n a counter accepts. */
export const MAX_ORDER = 16;

/** A chunk of text: a string, or UTF-8 bytes (decoded in streaming mode, so a character may be split across chunks). */
export type TextChunk = string | Uint8Array;

/** Options of {@link WordNgramCounter} and {@link countWordNgrams}. */
export interface WordNgramOptions {
  /** Lower-case words, as the tokenizer's `splitWords` does by default. Default `true`. */
  readonly lowercase?: boolean;
}

/** Options of {@link CharacterNgramCounter} and {@link countCharacterNgrams}. */
export interface CharacterNgramOptions {
  /**
   * Fold case: every character is lower-cased on its own (see the README: "Σ" → "σ", "İ" → "i" +
   * U+0307, "ß" stays). Default `false`: case kept.
   */
  readonly ignoreCase?: boolean;
  /**
   * `true`: count only the words of the text (the tokenizer's `splitWords`), each preceded and
   * followed by one space, so the symbols are letters, inner apostrophes and the space that marks
   * word boundaries: "The cat, the hat!" is counted as " the cat the hat " (with `ignoreCase`). This
   * is what the essay's letter n-grams and random words use. Default `false`: every code point of
   * the text, spaces, punctuation and line ends included.
   */
  readonly words?: boolean;
}

/** Shared machinery: ids for tokens, the n-gram table, the last n − 1 ids across chunks. */
abstract class NgramCounterBase {
  /** The n of the n-grams counted. */
  readonly order: number;
  protected readonly ids = new Map<string, number>();
  protected readonly vocabulary: string[] = [];
  protected readonly table: GramTable;
  private readonly window: Uint32Array;
  private filled = 0;
  private readonly head: number[] = [];
  private tokens = 0;
  private ended = false;
  protected abstract readonly kind: NgramKind;
  protected abstract readonly joiner: ChunkJoiner;
  protected abstract readonly name: string;

  constructor(operation: string, n: unknown) {
    this.order = requireInteger(operation, 'n', n, 1, MAX_ORDER);
    this.table = new GramTable(this.order, 1024);
    this.window = new Uint32Array(this.order);
  }

  /** The tokens of a piece of text that ends at a safe cut. */
  protected abstract tokensOf(text: string): string[];

  /** Where a piece of text may end without cutting a token (see ChunkJoiner). */
  protected abstract readonly cut: (text: string) => number;

  /** Counts the n-grams of one chunk (strings or UTF-8 bytes); returns the counter. */
  add(chunk: TextChunk): this {
    this.checkOpen('add');
    this.addText(this.joiner.push(chunk));
    return this;
  }

  /**
   * Counts the tokens of `text` (which ends at a safe cut) a piece of about {@link PIECE} code units
   * at a time, so that the strings and arrays in flight stay small whatever the chunk size: few of
   * them live through a young-generation collection, and V8 keeps that generation small.
   */
  private addText(text: string): void {
    let from = 0;
    while (text.length - from > PIECE) {
      const piece = text.slice(from, from + PIECE);
      const at = this.cut(piece);
      if (at === 0) break; // one token longer than a piece: count the rest at once
      this.addPiece(at === piece.length ? piece : piece.slice(0, at));
      from += at;
    }
    if (from < text.length) this.addPiece(from === 0 ? text : text.slice(from));
  }

  /** Counts the tokens of one piece of text (which ends at a safe cut). */
  protected addPiece(text: string): void {
    this.addTokens(this.tokensOf(text));
  }

  /** The id of a token, given a new one if it has none yet. */
  protected intern(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.vocabulary.length;
      this.ids.set(token, id);
      this.vocabulary.push(token);
    }
    return id;
  }

  /** Counts what was held back and returns the counts; the counter takes no more chunks. */
  end(): NgramCounts {
    this.checkOpen('end');
    this.addText(this.joiner.flush());
    this.ended = true;
    return new NgramCounts({
      kind: this.kind,
      order: this.order,
      vocabulary: this.vocabulary,
      ids: this.ids,
      table: this.table,
      head: this.head,
      tokens: this.tokens,
      tokenize: (text) => this.tokenize(requireString(`${this.name}.tokenize`, 'text', text)),
    });
  }

  /** The tokens of a whole text, as this counter sees them. */
  protected tokenize(text: string): string[] {
    return this.tokensOf(text);
  }

  private checkOpen(method: string): void {
    if (this.ended) {
      throw new NgramError('COUNTER_ENDED', `${this.name}.${method}: the counter has ended; start a new one`, {
        argument: 'this',
      });
    }
  }

  private addTokens(tokens: readonly string[]): void {
    if (tokens.length === 0) return;
    const ids = new Uint32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) ids[i] = this.intern(tokens[i]!);
    this.addIds(ids, tokens.length);
  }

  /** Counts the n-grams ending at each of `ids[0, count)`, after the last n − 1 ids seen before. */
  protected addIds(ids: Uint32Array, count: number): void {
    if (count === 0) return;
    const n = this.order;
    const keep = n - 1;
    const { table, window, head } = this;
    const filled = this.filled;
    const seq = new Uint32Array(filled + count);
    seq.set(window.subarray(0, filled));
    seq.set(ids.subarray(0, count), filled);
    for (let i = 0; head.length < keep && i < count; i++) head.push(seq[filled + i]!);
    table.addWindows(seq, seq.length - n + 1);
    const kept = Math.min(keep, seq.length);
    window.set(seq.subarray(seq.length - kept));
    this.filled = kept;
    this.tokens += count;
  }
}

/**
 * Counts word n-grams of a text that arrives in chunks (words as the tokenizer's `splitWords`
 * finds them, lower-cased by default). A word cut across two chunks is counted once, whole: the
 * counts do not depend on where the chunks end. Memory grows with the distinct words and n-grams,
 * not with the text: ids for words, n-grams of ids in a typed-array hash table.
 *
 * @example
 * const counter = new WordNgramCounter(3);
 * for await (const chunk of createReadStream('book.txt')) counter.add(chunk);
 * const counts = counter.end();
 * counts.top(5); // the five most frequent 3-grams
 */
export class WordNgramCounter extends NgramCounterBase {
  /** Whether words are lower-cased. */
  readonly lowercase: boolean;
  protected readonly kind = 'word';
  protected readonly name = 'WordNgramCounter';
  protected readonly cut = safeWordCut;
  protected readonly joiner = new ChunkJoiner('WordNgramCounter.add', safeWordCut);

  /** A counter of n-grams of `n` words (1 ≤ n ≤ 16). */
  constructor(n: number, options?: WordNgramOptions) {
    super('WordNgramCounter', n);
    const record = checkOptions('WordNgramCounter', options, ['lowercase']);
    this.lowercase = optionalBoolean('WordNgramCounter', 'lowercase', record['lowercase']) ?? true;
  }

  private scanner: WordIdScanner | undefined;

  protected tokensOf(text: string): string[] {
    return splitWords(text, { lowercase: this.lowercase });
  }

  /** Words to ids without a string per word (the same words as `splitWords`; tests check it). */
  protected override addPiece(text: string): void {
    this.scanner ??= new WordIdScanner(this.lowercase, (word) => this.intern(word));
    const count = this.scanner.scan(text);
    this.addIds(this.scanner.ids, count);
  }
}

/**
 * Counts character n-grams (code points) of a text that arrives in chunks; see
 * {@link CharacterNgramOptions} for case folding and the words-only mode the essay's letter n-grams
 * use. The counts do not depend on where the chunks end (a surrogate pair or a word cut across two
 * chunks is counted whole).
 *
 * @example
 * const counts = new CharacterNgramCounter(2, { words: true, ignoreCase: true }).add('The cat').end();
 * counts.count(['c', 'a']); // 1
 * counts.count([' ', 't']); // 1 (a word starting with t)
 */
export class CharacterNgramCounter extends NgramCounterBase {
  /** Whether case is folded. */
  readonly ignoreCase: boolean;
  /** Whether only words (with a space around each) are counted. */
  readonly words: boolean;
  protected readonly kind = 'character';
  protected readonly name = 'CharacterNgramCounter';
  protected readonly joiner: ChunkJoiner;
  protected readonly cut: (text: string) => number;
  private started = false;

  /** A counter of n-grams of `n` characters (1 ≤ n ≤ 16). */
  constructor(n: number, options?: CharacterNgramOptions) {
    super('CharacterNgramCounter', n);
    const record = checkOptions('CharacterNgramCounter', options, ['ignoreCase', 'words']);
    this.ignoreCase = optionalBoolean('CharacterNgramCounter', 'ignoreCase', record['ignoreCase']) ?? false;
    this.words = optionalBoolean('CharacterNgramCounter', 'words', record['words']) ?? false;
    this.cut = this.words ? safeWordCut : safeCodePointCut;
    this.joiner = new ChunkJoiner('CharacterNgramCounter.add', this.cut);
  }

  protected tokensOf(text: string): string[] {
    return this.symbols(text, !this.started, (started) => (this.started = started));
  }

  protected override tokenize(text: string): string[] {
    return this.symbols(text, true, () => undefined);
  }

  private symbols(text: string, first: boolean, setStarted: (started: boolean) => void): string[] {
    const out: string[] = [];
    if (this.words) {
      const words = splitWords(text, { lowercase: this.ignoreCase });
      if (words.length === 0) return out;
      if (first) out.push(' ');
      setStarted(true);
      for (const word of words) {
        for (const character of word) out.push(character);
        out.push(' ');
      }
      return out;
    }
    if (this.ignoreCase) {
      for (const character of text) for (const folded of foldCharacter(character)) out.push(folded);
    } else {
      for (const character of text) out.push(character);
    }
    return out;
  }
}

/** Counts the word n-grams of a whole text: `new WordNgramCounter(n, options).add(text).end()`. */
export function countWordNgrams(text: string, n: number, options?: WordNgramOptions): NgramCounts {
  const counter = new WordNgramCounter(n, options);
  return counter.add(requireString('countWordNgrams', 'text', text)).end();
}

/** Counts the character n-grams of a whole text: `new CharacterNgramCounter(n, options).add(text).end()`. */
export function countCharacterNgrams(text: string, n: number, options?: CharacterNgramOptions): NgramCounts {
  const counter = new CharacterNgramCounter(n, options);
  return counter.add(requireString('countCharacterNgrams', 'text', text)).end();
}

/**
 * Counts the n-grams of a stream of chunks (strings or UTF-8 bytes): a Node `Readable`, a web
 * `ReadableStream` where it is async-iterable, or any (async) iterable. Memory is bounded by the
 * distinct n-grams, not by the size of the stream.
 *
 * @example
 * const counts = await countStream(createReadStream('corpus.txt'), new WordNgramCounter(3));
 */
export async function countStream(
  chunks: AsyncIterable<TextChunk> | Iterable<TextChunk>,
  counter: WordNgramCounter | CharacterNgramCounter,
): Promise<NgramCounts> {
  if (!(counter instanceof WordNgramCounter || counter instanceof CharacterNgramCounter)) {
    throw new NgramError(
      'INVALID_ARGUMENT',
      'countStream: counter must be a WordNgramCounter or CharacterNgramCounter',
      {
        argument: 'counter',
        value: counter,
        expected: 'WordNgramCounter | CharacterNgramCounter',
      },
    );
  }
  const iterable = chunks as Partial<AsyncIterable<TextChunk> & Iterable<TextChunk>> | null;
  if (
    typeof iterable !== 'object' ||
    iterable === null ||
    (typeof iterable[Symbol.asyncIterator] !== 'function' && typeof iterable[Symbol.iterator] !== 'function')
  ) {
    throw new NgramError('INVALID_ARGUMENT', 'countStream: chunks must be an async iterable or iterable of chunks', {
      argument: 'chunks',
      value: chunks,
      expected: 'AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>',
    });
  }
  for await (const chunk of chunks) counter.add(chunk);
  return counter.end();
}
