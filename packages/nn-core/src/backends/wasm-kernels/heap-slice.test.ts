import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { copySlice } from './heap-slice';
import { leaksOf, useBackend, valuesOn } from './test-backends';

tf.env().set('PROD', true);

/** The box begin … begin + size of a row-major array, by an index loop written here. */
function sliceRef(input: Int32Array, shape: number[], begin: number[], size: number[]): number[] {
  const out: number[] = [];
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const total = size.reduce((a, b) => a * b, 1);
  for (let i = 0; i < total; i++) {
    let rest = i;
    let offset = 0;
    for (let d = shape.length - 1; d >= 0; d--) {
      offset += (begin[d]! + (rest % size[d]!)) * strides[d]!;
      rest = Math.floor(rest / size[d]!);
    }
    out.push(input[offset]!);
  }
  return out;
}

/** A shape of rank 1–5 and a box inside it. */
const boxes = fc
  .array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 })
  .chain((shape) =>
    fc
      .tuple(
        ...shape.map((n) =>
          fc.integer({ min: 0, max: n - 1 }).chain((b) => fc.tuple(fc.constant(b), fc.integer({ min: 0, max: n - b }))),
        ),
      )
      .map((bs) => ({ shape, begin: bs.map(([b]) => b), size: bs.map(([, s]) => s) })),
  );

describe('copySlice', () => {
  it('copies any box of any shape as an index loop does', () => {
    fc.assert(
      fc.property(boxes, ({ shape, begin, size }) => {
        const input = Int32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i + 1);
        const out = new Int32Array(size.reduce((a, b) => a * b, 1));
        copySlice(input, shape, begin, size, out);
        expect(Array.from(out)).toEqual(sliceRef(input, shape, begin, size));
      }),
      { numRuns: 500 },
    );
  });
});

describe('Slice on wasm', () => {
  beforeAll(() => useBackend('wasm'));

  it("is nn-core's kernel once the backend is active", () => {
    expect(
      (tf.getKernel('Slice', 'wasm') as unknown as Record<symbol, unknown>)[Symbol.for('chatgpt-explained.heap-slice')],
    ).toBe(true);
  });

  it('equals the cpu backend on float32, int32 and bool tensors, contiguous or not', async () => {
    const cases: Array<[number[], number[], number[], tf.DataType]> = [
      [[6, 9], [1, 3], [4, 3], 'float32'], // the q/k/v split: columns of a matrix
      [[6, 9], [2, 0], [3, 9], 'int32'], // whole rows: contiguous
      [[2, 3, 4, 5], [1, 0, 2, 1], [1, 3, 2, 4], 'float32'],
      [[2, 3, 4, 5, 2, 3], [0, 1, 1, 0, 1, 0], [2, 2, 3, 5, 1, 2], 'float32'], // rank 6
      [[5, 4], [0, 1], [5, -1], 'bool'], // size −1: to the end
      [[7], [2], [0], 'float32'], // empty
    ];
    for (const [shape, begin, size, dtype] of cases) {
      const n = shape.reduce((a, b) => a * b, 1);
      const make = () =>
        dtype === 'bool'
          ? tf.tensor(
              Array.from({ length: n }, (_, i) => i % 3 === 0),
              shape,
              'bool',
            )
          : tf.tensor(
              Array.from({ length: n }, (_, i) => i * 0.5 - 7),
              shape,
              dtype,
            );
      const cpu = await valuesOn('cpu', () => tf.slice(make(), begin, size));
      const wasm = await valuesOn('wasm', () => tf.slice(make(), begin, size));
      expect(wasm, `${dtype} [${shape}] from [${begin}] size [${size}]`).toEqual(cpu);
    }
  });

  it('leaves no tensors or buffers behind, and its gradient still works', async () => {
    await useBackend('wasm');
    expect(
      await leaksOf(
        () => [tf.ones([4, 6])],
        (x) => tf.slice(x, [1, 2], [2, 3]),
      ),
    ).toEqual({ tensors: 0, dataIds: 0 });
    const grad = tf.tidy(() =>
      tf
        .grad((x: tf.Tensor) => tf.sum(tf.slice(x, [0, 1], [2, 2])))(tf.ones([2, 4]))
        .arraySync(),
    );
    expect(grad).toEqual([
      [0, 1, 1, 0],
      [0, 1, 1, 0],
    ]);
  });
});
