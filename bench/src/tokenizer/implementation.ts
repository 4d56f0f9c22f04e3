import type { ImplementationName } from '../tokenizer-types';

/** One tokenizer as the benchmark drives it: GPT-2's encoding, text to ids and back. */
export interface Tokenizer {
  readonly name: ImplementationName;
  /** Package and entry point used, for the report. */
  readonly source: string;
  encode(text: string): number[];
  decode(ids: number[]): string;
  /**
   * Where the library keeps a cache of encoded pieces across calls: returns it to the state of a
   * first encode (empties the cache, or builds a fresh encoding), so that a text encoded before is
   * not encoded faster for it. Every timed encode starts with this.
   */
  startFresh?(): void | Promise<void>;
}

/** Loads one implementation: a dynamic import, so a worker can read its memory before the library is in it. */
export type TokenizerLoader = () => Promise<Tokenizer>;
