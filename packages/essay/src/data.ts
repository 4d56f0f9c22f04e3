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
  /**
   * The MNIST files of one split as stored (IDX, gzipped or not): `train` is the 60,000 training
   * images, `test` the 10,000 test images. Absent where the app bundles no digits; the digit steps
   * are then skipped.
   */
  digitFiles?(split: DigitSplit): Promise<DigitFiles>;
  /** The shipped trained digit net (safetensors bytes, config in its metadata). */
  digitNetWeights?(): Promise<Uint8Array>;
  /** The shipped default word embedding, as bytes in the format `@chatgpt-explained/embeddings` reads. */
  wordVectors?(): Promise<Uint8Array>;
  /** The WordSimilarity-353 judgements (`combined.csv`: `Word 1,Word 2,Human (mean)` then 353 rows). */
  wordSimilarity?(): Promise<string>;
  /**
   * A shipped parentheses transformer (essay 11.1) as its Hugging Face files by name
   * (`config.json`, `model.safetensors`). Absent where the app bundles none; step 11.1 is then skipped.
   */
  parensModel?(name: ShippedParensModel): Promise<Readonly<Record<string, Uint8Array>>>;
}

/** The parentheses transformers an app may ship: the essay's 1-block and 2-block models. */
export type ShippedParensModel = 'parens-1block' | 'parens-2block';

/** Which MNIST split. */
export type DigitSplit = 'train' | 'test';

/** The two IDX files of an MNIST split, as bytes (gzipped or plain). */
export interface DigitFiles {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}
