import { describe, expect, it } from 'vitest';
import { readConfig } from '../harness';
import type { TextKind, TokenizerConfig } from '../tokenizer-types';
import { readCorpus } from './corpus';
import { generateMixedText } from './mixed-text';
import { findRepeat } from './repeats';

const config = readConfig<TokenizerConfig>('tokenizer');
const corpus = readCorpus(config.text.corpus);
const full = generateMixedText(config.text, corpus, config.full.bytes);

describe('generateMixedText', () => {
  it('gives the same text for the same seed and another text for another seed', () => {
    expect(generateMixedText(config.text, corpus, config.full.bytes).text).toBe(full.text);
    const other = generateMixedText({ ...config.text, seed: config.text.seed + 1 }, corpus, config.smoke.bytes);
    expect(other.text).not.toBe(generateMixedText(config.text, corpus, config.smoke.bytes).text);
  });

  it('is at least the size asked for, and at most one block more', () => {
    for (const bytes of [config.full.bytes, config.smoke.bytes]) {
      const mixed = bytes === config.full.bytes ? full : generateMixedText(config.text, corpus, bytes);
      expect(mixed.bytes).toBe(Buffer.byteLength(mixed.text, 'utf8'));
      expect(mixed.bytes).toBeGreaterThanOrEqual(bytes);
      // A block can run past its target to the end of a line or a generated unit.
      expect(mixed.bytes).toBeLessThan(bytes + 2 * config.text.blockBytes.max);
    }
    expect(full.bytes).toBeGreaterThanOrEqual(4_000_000);
  });

  it('holds the configured proportions of each kind to within half a percentage point', () => {
    for (const [kind, share] of Object.entries(config.text.proportions) as Array<[TextKind, number]>)
      expect(Math.abs(full.bytesByKind[kind] / full.bytes - share), kind).toBeLessThan(0.005);
  });

  it('never repeats a run of 200 bytes', () => {
    const repeat = findRepeat(Buffer.from(full.text, 'utf8'), 200);
    expect(repeat).toBeUndefined();
  });

  it('is well-formed Unicode with every kind of text in it', () => {
    expect(Buffer.from(full.text, 'utf8').toString('utf8')).toBe(full.text);
    expect(full.text).toContain('Call me Ishmael.'); // prose, from the corpus
    expect(full.text).toMatch(/export function \w+\(/); // TypeScript-like code
    expect(full.text).toMatch(/def \w+\(/); // Python-like code
    expect(full.text).toMatch(/[，。、「」]/); // CJK punctuation
    expect(full.text).toMatch(/[\u3041-\u3096]/); // hiragana
    expect(full.text).toContain('👨‍👩‍👧‍👦'); // a ZWJ family
    expect(full.text).toMatch(/\p{Regional_Indicator}{2}/u); // a flag
    expect(full.text).toMatch(/[\u{1F3FB}-\u{1F3FF}]/u); // a skin tone
    expect(full.text).toContain('\ufe0f\u20e3'); // a keycap
  });
});

describe('findRepeat', () => {
  const bytes = Buffer.from(full.text.slice(0, 200_000), 'utf8');

  it('finds a planted copy of exactly the minimum length, and nothing one byte shorter', () => {
    const copy = (n: number) => Buffer.concat([bytes, bytes.subarray(50_000, 50_000 + n), Buffer.from('\n')]);
    expect(findRepeat(copy(200), 200)).toEqual({ first: 50_000, second: bytes.length, length: 200 });
    expect(findRepeat(copy(199), 200)).toBeUndefined();
  });
});
