import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

// Each vocabulary is its own entry (and chunk), so importing the package root loads none of them.
// Source maps leave the sources out: they would repeat the 3.5 MB of packed vocabularies.
export default defineConfig(
  packageBuild(
    {
      index: 'src/index.ts',
      gpt2: 'src/encodings/gpt2.ts',
      cl100k_base: 'src/encodings/cl100k-base.ts',
      o200k_base: 'src/encodings/o200k-base.ts',
    },
    {
      esbuildOptions(options) {
        options.sourcesContent = false;
      },
    },
  ),
);
