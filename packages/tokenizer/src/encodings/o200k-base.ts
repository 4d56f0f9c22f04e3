import { BpeEncoding } from '../bpe-encoding';
import { O200K_BASE } from '../data/o200k-base';
import type { Encoding } from '../types';
import { unpackVocabulary } from '../vocab-pack';

/**
 * OpenAI's `o200k_base` encoding (GPT-4o): 200,019 ids. Builds a new encoding on each call; keep
 * the one you get.
 */
export function o200kBaseEncoding(): Encoding {
  return new BpeEncoding({
    name: 'o200k_base',
    tokens: unpackVocabulary(O200K_BASE),
    merges: undefined,
    pattern: 'o200k',
    specialTokens: { '<|endoftext|>': 199999, '<|endofprompt|>': 200018 },
  });
}
