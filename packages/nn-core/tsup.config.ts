import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

export default defineConfig(
  packageBuild(
    {
      index: 'src/index.ts',
      'backends/cpu': 'src/backends/cpu.ts',
      'backends/wasm': 'src/backends/wasm.ts',
      'backends/wasm.node': 'src/backends/wasm.node.ts',
      'backends/webgpu': 'src/backends/webgpu.ts',
      'backends/webgpu.node': 'src/backends/webgpu.node.ts',
      'backends/webgl': 'src/backends/webgl.ts',
      'backends/cuda': 'src/backends/cuda.ts',
      'test/index': 'src/test/index.ts',
    },
    {
      // tfjs-core registers its gradients only through an ESM file with extensionless imports,
      // which Node cannot load: bundle it into a chunk that initBackend() imports on first use.
      noExternal: [/^@tensorflow\/tfjs-core\/dist\//],
    },
  ),
);
