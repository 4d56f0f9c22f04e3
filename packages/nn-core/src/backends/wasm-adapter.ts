import { NnCoreError } from '../errors';
import type { BackendAdapter } from '../backend/types';
import { firstLine, loadBackendPackage, setActive } from './load-package';
import { registerWasmTrainingKernels } from './wasm-kernels';

const PACKAGE = '@tensorflow/tfjs-backend-wasm';
const INSTALL = `npm install ${PACKAGE}@4.22.0`;

/** The three `.wasm` builds tfjs-backend-wasm chooses between. */
export type WasmFileName =
  'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm';

/**
 * Where the `.wasm` files are: a directory (path or URL ending in `/`), or one URL for each of the
 * three files, for example from a bundler's `?url` imports. Never a CDN: the files ship with the app.
 */
export type WasmPaths = string | Readonly<Record<WasmFileName, string>>;

/** Options of `wasmBackend`. */
export interface WasmBackendOptions {
  /**
   * Where to load the `.wasm` files from. Default in Node: the `dist/` folder of the installed
   * `@tensorflow/tfjs-backend-wasm`. Required in the browser.
   */
  readonly wasmPaths?: WasmPaths;
}

/** How the runtime finds and checks the `.wasm` files. */
export interface WasmFileSource {
  /** Where the files are when the app gave no `wasmPaths`. */
  defaultPaths(): Promise<WasmPaths>;
  /** Throws a typed error naming the first file that is not where `paths` says (Node only). */
  verify?(paths: WasmPaths, given: boolean): Promise<void>;
}

/** Builds the wasm adapter on a {@link WasmFileSource}. */
export function createWasmAdapter(options: WasmBackendOptions, files: WasmFileSource): BackendAdapter {
  const given = options.wasmPaths !== undefined;
  const paths = async (): Promise<WasmPaths> => {
    const found = options.wasmPaths ?? (await files.defaultPaths());
    await files.verify?.(found, given);
    return found;
  };
  const load = () => loadBackendPackage('wasm', PACKAGE, () => import('@tensorflow/tfjs-backend-wasm'), INSTALL);
  return {
    name: 'wasm',
    description: 'WebAssembly with SIMD (tfjs-backend-wasm); the fast CPU path',
    async probe() {
      if (typeof WebAssembly !== 'object') {
        return { available: false, hardware: false, reason: 'this runtime has no WebAssembly' };
      }
      try {
        await load();
        await paths();
        return { available: true, hardware: false, reason: 'WebAssembly on the CPU' };
      } catch (error) {
        return { available: false, hardware: false, reason: firstLine(error) };
      }
    },
    async activate(tf) {
      const wasm = await load();
      const where = await paths();
      // setWasmPaths may only be called before the backend is first initialised.
      if (!tf.engine().registry['wasm']) {
        try {
          if (typeof where === 'string') wasm.setWasmPaths(where);
          else wasm.setWasmPaths({ ...where });
        } catch (error) {
          // tfjs refuses once the backend has tried to start in this process (even if that failed).
          throw new NnCoreError('BACKEND_UNAVAILABLE', `wasm backend: ${firstLine(error)}`, {
            argument: 'wasmPaths',
            value: where,
            cause: error,
          });
        }
      }
      await setActive(tf, 'wasm', 'wasm');
      // tfjs-backend-wasm 4.22 lacks some gradient kernels (conv2d's filter, gather's) and has a wrong
      // MaxPoolGrad; add or replace them with ours.
      registerWasmTrainingKernels(tf);
      const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
      const threads = Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
      return {
        tfBackend: 'wasm',
        hardware: false,
        detail: `WebAssembly${simd ? ' SIMD' : ' without SIMD'}, ${threads ? 'multi-threaded' : 'single thread'}`,
      };
    },
  };
}

/** The error for a browser app that did not say where its `.wasm` files are. */
export function missingWasmPaths(): NnCoreError {
  return new NnCoreError(
    'INVALID_ARGUMENT',
    "wasmBackend: in the browser pass wasmPaths (the app's own URLs of the .wasm files, e.g. from " +
      "`import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'`)",
    { argument: 'wasmPaths', value: undefined, expected: 'a directory URL ending in / or a map of file URLs' },
  );
}
