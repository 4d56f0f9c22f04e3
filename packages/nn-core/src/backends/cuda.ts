// The package cannot be installed here (see below), so its module is declared in this file:
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./tfjs-node-gpu.d.ts" />
import type { BackendAdapter } from '../backend/types';
import { firstLine, loadBackendPackage, setActive } from './load-package';

const PACKAGE = '@tensorflow/tfjs-node-gpu';

/**
 * How to get the cuda backend, and why it may not work: said in every error, because the install
 * step is where it usually fails.
 */
export const CUDA_INSTALL_HINT =
  `npm install ${PACKAGE}@4.22.0 (its install script downloads libtensorflow from ` +
  'storage.googleapis.com, so it fails offline or behind a registry-only proxy; it needs Linux x64, ' +
  'an NVIDIA driver, CUDA 11.2 and cuDNN 8.1; on other NVIDIA setups use the webgpu backend)';

/** TensorFlow's native CUDA kernels through `@tensorflow/tfjs-node-gpu`, where the user installed it. */
export function cudaBackend(): BackendAdapter {
  const load = () => loadBackendPackage('cuda', PACKAGE, () => import('@tensorflow/tfjs-node-gpu'), CUDA_INSTALL_HINT);
  return {
    name: 'cuda',
    description: 'native TensorFlow with CUDA (@tensorflow/tfjs-node-gpu), where installed',
    async probe() {
      try {
        await load();
        return { available: true, hardware: true, reason: 'libtensorflow with CUDA' };
      } catch (error) {
        return { available: false, hardware: false, reason: firstLine(error) };
      }
    },
    async activate(tf) {
      await load();
      await setActive(tf, 'cuda', 'tensorflow');
      return { tfBackend: 'tensorflow', hardware: true, detail: 'libtensorflow with CUDA' };
    },
  };
}
