/**
 * The MNIST reader against the real files' published facts (md5 of the uncompressed bytes, counts,
 * pixel mean, first labels), hand-made IDX files, and a fuzz test: every mutated file is either read
 * exactly as an independent reference reader reads it, or refused with `INVALID_DATA`; never another
 * error, never a hang.
 */
import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrainerError } from '../errors';
import { gunzip, isGzip } from './gunzip';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdx } from './idx';
import { mnistDataset, readMnist, type MnistData } from './mnist';

/** The repository's data/mnist (tests run inside the repository; found from the working directory). */
const DIR = ((): string => {
  let dir = process.cwd();
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    if (dirname(dir) === dir) throw new Error('mnist.test: run inside the repository');
    dir = dirname(dir);
  }
  return join(dir, 'data', 'mnist');
})();
const file = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

/** Plain IDX bytes: a big-endian header then the values. */
function idx(magic: number, dims: readonly number[], values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + values.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic, false);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(Array.from(values), 4 + 4 * dims.length);
  return out;
}

async function refusal(promise: Promise<unknown>): Promise<TrainerError> {
  try {
    await promise;
  } catch (error) {
    if (TrainerError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal, but the input was accepted');
}

describe('readMnist on the bundled files', () => {
  it('reads the 10,000 test images: standard md5, sizes and first labels', async () => {
    const images = file('t10k-images-idx3-ubyte.gz');
    const labels = file('t10k-labels-idx1-ubyte.gz');
    expect(isGzip(images)).toBe(true);
    // The widely published md5s of the uncompressed MNIST files (MANIFEST.md).
    expect(md5(await gunzip(images))).toBe('2646ac647ad5339dbf082846283269ea');
    expect(md5(await gunzip(labels))).toBe('27ae3e4e09519cfbb04c329615203637');
    const test = await readMnist({ images, labels });
    expect([test.count, test.rows, test.cols]).toEqual([10_000, 28, 28]);
    expect(test.images.length).toBe(10_000 * 784);
    expect(test.labels.length).toBe(10_000);
    expect([...test.labels.subarray(0, 10)]).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
  });

  it('reads the 60,000 training images: standard md5, pixel mean 0.1306605, first labels', async () => {
    const images = file('train-images-idx3-ubyte.gz');
    const labels = file('train-labels-idx1-ubyte.gz');
    expect(md5(await gunzip(images))).toBe('6bbc9ace898e44ae57da46a324031adb');
    expect(md5(await gunzip(labels))).toBe('a25bea736e30d166cdddb491f175f624');
    const train = await readMnist({ images, labels });
    expect([train.count, train.rows, train.cols]).toEqual([60_000, 28, 28]);
    let sum = 0;
    for (const v of train.images) sum += v;
    expect(sum / train.images.length / 255).toBeCloseTo(0.1306605, 7);
    expect([...train.labels.subarray(0, 10)]).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    // Each digit appears 5,421 (5) to 6,742 (1) times: the published class counts.
    const counts = new Array<number>(10).fill(0);
    for (const l of train.labels) counts[l]!++;
    expect(counts).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
  });
});

describe('readMnist on hand-made files', () => {
  const images = idx(IDX_IMAGES_MAGIC, [2, 2, 3], [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
  const labels = idx(IDX_LABELS_MAGIC, [2], [3, 9]);

  it('reads plain and gzipped files alike', async () => {
    for (const pair of [
      { images, labels },
      { images: new Uint8Array(gzipSync(images)), labels },
      { images, labels: new Uint8Array(gzipSync(labels)) },
    ]) {
      const m = await readMnist(pair);
      expect([m.count, m.rows, m.cols]).toEqual([2, 2, 3]);
      expect([...m.images]).toEqual([0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
      expect([...m.labels]).toEqual([3, 9]);
    }
  });

  it('refuses each malformation with INVALID_DATA naming the file and the value', async () => {
    const cases: Array<[string, Uint8Array, Uint8Array, string, RegExp]> = [
      ['wrong magic', idx(0x00000801, [2, 2, 3], new Array(12).fill(0)), labels, 'images', /magic number 0x00000801/],
      ['images as labels', images, images, 'labels', /magic number 0x00000803 \(2051\); expected 0x00000801/],
      [
        'truncated values',
        images.subarray(0, images.length - 1),
        labels,
        'images',
        /need 12 bytes.*has 11 \(truncated\)/,
      ],
      ['truncated header', images.subarray(0, 10), labels, 'images', /shorter than its 16-byte header/],
      ['trailing bytes', new Uint8Array([...images, 0]), labels, 'images', /has 13 \(trailing bytes\)/],
      [
        'count says 3',
        idx(IDX_IMAGES_MAGIC, [3, 2, 3], new Array(12).fill(0)),
        labels,
        'images',
        /\[3, 2, 3\].*18 bytes/,
      ],
      ['label 10', images, idx(IDX_LABELS_MAGIC, [2], [3, 10]), 'labels', /labels\[1\] is 10/],
      ['count mismatch', images, idx(IDX_LABELS_MAGIC, [3], [1, 2, 3]), 'labels', /2 images but labels holds 3/],
      ['empty', new Uint8Array(0), labels, 'images', /0 bytes/],
      [
        'corrupt gzip',
        new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]),
        labels,
        'images',
        /not a valid gzip/,
      ],
      ['truncated gzip', new Uint8Array(gzipSync(images)).subarray(0, 20), labels, 'images', /not a valid gzip/],
    ];
    for (const [name, im, la, argument, message] of cases) {
      const error = await refusal(readMnist({ images: im, labels: la }));
      expect(error.code, name).toBe('INVALID_DATA');
      expect(error.argument, name).toBe(argument);
      expect(error.message, name).toMatch(message);
      expect(error.value, name).not.toBeUndefined();
    }
  });

  it('refuses arguments that are not bytes with INVALID_ARGUMENT', async () => {
    const error = await refusal(readMnist({ images: [1, 2] as unknown as Uint8Array, labels }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.argument).toBe('images');
  });

  it('refuses gzip output beyond maxBytes', async () => {
    const error = await refusal(
      gunzip(new Uint8Array(gzipSync(new Uint8Array(1 << 20))), { maxBytes: 1000, argument: 'x' }),
    );
    expect(error.code).toBe('INVALID_DATA');
    expect(error.argument).toBe('x');
  });

  it('parseIdx reads the header sizes big-endian', () => {
    const parsed = parseIdx(idx(IDX_IMAGES_MAGIC, [1, 1, 258], new Array(258).fill(7)), IDX_IMAGES_MAGIC, 'x');
    expect(parsed.shape).toEqual([1, 1, 258]);
  });
});

/**
 * An independent reading of plain IDX bytes (Node's Buffer, not DataView): the MnistData the bytes
 * hold, or undefined when they are not a valid pair.
 */
function reference(images: Uint8Array, labels: Uint8Array): MnistData | undefined {
  const im = Buffer.from(images);
  const la = Buffer.from(labels);
  if (im.length < 16 || la.length < 8) return undefined;
  if (im.readUInt32BE(0) !== 2051 || la.readUInt32BE(0) !== 2049) return undefined;
  const [count, rows, cols] = [im.readUInt32BE(4), im.readUInt32BE(8), im.readUInt32BE(12)];
  if (BigInt(count) * BigInt(rows) * BigInt(cols) !== BigInt(im.length - 16)) return undefined;
  if (la.readUInt32BE(4) !== count || la.length - 8 !== count) return undefined;
  if (la.subarray(8).some((v) => v > 9)) return undefined;
  return { count, rows, cols, images: new Uint8Array(im.subarray(16)), labels: new Uint8Array(la.subarray(8)) };
}

/** What readMnist does with a pair: the data, or 'refused' for INVALID_DATA; anything else throws. */
async function outcome(images: Uint8Array, labels: Uint8Array): Promise<MnistData | 'refused'> {
  try {
    return await readMnist({ images, labels });
  } catch (error) {
    if (TrainerError.isInstance(error) && error.code === 'INVALID_DATA') return 'refused';
    throw error;
  }
}

const plainOf = (m: MnistData) => ({ ...m, images: [...m.images], labels: [...m.labels] });

describe('readMnist fuzzed from the real test files', async () => {
  // The first 40 test images and labels, as plain IDX files with their headers rewritten to 40.
  const test = await readMnist({
    images: file('t10k-images-idx3-ubyte.gz'),
    labels: file('t10k-labels-idx1-ubyte.gz'),
  });
  const N = 40;
  const images = idx(IDX_IMAGES_MAGIC, [N, 28, 28], test.images.subarray(0, N * 784));
  const labels = idx(IDX_LABELS_MAGIC, [N], test.labels.subarray(0, N));

  /** A mutation of a file: a header word replaced, bytes set, a cut, or bytes appended. */
  const mutation = (length: number, words: number) =>
    fc.oneof(
      fc.record({
        kind: fc.constant('word' as const),
        at: fc.nat(words - 1),
        value: fc.oneof(
          fc.constantFrom(0, 1, 27, 28, 29, 39, 40, 41, 784, 2049, 2051, 0x08030000, 0xffffffff, 0x80000000),
          fc.nat({ max: 0xffffffff }),
        ),
      }),
      fc.record({ kind: fc.constant('byte' as const), at: fc.nat(length - 1), value: fc.nat(255) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat(length) }),
      fc.record({ kind: fc.constant('append' as const), extra: fc.uint8Array({ minLength: 1, maxLength: 800 }) }),
    );
  type Mutation =
    | { kind: 'word'; at: number; value: number }
    | { kind: 'byte'; at: number; value: number }
    | { kind: 'cut'; at: number }
    | { kind: 'append'; extra: Uint8Array };
  const apply = (bytes: Uint8Array, m: Mutation): Uint8Array => {
    if (m.kind === 'cut') return bytes.slice(0, m.at);
    if (m.kind === 'append') return new Uint8Array([...bytes, ...m.extra]);
    const copy = bytes.slice();
    if (m.kind === 'byte') copy[m.at] = m.value;
    else if (4 * m.at + 4 <= copy.length) new DataView(copy.buffer).setUint32(4 * m.at, m.value, false);
    return copy;
  };

  it('plain files: read exactly as the reference reader reads them, or refused', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutation(images.length, 4), { maxLength: 3 }),
        fc.array(mutation(labels.length, 2), { maxLength: 3 }),
        async (imageMutations, labelMutations) => {
          const im = imageMutations.reduce(apply, images);
          const la = labelMutations.reduce(apply, labels);
          const expected = reference(im, la);
          const got = await outcome(im, la);
          if (expected === undefined) expect(got).toBe('refused');
          else expect(got === 'refused' ? got : plainOf(got)).toEqual(plainOf(expected));
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('gzipped files with damaged bytes: read as zlib reads them, or refused', { timeout: 120_000 }, async () => {
    const gzImages = new Uint8Array(gzipSync(images));
    const gzLabels = new Uint8Array(gzipSync(labels));
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutation(gzImages.length, 3), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        async (mutations, onLabels) => {
          const im = onLabels ? images : mutations.reduce(apply, gzImages);
          const la = onLabels ? mutations.reduce(apply, gzLabels) : labels;
          const got = await outcome(im, la);
          if (got === 'refused') return;
          // Accepted: the bytes must be what zlib makes of them, and a valid pair.
          const plain = (b: Uint8Array) => (isGzip(b) ? new Uint8Array(gunzipSync(b)) : b);
          const expected = reference(plain(im), plain(la));
          expect(expected).toBeDefined();
          expect(plainOf(got)).toEqual(plainOf(expected!));
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe('mnistDataset', () => {
  beforeAll(async () => {
    await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
  });

  it('gives [B, 28, 28, 1] pixels in [0, 1] and int32 labels, leaking nothing', async () => {
    const m: MnistData = {
      count: 3,
      rows: 2,
      cols: 2,
      images: new Uint8Array([0, 255, 51, 102, 1, 2, 3, 4, 9, 9, 9, 9]),
      labels: new Uint8Array([4, 5, 6]),
    };
    const before = tf.memory().numTensors;
    const ds = mnistDataset(m, { indices: [2, 0] });
    expect(ds.size).toBe(2);
    const { x, y } = ds.batch([1, 0]);
    expect(x.shape).toEqual([2, 2, 2, 1]);
    expect(Array.from(await x.data())).toEqual([0, 1, 0.2, 0.4, 9 / 255, 9 / 255, 9 / 255, 9 / 255].map(Math.fround));
    expect(y.dtype).toBe('int32');
    expect(Array.from(await y.data())).toEqual([4, 6]);
    x.dispose();
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => ds.batch([2])).toThrow(/outside \[0, 2\)/);
  });
});
