/// <reference types="vite/client" />
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import fixture from '../test-fixtures/frankenstein-head.txt?raw';
import { createEncoding } from './create-encoding';
import { TokenizerError } from './errors';
import { formatHuggingFaceVocab, parseHuggingFaceVocab } from './huggingface';
import { PATTERNS, splitWithPattern } from './pretokenize/patterns';
import { trainBpe, type TrainBpeOptions, type TrainBpeProgress } from './train';
import type { BpeDefinition } from './types';

/** A token's bytes as a string of one char per byte (`'\xc3\xa9'` for `é`), easy to compare and read. */
const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** The merges of a definition as `[left, right]` byte strings. */
function mergeStrings(def: BpeDefinition): [string, string][] {
  return def.merges!.map(([l, r]) => [latin1(def.tokens[l]!), latin1(def.tokens[r]!)]);
}

/**
 * The textbook algorithm, written independently of `trainBpe` as a reference: recount every pair of
 * every piece at each step, take the most frequent (ties: left bytes, then right bytes, in byte
 * order; JavaScript compares these one-char-per-byte strings that way), merge left to right.
 */
function referenceTrain(
  documents: readonly string[],
  merges: number,
  minFrequency: number,
  specials: readonly string[],
): [string, string][] {
  const counts = new Map<string, number>();
  for (const document of documents) {
    let parts = [document];
    for (const special of specials) parts = parts.flatMap((p) => p.split(special));
    for (const part of parts) {
      for (const piece of splitWithPattern(part, PATTERNS.gpt2)) counts.set(piece, (counts.get(piece) ?? 0) + 1);
    }
  }
  let words = [...counts].map(([piece, count]) => ({
    symbols: [...new TextEncoder().encode(piece)].map((b) => String.fromCharCode(b)),
    count,
  }));
  const result: [string, string][] = [];
  while (result.length < merges) {
    const pairs = new Map<string, { left: string; right: string; count: number }>();
    for (const { symbols, count } of words) {
      for (let i = 0; i + 1 < symbols.length; i++) {
        const key = `${symbols[i]}\u0100${symbols[i + 1]}`;
        const entry = pairs.get(key) ?? { left: symbols[i]!, right: symbols[i + 1]!, count: 0 };
        entry.count += count;
        pairs.set(key, entry);
      }
    }
    let best: { left: string; right: string; count: number } | undefined;
    for (const entry of pairs.values()) {
      if (
        best === undefined ||
        entry.count > best.count ||
        (entry.count === best.count &&
          (entry.left < best.left || (entry.left === best.left && entry.right < best.right)))
      ) {
        best = entry;
      }
    }
    if (best === undefined || best.count < minFrequency) break;
    const { left, right } = best;
    result.push([left, right]);
    words = words.map(({ symbols, count }) => {
      const merged: string[] = [];
      for (let i = 0; i < symbols.length; i++) {
        if (symbols[i] === left && symbols[i + 1] === right) {
          merged.push(left + right);
          i++;
        } else merged.push(symbols[i]!);
      }
      return { symbols: merged, count };
    });
  }
  return result;
}

/** The rejection of a promise (fails if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('trainBpe: the merges', () => {
  it('learns the hand-computed merges of a small corpus, ties by byte order', async () => {
    // Each document is one piece: hug ×10, pug ×5, pun ×12, bun ×4, hugs ×5. Pair counts:
    // u g 20 → ug; u n 16 → un; h ug 15 → hug; p un 12 → pun; then hug s and p ug both 5:
    // 'hug' < 'p' so hug s → hugs, then p ug → pug; last b un 4 → bun.
    const docs = [
      ...Array<string>(10).fill('hug'),
      ...Array<string>(5).fill('pug'),
      ...Array<string>(12).fill('pun'),
      ...Array<string>(4).fill('bun'),
      ...Array<string>(5).fill('hugs'),
    ];
    const def = await trainBpe(docs, { vocabSize: 300 });
    expect(mergeStrings(def)).toEqual([
      ['u', 'g'],
      ['u', 'n'],
      ['h', 'ug'],
      ['p', 'un'],
      ['hug', 's'],
      ['p', 'ug'],
      ['b', 'un'],
    ]);
    expect(def.tokens.slice(256).map(latin1)).toEqual(['ug', 'un', 'hug', 'pun', 'hugs', 'pug', 'bun']);
    expect(def.specialTokens).toEqual({ '<|endoftext|>': 263 });
    // minFrequency 5 stops before b un (4).
    expect((await trainBpe(docs, { vocabSize: 300, minFrequency: 5 })).merges).toHaveLength(6);
  });

  it('pre-tokenizes with the GPT-2 pattern: "aaab aaab ab"', async () => {
    // Pieces 'aaab', ' aaab', ' ab'. a a 4 → aa; a b 3 → ab; aa ab 2 → aaab; then ' ' aaab and ' ' ab
    // both 1: 'aaab' < 'ab', so ' aaab' first.
    const def = await trainBpe('aaab aaab ab', { vocabSize: 300, minFrequency: 1 });
    expect(mergeStrings(def)).toEqual([
      ['a', 'a'],
      ['a', 'b'],
      ['aa', 'ab'],
      [' ', 'aaab'],
      [' ', 'ab'],
    ]);
  });

  it('merges overlapping pairs left to right', async () => {
    // aaaaa: a a → aa aa a; aa aa and aa a both 1, 'a' < 'aa' → aa a gives aa aaa; then aa aaa.
    const def = await trainBpe('aaaaa', { vocabSize: 300, minFrequency: 1, specialTokens: [] });
    expect(mergeStrings(def)).toEqual([
      ['a', 'a'],
      ['aa', 'a'],
      ['aa', 'aaa'],
    ]);
  });

  it('agrees with the textbook algorithm on real prose', async () => {
    const text = fixture.slice(0, 40_000);
    const def = await trainBpe(text, { vocabSize: 256 + 400 + 1 });
    expect(def.merges).toHaveLength(400);
    expect(mergeStrings(def)).toEqual(referenceTrain([text], 400, 2, ['<|endoftext|>']));
  });

  it('agrees with the textbook algorithm on arbitrary small corpora', async () => {
    const unit = fc.constantFrom('a', 'b', 'ab', 'aa', ' ', '  ', '\n', 'é', '😀', '1', '.', "'s", '<|endoftext|>');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit, maxLength: 30 }), { maxLength: 6 }), async (docs) => {
        const def = await trainBpe(docs, { vocabSize: 256 + 30 + 1, minFrequency: 1 });
        expect(mergeStrings(def)).toEqual(referenceTrain(docs, 30, 1, ['<|endoftext|>']));
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic, and a string is the same as a one-document corpus', async () => {
    const text = fixture.slice(0, 30_000);
    const a = await trainBpe(text, { vocabSize: 600 });
    const b = await trainBpe([text], { vocabSize: 600 });
    expect(b.merges).toEqual(a.merges);
    expect(b.tokens).toEqual(a.tokens);
  });

  it('never learns across special tokens, and removes them from the corpus', async () => {
    const text = Array<string>(50).fill('ab<|endoftext|>cd<|pad|>').join('');
    const def = await trainBpe(text, { vocabSize: 300, specialTokens: ['<|endoftext|>', '<|pad|>'] });
    expect(mergeStrings(def)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(def.specialTokens).toEqual({ '<|endoftext|>': 258, '<|pad|>': 259 });
  });
});

describe('trainBpe: options', () => {
  it('honours vocabSize, special tokens included, and gives the special tokens the last ids', async () => {
    const specialTokens = ['<|endoftext|>', '<|pad|>', '<|sep|>'];
    const def = await trainBpe(fixture, { vocabSize: 1000, specialTokens, name: 'frankenstein' });
    expect(def.name).toBe('frankenstein');
    expect(def.pattern).toBe('gpt2');
    expect(def.tokens).toHaveLength(997);
    expect(def.merges).toHaveLength(1000 - 256 - 3);
    expect(def.specialTokens).toEqual({ '<|endoftext|>': 997, '<|pad|>': 998, '<|sep|>': 999 });
    expect(createEncoding(def).vocabSize).toBe(1000);
  });

  it('stops early when no pair is frequent enough', async () => {
    const def = await trainBpe('abcdefgh', { vocabSize: 5000 });
    expect(def.merges).toEqual([]);
    expect(def.tokens).toHaveLength(256);
    expect(def.specialTokens).toEqual({ '<|endoftext|>': 256 });
  });

  it('reports monotone progress, ending at the merges learned', async () => {
    const events: TrainBpeProgress[] = [];
    const def = await trainBpe(fixture, { vocabSize: 3000, onProgress: (e) => events.push(e) });
    expect(events.length).toBeGreaterThanOrEqual(2);
    for (const [i, e] of events.entries()) {
      expect(e.totalMerges).toBe(3000 - 257);
      expect(e.vocabSize).toBe(256 + e.merges + 1);
      if (i > 0) expect(e.merges).toBeGreaterThanOrEqual(events[i - 1]!.merges);
    }
    expect(events.at(-1)!.merges).toBe(def.merges!.length);
  });

  it('stops with the signal’s reason when aborted, before or during training', async () => {
    const reason = new Error('stop');
    expect(await rejection(trainBpe(fixture, { vocabSize: 3000, signal: AbortSignal.abort(reason) }))).toBe(reason);

    const controller = new AbortController();
    let eventsAfterAbort = 0;
    const error = await rejection(
      trainBpe(fixture, {
        vocabSize: 8000,
        signal: controller.signal,
        onProgress: () => {
          if (controller.signal.aborted) eventsAfterAbort++;
          controller.abort(reason);
        },
      }),
    );
    expect(error).toBe(reason);
    expect(eventsAfterAbort).toBe(0);

    const plain = new AbortController();
    const promise = trainBpe(fixture, { vocabSize: 8000, signal: plain.signal });
    plain.abort();
    expect(await rejection(promise)).toMatchObject({ name: 'AbortError' });
  });

  const bad: { options: unknown; corpus?: unknown; argument: string }[] = [
    { options: undefined, argument: 'options' },
    { options: { vocabSize: 256 }, argument: 'options.vocabSize' },
    { options: { vocabSize: 257, specialTokens: ['a', 'b'] }, argument: 'options.vocabSize' },
    { options: { vocabSize: 300.5 }, argument: 'options.vocabSize' },
    { options: { vocabSize: '300' }, argument: 'options.vocabSize' },
    { options: { vocabSize: 2 ** 25 }, argument: 'options.vocabSize' },
    { options: {}, argument: 'options.vocabSize' },
    { options: { vocabSize: 300, specialTokens: '<|endoftext|>' }, argument: 'options.specialTokens' },
    { options: { vocabSize: 300, specialTokens: ['a', ''] }, argument: 'options.specialTokens[1]' },
    { options: { vocabSize: 300, specialTokens: ['a', 'a'] }, argument: 'options.specialTokens[1]' },
    { options: { vocabSize: 300, minFrequency: 0 }, argument: 'options.minFrequency' },
    { options: { vocabSize: 300, minFrequency: 1.5 }, argument: 'options.minFrequency' },
    { options: { vocabSize: 300, name: '' }, argument: 'options.name' },
    { options: { vocabSize: 300, pattern: 'cl100k' }, argument: 'options.pattern' },
    { options: { vocabSize: 300, onProgress: 'yes' }, argument: 'options.onProgress' },
    { options: { vocabSize: 300, signal: {} }, argument: 'options.signal' },
    { options: { vocabSize: 300 }, corpus: 42, argument: 'corpus' },
    { options: { vocabSize: 300 }, corpus: ['ok', 42], argument: 'corpus[1]' },
  ];

  it.each(bad)('refuses $argument in $options', async ({ options, corpus, argument }) => {
    const error = await rejection(trainBpe((corpus ?? 'text') as string, options as TrainBpeOptions));
    expect(TokenizerError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', argument });
    expect((error as Error).message).toMatch(new RegExp(`^trainBpe: ${argument.replace(/[[\]]/g, '\\$&')} is `));
  });
});

describe('a trained tokenizer', async () => {
  const def = await trainBpe(fixture, { vocabSize: 2000, name: 'frankenstein' });
  const encoding = createEncoding(def);
  const encode = (s: string) => encoding.encode(s, { disallowedSpecial: [] });
  const wellFormed = (s: string) => new TextDecoder().decode(new TextEncoder().encode(s));

  it('compresses the text it learned from', () => {
    const ids = encode(fixture);
    expect(encoding.decode(ids)).toBe(fixture);
    expect(ids.length).toBeLessThan(fixture.length / 3);
  });

  it('round-trips any text: decode(encode(s)) === s', () => {
    for (const unit of ['grapheme', 'binary'] as const) {
      fc.assert(
        fc.property(fc.string({ unit, maxLength: 200 }), (s) => {
          expect(encoding.decode(encode(s))).toBe(s);
        }),
        { numRuns: 500 },
      );
    }
    const slice = fc
      .tuple(fc.nat({ max: fixture.length }), fc.nat({ max: 2000 }))
      .map(([start, length]) => fixture.slice(start, start + length));
    fc.assert(
      fc.property(slice, fc.string({ unit: 'grapheme', maxLength: 20 }), (text, noise) => {
        const s = text + noise + text.slice(0, 50);
        expect(encoding.decode(encode(s))).toBe(s);
      }),
      { numRuns: 300 },
    );
    // Lone surrogates come back as U+FFFD, as from any UTF-8 encoder.
    const units = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)) });
    fc.assert(
      fc.property(units, (s) => {
        expect(encoding.decode(encode(s))).toBe(wellFormed(s));
      }),
    );
  });

  it('encodes its special tokens when allowed', () => {
    const ids = encoding.encode('The end.<|endoftext|>', { allowedSpecial: 'all' });
    expect(ids.at(-1)).toBe(1999);
    expect(encoding.decode(ids)).toBe('The end.<|endoftext|>');
  });

  it('is the same after save and load (formatHuggingFaceVocab → parseHuggingFaceVocab)', () => {
    const { vocabJson, mergesTxt } = formatHuggingFaceVocab(def);
    const loaded = parseHuggingFaceVocab(vocabJson, mergesTxt, { name: 'frankenstein' });
    expect(loaded).toEqual(def);
    const reloaded = createEncoding(loaded);
    expect(reloaded.encode(fixture)).toEqual(encode(fixture));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (s) => {
        expect(reloaded.encode(s, { disallowedSpecial: [] })).toEqual(encode(s));
      }),
    );
  });
});
