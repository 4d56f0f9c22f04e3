import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBackendRegistry } from '../backend/registry';
import { initBackend } from '../backend/select';
import { cpuBackend } from '../backends/cpu';
import { OP_CASES, runOpCase, type OpCase } from './op-cases';

// The suite must be able to fail: a wrong kernel, a thrown error and a leak each fail a case.
describe('runOpCase', () => {
  beforeAll(async () => {
    tf.env().set('PROD', true);
    await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
  });

  it('passes the real cases on cpu', async () => {
    for (const opCase of OP_CASES) expect((await runOpCase(tf, opCase, 1e-5)).passed, opCase.name).toBe(true);
  });

  it('fails a case whose values are off by more than its limit', async () => {
    const wrong: OpCase = { name: 'off by 1e-3', tolerance: 1, run: async () => ({ got: [1.002, 2], want: [1, 2] }) };
    const result = await runOpCase(tf, wrong, 1e-5);
    expect(result).toMatchObject({ passed: false, limit: 1e-5 });
    expect(result.error).toBeCloseTo(0.001, 12);
  });

  it('fails an exact case off by one float32 ulp', async () => {
    const wrong: OpCase = {
      name: 'exact',
      tolerance: 0,
      run: async () => ({ got: [Math.fround(1 + 2 ** -23)], want: [1] }),
    };
    expect((await runOpCase(tf, wrong, 1e-5)).passed).toBe(false);
  });

  it('fails a case that throws, or leaks a tensor', async () => {
    const throwing: OpCase = {
      name: 'throws',
      tolerance: 1,
      run: async () => Promise.reject(new Error('kernel missing')),
    };
    expect(await runOpCase(tf, throwing, 1e-5)).toMatchObject({ passed: false, failure: 'kernel missing' });
    let kept: tf.Tensor | undefined;
    const leaking: OpCase = {
      name: 'leaks',
      tolerance: 1,
      run: async () => {
        kept = tf.ones([2]);
        return { got: [1], want: [1] };
      },
    };
    expect(await runOpCase(tf, leaking, 1e-5)).toMatchObject({ passed: false, leaked: 1 });
    kept?.dispose();
  });
});
