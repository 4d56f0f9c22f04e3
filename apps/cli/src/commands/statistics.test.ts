// The letters and ngram commands on small texts whose counts are worked out by hand.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../main';
import { captureIo } from '../testing/capture-io';

async function run(argv: string[], stdin?: string, cwd?: string) {
  const io = captureIo({ ...(stdin === undefined ? {} : { stdin }), ...(cwd === undefined ? {} : { cwd }) });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('chatgpt-explained letters', () => {
  it('--json prints {"counts":…}, case kept, most frequent first', async () => {
    // "The cattle" → e 2, t 2, T 1, a 1, c 1, h 1, l 1 (T kept apart from t; ties in code-point order).
    const { code, out } = await run(['letters', '--json'], 'The cattle!');
    expect(code).toBe(EXIT.ok);
    const { counts } = JSON.parse(out) as { counts: Record<string, number> };
    expect(counts).toEqual({ e: 2, t: 2, T: 1, a: 1, c: 1, h: 1, l: 1 });
    expect(Object.keys(counts)).toEqual(['e', 't', 'T', 'a', 'c', 'h', 'l']);
  });

  it('--ignore-case folds case; the text output has counts and percentages', async () => {
    const { out } = await run(['letters', '--ignore-case'], 'The cattle 42');
    // t 3 of 9 letters (T, t, t folded) = 33.33%
    expect(out.split('\n')[0]).toMatch(/^t\s+3\s+33\.33%$/);
    expect(out).toContain('9 letters, 6 distinct');
  });

  it('--out draws a PNG bar chart; a bad extension is a usage error before any work', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'letters-'));
    const ok = await run(['letters', '--out', 'l.png'], 'abcabc', dir);
    expect(ok.code).toBe(EXIT.ok);
    expect([...readFileSync(join(dir, 'l.png')).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const bad = await run(['letters', '--out', 'l.jpg'], 'abc', dir);
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.err).toContain("'l.jpg' must end in .svg or .png");
  });
});

describe('chatgpt-explained ngram', () => {
  const TEXT = 'the cat sat on the mat. The cat ran.';
  it('--json prints the top n-grams in descending count', async () => {
    // Word 2-grams: the cat ×2; cat sat, sat on, on the, the mat, mat the, cat ran ×1.
    const { code, out } = await run(['ngram', '--unit', 'word', '--n', '2', '--top', '3', '--json'], TEXT);
    expect(code).toBe(EXIT.ok);
    const { ngrams } = JSON.parse(out) as { ngrams: { gram: string[]; count: number }[] };
    expect(ngrams[0]).toEqual({ gram: ['the', 'cat'], count: 2 });
    expect(ngrams.slice(1).every((g) => g.count === 1)).toBe(true);
    expect(ngrams).toHaveLength(3);
  });

  it('counts characters with --unit char', async () => {
    const { out } = await run(['ngram', '--unit', 'char', '--n', '3', '--top', '1', '--json'], 'abababa');
    // "aba" occurs 3 times, "bab" 2.
    expect(JSON.parse(out)).toEqual({ ngrams: [{ gram: ['a', 'b', 'a'], count: 3 }] });
  });

  it('generate at temperature 0 always takes the most frequent next word; a seed repeats a sample', async () => {
    // After "a": b ×2, c ×1 → greedy picks b; after "b": a ×2 → a.
    const greedy = await run(
      ['ngram', 'generate', '--n', '2', '--start', 'a', '--temperature', '0', '--length', '4'],
      'a b a b a c a',
    );
    expect(greedy.out).toBe('a b a b a\n');
    const one = await run(['ngram', 'generate', '--n', '2', '--seed', '7', '--length', '12'], TEXT);
    const two = await run(['ngram', 'generate', '--n', '2', '--seed', '7', '--length', '12'], TEXT);
    expect(one.out).toBe(two.out);
  });

  it('matrix --json gives P(second | first) inside words', async () => {
    // Pairs inside words: q→u twice, u→i, u→a, i→t (quit, qua).
    const { out } = await run(['ngram', 'matrix', '--json'], 'quit qua');
    const { letters, conditional } = JSON.parse(out) as { letters: string[]; conditional: number[][] };
    const p = (a: string, b: string) => conditional[letters.indexOf(a)]![letters.indexOf(b)]!;
    expect(p('q', 'u')).toBe(1);
    expect(p('u', 'i')).toBeCloseTo(0.5);
    expect(p('u', 'a')).toBeCloseTo(0.5);
  });

  it('refuses a bad unit or order with exit 2', async () => {
    expect((await run(['ngram', '--unit', 'byte'], 'x')).code).toBe(EXIT.usage);
    expect((await run(['ngram', '--n', '0'], 'x')).code).toBe(EXIT.usage);
    expect((await run(['ngram', '--n', '17'], 'x')).code).toBe(EXIT.usage);
  });
});
