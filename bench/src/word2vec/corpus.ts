import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitWords } from '@chatgpt-explained/tokenizer';
import { ROOT } from '../harness';
import type { Word2VecConfig } from '../word2vec-types';

/** The pre-tokenised corpus every implementation trains on. */
export interface PreparedCorpus {
  /** The file: one line per paragraph, lower-case words separated by single spaces. */
  readonly path: string;
  /** Words in the file (what words/s counts). */
  readonly words: number;
  readonly lines: number;
  /** Distinct words. */
  readonly types: number;
}

/**
 * The lines of one text: each paragraph (lines separated by a blank line) as its words, as
 * `splitWords` gives them (lower-cased), cut into pieces of at most `maxLineWords` words (gensim's
 * LineSentence reads at most 10,000 words a line); paragraphs without words are dropped.
 */
export function paragraphLines(text: string, maxLineWords: number): string[][] {
  const lines: string[][] = [];
  for (const paragraph of text.split(/\r?\n[ \t]*\r?\n/)) {
    const words = splitWords(paragraph);
    for (let i = 0; i < words.length; i += maxLineWords) lines.push(words.slice(i, i + maxLineWords));
  }
  return lines;
}

/** The first lines of `lines` holding at least `words` words (the smoke run's slice of each file). */
export function firstWords(lines: readonly string[][], words: number): string[][] {
  const out: string[][] = [];
  let count = 0;
  for (const line of lines) {
    if (count >= words) break;
    const piece = line.slice(0, words - count);
    out.push(piece);
    count += piece.length;
  }
  return out;
}

/**
 * Reads the corpus files of the config (refusing any whose SHA-256 differs from the pinned one),
 * and writes the pre-tokenised file into `dir`. `wordsPerFile` keeps only that many words of each
 * file (smoke runs).
 */
export function prepareCorpus(config: Word2VecConfig, dir: string, wordsPerFile?: number): PreparedCorpus {
  const all: string[][] = [];
  for (const { file, sha256 } of config.corpus) {
    const bytes = readFileSync(join(ROOT, file));
    const hash = createHash('sha256').update(bytes).digest('hex');
    if (hash !== sha256) throw new Error(`bench word2vec: ${file} has sha256 ${hash}, the config pins ${sha256}`);
    const lines = paragraphLines(bytes.toString('utf8'), config.maxLineWords);
    all.push(...(wordsPerFile === undefined ? lines : firstWords(lines, wordsPerFile)));
  }
  const path = join(dir, 'corpus.txt');
  writeFileSync(path, `${all.map((l) => l.join(' ')).join('\n')}\n`);
  const types = new Set<string>();
  let words = 0;
  for (const line of all) {
    words += line.length;
    for (const w of line) types.add(w);
  }
  return { path, words, lines: all.length, types: types.size };
}
