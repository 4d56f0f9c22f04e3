import { describe, expect, it } from 'vitest';
import { NnCoreError } from '../errors';
import { createBackendRegistry } from './registry';
import type { BackendAdapter, BackendName } from './types';

function fake(name: string): BackendAdapter {
  return {
    name: name as BackendName,
    description: `fake ${name}`,
    probe: async () => ({ available: true, hardware: false, reason: 'fake' }),
    activate: async () => ({ tfBackend: 'cpu', hardware: false, detail: 'fake' }),
  };
}

describe('createBackendRegistry', () => {
  it('lists names in the order auto considers them, whatever the registration order', () => {
    const registry = createBackendRegistry([fake('cpu'), fake('wasm'), fake('webgpu')]);
    expect(registry.names).toEqual(['webgpu', 'wasm', 'cpu']);
    expect(registry.has('wasm')).toBe(true);
    expect(registry.has('cuda')).toBe(false);
    expect(registry.get('cpu').description).toBe('fake cpu');
  });

  it('refuses two adapters with one name', () => {
    const attempt = () => createBackendRegistry([fake('wasm'), fake('wasm')]);
    expect(attempt).toThrow(/two adapters are named "wasm"/);
    try {
      attempt();
    } catch (error) {
      expect(NnCoreError.isInstance(error) && error.code).toBe('BACKEND_DUPLICATE');
    }
  });

  it('refuses a name nn-core does not know', () => {
    expect(() => createBackendRegistry([fake('metal')])).toThrow(/adapter name "metal" is not one of webgpu, cuda/);
  });

  it('names the unknown backend and lists the known ones', () => {
    const registry = createBackendRegistry([fake('cpu'), fake('wasm')]);
    let caught: unknown;
    try {
      registry.get('tpu');
    } catch (error) {
      caught = error;
    }
    expect(NnCoreError.isInstance(caught)).toBe(true);
    const error = caught as NnCoreError;
    expect(error.code).toBe('BACKEND_UNKNOWN');
    expect(error.argument).toBe('backend');
    expect(error.value).toBe('tpu');
    expect(error.message).toBe('backend "tpu" is not registered; known backends: wasm, cpu');
  });
});
