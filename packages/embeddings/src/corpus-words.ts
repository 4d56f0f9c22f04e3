import { splitWords } from '@chatgpt-explained/tokenizer';

/**
 * The words word2vec sees in a text: maximal runs of Unicode letters, joined by an inner apostrophe
 * (`'` or `’`), lower-cased (the tokenizer's `splitWords`). "Don't" is one word, "don't"; digits,
 * hyphens and punctuation separate words ("well-known" is "well", "known"; "1998" is dropped).
 */
export function corpusWords(text: string): string[] {
  return splitWords(text);
}
