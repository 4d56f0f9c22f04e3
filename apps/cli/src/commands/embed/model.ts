import { fromWord2VecBinary, type WordVectors } from '@chatgpt-explained/embeddings';
import { Option } from 'commander';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { dataDir } from '../../data-dir';
import type { CliIo } from '../../io';
import { UsageError } from '../../usage-error';
import { DEFAULT_VECTORS_PATH } from './recipe';

/** `--model <file>`: a word2vec binary vectors file instead of the shipped embedding. */
export function modelOption(): Option {
  return new Option(
    '--model <file>',
    'word vectors in the word2vec binary format (default: the shipped embedding, data/models/corpus-word2vec/vectors.bin)',
  );
}

/**
 * Loads the vectors of `--model` (or the shipped embedding), with corpus counts from a `vocab.txt`
 * (`word count` lines) beside the file when there is one.
 */
export async function loadWordVectors(io: CliIo, model: string | undefined): Promise<WordVectors> {
  const path = model === undefined ? join(dataDir(), DEFAULT_VECTORS_PATH) : resolve(io.cwd, model);
  if (!existsSync(path)) {
    throw new UsageError(
      model === undefined
        ? `the shipped embedding is missing (${path}); pass --model <file>`
        : `option '--model <file>' argument '${model}': no such file`,
    );
  }
  const bytes = await readFile(path);
  const vocab = join(dirname(path), 'vocab.txt');
  const counts = existsSync(vocab) ? await readFile(vocab, 'utf8') : undefined;
  return fromWord2VecBinary(
    new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    counts === undefined ? {} : { counts },
  );
}

/** Lower-cases a word given on the command line (the vocabulary is lower-case). */
export function normaliseWord(word: string): string {
  return word.trim().toLowerCase();
}
