/**
 * One op suite (../test/op-cases), run on every backend that starts on this machine (tfjs's
 * describeWithFlags over ALL_ENVS, in our form). cpu and wasm must start everywhere, so a failure to
 * start them fails the suite; webgpu runs where Dawn finds an adapter (for example Mesa's lavapipe)
 * and is skipped, with the reason on stderr, where it does not. The browser backends run the same
 * cases in Chromium (apps/web/test).
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cpuBackend } from '../backends/cpu';
import { wasmBackend } from '../backends/wasm.node';
import { webgpuBackend } from '../backends/webgpu.node';
import { OP_CASES, OP_TOLERANCE, runOpCase } from '../test/op-cases';
import { createBackendRegistry } from './registry';
import { initBackend } from './select';
import type { BackendAdapter } from './types';

const suites: Array<{ adapter: BackendAdapter; required: boolean }> = [
  { adapter: cpuBackend(), required: true },
  { adapter: wasmBackend(), required: true },
  { adapter: webgpuBackend(), required: false },
];

// tfjs's advice banner ("install our node backend") on first use of cpu in Node, kept off stderr.
tf.env().set('PROD', true);

const probes = await Promise.all(suites.map((s) => s.adapter.probe()));

suites.forEach(({ adapter, required }, index) => {
  const probe = probes[index]!;
  const name = adapter.name;
  if (!probe.available && !required) {
    // Visible in every reporter, not only as a skipped suite's name.
    console.warn(`${name} backend ops SKIPPED: ${probe.reason}`);
    describe.skip(`${name} backend ops (skipped: ${probe.reason})`, () => {
      it('needs the backend', () => undefined);
    });
    return;
  }

  describe(`${name} backend ops (${probe.reason})`, () => {
    beforeAll(async () => {
      const ctx = await initBackend(createBackendRegistry([adapter]), name);
      expect(ctx.backend).toBe(name);
      expect(tf.getBackend()).toBe(ctx.tfBackend);
    });

    it.each(OP_CASES.map((c) => [c.name, c] as const))('%s', async (_name, opCase) => {
      const result = await runOpCase(tf, opCase, OP_TOLERANCE[name]);
      expect(result.failure).toBeUndefined();
      expect(result.error, `error against float64 (limit ${result.limit})`).toBeLessThanOrEqual(result.limit);
      expect(result.leaked, 'tensors leaked').toBe(0);
    });
  });
});
