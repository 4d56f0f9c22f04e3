import { BpeEncoding } from '../bpe-encoding';
import { CL100K_BASE } from '../data/cl100k-base';
import type { Encoding } from '../types';
import { unpackVocabulary } from '../vocab-pack';

/**
 * OpenAI's `cl100k_base` encoding (GPT-3.5, GPT-4): 100,277 ids. Builds a new encoding on each
 * call; keep the one you get.
 */
export function cl100kBaseEncoding(): Encoding {
  return new BpeEncoding({
    name: 'cl100k_base',
    tokens: unpackVocabulary(CL100K_BASE),
    merges: undefined,
    pattern: 'cl100k',
    specialTokens: {
      '<|endoftext|>': 100257,
      '<|fim_prefix|>': 100258,
      '<|fim_middle|>': 100259,
      '<|fim_suffix|>': 100260,
      '<|endofprompt|>': 100276,
    },
  });
}
