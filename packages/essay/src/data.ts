/** One book of the bundled corpus. */
export interface CorpusText {
  /** File name without extension, e.g. `pg84-frankenstein`. */
  readonly name: string;
  readonly text: string;
}

/** English letter frequencies with their source. */
export interface LetterFrequencyTable {
  /** Where the numbers come from. */
  readonly source: string;
  /** Letters a–z, most frequent first. */
  readonly letters: readonly { readonly letter: string; readonly count: number; readonly percent: number }[];
}

/**
 * The data the experiments read, supplied by the app: the CLI reads its bundled files, the web app
 * fetches them. The essay package itself never touches files or the network.
 */
export interface EssayData {
  /** The bundled public-domain English corpus, one entry per book, in a fixed order. */
  corpus(): Promise<readonly CorpusText[]>;
  /** The plain text of Wikipedia's "Cat" or "Dog" article (CC BY-SA 4.0). */
  article(name: 'cat' | 'dog'): Promise<string>;
  /** English letter frequencies. */
  letterFrequencies(): Promise<LetterFrequencyTable>;
}
