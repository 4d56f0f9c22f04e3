import type { BackendAdapter } from '../backend/types';
import { loadBackendPackage, setActive } from './load-package';

const PACKAGE = '@tensorflow/tfjs-backend-cpu';
const INSTALL = `npm install ${PACKAGE}@4.22.0`;

/** tfjs's plain JavaScript backend: runs anywhere, slowest (about 30× slower than wasm here). */
export function cpuBackend(): BackendAdapter {
  const load = () => loadBackendPackage('cpu', PACKAGE, () => import('@tensorflow/tfjs-backend-cpu'), INSTALL);
  return {
    name: 'cpu',
    description: 'plain JavaScript (tfjs-backend-cpu); works everywhere, slowest',
    async probe() {
      try {
        await load();
        return { available: true, hardware: false, reason: 'JavaScript on the CPU' };
      } catch (error) {
        return { available: false, hardware: false, reason: (error as Error).message };
      }
    },
    async activate(tf) {
      await load();
      await setActive(tf, 'cpu', 'cpu');
      return { tfBackend: 'cpu', hardware: false, detail: 'JavaScript on the CPU' };
    },
  };
}
