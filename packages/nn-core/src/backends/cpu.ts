import type { BackendAdapter } from '../backend/types';
import { packageBackend } from './package-adapter';

/** tfjs's plain JavaScript backend: runs anywhere, slowest (about 20× slower than wasm here). */
export function cpuBackend(): BackendAdapter {
  return packageBackend({
    name: 'cpu',
    description: 'plain JavaScript (tfjs-backend-cpu); works everywhere, slowest',
    packageName: '@tensorflow/tfjs-backend-cpu',
    load: () => import('@tensorflow/tfjs-backend-cpu'),
    installHint: 'npm install @tensorflow/tfjs-backend-cpu@4.22.0',
    tfBackend: 'cpu',
    hardware: false,
    detail: 'JavaScript on the CPU',
  });
}
