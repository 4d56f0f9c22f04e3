import { TokenizerError } from './errors';
import type { Encoding } from './types';

/** Names {@link getEncoding} knows. `gpt2` and `r50k_base` are the same encoding. */
export const ENCODING_NAMES = ['gpt2', 'r50k_base', 'cl100k_base', 'o200k_base'] as const;

/** One of {@link ENCODING_NAMES}. */
export type EncodingName = (typeof ENCODING_NAMES)[number];

/**
 * Loads a built-in encoding. The vocabularies are separate chunks, loaded on first use, so
 * importing the package does not load them; each call builds a new encoding, so keep the one you
 * get. For synchronous use import the subpath instead (`@chatgpt-explained/tokenizer/gpt2`).
 *
 * @example
 * const enc = await getEncoding('gpt2');
 * enc.encode('The best thing about AI is its ability to'); // [464, 1266, 1517, …]
 */
export async function getEncoding(name: EncodingName): Promise<Encoding> {
  switch (name) {
    case 'gpt2':
    case 'r50k_base':
      return (await import('./encodings/gpt2')).gpt2Encoding(name);
    case 'cl100k_base':
      return (await import('./encodings/cl100k-base')).cl100kBaseEncoding();
    case 'o200k_base':
      return (await import('./encodings/o200k-base')).o200kBaseEncoding();
    default:
      throw new TokenizerError(
        'UNKNOWN_ENCODING',
        `unknown encoding ${JSON.stringify(name)}; known: ${ENCODING_NAMES.join(', ')}`,
        {
          argument: 'name',
          value: name,
          expected: ENCODING_NAMES.join(' | '),
        },
      );
  }
}
