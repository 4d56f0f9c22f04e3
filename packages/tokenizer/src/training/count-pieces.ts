import { PATTERNS, splitWithPattern } from '../pretokenize/patterns';

const WHITESPACE = /\s/u;

/**
 * Cuts `text` into chunks of about `size` characters that the GPT-2 pre-tokenizer splits exactly as
 * it splits the whole, so a long text can be pre-tokenized in steps. A cut goes right after a `\n`
 * that has a non-space character on each side: no GPT-2 piece holds a `\n` together with anything
 * else, so that `\n` is a piece of its own both in the whole text and at the end of the chunk, and
 * the pattern's only lookahead (`\s+(?!\S)`) never reaches across it. Without such a `\n` after the
 * `size` mark, the rest stays one chunk.
 */
export function* safeChunks(text: string, size: number): Generator<string> {
  let start = 0;
  while (text.length - start > size) {
    let cut = -1;
    for (let nl = text.indexOf('\n', start + size); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
      const before = text[nl - 1];
      const after = text[nl + 1];
      if (before !== undefined && after !== undefined && !WHITESPACE.test(before) && !WHITESPACE.test(after)) {
        cut = nl + 1;
        break;
      }
    }
    if (cut < 0) break;
    yield text.slice(start, cut);
    start = cut;
  }
  yield text.slice(start);
}

/**
 * Splits `text` on the special tokens (longest first) and returns the text between them: special
 * tokens in a training corpus mark document boundaries and are never learned from.
 */
export function splitOnSpecials(text: string, specials: readonly string[]): string[] {
  if (specials.length === 0) return [text];
  const escaped = [...specials]
    .sort((a, b) => b.length - a.length)
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return text.split(new RegExp(escaped.join('|'), 'u')).filter((part) => part.length > 0);
}

/**
 * Counts the distinct GPT-2 pre-tokenizer pieces of `text` into `counts`, one chunk at a time:
 * `pause` is awaited between chunks (so a caller can yield to the event loop and stop).
 */
export async function countPieces(
  text: string,
  specials: readonly string[],
  counts: Map<string, number>,
  pause: () => Promise<void>,
  chunkSize = 1 << 16,
): Promise<void> {
  for (const part of splitOnSpecials(text, specials)) {
    for (const chunk of safeChunks(part, chunkSize)) {
      for (const piece of splitWithPattern(chunk, PATTERNS.gpt2)) counts.set(piece, (counts.get(piece) ?? 0) + 1);
      await pause();
    }
  }
}
