import type { Options } from 'tsup';

/**
 * The build every package shares: ESM only, bundled `.d.ts`, source maps with their sources inlined
 * (the tarball ships `dist/` alone). `entry` maps output names (`index`, `backends/wasm`) to sources.
 */
export function packageBuild(entry: Record<string, string>, overrides: Options = {}): Options {
  return {
    entry,
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    splitting: true,
    // Keep `node:` specifiers (tsup strips them by default), so every bundler knows them for Node
    // built-ins, and leave them external.
    removeNodeProtocol: false,
    external: [/^node:/],
    ...overrides,
  };
}
