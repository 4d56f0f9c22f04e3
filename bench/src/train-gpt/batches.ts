// The pinned data of `pnpm bench train-gpt`: the character vocabulary of the corpus (nanoGPT's
// shakespeare_char `prepare.py`: its sorted distinct characters) and the starts of the windows of
// every batch, from bench/src/train/fill.ts's hash, so torch_gpt.py draws the very same windows.
import { hashAt, nameSeed } from '../train/fill';

/** A text as ids into its sorted distinct characters. */
export interface CharCorpus {
  /** The distinct characters in code-point order; id i is `chars[i]`. */
  readonly chars: readonly string[];
  /** The text as ids, one per character (code point). */
  readonly ids: Int32Array;
}

/**
 * The character vocabulary of `text` and the text as ids, as nanoGPT's
 * `chars = sorted(list(set(data)))` (Python sorts strings by code point, so do we).
 */
export function charCorpus(text: string): CharCorpus {
  const points = Array.from(text);
  const chars = [...new Set(points)].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
  const index = new Map(chars.map((c, i) => [c, i]));
  const ids = new Int32Array(points.length);
  for (let i = 0; i < points.length; i++) ids[i] = index.get(points[i]!)!;
  return { chars, ids };
}

/**
 * The window starts of pinned batch `batch` (0-based): `size` starts, the k-th of all batches being
 * `hashAt(k, nameSeed(seedName)) mod (n − T)` for a corpus of n ids and windows of T tokens (a window
 * at s reads ids s … s + T, its targets included). torch_gpt.py's `window_starts` computes the same.
 */
export function windowStarts(
  batch: number,
  size: number,
  corpusLength: number,
  contextLength: number,
  seedName: string,
): number[] {
  const windows = corpusLength - contextLength;
  if (!(Number.isInteger(windows) && windows >= 1))
    throw new Error(
      `windowStarts: corpusLength ${corpusLength} is too short for windows of ${contextLength} tokens and their targets`,
    );
  const seed = nameSeed(seedName);
  return Array.from({ length: size }, (_, b) => hashAt(batch * size + b, seed) % windows);
}
