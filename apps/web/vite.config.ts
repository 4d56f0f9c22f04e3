import { defaultClientConditions, defineConfig } from 'vite';
import { appData } from './scripts/app-data';

export default defineConfig({
  // Relative URLs: the built site works from the root of any static server, or a subfolder.
  base: './',
  plugins: [appData()],
  resolve: {
    // In-repo packages resolve to their TypeScript sources, so the app needs no prior build.
    conditions: ['@chatgpt-explained/source', ...defaultClientConditions],
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // .wasm files are emitted as files next to the bundle, never inlined or fetched from a CDN.
    assetsInlineLimit: 0,
  },
});
