import type { BackendAdapter } from '../backend/types';
import { createWasmAdapter, missingWasmPaths, type WasmBackendOptions } from './wasm-adapter';

export type { WasmBackendOptions, WasmFileName, WasmPaths } from './wasm-adapter';

/**
 * tfjs's WebAssembly backend. In the browser, pass `wasmPaths` with the app's own URLs of the
 * `.wasm` files (they are never loaded from a CDN); threads need a cross-origin-isolated page.
 */
export function wasmBackend(options: WasmBackendOptions = {}): BackendAdapter {
  return createWasmAdapter(options, { defaultPaths: () => Promise.reject(missingWasmPaths()) });
}
