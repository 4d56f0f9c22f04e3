import { closeSync, openSync, writeSync } from 'node:fs';
import { readCorpus } from '../tokenizer/corpus';
import { createRng } from '../tokenizer/rng';
import type { ShuffledTextSpec } from '../ngram-types';

/** What {@link writeShuffledText} wrote. */
export interface ShuffledText {
  /** UTF-8 bytes written. */
  readonly bytes: number;
  /** Lines written (each ends with "\n"). */
  readonly lines: number;
  /** Distinct non-blank lines of the corpus. */
  readonly corpusLines: number;
  /** Full shuffled passes over the corpus lines (the last pass may be cut short). */
  readonly passes: number;
}

/**
 * Writes to `path` the non-blank lines of the corpus, shuffled (Fisher–Yates with the seeded RNG),
 * pass after pass, each pass a new shuffle, until at least `bytes` UTF-8 bytes: the same file on
 * every machine for the same spec and size. Written in 1 MB pieces, never held whole.
 */
export function writeShuffledText(path: string, spec: ShuffledTextSpec, bytes: number): ShuffledText {
  const lines = readCorpus(spec.corpus)
    .split('\n')
    .filter((line) => line.trim().length > 0);
  const sizes = lines.map((line) => Buffer.byteLength(line) + 1);
  const rng = createRng(spec.seed);
  const order = lines.map((_, i) => i);
  const fd = openSync(path, 'w');
  let written = 0;
  let count = 0;
  let passes = 0;
  try {
    let piece: string[] = [];
    let pieceBytes = 0;
    while (written < bytes) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      passes++;
      for (const index of order) {
        if (written >= bytes) break;
        piece.push(lines[index]!);
        pieceBytes += sizes[index]!;
        written += sizes[index]!;
        count++;
        if (pieceBytes >= 1 << 20) {
          writeSync(fd, `${piece.join('\n')}\n`);
          piece = [];
          pieceBytes = 0;
        }
      }
    }
    if (piece.length > 0) writeSync(fd, `${piece.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
  return { bytes: written, lines: count, corpusLines: lines.length, passes };
}
