/**
 * For the wasm-kernel tests: cpu and wasm started through nn-core's registry (wasm's adapter
 * registers the training kernels), and a switch between them.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createBackendRegistry } from '../../backend/registry';
import { initBackend } from '../../backend/select';
import { cpuBackend } from '../cpu';
import { wasmBackend } from '../wasm.node';

const registry = createBackendRegistry([cpuBackend(), wasmBackend()]);

/** Makes `name` the active backend (starting it the first time). */
export async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  await initBackend(registry, name);
  if (tf.getBackend() !== name) throw new Error(`expected the ${name} backend, tfjs is on ${tf.getBackend()}`);
}

/** Runs `f` (in a tidy) on backend `name` and reads its result back as float32 values. */
export async function valuesOn(
  name: 'cpu' | 'wasm',
  f: () => tf.Tensor,
): Promise<{ values: Float32Array; shape: number[]; dtype: tf.DataType }> {
  await useBackend(name);
  const t = tf.tidy(f);
  try {
    return { values: Float32Array.from(await t.data()), shape: [...t.shape], dtype: t.dtype };
  } finally {
    t.dispose();
  }
}

/**
 * Tensors and backend data buffers left behind by `op` on the active backend: `inputs` are made
 * first, then the counts are taken around `op` and the disposal of its result.
 */
export async function leaksOf(
  inputs: () => tf.Tensor[],
  op: (...inputs: tf.Tensor[]) => tf.Tensor,
): Promise<{ tensors: number; dataIds: number }> {
  const made = inputs();
  try {
    const tensors = tf.memory().numTensors;
    const dataIds = tf.engine().backend.numDataIds();
    const out = op(...made);
    await out.data();
    out.dispose();
    return { tensors: tf.memory().numTensors - tensors, dataIds: tf.engine().backend.numDataIds() - dataIds };
  } finally {
    for (const t of made) t.dispose();
  }
}
