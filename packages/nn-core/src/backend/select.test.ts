import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cpuBackend } from '../backends/cpu';
import { setActive } from '../backends/load-package';
import { NnCoreError } from '../errors';
import { checkActiveBackend } from './check';
import { createBackendRegistry } from './registry';
import { initBackend, listBackends } from './select';
import type { BackendAdapter, BackendName, BackendProbe } from './types';
import { caught } from '../test/caught';

/**
 * An adapter under a chosen name that, when activated, really starts tfjs's cpu backend (or the
 * tfjs backend given), so selection logic runs against a real engine.
 */
function fake(
  name: BackendName,
  probe: BackendProbe,
  options: { fail?: string; tfBackend?: string; claims?: string } = {},
): BackendAdapter & { activations: number } {
  const adapter = {
    name,
    description: `fake ${name}`,
    activations: 0,
    probe: async () => probe,
    async activate(t: typeof tf) {
      adapter.activations += 1;
      if (options.fail) throw new NnCoreError('BACKEND_UNAVAILABLE', options.fail);
      await cpuBackend().activate(t);
      if (options.tfBackend) await setActive(t, name, options.tfBackend);
      return {
        tfBackend: options.claims ?? options.tfBackend ?? 'cpu',
        hardware: probe.hardware,
        detail: `fake ${name}`,
      };
    },
  };
  return adapter;
}

// These tests make backends fail on purpose; tfjs would log each failure on stderr.
tf.env().set('PROD', true);

const hardwareGpu: BackendProbe = { available: true, hardware: true, reason: 'adapter: NVIDIA H100' };
const softwareGpu: BackendProbe = { available: true, hardware: false, reason: 'adapter: llvmpipe (software)' };
const cpuLike: BackendProbe = { available: true, hardware: false, reason: 'on the CPU' };
const missing: BackendProbe = { available: false, hardware: false, reason: 'package not installed' };

describe('initBackend(auto)', () => {
  it('takes a hardware GPU first', async () => {
    const gpu = fake('webgpu', hardwareGpu);
    const wasm = fake('wasm', cpuLike);
    const ctx = await initBackend(createBackendRegistry([wasm, gpu]), 'auto');
    expect(ctx.backend).toBe('webgpu');
    expect(ctx.hardware).toBe(true);
    expect(ctx.skipped).toEqual([]);
    expect(wasm.activations).toBe(0);
    expect(ctx.tf.getBackend()).toBe('cpu');
  });

  it('passes over a software GPU adapter, never starting it, and says why', async () => {
    const gpu = fake('webgpu', softwareGpu);
    const ctx = await initBackend(createBackendRegistry([gpu, fake('wasm', cpuLike), fake('cpu', cpuLike)]), 'auto');
    expect(ctx.backend).toBe('wasm');
    expect(gpu.activations).toBe(0);
    expect(ctx.skipped).toEqual([
      {
        backend: 'webgpu',
        why: 'software',
        reason: expect.stringMatching(/llvmpipe.*software GPU adapters run far slower than WASM/),
      },
    ]);
    expect(ctx.reason).toBe('auto chose wasm: fake wasm; passed over webgpu (software adapter only)');
  });

  it('passes over a GPU backend that started on the CPU (cuda without a CUDA device)', async () => {
    const cuda: BackendAdapter = {
      ...fake('cuda', hardwareGpu),
      async activate(t: typeof tf) {
        await cpuBackend().activate(t);
        return {
          tfBackend: 'cpu',
          hardware: false,
          detail: 'libtensorflow on the CPU: it found no usable CUDA device',
        };
      },
    };
    const ctx = await initBackend(createBackendRegistry([cuda, fake('wasm', cpuLike)]), 'auto');
    expect(ctx.backend).toBe('wasm');
    expect(ctx.skipped).toEqual([
      { backend: 'cuda', why: 'no-gpu', reason: 'libtensorflow on the CPU: it found no usable CUDA device' },
    ]);
    expect(ctx.reason).toBe('auto chose wasm: fake wasm; passed over cuda (no GPU device found)');
  });

  it('falls through unavailable and failing backends to cpu, recording each', async () => {
    const ctx = await initBackend(
      createBackendRegistry([
        fake('webgpu', missing),
        fake('cuda', missing),
        fake('wasm', cpuLike, { fail: 'wasm exploded' }),
        fake('cpu', cpuLike),
      ]),
      'auto',
    );
    expect(ctx.backend).toBe('cpu');
    expect(ctx.skipped.map((s) => [s.backend, s.why, s.reason])).toEqual([
      ['webgpu', 'unavailable', 'package not installed'],
      ['cuda', 'unavailable', 'package not installed'],
      ['wasm', 'failed', 'wasm exploded'],
    ]);
  });

  it('throws BACKEND_UNAVAILABLE naming every reason when nothing starts', async () => {
    const error = await caught(
      initBackend(createBackendRegistry([fake('webgpu', missing), fake('cpu', missing)]), 'auto'),
    );
    expect(error.code).toBe('BACKEND_UNAVAILABLE');
    expect(error.message).toBe(
      'auto: no backend could start; webgpu: package not installed; cpu: package not installed',
    );
  });
});

describe('initBackend(name)', () => {
  it('starts exactly the backend asked for, even a software GPU', async () => {
    const ctx = await initBackend(createBackendRegistry([fake('webgpu', softwareGpu), fake('cpu', cpuLike)]), 'webgpu');
    expect(ctx.backend).toBe('webgpu');
    expect(ctx.reason).toBe('webgpu as requested: fake webgpu');
  });

  it('reports an unknown name with the known ones', async () => {
    const error = await caught(initBackend(createBackendRegistry([fake('cpu', cpuLike)]), 'wasm'));
    expect(error.code).toBe('BACKEND_UNKNOWN');
    expect(error.message).toContain('known backends: cpu');
  });

  it('fails loudly when tfjs silently stays on another backend', async () => {
    // Claims to have started "wasm" but only cpu is active: the pitfall where setBackend fails quietly.
    const error = await caught(initBackend(createBackendRegistry([fake('wasm', cpuLike, { claims: 'wasm' })]), 'wasm'));
    expect(error.code).toBe('BACKEND_CHECK_FAILED');
    expect(error.message).toBe('backend "wasm" did not become active; tfjs is on "cpu"');
  });
});

describe('checkActiveBackend', () => {
  beforeAll(() => {
    // A backend whose AddN returns zeros, as WebGPU does with too few storage buffers.
    tf.registerBackend('broken-addn', () => new MathBackendCPU());
    tf.copyRegisteredKernels('cpu', 'broken-addn');
    tf.unregisterKernel('AddN', 'broken-addn');
    tf.registerKernel({
      kernelName: 'AddN',
      backendName: 'broken-addn',
      kernelFunc: ({ inputs, backend }) => {
        const first = (inputs as unknown as tf.TensorInfo[])[0]!;
        return (backend as MathBackendCPU).makeTensorInfo(
          first.shape,
          'float32',
          new Float32Array(tf.util.sizeFromShape(first.shape)),
        );
      },
    });
  });

  it('catches a backend that computes addN of 10 tensors as 0', async () => {
    await cpuBackend().activate(tf);
    await setActive(tf, 'webgpu', 'broken-addn');
    const error = await caught(checkActiveBackend(tf, 'broken-addn'));
    expect(error.code).toBe('BACKEND_CHECK_FAILED');
    expect(error.message).toMatch(/computed addN\(1\.\.10\) = 0, expected 55/);
  });

  it('leaves no tensors behind', async () => {
    await cpuBackend().activate(tf);
    const before = tf.memory().numTensors;
    await checkActiveBackend(tf, 'cpu');
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('setActive', () => {
  it('names the cause tfjs would only have logged', async () => {
    tf.registerBackend('exploding', () => {
      throw new Error('no device: the driver refused');
    });
    const error = await caught(setActive(tf, 'webgpu', 'exploding'));
    expect(error.code).toBe('BACKEND_UNAVAILABLE');
    expect(error.message).toBe(
      'webgpu backend failed to start: no device: the driver refused (tf.setBackend("exploding") returned false)',
    );
    tf.removeBackend('exploding');
  });
});

describe('listBackends', () => {
  it('says which work and why the others do not', async () => {
    const statuses = await listBackends(
      createBackendRegistry([
        fake('webgpu', missing),
        fake('wasm', cpuLike, { fail: 'wasm exploded' }),
        fake('cpu', cpuLike),
      ]),
    );
    expect(statuses.map((s) => [s.backend, s.works, s.reason])).toEqual([
      ['webgpu', false, 'package not installed'],
      ['wasm', false, 'wasm exploded'],
      ['cpu', true, 'fake cpu'],
    ]);
  });
});

describe('cancelling', () => {
  it('stops between backends when the signal is aborted, before starting the next', async () => {
    const controller = new AbortController();
    const gpu = fake('webgpu', missing);
    const wasm = fake('wasm', cpuLike);
    const aborting: BackendAdapter = {
      ...gpu,
      probe: async () => {
        controller.abort(new Error('user pressed Ctrl-C'));
        return missing;
      },
    };
    await expect(
      initBackend(createBackendRegistry([aborting, wasm]), 'auto', { signal: controller.signal }),
    ).rejects.toThrow('user pressed Ctrl-C');
    expect(wasm.activations).toBe(0);
    await expect(listBackends(createBackendRegistry([wasm]), { signal: controller.signal })).rejects.toThrow(
      'user pressed Ctrl-C',
    );
    expect(wasm.activations).toBe(0);
  });
});
