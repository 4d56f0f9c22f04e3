// The package cannot be installed here (see CUDA_INSTALL_HINT), so its module is declared in
// tfjs-node-gpu.d.ts, referenced because a type-only import cannot name an ambient module file.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./tfjs-node-gpu.d.ts" />
import type { BackendAdapter } from '../backend/types';
import { packageBackend } from './package-adapter';

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
  return packageBackend({
    name: 'cuda',
    description: 'native TensorFlow with CUDA (@tensorflow/tfjs-node-gpu), where installed',
    packageName: PACKAGE,
    load: () => import('@tensorflow/tfjs-node-gpu'),
    installHint: CUDA_INSTALL_HINT,
    tfBackend: 'tensorflow',
    hardware: true,
    detail: 'libtensorflow with CUDA',
    // The GPU build of libtensorflow runs quietly on the CPU when it finds no CUDA device.
    started: (tf) =>
      (tf.backend() as { isUsingGpuDevice?: boolean }).isUsingGpuDevice === true
        ? { hardware: true, detail: 'libtensorflow on a CUDA GPU' }
        : { hardware: false, detail: 'libtensorflow on the CPU: it found no usable CUDA device' },
  });
}
