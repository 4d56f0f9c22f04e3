import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWord2VecBinary, parseWord2VecText, readWord2VecFile } from './vectors-file';

/** Bytes of a word2vec binary file built by hand: header, then word, space, little-endian float32s (and `sep`). */
function binary(rows: Array<[string, number[]]>, sep: string): Uint8Array {
  const parts: Uint8Array[] = [new TextEncoder().encode(`${rows.length} ${rows[0]![1].length}\n`)];
  for (const [word, values] of rows) {
    parts.push(new TextEncoder().encode(`${word} `));
    const floats = new DataView(new ArrayBuffer(4 * values.length));
    values.forEach((v, i) => floats.setFloat32(4 * i, v, true));
    parts.push(new Uint8Array(floats.buffer), new TextEncoder().encode(sep));
  }
  return Buffer.concat(parts);
}

const rows: Array<[string, number[]]> = [
  ['the', [0.5, -1.25, 3]],
  ['café', [1, 2, -0.125]],
  ['don’t', [-7, 0, 0.25]],
];

describe('word2vec file formats', () => {
  it('reads the binary format with and without a newline after each vector (word2vec.c, gensim 4)', () => {
    for (const sep of ['', '\n']) {
      const v = parseWord2VecBinary(binary(rows, sep));
      expect(v.words).toEqual(['the', 'café', 'don’t']);
      expect(v.dimensions).toBe(3);
      expect([...v.data]).toEqual(rows.flatMap(([, values]) => values));
    }
  });

  it('reads the text format, with the trailing space fastText writes', () => {
    const v = parseWord2VecText('3 3\nthe 0.5 -1.25 3 \ncafé 1 2 -0.125 \ndon’t -7 0 0.25 \n');
    expect(v.words).toEqual(['the', 'café', 'don’t']);
    expect([...v.data]).toEqual(rows.flatMap(([, values]) => values));
  });

  it('refuses a truncated binary file and a text line with the wrong number of values', () => {
    const bytes = binary(rows, '');
    expect(() => parseWord2VecBinary(bytes.subarray(0, bytes.length - 2))).toThrow(/truncated at vector 2 of 3/);
    expect(() => parseWord2VecText('1 3\nthe 1 2\n')).toThrow(/line 2 has 2 values, the header says 3/);
  });

  // gensim writes both formats; we must read back exactly its vectors. Skipped where gensim is missing.
  const gensim = spawnSync('/usr/bin/python3', ['-c', 'import gensim'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!gensim)('reads what gensim 4 save_word2vec_format writes, binary and text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'w2v-format-'));
    try {
      const script = [
        'import sys, numpy as np',
        'from gensim.models import KeyedVectors',
        'kv = KeyedVectors(vector_size=4)',
        "kv.add_vectors(['the', 'café', 'don’t'], np.array([[0.5, -1.25, 3, 1e-3], [1, 2, -0.125, 7], [-7, 0, 0.25, 2.5]], dtype=np.float32))",
        "kv.save_word2vec_format(sys.argv[1] + '/v.bin', binary=True)",
        "kv.save_word2vec_format(sys.argv[1] + '/v.txt', binary=False)",
      ].join('\n');
      const run = spawnSync('/usr/bin/python3', ['-c', script, dir], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const expected = [0.5, -1.25, 3, 1e-3, 1, 2, -0.125, 7, -7, 0, 0.25, 2.5].map(Math.fround);
      for (const [file, format] of [
        ['v.bin', 'binary'],
        ['v.txt', 'text'],
      ] as const) {
        const v = readWord2VecFile(join(dir, file), format);
        expect(v.words).toEqual(['the', 'café', 'don’t']);
        expect(v.dimensions).toBe(4);
        [...v.data].forEach((x, i) => expect(x).toBeCloseTo(expected[i]!, 6));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
