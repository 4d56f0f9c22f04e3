import type { TokenizerLoader } from './implementation';

/**
 * gpt-tokenizer through its r50k_base entry (the same ranks as gpt2). It keeps an LRU cache of up
 * to 100,000 encoded pieces across calls, which `startFresh` empties.
 */
export const loadGptTokenizer: TokenizerLoader = async () => {
  const { encode, decode, clearMergeCache } = await import('gpt-tokenizer/encoding/r50k_base');
  return {
    name: 'gpt-tokenizer',
    source: 'gpt-tokenizer/encoding/r50k_base',
    encode: (text) => encode(text),
    decode: (ids) => decode(ids),
    startFresh: () => clearMergeCache(),
  };
};
