import { createBackendRegistry, type BackendRegistry } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { webglBackend } from '@chatgpt-explained/nn-core/backends/webgl';
import { webgpuBackend } from '@chatgpt-explained/nn-core/backends/webgpu';
// The .wasm files are emitted with the app and loaded from its own origin.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/** The backends the web app offers, in the order `auto` tries them. */
export function browserBackendRegistry(): BackendRegistry {
  return createBackendRegistry([
    webgpuBackend(),
    wasmBackend({
      wasmPaths: {
        'tfjs-backend-wasm.wasm': wasmPlain,
        'tfjs-backend-wasm-simd.wasm': wasmSimd,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
      },
    }),
    webglBackend(),
    cpuBackend(),
  ]);
}
