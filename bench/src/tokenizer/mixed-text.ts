import type { MixedTextSpec, TextKind } from '../tokenizer-types';
import { utf8Bytes, type BlockSource } from './block-source';
import { createCjkSource } from './cjk';
import { createCodeSource } from './code';
import { createEmojiSource } from './emoji';
import { createProseSource } from './prose';
import { createRng } from './rng';

/** The generated text and how many UTF-8 bytes of each kind it holds. */
export interface MixedText {
  readonly text: string;
  /** UTF-8 length of `text`. */
  readonly bytes: number;
  readonly bytesByKind: Readonly<Record<TextKind, number>>;
  /** Number of blocks, all kinds together. */
  readonly blocks: number;
}

const KINDS: readonly TextKind[] = ['prose', 'code', 'cjk', 'emoji'];

/**
 * Builds the benchmark's mixed text: at least `bytes` UTF-8 bytes of blocks (sizes drawn from
 * `spec.blockBytes`) of English prose (walked once through `corpus`), code, CJK and emoji,
 * interleaved by a seeded RNG. Each next block's kind is drawn with weight equal to how far that
 * kind is behind its share, so every kind stays within about one block of its proportion. Same
 * spec, corpus and size: same text, byte for byte.
 */
export function generateMixedText(spec: MixedTextSpec, corpus: string, bytes: number): MixedText {
  const total = KINDS.reduce((sum, k) => sum + spec.proportions[k], 0);
  if (Math.abs(total - 1) > 1e-9) throw new Error(`generateMixedText: proportions sum to ${total}, expected 1`);
  const rng = createRng(spec.seed);
  const sources: Record<TextKind, BlockSource> = {
    prose: createProseSource(corpus),
    code: createCodeSource(rng),
    cjk: createCjkSource(rng),
    emoji: createEmojiSource(rng),
  };
  const bytesByKind: Record<TextKind, number> = { prose: 0, code: 0, cjk: 0, emoji: 0 };
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const size = rng.int(spec.blockBytes.min, spec.blockBytes.max);
    const deficits = KINDS.map((k) => Math.max(0, spec.proportions[k] * (length + size) - bytesByKind[k]));
    let r = rng.next() * deficits.reduce((a, b) => a + b, 0);
    let i = 0;
    while (i < KINDS.length - 1 && r >= deficits[i]!) r -= deficits[i++]!;
    const kind = KINDS[i]!;
    const block = sources[kind].next(size);
    const blockBytes = utf8Bytes(block);
    parts.push(block);
    bytesByKind[kind] += blockBytes;
    length += blockBytes;
  }
  return { text: parts.join(''), bytes: length, bytesByKind, blocks: parts.length };
}
