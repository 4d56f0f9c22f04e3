/**
 * The character-level tokenizer of essay 10.1: one token per UTF-8 byte. It is GPT-2's byte-level
 * BPE with no merges, so it saves in the Hugging Face layout (`vocab.json` and an empty `merges.txt`).
 */
import { createEncoding, type BpeDefinition, type Encoding } from '@chatgpt-explained/tokenizer';

/** Ids of the byte tokenizer: the 256 bytes and `<|endoftext|>`. */
export const BYTE_VOCAB_SIZE = 257;

/** The byte tokenizer's definition: id b is byte b, id 256 is `<|endoftext|>`, no merges. */
export function byteLevelDefinition(): BpeDefinition {
  return {
    name: 'bytes',
    tokens: Array.from({ length: 256 }, (_, b) => Uint8Array.of(b)),
    merges: [],
    pattern: 'gpt2',
    specialTokens: { '<|endoftext|>': 256 },
  };
}

/** The byte tokenizer as an `Encoding` (encode, decode, streaming decode). */
export function byteLevelEncoding(): Encoding {
  return createEncoding(byteLevelDefinition());
}
