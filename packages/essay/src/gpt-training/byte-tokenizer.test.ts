// The byte tokenizer of essay 10.1 against UTF-8 itself: ids are the text's bytes, decoding gives
// the text back, and the Hugging Face files (vocab.json + an empty merges.txt) read back the same.
import { createEncoding, formatHuggingFaceVocab, parseHuggingFaceVocab } from '@chatgpt-explained/tokenizer';
import { describe, expect, it } from 'vitest';
import { BYTE_VOCAB_SIZE, byteLevelDefinition, byteLevelEncoding } from './byte-tokenizer';

const TEXTS = [
  '',
  'It is a truth universally acknowledged,\n',
  'naïve café — “quoted” 🐋 ok',
  '  \t\r\n  ',
  'ÆØÅ 日本語',
];

describe('byteLevelEncoding (essay 10.1)', () => {
  const encoding = byteLevelEncoding();

  it('has 257 ids, <|endoftext|> last', () => {
    expect(encoding.vocabSize).toBe(BYTE_VOCAB_SIZE);
    expect(encoding.eotToken).toBe(256);
  });

  it.each(TEXTS)('encodes %j to its UTF-8 bytes and decodes it back', (text) => {
    const ids = encoding.encode(text);
    expect(ids).toEqual([...new TextEncoder().encode(text)]);
    expect(encoding.decode(ids)).toBe(text);
  });

  it('round-trips through vocab.json and an empty merges.txt', () => {
    const { vocabJson, mergesTxt } = formatHuggingFaceVocab(byteLevelDefinition());
    expect(mergesTxt.trim().split('\n')).toEqual(['#version: 0.2']);
    expect(Object.keys(JSON.parse(vocabJson) as object)).toHaveLength(BYTE_VOCAB_SIZE);
    const again = createEncoding(parseHuggingFaceVocab(vocabJson, mergesTxt));
    for (const text of TEXTS) expect(again.encode(text)).toEqual(encoding.encode(text));
    expect(again.eotToken).toBe(256);
  });
});
