import type { SymbolVocabulary } from './symbol-vocabulary';

/** What the character and word tokenizers share: a vocabulary of symbols and lookups into it. */
export abstract class SymbolTokenizer {
  protected abstract readonly vocabulary: SymbolVocabulary;

  /** Number of ids: the symbols, plus one for the unknown token. */
  get vocabSize(): number {
    return this.vocabulary.tokens.length;
  }

  /** Every token by id: the symbols, then the unknown token if any. */
  get tokens(): readonly string[] {
    return this.vocabulary.tokens;
  }

  /** The unknown token, if any. */
  get unknownToken(): string | undefined {
    return this.vocabulary.unknownToken;
  }

  /** The unknown token's id (the last), if any. */
  get unknownId(): number | undefined {
    return this.vocabulary.unknownId;
  }

  /** The id of a symbol (or of the unknown token); `undefined` if it has none. Not normalised for you. */
  idOf(token: string): number | undefined {
    return this.vocabulary.idOf(token);
  }
}
