// Our word2vec binary files against gensim's reader and writer (/usr/bin/python3 with gensim;
// Debian python3-gensim). Skipped, saying so on stderr, without it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPython, runPython } from '../test/python';
import { EmbeddingsError } from './errors';
import { fromWord2VecBinary, toWord2VecBinary } from './word2vec-format';
import { WordVectors } from './word-vectors';

const { python, unavailable } = findPython(['gensim']);
if (unavailable !== undefined) process.stderr.write(`gensim word2vec-format test skipped: ${unavailable}\n`);

const dir = mkdtempSync(join(tmpdir(), 'w2v-format-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WORDS = ['the', 'café', "don't", 'naïve', 'x'];
const vectors = new WordVectors(
  WORDS,
  Float32Array.from({ length: 5 * 3 }, (_, i) => Math.sin(i + 1) * (i % 4 === 0 ? -1 : 1)),
  3,
);

describe('word2vec binary format', () => {
  it('writes the header, word, space, little-endian float32 and newline', () => {
    const bytes = toWord2VecBinary(new WordVectors(['ab'], Float32Array.of(1, -2), 2));
    expect(Array.from(bytes)).toEqual([
      ...Buffer.from('1 2\nab '),
      ...[0, 0, 0x80, 0x3f], // 1.0f
      ...[0, 0, 0, 0xc0], // -2.0f
      0x0a,
    ]);
  });

  it('round-trips words (UTF-8) and vectors exactly', () => {
    const back = fromWord2VecBinary(toWord2VecBinary(vectors));
    expect(back.words).toEqual(WORDS);
    expect(Array.from(back.vectors.data)).toEqual(Array.from(vectors.vectors.data));
  });

  it('refuses malformed files with INVALID_VECTOR_FILE', () => {
    const good = toWord2VecBinary(vectors);
    for (const [bytes, message] of [
      [Buffer.from('hello\n'), /header/],
      [good.subarray(0, good.length - 6), /truncated/],
      [Buffer.concat([good, Buffer.from('junk')]), /bytes after/],
    ] as const) {
      try {
        fromWord2VecBinary(new Uint8Array(bytes));
        expect.unreachable();
      } catch (e) {
        expect(EmbeddingsError.isInstance(e) && e.code).toBe('INVALID_VECTOR_FILE');
        expect((e as Error).message).toMatch(message);
      }
    }
  });

  it.skipIf(unavailable !== undefined)('is read by gensim, which agrees on similarities', () => {
    const path = join(dir, 'ours.bin');
    writeFileSync(path, toWord2VecBinary(vectors));
    const result = runPython<{ words: string[]; sim: number; vec: number[] }>(
      python,
      `
import json, sys
from gensim.models import KeyedVectors
kv = KeyedVectors.load_word2vec_format(sys.stdin.readline().strip(), binary=True)
print(json.dumps({"words": kv.index_to_key, "sim": float(kv.similarity("café", "naïve")), "vec": [float(x) for x in kv["don't"]]}))
`,
      path + '\n',
    );
    expect(result.words).toEqual(WORDS);
    expect(result.sim).toBeCloseTo(vectors.similarity('café', 'naïve'), 6);
    expect(result.vec).toEqual(Array.from(vectors.vector("don't")));
  });

  it.skipIf(unavailable !== undefined)('reads a file gensim wrote', () => {
    const path = join(dir, 'gensim.bin');
    const ref = runPython<{ sim: number; neighbor: string; vec: number[] }>(
      python,
      `
import json, sys
import numpy as np
from gensim.models import KeyedVectors
path = sys.stdin.readline().strip()
kv = KeyedVectors(vector_size=4)
rng = np.random.default_rng(5)
kv.add_vectors(["alpha", "beta", "gamma", "ñandú"], rng.standard_normal((4, 4)).astype(np.float32))
kv.save_word2vec_format(path, binary=True)
print(json.dumps({"sim": float(kv.similarity("alpha", "ñandú")), "neighbor": kv.most_similar("beta", topn=1)[0][0], "vec": [float(x) for x in kv["gamma"]]}))
`,
      path + '\n',
    );
    const ours = fromWord2VecBinary(new Uint8Array(readFileSync(path)));
    expect(ours.words).toEqual(['alpha', 'beta', 'gamma', 'ñandú']);
    expect(ours.similarity('alpha', 'ñandú')).toBeCloseTo(ref.sim, 6);
    expect(ours.neighbors('beta', 1)[0]!.word).toBe(ref.neighbor);
    expect(Array.from(ours.vector('gamma'))).toEqual(ref.vec);
  });
});
