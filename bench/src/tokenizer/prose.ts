import type { BlockSource } from './block-source';

/**
 * English prose walked once, in order, through a corpus: each block continues where the last one
 * stopped and ends at a line end, so no passage is ever used twice. Throws when the corpus runs out
 * rather than start over.
 */
export function createProseSource(corpus: string): BlockSource {
  let cursor = 0;
  return {
    next(targetBytes) {
      if (cursor >= corpus.length)
        throw new Error(`prose: the corpus (${corpus.length} characters) is used up; add a file to the config`);
      // Prose is nearly all ASCII, so characters approximate bytes; the caller counts the real bytes.
      const newline = corpus.indexOf('\n', Math.min(cursor + targetBytes, corpus.length - 1));
      const end = newline === -1 ? corpus.length : newline + 1;
      const block = corpus.slice(cursor, end);
      cursor = end;
      return block;
    },
  };
}
