import type { BackendAdapter } from '../backend/types';
import { NnCoreError } from '../errors';
import { createWasmAdapter, type WasmBackendOptions, type WasmFileName, type WasmPaths } from './wasm-adapter';

export type { WasmBackendOptions, WasmFileName, WasmPaths } from './wasm-adapter';

/** The builds tfjs loads in Node (it never uses threads there). */
const NODE_FILES: readonly WasmFileName[] = ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'];

/** The `dist/` folder of the installed tfjs-backend-wasm, where its `.wasm` files are. */
async function installedWasmDir(): Promise<WasmPaths> {
  const { createRequire } = await import('node:module');
  const { dirname } = await import('node:path');
  const main = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
  return `${dirname(main)}/`;
}

/** tfjs reports a missing `.wasm` only as "make sure the server can serve it"; say which file. */
async function verifyFiles(paths: WasmPaths, given: boolean): Promise<void> {
  const { access } = await import('node:fs/promises');
  const { fileURLToPath } = await import('node:url');
  for (const name of NODE_FILES) {
    const location = typeof paths === 'string' ? `${paths}${name}` : paths[name];
    if (/^(https?|data|blob):/.test(location)) continue;
    const file = location.startsWith('file:') ? fileURLToPath(location) : location;
    try {
      await access(file);
    } catch {
      throw new NnCoreError(
        given ? 'INVALID_ARGUMENT' : 'BACKEND_UNAVAILABLE',
        given
          ? `wasmBackend: wasmPaths has no ${name}: ${file} does not exist`
          : `wasm backend: ${file} is missing from the installed @tensorflow/tfjs-backend-wasm (reinstall it)`,
        { argument: 'wasmPaths', value: paths, expected: `a directory holding ${NODE_FILES.join(' and ')}` },
      );
    }
  }
}

/**
 * tfjs's WebAssembly backend. In Node its `.wasm` files are read from the installed
 * `@tensorflow/tfjs-backend-wasm` (never fetched), or from `wasmPaths`; tfjs runs it
 * single-threaded in Node.
 */
export function wasmBackend(options: WasmBackendOptions = {}): BackendAdapter {
  return createWasmAdapter(options, { defaultPaths: installedWasmDir, verify: verifyFiles });
}
