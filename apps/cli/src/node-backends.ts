import { createBackendRegistry, type BackendRegistry } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { cudaBackend } from '@chatgpt-explained/nn-core/backends/cuda';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { webglBackend } from '@chatgpt-explained/nn-core/backends/webgl';
import { webgpuBackend } from '@chatgpt-explained/nn-core/backends/webgpu';

/** Every backend nn-core knows, as the CLI offers them in Node. */
export function nodeBackendRegistry(): BackendRegistry {
  return createBackendRegistry([webgpuBackend(), cudaBackend(), wasmBackend(), webglBackend(), cpuBackend()]);
}
