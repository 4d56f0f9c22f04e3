/**
 * The shapes shared by every encoding in this package: what `getEncoding` returns, what a BPE
 * vocabulary is made of, and what inspection reports.
 */

/** Which special tokens may appear in text passed to {@link Encoding.encode}. */
export interface EncodeOptions {
  /**
   * Special tokens (such as `<|endoftext|>`) that are encoded as their own id when they appear in
   * the text: `'all'` or a list of their strings. Default: none.
   */
  readonly allowedSpecial?: 'all' | readonly string[];
  /**
   * Special tokens that make `encode` throw `SPECIAL_TOKEN_NOT_ALLOWED` when they appear in the text
   * and are not allowed: `'all'` (the default) or a list. Special tokens neither allowed nor
   * disallowed are encoded as ordinary text. Same rules as OpenAI's tiktoken.
   */
  readonly disallowedSpecial?: 'all' | readonly string[];
}

/** One token of an encoded text, for showing how text was cut (essay section 8.4). */
export interface TokenPiece {
  /** The token id. */
  readonly id: number;
  /**
   * The token's bytes decoded as UTF-8. A token that holds only part of a character (an emoji is
   * often cut in two) shows U+FFFD for the bytes it cannot complete; see `complete`.
   */
  readonly text: string;
  /** The token's bytes. */
  readonly bytes: Uint8Array;
  /** Start of this token's bytes in the UTF-8 encoding of the whole text. */
  readonly byteStart: number;
  /** End (exclusive) of this token's bytes in the UTF-8 encoding of the whole text. */
  readonly byteEnd: number;
  /** True when the bytes are whole UTF-8 characters, so `text` is exactly what the token holds. */
  readonly complete: boolean;
  /** True for a special token such as `<|endoftext|>`. */
  readonly special: boolean;
}

/** Turns ids into text one at a time, holding back the bytes of a character cut across tokens. */
export interface StreamDecoder {
  /** Adds one id (or several) and returns the text that is now complete (maybe `''`). */
  write(ids: number | ArrayLike<number>): string;
  /**
   * Ends the stream: returns what is left, with U+FFFD for bytes of an unfinished character, and
   * resets the decoder for reuse.
   */
  end(): string;
}

/** A text encoding: text to token ids and back. */
export interface Encoding {
  /** The encoding's name, such as `'gpt2'`. */
  readonly name: string;
  /** Number of ids, ordinary and special (50,257 for GPT-2). */
  readonly vocabSize: number;
  /** The id of `<|endoftext|>` (50,256 for GPT-2). */
  readonly eotToken: number;
  /** Special tokens and their ids. */
  readonly specialTokens: Readonly<Record<string, number>>;
  /** Encodes text to ids. Lone surrogates are encoded as U+FFFD, as a UTF-8 encoder would. */
  encode(text: string, options?: EncodeOptions): number[];
  /** Decodes ids to text; bytes that are not valid UTF-8 become U+FFFD. */
  decode(ids: ArrayLike<number>): string;
  /** Decodes ids to the exact bytes they stand for. */
  decodeBytes(ids: ArrayLike<number>): Uint8Array;
  /** The bytes of one token (a copy). */
  tokenBytes(id: number): Uint8Array;
  /** Number of tokens `encode` would return, without building the array. */
  countTokens(text: string, options?: EncodeOptions): number;
  /**
   * The token count if it is at most `limit`, else `false`. Stops encoding as soon as the limit is
   * passed, so it is cheap on long texts.
   */
  isWithinTokenLimit(text: string, limit: number, options?: EncodeOptions): number | false;
  /** A decoder for ids that arrive one at a time (generation). */
  createDecoder(): StreamDecoder;
  /** Encodes text and reports every token with its bytes and where they lie in the text's UTF-8. */
  pieces(text: string, options?: EncodeOptions): TokenPiece[];
}

/** The pre-tokenizer patterns that have fast built-in scanners or known regular expressions. */
export type PatternName = 'gpt2' | 'cl100k' | 'o200k';

/**
 * A byte-level BPE vocabulary: everything needed to build an {@link Encoding} with
 * `createEncoding`, and what `trainBpe` and the Hugging Face file reader produce.
 */
export interface BpeDefinition {
  /** Name of the encoding. */
  readonly name: string;
  /** The bytes of every ordinary token, indexed by id. All 256 single bytes must be tokens. */
  readonly tokens: readonly Uint8Array[];
  /**
   * Merge rules in priority order, each the ids of a left and right token whose concatenation is
   * also a token (Hugging Face `merges.txt` semantics: only listed pairs merge, highest priority
   * first). When absent, tiktoken semantics apply: any adjacent pair whose concatenation is a token
   * merges, the lowest resulting id first.
   */
  readonly merges?: readonly (readonly [left: number, right: number])[];
  /** How text is split before BPE: a named pattern or the source of a regular expression (`u` flag). */
  readonly pattern: PatternName | { readonly regex: string };
  /** Special tokens and their ids (ids after the ordinary tokens). */
  readonly specialTokens: Readonly<Record<string, number>>;
}
