import { checkOptions, describe, optionalBoolean, requireString } from './check-options';
import { SymbolTokenizer } from './symbol-tokenizer';
import { TokenizerError } from './errors';
import { compareByCodePoint, SymbolVocabulary, unknownTokenOption, type SymbolKind } from './symbol-vocabulary';
import { iterateWords, splitWords, WORD_PATTERN } from './words';

/** Options of {@link WordTokenizer}. */
export interface WordTokenizerOptions {
  /**
   * Lower-case words before looking them up, as `splitWords` does by default. Default `true`; then
   * every word of the vocabulary must be lower-case.
   */
  readonly lowercase?: boolean;
  /**
   * A token for words not in the vocabulary, with the last id: a string, or `true` for `'<unk>'`.
   * Default none: `encode` throws `UNKNOWN_SYMBOL` naming the word and its index. `decode` turns
   * its id back into this string.
   */
  readonly unknownToken?: string | boolean;
}

/** Options of {@link WordTokenizer.fromText} and {@link WordTokenizer.fromCounts}: which words to keep. */
export interface WordVocabularyOptions extends WordTokenizerOptions {
  /** Keep only words seen at least this often (a number ≥ 0). Default 1: every word seen. */
  readonly minCount?: number;
  /**
   * Keep at most this many words, the most frequent (an integer ≥ 0, or `Infinity`); the unknown
   * token is not counted. Default `Infinity`.
   */
  readonly maxSize?: number;
}

/** A saved {@link WordTokenizer}, as `toJSON` writes it and `fromJSON` reads it. */
export interface WordTokenizerJSON {
  readonly type: 'word-tokenizer';
  readonly version: 1;
  readonly lowercase: boolean;
  /** The words, by id. */
  readonly words: readonly string[];
  /** The unknown token (id `words.length`), or `null`. */
  readonly unknownToken: string | null;
}

const TOKENIZER_OPTIONS = ['lowercase', 'unknownToken'] as const;
const VOCABULARY_OPTIONS = [...TOKENIZER_OPTIONS, 'minCount', 'maxSize'] as const;

const ANCHORED_WORD = new RegExp(`^(?:${WORD_PATTERN.source})$`, 'u');

function wordKind(lowercase: boolean): SymbolKind {
  return {
    owner: 'WordTokenizer',
    noun: 'word',
    // A word as splitWords gives it. Lower-casing turns "İ" (U+0130), and only it, into "i" and the
    // combining dot U+0307, which is not a letter: such words are lower-case words too.
    accepts: lowercase
      ? (symbol) => symbol === symbol.toLowerCase() && ANCHORED_WORD.test(symbol.replace(/(?<=i)\u0307/g, ''))
      : (symbol) => ANCHORED_WORD.test(symbol),
    expected: lowercase ? 'one lower-case word (see WORD_PATTERN)' : 'one word (see WORD_PATTERN)',
  };
}

function vocabularyOptions(operation: string, options: unknown): { minCount: number; maxSize: number } {
  const record = checkOptions(operation, options, VOCABULARY_OPTIONS);
  const minCount = record['minCount'] ?? 1;
  if (typeof minCount !== 'number' || !(minCount >= 0) || !Number.isFinite(minCount)) {
    throw new TokenizerError(
      'INVALID_ARGUMENT',
      `${operation}: minCount must be a finite number ≥ 0, got ${describe(minCount)}`,
      {
        argument: 'minCount',
        value: minCount,
        expected: 'a finite number ≥ 0',
      },
    );
  }
  const maxSize = record['maxSize'] ?? Infinity;
  if (typeof maxSize !== 'number' || !(maxSize >= 0) || (!Number.isInteger(maxSize) && maxSize !== Infinity)) {
    throw new TokenizerError(
      'INVALID_ARGUMENT',
      `${operation}: maxSize must be an integer ≥ 0 or Infinity, got ${describe(maxSize)}`,
      {
        argument: 'maxSize',
        value: maxSize,
        expected: 'an integer ≥ 0, or Infinity',
      },
    );
  }
  return { minCount, maxSize };
}

/** The tokenizer's own options, without `minCount` and `maxSize`. */
function tokenizerOptions(options: WordVocabularyOptions | undefined): WordTokenizerOptions {
  const out: { lowercase?: boolean; unknownToken?: string | boolean } = {};
  if (options?.lowercase !== undefined) out.lowercase = options.lowercase;
  if (options?.unknownToken !== undefined) out.unknownToken = options.unknownToken;
  return out;
}

/**
 * A word-level tokenizer: one id per word of a fixed vocabulary (words as `splitWords` finds them),
 * for the word n-gram models. Everything between words (spaces, punctuation, digits) is dropped, so
 * `decode` joins words with single spaces.
 *
 * @example
 * const tok = WordTokenizer.fromText('the cat saw the dog', { unknownToken: true });
 * tok.tokens; // ['the', 'cat', 'dog', 'saw', '<unk>']
 * tok.encode('The bird saw'); // [0, 4, 3]
 * tok.decode([0, 4, 3]); // 'the <unk> saw'
 */
export class WordTokenizer extends SymbolTokenizer {
  /** Whether words are lower-cased before lookup. */
  readonly lowercase: boolean;
  protected readonly vocabulary: SymbolVocabulary;

  /**
   * A tokenizer over the given words, with ids in their order (the unknown token, if any, last).
   * Throws `INVALID_VOCABULARY` for a duplicate or for a string that is not one word (a match of
   * `WORD_PATTERN`, and lower-case when `lowercase`; "i̇" from "İ" counts as lower-case letters).
   */
  constructor(words: readonly string[], options?: WordTokenizerOptions) {
    super();
    const record = checkOptions('WordTokenizer', options, TOKENIZER_OPTIONS);
    this.lowercase = optionalBoolean('WordTokenizer', 'lowercase', record['lowercase']) ?? true;
    const unknownToken = unknownTokenOption('WordTokenizer', record['unknownToken']);
    this.vocabulary = new SymbolVocabulary(wordKind(this.lowercase), words, unknownToken);
  }

  /**
   * The tokenizer of the words of `text`: ids by descending count, ties in code-point order (the
   * same on every machine), words seen fewer than `minCount` times dropped, at most `maxSize` kept,
   * then the unknown token if asked for.
   */
  static fromText(text: string, options?: WordVocabularyOptions): WordTokenizer {
    const operation = 'WordTokenizer.fromText';
    vocabularyOptions(operation, options);
    const lowercase = optionalBoolean(operation, 'lowercase', options?.lowercase) ?? true;
    const counts = new Map<string, number>();
    for (const word of splitWords(requireString(operation, 'text', text), { lowercase })) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    return WordTokenizer.fromCounts(counts, options);
  }

  /**
   * The tokenizer of counted words (a `Map` of word → count, or `[word, count]` pairs, each word
   * once; counts finite and ≥ 0, fractional allowed), chosen and ordered as in
   * {@link WordTokenizer.fromText}. For corpora counted elsewhere, chunk by chunk.
   */
  static fromCounts(counts: Iterable<readonly [string, number]>, options?: WordVocabularyOptions): WordTokenizer {
    const operation = 'WordTokenizer.fromCounts';
    const { minCount, maxSize } = vocabularyOptions(operation, options);
    if (
      typeof counts !== 'object' ||
      counts === null ||
      typeof (counts as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function'
    ) {
      throw new TokenizerError(
        'INVALID_ARGUMENT',
        `${operation}: counts must be a Map or an iterable of [word, count], got ${describe(counts)}`,
        {
          argument: 'counts',
          value: counts,
          expected: 'Map<string, number> or Iterable<[string, number]>',
        },
      );
    }
    const seen = new Map<string, number>();
    let index = 0;
    for (const entry of counts) {
      const [word, count] = Array.isArray(entry) ? (entry as unknown[]) : [];
      if (
        typeof word !== 'string' ||
        typeof count !== 'number' ||
        !(count >= 0) ||
        !Number.isFinite(count) ||
        seen.has(word)
      ) {
        throw new TokenizerError(
          'INVALID_ARGUMENT',
          `${operation}: entry ${index} is ${describe(entry)}${typeof word === 'string' && seen.has(word) ? ` (${JSON.stringify(word)} again)` : ''}; each entry must be a new word and a finite count ≥ 0`,
          { argument: `counts[${index}]`, value: entry, expected: '[word, count ≥ 0], each word once' },
        );
      }
      seen.set(word, count);
      index++;
    }
    const kept = [...seen].filter(([, count]) => count >= minCount);
    kept.sort((a, b) => b[1] - a[1] || compareByCodePoint(a[0], b[0]));
    const words = kept.slice(0, Math.min(kept.length, maxSize)).map(([word]) => word);
    return new WordTokenizer(words, tokenizerOptions(options));
  }

  /** Rebuilds a tokenizer saved with {@link WordTokenizer.toJSON}. */
  static fromJSON(json: WordTokenizerJSON): WordTokenizer {
    const data = json as unknown as Record<string, unknown>;
    const ok =
      typeof json === 'object' &&
      json !== null &&
      data['type'] === 'word-tokenizer' &&
      data['version'] === 1 &&
      typeof data['lowercase'] === 'boolean' &&
      (data['unknownToken'] === null || typeof data['unknownToken'] === 'string');
    if (!ok) {
      throw new TokenizerError(
        'INVALID_ARGUMENT',
        `WordTokenizer.fromJSON: json is not a saved WordTokenizer (type 'word-tokenizer', version 1, lowercase, words, unknownToken)`,
        {
          argument: 'json',
          value: json,
          expected: "{ type: 'word-tokenizer', version: 1, lowercase, words, unknownToken }",
        },
      );
    }
    const unknownToken = data['unknownToken'] as string | null;
    return new WordTokenizer(data['words'] as readonly string[], {
      lowercase: data['lowercase'] as boolean,
      unknownToken: unknownToken ?? false,
    });
  }

  /**
   * The id of every word of `text` (lower-cased if the tokenizer is). A word not in the vocabulary
   * gets the unknown id, or throws `UNKNOWN_SYMBOL` naming it and its UTF-16 index when there is no
   * unknown token.
   */
  encode(text: string): number[] {
    const ids: number[] = [];
    for (const { word, start } of iterateWords(requireString('WordTokenizer.encode', 'text', text), {
      lowercase: this.lowercase,
    })) {
      ids.push(this.vocabulary.encodeSymbol(word, start));
    }
    return ids;
  }

  /**
   * The words of `ids` joined with single spaces (the unknown id gives the unknown token). Throws
   * `INVALID_TOKEN` for an id outside `0 … vocabSize - 1`.
   */
  decode(ids: ArrayLike<number>): string {
    return this.vocabulary.decodeIds(ids).join(' ');
  }

  /** The tokenizer as plain data, for `JSON.stringify` and {@link WordTokenizer.fromJSON}. */
  toJSON(): WordTokenizerJSON {
    return {
      type: 'word-tokenizer',
      version: 1,
      lowercase: this.lowercase,
      words: this.vocabulary.symbols,
      unknownToken: this.vocabulary.unknownToken ?? null,
    };
  }
}
