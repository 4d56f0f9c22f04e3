import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

/** In-repo packages resolve to their TypeScript sources: tests need no prior build. */
const SOURCE = '@chatgpt-explained/source';

const packages = ['tokenizer', 'ngram', 'sampler', 'nn-core', 'trainer', 'embeddings', 'gpt2', 'viz', 'essay'];
const apps = ['cli', 'web'];

export default defineConfig({
  resolve: { conditions: [SOURCE, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions] } },
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      ...packages.map((name) => ({
        extends: true as const,
        test: { name, root: `packages/${name}`, include: ['src/**/*.test.ts'] },
      })),
      ...apps.map((name) => ({
        extends: true as const,
        test: {
          name,
          root: `apps/${name}`,
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          // The web app's browser tests share one production build.
          ...(name === 'web' ? { globalSetup: ['test/global-setup.ts'] } : {}),
        },
      })),
      {
        extends: true as const,
        test: {
          name: 'repo',
          root: '.',
          include: ['scripts/**/*.test.ts', 'tools/**/*.test.ts', 'bench/src/**/*.test.ts'],
        },
      },
    ],
  },
});
