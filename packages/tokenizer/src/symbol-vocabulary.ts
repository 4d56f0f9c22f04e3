/**
 * The part the character and word tokenizers share: a list of symbols with ids, an optional
 * unknown token after them, lookups both ways, and the checks and messages of encode and decode.
 */
import { describe } from './check-options';
import { TokenizerError } from './errors';

/** The unknown token used when an option says `unknownToken: true`. */
export const DEFAULT_UNKNOWN_TOKEN = '<unk>';

/**
 * Compares two strings by code points (not by UTF-16 code units, not by locale), so the order is
 * the same on every machine and supplementary characters sort after U+FFFF.
 */
export function compareByCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n;) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca - cb;
    i += ca > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}

/** Reads the `unknownToken` option: `true` means {@link DEFAULT_UNKNOWN_TOKEN}, `false` or absent none. */
export function unknownTokenOption(operation: string, value: unknown): string | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return DEFAULT_UNKNOWN_TOKEN;
  if (typeof value === 'string' && value !== '') return value;
  throw new TokenizerError(
    'INVALID_ARGUMENT',
    `${operation}: unknownToken must be a non-empty string or a boolean, got ${describe(value)}`,
    { argument: 'unknownToken', value, expected: `a non-empty string, or true for ${DEFAULT_UNKNOWN_TOKEN}` },
  );
}

/** How a tokenizer names itself and its symbols in messages, and which symbols it accepts. */
export interface SymbolKind {
  /** The class, for messages: `'CharacterTokenizer'`. */
  readonly owner: string;
  /** What one symbol is called: `'character'`, `'word'`. */
  readonly noun: string;
  /** True when `symbol` is one symbol the tokenizer's splitter can produce. */
  readonly accepts: (symbol: string) => boolean;
  /** What an accepted symbol is, for messages. */
  readonly expected: string;
}

function codePointLabel(symbol: string): string {
  const points = Array.from(symbol, (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  return points.length <= 4 ? ` (${points.join(' ')})` : '';
}

/** Symbols with ids `0 … n-1` in the given order, then the unknown token (if any) with id `n`. */
export class SymbolVocabulary {
  /** Every token by id: the symbols, then the unknown token. */
  readonly tokens: readonly string[];
  /** The symbols only (no unknown token). */
  readonly symbols: readonly string[];
  /** The unknown token, if any. */
  readonly unknownToken: string | undefined;
  /** The unknown token's id (the last), if any. */
  readonly unknownId: number | undefined;
  private readonly ids: Map<string, number>;

  constructor(
    private readonly kind: SymbolKind,
    symbols: unknown,
    unknownToken: string | undefined,
  ) {
    const { owner, noun } = kind;
    if (!Array.isArray(symbols)) {
      throw new TokenizerError(
        'INVALID_ARGUMENT',
        `${owner}: the ${noun}s must be an array of strings, got ${describe(symbols)}`,
        {
          argument: `${noun}s`,
          value: symbols,
          expected: 'an array of strings',
        },
      );
    }
    const ids = new Map<string, number>();
    symbols.forEach((symbol: unknown, id) => {
      if (typeof symbol !== 'string' || !kind.accepts(symbol)) {
        throw new TokenizerError(
          'INVALID_VOCABULARY',
          `${owner}: ${noun}s[${id}] is ${describe(symbol)}, which is not ${kind.expected}`,
          { argument: `${noun}s[${id}]`, value: symbol, expected: kind.expected },
        );
      }
      if (ids.has(symbol)) {
        throw new TokenizerError(
          'INVALID_VOCABULARY',
          `${owner}: ${noun}s[${id}] is ${JSON.stringify(symbol)}, already ${noun}s[${ids.get(symbol)!}]`,
          { argument: `${noun}s[${id}]`, value: symbol, expected: `each ${noun} once` },
        );
      }
      ids.set(symbol, id);
    });
    if (unknownToken !== undefined && ids.has(unknownToken)) {
      throw new TokenizerError(
        'INVALID_VOCABULARY',
        `${owner}: unknownToken ${JSON.stringify(unknownToken)} is also ${noun}s[${ids.get(unknownToken)!}]`,
        { argument: 'unknownToken', value: unknownToken, expected: `a string that is not one of the ${noun}s` },
      );
    }
    this.symbols = Object.freeze([...(symbols as string[])]);
    this.unknownToken = unknownToken;
    this.unknownId = unknownToken === undefined ? undefined : this.symbols.length;
    if (unknownToken !== undefined) ids.set(unknownToken, this.symbols.length);
    this.tokens = unknownToken === undefined ? this.symbols : Object.freeze([...this.symbols, unknownToken]);
    this.ids = ids;
  }

  /** The id of a symbol or of the unknown token; `undefined` for anything else. */
  idOf(token: string): number | undefined {
    return this.ids.get(token);
  }

  /**
   * The id of `symbol`, found at UTF-16 index `index` of the text being encoded: the unknown id if
   * it is not a symbol, or an UNKNOWN_SYMBOL error when there is no unknown token.
   */
  encodeSymbol(symbol: string, index: number): number {
    const id = this.ids.get(symbol);
    if (id !== undefined) return id;
    if (this.unknownId !== undefined) return this.unknownId;
    const { owner, noun } = this.kind;
    throw new TokenizerError(
      'UNKNOWN_SYMBOL',
      `${owner}.encode: the ${noun} ${JSON.stringify(symbol)}${codePointLabel(symbol)} at index ${index} is not in the vocabulary of ${this.symbols.length} ${noun}s; set unknownToken to encode such ${noun}s as one id`,
      { argument: 'text', value: symbol, expected: `${noun}s of the vocabulary` },
    );
  }

  /** The tokens of `ids`, each checked, for `decode` to join. */
  decodeIds(ids: ArrayLike<number>): string[] {
    const { owner } = this.kind;
    if (typeof ids !== 'object' || ids === null || typeof ids.length !== 'number') {
      throw new TokenizerError(
        'INVALID_ARGUMENT',
        `${owner}.decode: ids must be an array of token ids, got ${describe(ids)}`,
        {
          argument: 'ids',
          value: ids,
          expected: 'an array or typed array of integers',
        },
      );
    }
    const tokens = this.tokens;
    const out = new Array<string>(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      const token = Number.isInteger(id) ? tokens[id!] : undefined;
      if (token === undefined) {
        const range = tokens.length === 0 ? 'the vocabulary is empty' : `ids are 0 … ${tokens.length - 1}`;
        throw new TokenizerError(
          'INVALID_TOKEN',
          `${owner}.decode: ids[${i}] is ${describe(id)}, which is not a token id (${range})`,
          { argument: `ids[${i}]`, value: id, expected: range },
        );
      }
      out[i] = token;
    }
    return out;
  }
}
