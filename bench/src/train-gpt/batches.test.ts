import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../harness';
import { charCorpus, windowStarts } from './batches';

const M32 = (1n << 32n) - 1n;

/** FNV-1a and the murmur-style hash again, in BigInt arithmetic (independent of fill.ts). */
function seedRef(name: string): bigint {
  let h = 0x811c9dc5n;
  for (const c of name) h = ((h ^ BigInt(c.charCodeAt(0))) * 0x01000193n) & M32;
  return h;
}
function hashRef(i: number, seed: bigint): bigint {
  let h = (BigInt(i) * 0x9e3779b1n + seed * 0x85ebca77n) & M32;
  h ^= h >> 15n;
  h = (h * 0x2c1b3c6dn) & M32;
  h ^= h >> 12n;
  h = (h * 0x297a2d39n) & M32;
  return h ^ (h >> 15n);
}

describe('charCorpus', () => {
  it('numbers the sorted distinct characters, as sorted(set(text)) does', () => {
    const { chars, ids } = charCorpus('hello, World\n');
    // By code point: '\n' 10, ' ' 32, ',' 44, 'W' 87, 'd' 100, 'e' 101, 'h' 104, 'l' 108, 'o' 111, 'r' 114.
    expect(chars).toEqual(['\n', ' ', ',', 'W', 'd', 'e', 'h', 'l', 'o', 'r']);
    expect([...ids]).toEqual([6, 5, 7, 7, 8, 2, 1, 3, 8, 9, 7, 4, 0]);
  });

  it('counts a character outside the BMP once, after the BMP ones', () => {
    const { chars, ids } = charCorpus('a😀b😀');
    expect(chars).toEqual(['a', 'b', '😀']);
    expect([...ids]).toEqual([0, 2, 1, 2]);
  });
});

describe('windowStarts', () => {
  it('is the hash of the running window index modulo n − T', () => {
    const seed = seedRef('s');
    // Batch 2 of 3 windows: windows 6, 7, 8 of the sequence of all batches.
    expect(windowStarts(2, 3, 1000, 64, 's')).toEqual([6, 7, 8].map((k) => Number(hashRef(k, seed) % 936n)));
  });

  it('keeps every window and its targets inside the corpus, and spreads them', () => {
    const n = 100;
    const t = 10;
    const starts = Array.from({ length: 50 }, (_, b) => windowStarts(b, 12, n, t, 'spread')).flat();
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...starts) + t).toBeLessThanOrEqual(n - 1); // the last target is ids[s + T]
    expect(new Set(starts).size).toBe(n - t); // 600 draws hit all 90 starts
  });

  it('throws for a corpus too short for one window', () => {
    expect(() => windowStarts(0, 1, 8, 8, 's')).toThrow(/too short/);
  });
});

// torch_gpt.py's twins of both helpers, where Debian's numpy is installed (CI without it skips).
const python = '/usr/bin/python3';
const hasNumpy = spawnSync(python, ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!hasNumpy)('torch_gpt.py', () => {
  it('draws the same windows from the same vocabulary', () => {
    const text = 'To be, or not to be: that is the question.\n';
    const program = [
      'import sys, json, numpy as np',
      "sys.path.insert(0, 'bench/src/train-gpt')",
      'from torch_gpt import char_corpus, window_starts',
      'chars, ids = char_corpus(np, sys.argv[1])',
      "starts = [window_starts(np, b, 5, 1000, 64, 'twin').tolist() for b in range(3)]",
      'print(json.dumps([chars, ids.tolist(), starts]))',
    ].join('\n');
    const out = spawnSync(python, ['-c', program, text], { cwd: ROOT, encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    const [chars, ids, starts] = JSON.parse(out.stdout) as [string[], number[], number[][]];
    const ours = charCorpus(text);
    expect(chars).toEqual(ours.chars);
    expect(ids).toEqual([...ours.ids]);
    expect(starts).toEqual([0, 1, 2].map((b) => windowStarts(b, 5, 1000, 64, 'twin')));
  });
});
