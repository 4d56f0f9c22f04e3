import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared';

// `png` (Node: resvg and the shipped fonts) and `png.browser` (throws) are the two builds of the
// `./png` subpath; the root entry never loads either.
export default defineConfig(
  packageBuild({
    index: 'src/index.ts',
    png: 'src/png.ts',
    'png.browser': 'src/png.browser.ts',
  }),
);
