/**
 * Which tokens of a vocabulary are whole words and which are fragments (essay section 8.4: "how
 * many of GPT-2's 50,257 tokens are English words?").
 */
import { checkOptions, describe } from './check-options';
import { TokenizerError } from './errors';
import type { Encoding } from './types';

/** The class of one token; see {@link classifyVocabulary} for the exact rules. */
export type VocabularyTokenClass = 'word' | 'fragment' | 'nonText' | 'special' | 'unused';

/** One token shown as an example: its id and its text as decoded. */
export interface VocabularyExample {
  readonly id: number;
  /** The token's text, leading space included (`' the'`). */
  readonly text: string;
}

/** Tokens made of letters: whole words or fragments. */
export interface LetterTokenCount {
  /** How many tokens are in this class. */
  readonly count: number;
  /** How many of them start with a space (`' the'` rather than `'the'`). */
  readonly withLeadingSpace: number;
  /** The first `examples` tokens of the class, by id. */
  readonly examples: readonly VocabularyExample[];
}

/** What {@link classifyVocabulary} found. */
export interface VocabularyClassification {
  /** Every id of the encoding: `encoding.vocabSize`, the sum of the five counts. */
  readonly total: number;
  /** Tokens whose letters are a word of the word list. */
  readonly words: LetterTokenCount;
  /** Tokens of letters that are not a word of the word list ("ing", " pre"). */
  readonly fragments: LetterTokenCount;
  /** Tokens that are not (only) letters: digits, punctuation, whitespace, emoji, partial UTF-8. */
  readonly nonText: { readonly count: number; readonly examples: readonly VocabularyExample[] };
  /** Special tokens such as `<|endoftext|>`. */
  readonly special: { readonly count: number };
  /** Ids below `vocabSize` that are no token (gaps before the special tokens in cl100k_base). */
  readonly unused: { readonly count: number };
  /** The class of every id, indexed by id; only with `{ byToken: true }`. */
  readonly byToken?: readonly VocabularyTokenClass[];
}

/** Options of {@link classifyVocabulary}. */
export interface ClassifyVocabularyOptions {
  /** How many example tokens to keep per class (the lowest ids). An integer ≥ 0; default 10. */
  readonly examples?: number;
  /** Also return the class of every id in `byToken`. Default `false`. */
  readonly byToken?: boolean;
}

const LETTERS = /^\p{L}+$/u;

function checkedOptions(options: unknown): { examples: number; byToken: boolean } {
  const record = checkOptions('classifyVocabulary', options, ['examples', 'byToken']);
  const examples = record['examples'] ?? 10;
  if (typeof examples !== 'number' || !Number.isInteger(examples) || examples < 0) {
    throw new TokenizerError(
      'INVALID_ARGUMENT',
      `classifyVocabulary: examples must be an integer ≥ 0, got ${describe(examples)}`,
      {
        argument: 'examples',
        value: examples,
        expected: 'an integer ≥ 0',
      },
    );
  }
  const byToken = record['byToken'] ?? false;
  if (typeof byToken !== 'boolean') {
    throw new TokenizerError(
      'INVALID_ARGUMENT',
      `classifyVocabulary: byToken must be a boolean, got ${describe(byToken)}`,
      {
        argument: 'byToken',
        value: byToken,
        expected: 'true or false',
      },
    );
  }
  return { examples, byToken };
}

function lowerCasedWords(wordList: Iterable<string>): Set<string> {
  if (
    typeof wordList !== 'object' ||
    wordList === null ||
    typeof (wordList as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function'
  ) {
    throw new TokenizerError(
      'INVALID_ARGUMENT',
      `classifyVocabulary: wordList must be an iterable of strings, got ${describe(wordList)}`,
      {
        argument: 'wordList',
        value: wordList,
        expected: 'an array, Set or other iterable of strings',
      },
    );
  }
  const words = new Set<string>();
  let index = 0;
  for (const word of wordList as Iterable<unknown>) {
    if (typeof word !== 'string') {
      throw new TokenizerError(
        'INVALID_ARGUMENT',
        `classifyVocabulary: wordList entry ${index} is ${describe(word)}, not a string`,
        {
          argument: `wordList[${index}]`,
          value: word,
          expected: 'a string',
        },
      );
    }
    words.add(word.toLowerCase());
    index++;
  }
  return words;
}

/**
 * Sorts every id of `encoding` into exactly one class, in this order:
 *
 * 1. `special`: the id is one of `encoding.specialTokens`.
 * 2. `unused`: the id is no token (`tokenBytes` refuses it).
 * 3. `nonText`: the token's bytes are not complete UTF-8 (part of a character cut across tokens),
 *    or its text, after removing one leading space (U+0020), is empty or holds anything but
 *    Unicode letters (`\p{L}`): digits, punctuation, whitespace, symbols, emoji, combining marks,
 *    apostrophes (so `"'s"` and `" don't"` are nonText).
 * 4. `word`: that text, lower-cased with `toLowerCase()`, is in `wordList` (itself lower-cased the
 *    same way), so `' The'`, `'the'` and `'THE'` are all the word "the".
 * 5. `fragment`: letters, but not a word of the list (`'ing'`, `' pre'` with a list that lacks them).
 *
 * A word is therefore whatever the list says: a list of word forms from real text holds "s", "t"
 * and "ing" as well, so the answer depends on the list (for English, the most frequent few thousand
 * forms of a frequency list give a cleaner one). `withLeadingSpace` counts the words and fragments
 * whose token starts with that one space. Examples are the lowest ids of each class, which in
 * GPT-2 are the earliest merges, the most frequent pieces.
 *
 * @example
 * const enc = await getEncoding('gpt2');
 * const report = classifyVocabulary(enc, ['the', 'cat', …]);
 * report.words.count; // how many of the 50,257 tokens are whole words of the list
 */
export function classifyVocabulary(
  encoding: Encoding,
  wordList: Iterable<string>,
  options?: ClassifyVocabularyOptions,
): VocabularyClassification {
  if (
    typeof encoding !== 'object' ||
    encoding === null ||
    typeof encoding.tokenBytes !== 'function' ||
    !Number.isInteger(encoding.vocabSize)
  ) {
    throw new TokenizerError(
      'INVALID_ARGUMENT',
      `classifyVocabulary: encoding must be an Encoding, got ${describe(encoding)}`,
      {
        argument: 'encoding',
        value: encoding,
        expected: 'an Encoding from getEncoding or createEncoding',
      },
    );
  }
  const { examples: exampleCount, byToken } = checkedOptions(options);
  const dictionary = lowerCasedWords(wordList);
  const specialIds = new Set(Object.values(encoding.specialTokens));
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  const counts = { word: 0, fragment: 0, nonText: 0, special: 0, unused: 0 };
  const spaced = { word: 0, fragment: 0 };
  const examples = {
    word: [] as VocabularyExample[],
    fragment: [] as VocabularyExample[],
    nonText: [] as VocabularyExample[],
  };
  const classes: VocabularyTokenClass[] = [];

  for (let id = 0; id < encoding.vocabSize; id++) {
    let tokenClass: VocabularyTokenClass;
    let text = '';
    if (specialIds.has(id)) tokenClass = 'special';
    else {
      let bytes: Uint8Array | undefined;
      try {
        bytes = encoding.tokenBytes(id);
      } catch (error) {
        if (!(TokenizerError.isInstance(error) && error.code === 'INVALID_TOKEN')) throw error;
      }
      if (bytes === undefined) tokenClass = 'unused';
      else {
        let complete = true;
        try {
          text = decoder.decode(bytes);
        } catch {
          complete = false;
          text = new TextDecoder().decode(bytes);
        }
        const letters = text.startsWith(' ') ? text.slice(1) : text;
        if (!complete || !LETTERS.test(letters)) tokenClass = 'nonText';
        else {
          tokenClass = dictionary.has(letters.toLowerCase()) ? 'word' : 'fragment';
          if (letters.length < text.length) spaced[tokenClass]++;
        }
      }
    }
    counts[tokenClass]++;
    if (tokenClass === 'word' || tokenClass === 'fragment' || tokenClass === 'nonText') {
      const list = examples[tokenClass];
      if (list.length < exampleCount) list.push({ id, text });
    }
    if (byToken) classes.push(tokenClass);
  }

  return {
    total: encoding.vocabSize,
    words: { count: counts.word, withLeadingSpace: spaced.word, examples: examples.word },
    fragments: { count: counts.fragment, withLeadingSpace: spaced.fragment, examples: examples.fragment },
    nonText: { count: counts.nonText, examples: examples.nonText },
    special: { count: counts.special },
    unused: { count: counts.unused },
    ...(byToken ? { byToken: classes } : {}),
  };
}
