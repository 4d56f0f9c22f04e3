import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { splitWords } from '@chatgpt-explained/tokenizer';

/**
 * The baseline: word n-grams counted the plain way, in a `Map<string, number>` keyed by the n words
 * joined with one space. Reads the file line by line (no word spans a line end), words as the
 * tokenizer's `splitWords` finds them (the same definition ours uses), n-grams running across line
 * ends as ours do.
 */
export async function countWithMap(path: string, n: number): Promise<{ counts: Map<string, number>; words: number }> {
  const counts = new Map<string, number>();
  const vocabulary = new Set<string>();
  const window: string[] = [];
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    for (const word of splitWords(line)) {
      vocabulary.add(word);
      window.push(word);
      if (window.length > n) window.shift();
      if (window.length === n) {
        const key = window.join(' ');
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  return { counts, words: vocabulary.size };
}
