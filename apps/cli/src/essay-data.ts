import type { CorpusText, EssayData, LetterFrequencyTable } from '@chatgpt-explained/essay';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dataDir } from './data-dir';

/** The corpus books, in the order every experiment reads them. */
export const CORPUS_FILES = [
  'pg2701-moby-dick',
  'pg1342-pride-and-prejudice',
  'pg84-frankenstein',
  'pg2641-a-room-with-a-view',
  'pg37106-little-women',
  'tinyshakespeare',
] as const;

/** The shipped digit net's folder under `data/models/`. */
export const DIGIT_NET_DIR = 'digits-lenet';
/** The shipped default word embedding's folder under `data/models/`, and its file there. */
export const WORD_VECTORS_DIR = 'corpus-word2vec';
export const WORD_VECTORS_FILE = 'vectors.bin';

/** A Buffer's bytes as a plain Uint8Array view (no copy). */
function bytesOf(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** The files of a parentheses transformer's folder (`config.json`, `model.safetensors`) by name. */
export async function readParensModel(folder: string): Promise<Record<string, Uint8Array>> {
  const [config, weights] = await Promise.all([
    readFile(join(folder, 'config.json')),
    readFile(join(folder, 'model.safetensors')),
  ]);
  return { 'config.json': bytesOf(config), 'model.safetensors': bytesOf(weights) };
}

/** The essay's data read from the CLI's bundled files (each file read once, then kept). */
export function fileEssayData(dir: string = dataDir()): EssayData {
  let corpus: Promise<readonly CorpusText[]> | undefined;
  let letters: Promise<LetterFrequencyTable> | undefined;
  return {
    corpus: () =>
      (corpus ??= Promise.all(
        CORPUS_FILES.map(async (name) => ({ name, text: await readFile(join(dir, 'corpus', `${name}.txt`), 'utf8') })),
      )),
    article: (name) => readFile(join(dir, 'wikipedia', `${name}.txt`), 'utf8'),
    letterFrequencies: () =>
      (letters ??= readFile(join(dir, 'letter-frequencies', 'english.json'), 'utf8').then(
        (text) => JSON.parse(text) as LetterFrequencyTable,
      )),
    digitFiles: async (split) => {
      const prefix = split === 'train' ? 'train' : 't10k';
      const [images, labels] = await Promise.all([
        readFile(join(dir, 'mnist', `${prefix}-images-idx3-ubyte.gz`)),
        readFile(join(dir, 'mnist', `${prefix}-labels-idx1-ubyte.gz`)),
      ]);
      return { images: bytesOf(images), labels: bytesOf(labels) };
    },
    digitNetWeights: async () => bytesOf(await readFile(join(dir, 'models', DIGIT_NET_DIR, 'model.safetensors'))),
    wordVectors: async () => bytesOf(await readFile(join(dir, 'models', WORD_VECTORS_DIR, WORD_VECTORS_FILE))),
    wordSimilarity: () => readFile(join(dir, 'wordsim353', 'combined.csv'), 'utf8'),
    parensModel: (name) => readParensModel(join(dir, 'models', name)),
  };
}
