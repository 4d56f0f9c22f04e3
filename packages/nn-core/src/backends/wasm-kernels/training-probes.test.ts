/**
 * Issue 5, item 3a: training works on the wasm backend. Every probe (dense + activations, softmax
 * cross-entropy, MSE/MAE, conv2d, pooling, embedding gather, layer norm, causal attention, dropout,
 * an Adam step with gradient clipping) runs forward and backward on cpu and on wasm; wasm's loss,
 * gradients and step outputs must match cpu's to 1e-4 of each tensor's scale, with nothing leaked.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  registerWasmTrainingKernels,
  WASM_MISSING_KERNELS,
  WASM_REPLACED_KERNELS,
  WASM_TRAINING_KERNELS,
} from './index';
import { scaledError } from './reference';
import { useBackend } from './test-backends';
import { runProbe, TRAINING_PROBES, type ProbeResult } from './training-probes';

tf.env().set('PROD', true);

const onCpu = new Map<string, ProbeResult>();

describe('training probes on wasm', () => {
  beforeAll(async () => {
    await useBackend('cpu');
    for (const probe of TRAINING_PROBES) onCpu.set(probe.name, await runProbe(tf, probe));
    await useBackend('wasm');
  });

  it.each(TRAINING_PROBES.map((p) => [p.name, p] as const))('%s: matches cpu, leaks nothing', async (_n, probe) => {
    const tensors = tf.memory().numTensors;
    const dataIds = tf.engine().backend.numDataIds();
    const wasm = await runProbe(tf, probe);
    expect(tf.memory().numTensors, 'tensors leaked').toBe(tensors);
    expect(tf.engine().backend.numDataIds(), 'wasm buffers leaked').toBe(dataIds);
    const cpu = onCpu.get(probe.name)!;
    expect(Object.keys(wasm.outputs).sort()).toEqual(Object.keys(cpu.outputs).sort());
    for (const [name, want] of Object.entries(cpu.outputs)) {
      expect(want.every(Number.isFinite), `${name} finite on cpu`).toBe(true);
      expect(scaledError(wasm.outputs[name]!, want), name).toBeLessThan(1e-4);
    }
  });

  it('every kernel the probes run on cpu is registered for wasm', () => {
    const kernels = new Set([...onCpu.values()].flatMap((r) => r.kernels));
    // tf.profile also lists custom-gradient ops (softmaxCrossEntropy__op), which are not kernels.
    const missing = [...kernels].filter((k) => !k.endsWith('__op') && tf.getKernel(k, 'wasm') === undefined);
    expect(missing).toEqual([]);
    for (const k of ['Conv2DBackpropFilter', 'UnsortedSegmentSum']) expect(kernels.has(k), k).toBe(true);
  });

  it('registerWasmTrainingKernels is idempotent, keeps a kernel wasm already has, replaces a broken one', () => {
    expect(WASM_TRAINING_KERNELS.every((c) => tf.getKernel(c.kernelName, 'wasm') === c)).toBe(true);
    expect(registerWasmTrainingKernels(tf)).toEqual([]);
    const swap = (ours: KernelConfig, run: (theirs: KernelConfig) => void) => {
      const theirs = { ...ours, kernelFunc: ours.kernelFunc.bind(null) };
      tf.unregisterKernel(ours.kernelName, 'wasm');
      tf.registerKernel(theirs);
      try {
        run(theirs);
      } finally {
        tf.unregisterKernel(ours.kernelName, 'wasm');
        tf.registerKernel(ours);
      }
    };
    const missing = WASM_MISSING_KERNELS[0]!;
    swap(missing, (theirs) => {
      expect(registerWasmTrainingKernels(tf)).toEqual([]);
      expect(tf.getKernel(missing.kernelName, 'wasm')).toBe(theirs);
    });
    const replaced = WASM_REPLACED_KERNELS[0]!;
    swap(replaced, () => {
      expect(registerWasmTrainingKernels(tf)).toEqual([replaced.kernelName]);
      expect(tf.getKernel(replaced.kernelName, 'wasm')).toBe(replaced);
    });
  });
});
