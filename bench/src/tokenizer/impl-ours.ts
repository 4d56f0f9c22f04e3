import type { TokenizerLoader } from './implementation';

/**
 * Ours: `@chatgpt-explained/tokenizer`, `getEncoding('gpt2')`. An encoding keeps a cache of encoded
 * pieces across calls and offers no way to empty it, so `startFresh` builds a new encoding (each
 * `getEncoding` call does).
 */
export const loadOurs: TokenizerLoader = async () => {
  const { getEncoding } = await import('@chatgpt-explained/tokenizer');
  let enc = await getEncoding('gpt2');
  return {
    name: 'ours',
    source: "@chatgpt-explained/tokenizer, getEncoding('gpt2')",
    encode: (text) => enc.encode(text),
    decode: (ids) => enc.decode(ids),
    startFresh: async () => {
      enc = await getEncoding('gpt2');
    },
  };
};
