import { cpSync, rmSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

// The published CLI carries the repository's data (corpus, Wikipedia articles, letter
// frequencies) in its own data/ folder, where src/data-dir.ts finds it.
export default defineConfig(
  packageBuild(
    { index: 'src/index.ts', bin: 'src/bin.ts' },
    {
      platform: 'node',
      onSuccess: async () => {
        rmSync('data', { recursive: true, force: true });
        cpSync('../../data', 'data', { recursive: true, filter: (path) => !path.endsWith('.py') });
      },
    },
  ),
);
