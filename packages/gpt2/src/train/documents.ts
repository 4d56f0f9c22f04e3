/**
 * Documents as one training sequence: each one's token ids after a separator (`<|endoftext|>`),
 * as GPT-2's training data was laid out.
 */
import { Gpt2Error } from '../errors';

/**
 * `[separator, …documents[0], separator, …documents[1], …]` as one Int32Array: every document
 * starts after the separator, so the model learns how texts begin and that nothing before the
 * separator belongs to them.
 *
 * @example
 * joinDocuments([[5, 6], [7]], 0); // Int32Array [0, 5, 6, 0, 7]
 */
export function joinDocuments(documents: readonly ArrayLike<number>[], separator: number): Int32Array {
  if (!Number.isSafeInteger(separator) || separator < 0) {
    throw new Gpt2Error('INVALID_ARGUMENT', `joinDocuments: separator must be a token id ≥ 0, got ${separator}`, {
      argument: 'separator',
      value: separator,
      expected: 'a token id (the <|endoftext|> id)',
    });
  }
  const out = new Int32Array(documents.reduce((n, d) => n + d.length + 1, 0));
  let at = 0;
  for (const document of documents) {
    out[at++] = separator;
    for (let i = 0; i < document.length; i++) out[at++] = document[i]!;
  }
  return out;
}
