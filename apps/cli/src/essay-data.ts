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
  };
}
