import type { BackendAdapter, BackendProbe } from '../backend/types';
import { NnCoreError } from '../errors';
import { loadBackendPackage, setActive } from './load-package';

const PACKAGE = '@tensorflow/tfjs-backend-webgl';
const INSTALL = `npm install ${PACKAGE}@4.22.0`;
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|software|microsoft basic render/i;

function probeWebGl(): BackendProbe {
  const doc = (globalThis as { document?: { createElement(tag: 'canvas'): HTMLCanvasElement } }).document;
  let canvas: HTMLCanvasElement | OffscreenCanvas | undefined;
  if (typeof OffscreenCanvas === 'function') canvas = new OffscreenCanvas(1, 1);
  else if (doc !== undefined) canvas = doc.createElement('canvas');
  if (canvas === undefined) {
    return {
      available: false,
      hardware: false,
      reason: 'WebGL needs a browser: this runtime has no canvas (Node has none)',
    };
  }
  const gl = canvas.getContext('webgl2') as WebGL2RenderingContext | null;
  if (gl === null) return { available: false, hardware: false, reason: 'this browser gives no WebGL2 context' };
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(
    debug === null ? gl.getParameter(gl.RENDERER) : gl.getParameter(debug.UNMASKED_RENDERER_WEBGL),
  );
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  const software = SOFTWARE_RENDERER.test(renderer);
  return { available: true, hardware: !software, reason: `WebGL2 on ${renderer}${software ? ' (software)' : ''}` };
}

/** tfjs's WebGL2 backend (browsers only). `auto` tries it after wasm. */
export function webglBackend(): BackendAdapter {
  let probed: BackendProbe | undefined;
  const probe = () => (probed ??= probeWebGl());
  return {
    name: 'webgl',
    description: 'WebGL2 in the browser (tfjs-backend-webgl)',
    probe: async () => probe(),
    async activate(tf) {
      const result = probe();
      if (!result.available) {
        throw new NnCoreError('BACKEND_UNAVAILABLE', `webgl backend: ${result.reason}`, {
          argument: 'backend',
          value: 'webgl',
        });
      }
      await loadBackendPackage('webgl', PACKAGE, () => import('@tensorflow/tfjs-backend-webgl'), INSTALL);
      await setActive(tf, 'webgl', 'webgl');
      return { tfBackend: 'webgl', hardware: result.hardware, detail: result.reason };
    },
  };
}
