import type { TokenizerLoader } from './implementation';

/**
 * js-tiktoken through its `lite` entry with only the gpt2 ranks (its main entry carries every
 * encoding, 5.6 MB of source): the same ranks and ids as `getEncoding('gpt2')`, in its leanest form.
 */
export const loadJsTiktoken: TokenizerLoader = async () => {
  const [{ Tiktoken }, { default: ranks }] = await Promise.all([
    import('js-tiktoken/lite'),
    import('js-tiktoken/ranks/gpt2'),
  ]);
  const enc = new Tiktoken(ranks);
  return {
    name: 'js-tiktoken',
    source: 'js-tiktoken/lite, new Tiktoken(js-tiktoken/ranks/gpt2)',
    encode: (text) => enc.encode(text),
    decode: (ids) => enc.decode(ids),
  };
};
