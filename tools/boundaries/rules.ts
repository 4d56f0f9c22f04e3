/**
 * The allowed dependency graph of the workspace, written down once. The boundary check reads it for
 * every package.json and every import.
 */

/** The library packages, by directory name under `packages/`. */
export const LIBRARIES = [
  'tokenizer',
  'ngram',
  'sampler',
  'nn-core',
  'trainer',
  'embeddings',
  'gpt2',
  'viz',
  'essay',
] as const;
export type Library = (typeof LIBRARIES)[number];

/** Which of our packages each library may use. Apps (under `apps/`) may use every library. */
export const ALLOWED: Readonly<Record<Library, readonly Library[]>> = {
  tokenizer: [],
  sampler: [],
  viz: [],
  'nn-core': [],
  ngram: ['tokenizer', 'sampler'],
  trainer: ['nn-core'],
  embeddings: ['nn-core', 'trainer', 'tokenizer'],
  gpt2: ['nn-core', 'trainer', 'tokenizer', 'sampler'],
  essay: ['tokenizer', 'ngram', 'sampler', 'nn-core', 'trainer', 'embeddings', 'gpt2', 'viz'],
};

/** Our npm scope. */
export const SCOPE = '@chatgpt-explained/';

/**
 * Compute backends: never a library's dependency; reached only through nn-core's adapters. The
 * `@tensorflow/tfjs` bundle counts: it registers cpu and webgl on import.
 */
export function isBackendPackage(name: string): boolean {
  return (
    /^@tensorflow\/tfjs-backend-/.test(name) ||
    /^@tensorflow\/tfjs-node(-gpu)?$/.test(name) ||
    name === '@tensorflow/tfjs' ||
    name === 'webgpu'
  );
}

/** The package that must be a peer dependency of every library that uses it (one engine per app). */
export const ENGINE_PACKAGE = '@tensorflow/tfjs-core';

/** Where nn-core's backend adapters live; the only library code that may import a backend. */
export const ADAPTER_DIR = 'packages/nn-core/src/backends/';

/** The subpath of nn-core that only apps (and tests) import. */
export const ADAPTER_SUBPATH = `${SCOPE}nn-core/backends/`;
