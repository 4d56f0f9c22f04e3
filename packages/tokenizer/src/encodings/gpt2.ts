import { BpeEncoding } from '../bpe-encoding';
import { R50K_BASE } from '../data/r50k-base';
import type { Encoding } from '../types';
import { unpackVocabulary } from '../vocab-pack';

/**
 * OpenAI's GPT-2 encoding (tiktoken's `gpt2` / `r50k_base`): 50,257 ids, `<|endoftext|>` = 50256.
 * Builds a new encoding on each call (about 10 ms); keep the one you get.
 */
export function gpt2Encoding(name: 'gpt2' | 'r50k_base' = 'gpt2'): Encoding {
  return new BpeEncoding({
    name,
    tokens: unpackVocabulary(R50K_BASE),
    merges: undefined,
    pattern: 'gpt2',
    specialTokens: { '<|endoftext|>': 50256 },
  });
}
