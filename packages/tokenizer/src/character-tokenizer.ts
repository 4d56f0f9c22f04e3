import { characterUnitOption, iterateCharacters, type CharacterUnit } from './characters';
import { checkOptions, requireString } from './check-options';
import { SymbolTokenizer } from './symbol-tokenizer';
import { TokenizerError } from './errors';
import { compareByCodePoint, SymbolVocabulary, unknownTokenOption, type SymbolKind } from './symbol-vocabulary';

/** Options of {@link CharacterTokenizer}. */
export interface CharacterTokenizerOptions {
  /** What one character is: `'codepoint'` (the default) or `'grapheme'`; see `splitCharacters`. */
  readonly unit?: CharacterUnit;
  /**
   * A token for characters not in the vocabulary, with the last id: a string, or `true` for
   * `'<unk>'`. Default none: `encode` throws `UNKNOWN_SYMBOL` naming the character and its index.
   * `decode` turns its id back into this string.
   */
  readonly unknownToken?: string | boolean;
}

/** A saved {@link CharacterTokenizer}, as `toJSON` writes it and `fromJSON` reads it. */
export interface CharacterTokenizerJSON {
  readonly type: 'character-tokenizer';
  readonly version: 1;
  readonly unit: CharacterUnit;
  /** The characters, by id. */
  readonly characters: readonly string[];
  /** The unknown token (id `characters.length`), or `null`. */
  readonly unknownToken: string | null;
}

const OPTION_NAMES = ['unit', 'unknownToken'] as const;

function characterKind(unit: CharacterUnit): SymbolKind {
  return {
    owner: 'CharacterTokenizer',
    noun: 'character',
    accepts: (symbol) => {
      if (symbol === '') return false;
      const it = iterateCharacters(symbol, { unit });
      return it.next().value === symbol;
    },
    expected: unit === 'codepoint' ? 'one code point' : 'one grapheme cluster',
  };
}

/**
 * A character-level tokenizer: one id per character of a fixed vocabulary, for the letter and
 * character n-gram models and a character-level GPT.
 *
 * @example
 * const tok = CharacterTokenizer.fromText('hello world');
 * tok.tokens; // [' ', 'd', 'e', 'h', 'l', 'o', 'r', 'w']
 * tok.encode('hello'); // [3, 2, 4, 4, 5]
 * tok.decode([3, 2, 4, 4, 5]); // 'hello'
 */
export class CharacterTokenizer extends SymbolTokenizer {
  /** What one character is. */
  readonly unit: CharacterUnit;
  protected readonly vocabulary: SymbolVocabulary;

  /**
   * A tokenizer over the given characters, with ids in their order (the unknown token, if any,
   * last). Throws `INVALID_VOCABULARY` for a duplicate, an empty string or a string of more than one
   * character of `unit`.
   */
  constructor(characters: readonly string[], options?: CharacterTokenizerOptions) {
    super();
    const record = checkOptions('CharacterTokenizer', options, OPTION_NAMES);
    this.unit = characterUnitOption('CharacterTokenizer', record['unit']);
    const unknownToken = unknownTokenOption('CharacterTokenizer', record['unknownToken']);
    this.vocabulary = new SymbolVocabulary(characterKind(this.unit), characters, unknownToken);
  }

  /**
   * The tokenizer of every distinct character of `text`, ids in code-point order (the same on every
   * machine, whatever the order of the text), then the unknown token if asked for.
   */
  static fromText(text: string, options?: CharacterTokenizerOptions): CharacterTokenizer {
    const record = checkOptions('CharacterTokenizer.fromText', options, OPTION_NAMES);
    const unit = characterUnitOption('CharacterTokenizer.fromText', record['unit']);
    requireString('CharacterTokenizer.fromText', 'text', text);
    const seen = new Set<string>();
    for (const character of iterateCharacters(text, { unit })) seen.add(character);
    return new CharacterTokenizer([...seen].sort(compareByCodePoint), options);
  }

  /** Rebuilds a tokenizer saved with {@link CharacterTokenizer.toJSON}. */
  static fromJSON(json: CharacterTokenizerJSON): CharacterTokenizer {
    const data = json as unknown as Record<string, unknown>;
    const ok =
      typeof json === 'object' &&
      json !== null &&
      data['type'] === 'character-tokenizer' &&
      data['version'] === 1 &&
      (data['unit'] === 'codepoint' || data['unit'] === 'grapheme') &&
      (data['unknownToken'] === null || typeof data['unknownToken'] === 'string');
    if (!ok) {
      throw new TokenizerError(
        'INVALID_ARGUMENT',
        `CharacterTokenizer.fromJSON: json is not a saved CharacterTokenizer (type 'character-tokenizer', version 1, unit, characters, unknownToken)`,
        {
          argument: 'json',
          value: json,
          expected: "{ type: 'character-tokenizer', version: 1, unit, characters, unknownToken }",
        },
      );
    }
    const unknownToken = data['unknownToken'] as string | null;
    return new CharacterTokenizer(data['characters'] as readonly string[], {
      unit: data['unit'] as CharacterUnit,
      unknownToken: unknownToken ?? false,
    });
  }

  /**
   * The id of every character of `text`. A character not in the vocabulary gets the unknown id, or
   * throws `UNKNOWN_SYMBOL` naming it and its UTF-16 index when there is no unknown token.
   */
  encode(text: string): number[] {
    requireString('CharacterTokenizer.encode', 'text', text);
    const ids: number[] = [];
    let index = 0;
    for (const character of iterateCharacters(text, { unit: this.unit })) {
      ids.push(this.vocabulary.encodeSymbol(character, index));
      index += character.length;
    }
    return ids;
  }

  /**
   * The text of `ids`: their characters joined (the unknown id gives the unknown token). Throws
   * `INVALID_TOKEN` for an id outside `0 … vocabSize - 1`. `decode(encode(s)) === s` whenever every
   * character of `s` is in the vocabulary.
   */
  decode(ids: ArrayLike<number>): string {
    return this.vocabulary.decodeIds(ids).join('');
  }

  /** The tokenizer as plain data, for `JSON.stringify` and {@link CharacterTokenizer.fromJSON}. */
  toJSON(): CharacterTokenizerJSON {
    return {
      type: 'character-tokenizer',
      version: 1,
      unit: this.unit,
      characters: this.vocabulary.symbols,
      unknownToken: this.vocabulary.unknownToken ?? null,
    };
  }
}
