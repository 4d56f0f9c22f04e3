import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBoundaries, formatViolations, packageOf, realPackage } from './check';
import { classify, findReferences, scanWorkspace, type Manifest, type Project } from './scan';

const root = join(import.meta.dirname, '../..');
const rootManifest: Manifest = { devDependencies: { vitest: '4.1.12', typescript: '5.9.3' } };

/** A project built from inline sources, as scanWorkspace would read it. */
function project(dir: string, manifest: Manifest, sources: Record<string, string> = {}): Project {
  const [group, name] = dir.split('/') as [string, string];
  return {
    dir,
    kind: group === 'apps' ? 'app' : 'library',
    name,
    manifest: { name: `@chatgpt-explained/${name}`, ...manifest },
    files: Object.entries(sources).map(([file, text]) => ({
      path: `${dir}/${file}`,
      ...classify(dir, `${dir}/${file}`),
      references: findReferences(file, text),
    })),
  };
}

const tfPeer = { peerDependencies: { '@tensorflow/tfjs-core': '4.22.0' } };

/** A small workspace that respects every rule; each test adds one crossing. */
function baseline(): Project[] {
  return [
    project('packages/sampler', {}, { 'src/index.ts': "export const x = 1;\nimport { y } from './y';" }),
    project('packages/tokenizer', {}, { 'src/index.ts': 'export {};' }),
    project(
      'packages/ngram',
      { dependencies: { '@chatgpt-explained/sampler': 'workspace:^', '@chatgpt-explained/tokenizer': 'workspace:^' } },
      {
        'src/index.ts':
          "import { x } from '@chatgpt-explained/sampler';\nimport type { T } from '@chatgpt-explained/tokenizer';",
      },
    ),
    project(
      'packages/nn-core',
      {
        ...tfPeer,
        peerDependencies: { '@tensorflow/tfjs-core': '4.22.0', '@tensorflow/tfjs-backend-wasm': '4.22.0' },
        peerDependenciesMeta: { '@tensorflow/tfjs-backend-wasm': { optional: true } },
        devDependencies: { '@tensorflow/tfjs-backend-wasm': '4.22.0' },
      },
      {
        'src/index.ts': "import * as tf from '@tensorflow/tfjs-core';",
        'src/backends/wasm.ts': "await import('@tensorflow/tfjs-backend-wasm');",
        'src/backends/wasm.test.ts': "import { it } from 'vitest';",
      },
    ),
    project(
      'packages/trainer',
      { ...tfPeer, dependencies: { '@chatgpt-explained/nn-core': 'workspace:^' } },
      {
        'src/index.ts':
          "import type { Tensor } from '@tensorflow/tfjs-core';\nimport { initBackend } from '@chatgpt-explained/nn-core';",
        'src/train.test.ts': "import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';",
        'tsup.config.ts': "import { packageBuild } from '../../tsup.shared';",
      },
    ),
    project(
      'apps/cli',
      {
        dependencies: {
          '@chatgpt-explained/nn-core': 'workspace:^',
          '@chatgpt-explained/ngram': 'workspace:^',
          '@tensorflow/tfjs-backend-wasm': '4.22.0',
          commander: '14.0.3',
        },
      },
      {
        'src/main.ts':
          "import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';\nimport { Command } from 'commander';\nimport { x } from '@chatgpt-explained/ngram';\nimport { readFile } from 'node:fs/promises';\nimport path from 'path';",
      },
    ),
  ];
}

/** Replaces one project of the baseline. */
function withProject(change: Project): Project[] {
  return baseline().map((p) => (p.dir === change.dir ? change : p));
}

function messages(projects: Project[]): string[] {
  return checkBoundaries(projects, rootManifest).map((v) => `${v.file}${v.line ? `:${v.line}` : ''}: ${v.message}`);
}

describe('the boundary check', () => {
  it('finds nothing in the baseline fixture', () => {
    expect(messages(baseline())).toEqual([]);
  });

  it('finds nothing in this repository', () => {
    const violations = checkBoundaries(
      scanWorkspace(root),
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')),
    );
    expect(formatViolations(violations)).toBe('');
  });

  it('catches a forbidden dependency in package.json', () => {
    const sampler = project('packages/sampler', { dependencies: { '@chatgpt-explained/gpt2': 'workspace:^' } });
    expect(messages(withProject(sampler))).toEqual([
      'packages/sampler/package.json: @chatgpt-explained/sampler may not depend on @chatgpt-explained/gpt2 (dependencies); allowed: none of ours',
    ]);
  });

  it('catches a forbidden devDependency too', () => {
    const trainer = project('packages/trainer', {
      ...tfPeer,
      devDependencies: { '@chatgpt-explained/gpt2': 'workspace:^' },
    });
    expect(messages(withProject(trainer))).toContain(
      'packages/trainer/package.json: @chatgpt-explained/trainer may not depend on @chatgpt-explained/gpt2 (devDependencies); allowed: @chatgpt-explained/nn-core',
    );
  });

  it('catches a forbidden static import even when package.json declares it', () => {
    const tokenizer = project(
      'packages/tokenizer',
      { dependencies: { '@chatgpt-explained/sampler': 'workspace:^' } },
      { 'src/index.ts': "\nimport { sample } from '@chatgpt-explained/sampler';" },
    );
    expect(messages(withProject(tokenizer))).toEqual([
      'packages/tokenizer/package.json: @chatgpt-explained/tokenizer may not depend on @chatgpt-explained/sampler (dependencies); allowed: none of ours',
      'packages/tokenizer/src/index.ts:2: @chatgpt-explained/tokenizer may not import @chatgpt-explained/sampler; allowed: none of ours',
    ]);
  });

  it.each([
    ['a dynamic import()', "const m = await import('@chatgpt-explained/gpt2');"],
    ['a re-export', "export * from '@chatgpt-explained/gpt2';"],
    ['require()', "const m = require('@chatgpt-explained/gpt2');"],
    ['an import() type', "let m: typeof import('@chatgpt-explained/gpt2');"],
    ['import = require()', "import m = require('@chatgpt-explained/gpt2');"],
  ])('follows %s', (_label, code) => {
    const ngram = project(
      'packages/ngram',
      { dependencies: { '@chatgpt-explained/sampler': 'workspace:^' } },
      { 'src/index.ts': code },
    );
    expect(messages(withProject(ngram))).toEqual([
      'packages/ngram/src/index.ts:1: @chatgpt-explained/ngram may not import @chatgpt-explained/gpt2; allowed: @chatgpt-explained/tokenizer, @chatgpt-explained/sampler',
    ]);
  });

  it('refuses a dynamic import it cannot read', () => {
    const ngram = project(
      'packages/ngram',
      {},
      { 'src/index.ts': "const name = 'gpt2';\nawait import(`@chatgpt-explained/${name}`);" },
    );
    expect(messages(withProject(ngram))).toEqual([
      'packages/ngram/src/index.ts:2: dynamic import with a computed specifier cannot be checked; use a string literal',
    ]);
  });

  it('catches relative paths that reach into another package, even an allowed one', () => {
    const ngram = project(
      'packages/ngram',
      { dependencies: { '@chatgpt-explained/sampler': 'workspace:^' } },
      {
        'src/index.ts': "import { x } from '../../sampler/src/index';",
        'src/other.ts': '/// <reference path="../../gpt2/src/types.d.ts" />\nexport {};',
        'src/leave.ts': "import data from '../../../shared/data/x.json';",
      },
    );
    expect(messages(withProject(ngram))).toEqual([
      'packages/ngram/src/index.ts:1: relative path "../../sampler/src/index" reaches into packages/sampler; import @chatgpt-explained/sampler instead',
      'packages/ngram/src/other.ts:1: relative path "../../gpt2/src/types.d.ts" leaves packages/ngram',
      'packages/ngram/src/leave.ts:1: relative path "../../../shared/data/x.json" leaves packages/ngram',
    ]);
  });

  it('keeps compute backends out of library dependencies', () => {
    const trainer = project('packages/trainer', {
      ...tfPeer,
      dependencies: { '@tensorflow/tfjs-backend-wasm': '4.22.0', webgpu: '0.6.2' },
    });
    expect(messages(withProject(trainer))).toEqual([
      'packages/trainer/package.json: library @chatgpt-explained/trainer lists the compute backend @tensorflow/tfjs-backend-wasm in dependencies; backends are optional peers of nn-core, chosen by the app',
      'packages/trainer/package.json: library @chatgpt-explained/trainer lists the compute backend webgpu in dependencies; backends are optional peers of nn-core, chosen by the app',
    ]);
  });

  it('allows a backend peer only as an optional peer of nn-core', () => {
    const nnCore = project('packages/nn-core', {
      peerDependencies: { '@tensorflow/tfjs-core': '4.22.0', '@tensorflow/tfjs-node-gpu': '4.22.0' },
    });
    expect(messages(withProject(nnCore))).toEqual([
      'packages/nn-core/package.json: @tensorflow/tfjs-node-gpu may only be an optional peer dependency of nn-core, not of @chatgpt-explained/nn-core',
    ]);
  });

  it('keeps backend imports and adapter subpaths out of library code', () => {
    const trainer = project(
      'packages/trainer',
      {
        ...tfPeer,
        peerDependencies: { '@tensorflow/tfjs-core': '4.22.0' },
        dependencies: { '@chatgpt-explained/nn-core': 'workspace:^' },
      },
      {
        'src/index.ts':
          "import '@tensorflow/tfjs-backend-cpu';\nimport { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';",
        'src/x.test.ts': "import '@tensorflow/tfjs-backend-webgl';",
      },
    );
    expect(messages(withProject(trainer))).toEqual([
      "packages/trainer/src/index.ts:1: library code imports the compute backend @tensorflow/tfjs-backend-cpu; only nn-core's adapters (packages/nn-core/src/backends/) may",
      'packages/trainer/src/index.ts:2: library code imports the backend adapter @chatgpt-explained/nn-core/backends/cpu; only apps choose a backend',
      'packages/trainer/src/x.test.ts:1: test imports the compute backend @tensorflow/tfjs-backend-webgl; start backends through @chatgpt-explained/nn-core/backends/<name>',
    ]);
  });

  it('keeps nn-core backend imports inside its adapters directory', () => {
    const nnCore = withProject(
      project(
        'packages/nn-core',
        {
          peerDependencies: { '@tensorflow/tfjs-core': '4.22.0', '@tensorflow/tfjs-backend-wasm': '4.22.0' },
          peerDependenciesMeta: { '@tensorflow/tfjs-backend-wasm': { optional: true } },
        },
        { 'src/layers/dense.ts': "import '@tensorflow/tfjs-backend-wasm';" },
      ),
    );
    expect(messages(nnCore)).toEqual([
      "packages/nn-core/src/layers/dense.ts:1: library code imports the compute backend @tensorflow/tfjs-backend-wasm; only nn-core's adapters (packages/nn-core/src/backends/) may",
    ]);
  });

  it('requires tfjs-core to be a peer of a library, not a dependency', () => {
    const trainer = project('packages/trainer', {
      dependencies: { '@tensorflow/tfjs-core': '4.22.0', '@chatgpt-explained/nn-core': 'workspace:^' },
    });
    expect(messages(withProject(trainer))).toEqual([
      'packages/trainer/package.json: @tensorflow/tfjs-core must be a peer dependency of @chatgpt-explained/trainer, not in dependencies (one engine per app)',
    ]);
  });

  it('catches packages used without being declared; tests and scripts may use devDependencies and the root tools', () => {
    const sampler = project(
      'packages/sampler',
      { devDependencies: { 'fast-check': '4.10.2' } },
      {
        'src/index.ts': "import seedrandom from 'seedrandom';\nimport fc from 'fast-check';",
        'src/index.test.ts': "import fc from 'fast-check';\nimport { it } from 'vitest';\nimport left from 'left-pad';",
        'scripts/make-table.mjs':
          "import fc from 'fast-check';\nimport ts from 'typescript';\nimport left from 'left-pad';",
        'src/scripts/table.ts': "import fc from 'fast-check';",
      },
    );
    expect(messages(withProject(sampler))).toEqual([
      'packages/sampler/src/index.ts:1: seedrandom is imported but seedrandom is not declared in packages/sampler/package.json',
      'packages/sampler/src/index.ts:2: fast-check is imported but fast-check is not declared in packages/sampler/package.json',
      'packages/sampler/src/index.test.ts:3: left-pad is imported but left-pad is not declared in packages/sampler/package.json (nor in the root devDependencies)',
      'packages/sampler/scripts/make-table.mjs:3: left-pad is imported but left-pad is not declared in packages/sampler/package.json (nor in the root devDependencies)',
      'packages/sampler/src/scripts/table.ts:1: fast-check is imported but fast-check is not declared in packages/sampler/package.json',
    ]);
  });

  it('lets apps use every library and the adapters', () => {
    const cli = project(
      'apps/cli',
      { dependencies: { '@chatgpt-explained/gpt2': 'workspace:^', '@chatgpt-explained/nn-core': 'workspace:^' } },
      { 'src/a.ts': "import '@chatgpt-explained/gpt2';\nimport '@chatgpt-explained/nn-core/backends/webgpu';" },
    );
    expect(messages(withProject(cli))).toEqual([]);
  });
});

describe('the boundary check against ways around it', () => {
  it('sees through npm: and workspace: aliases, in package.json and in imports', () => {
    const sampler = project(
      'packages/sampler',
      { dependencies: { g: 'workspace:@chatgpt-explained/gpt2@*', wb: 'npm:@tensorflow/tfjs-backend-wasm@4.22.0' } },
      { 'src/index.ts': "import 'g';\nimport 'wb';" },
    );
    expect(messages(withProject(sampler))).toEqual([
      'packages/sampler/package.json: @chatgpt-explained/sampler may not depend on @chatgpt-explained/gpt2 (as "g") (dependencies); allowed: none of ours',
      'packages/sampler/package.json: library @chatgpt-explained/sampler lists the compute backend @tensorflow/tfjs-backend-wasm (as "wb") in dependencies; backends are optional peers of nn-core, chosen by the app',
      'packages/sampler/src/index.ts:1: @chatgpt-explained/sampler may not import g (@chatgpt-explained/gpt2); allowed: none of ours',
      "packages/sampler/src/index.ts:2: library code imports the compute backend @tensorflow/tfjs-backend-wasm; only nn-core's adapters (packages/nn-core/src/backends/) may",
    ]);
  });

  it('catches link: and file: dependencies into another package', () => {
    const sampler = project('packages/sampler', { dependencies: { x: 'link:../ngram', y: 'file:../../apps/cli' } });
    expect(messages(withProject(sampler))).toEqual([
      'packages/sampler/package.json: @chatgpt-explained/sampler links x to packages/ngram by path (link:../ngram); depend on @chatgpt-explained/ngram with workspace:^',
      'packages/sampler/package.json: @chatgpt-explained/sampler links y to apps/cli by path (file:../../apps/cli); depend on @chatgpt-explained/cli with workspace:^',
    ]);
  });

  it.each([
    [
      'createRequire(…)(…)',
      "import { createRequire } from 'node:module';\nconst m = createRequire(import.meta.url)('@chatgpt-explained/gpt2');",
    ],
    [
      'a require made by createRequire',
      "import { createRequire } from 'node:module';\nconst req = createRequire(import.meta.url);\nreq('@chatgpt-explained/gpt2');",
    ],
    ['require.resolve', "const p = require.resolve('@chatgpt-explained/gpt2');"],
    [
      'createRequire(…).resolve',
      "import { createRequire } from 'node:module';\ncreateRequire(import.meta.url).resolve('@chatgpt-explained/gpt2');",
    ],
    ['import.meta.resolve', "const u = import.meta.resolve('@chatgpt-explained/gpt2');"],
    ['module.require', "const m = module.require('@chatgpt-explained/gpt2');"],
  ])('follows %s', (_label, code) => {
    const ngram = project('packages/ngram', {}, { 'src/index.ts': code });
    const found = messages(withProject(ngram));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^packages\/ngram\/src\/index\.ts:\d: @chatgpt-explained\/ngram may not import @chatgpt-explained\/gpt2;/,
    );
  });

  it('refuses a createRequire result that is passed along', () => {
    const ngram = project(
      'packages/ngram',
      {},
      {
        'src/index.ts':
          "import { createRequire } from 'node:module';\nexport const load = createRequire(import.meta.url);",
      },
    );
    expect(messages(withProject(ngram))).toEqual([
      'packages/ngram/src/index.ts:2: a createRequire result that is passed along cannot be checked; call it in place with a string literal',
    ]);
  });

  it("follows new URL('…', import.meta.url) into another package, and leaves web URLs alone", () => {
    const ngram = project(
      'packages/ngram',
      {},
      {
        'src/index.ts':
          "const w = new URL('../../gpt2/src/weights.bin', import.meta.url);\nconst h = new URL('https://huggingface.co/gpt2', import.meta.url);",
      },
    );
    expect(messages(withProject(ngram))).toEqual([
      'packages/ngram/src/index.ts:1: relative path "../../gpt2/src/weights.bin" leaves packages/ngram',
    ]);
  });

  it('refuses relative paths through node_modules', () => {
    const trainer = project(
      'packages/trainer',
      { ...tfPeer, dependencies: { '@chatgpt-explained/nn-core': 'workspace:^' } },
      {
        'src/index.ts':
          "import { wasmBackend } from '../node_modules/@chatgpt-explained/nn-core/src/backends/wasm.node';",
      },
    );
    expect(messages(withProject(trainer))).toEqual([
      'packages/trainer/src/index.ts:1: relative path "../node_modules/@chatgpt-explained/nn-core/src/backends/wasm.node" goes through node_modules; import the package by name',
    ]);
  });

  it('counts the @tensorflow/tfjs bundle as a backend, and tfjs-core only as a peer', () => {
    const trainer = project(
      'packages/trainer',
      {
        optionalDependencies: { '@tensorflow/tfjs-core': '4.22.0', '@tensorflow/tfjs': '4.22.0' },
        dependencies: { '@chatgpt-explained/nn-core': 'workspace:^' },
      },
      { 'src/index.ts': "import * as tf from '@tensorflow/tfjs-core';" },
    );
    expect(messages(withProject(trainer))).toEqual([
      'packages/trainer/package.json: @tensorflow/tfjs-core must be a peer dependency of @chatgpt-explained/trainer, not in optionalDependencies (one engine per app)',
      'packages/trainer/package.json: library @chatgpt-explained/trainer lists the compute backend @tensorflow/tfjs in optionalDependencies; backends are optional peers of nn-core, chosen by the app',
      'packages/trainer/src/index.ts:1: @chatgpt-explained/trainer uses @tensorflow/tfjs-core without listing it in peerDependencies (one engine per app)',
    ]);
  });

  it('treats shipped helpers and nested configs as library code', () => {
    const trainer = project(
      'packages/trainer',
      { ...tfPeer, dependencies: { '@chatgpt-explained/nn-core': 'workspace:^' } },
      {
        'src/testing/mock.ts':
          "import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';\nimport { vi } from 'vitest';",
        'src/model.config.ts': "import x from '../../../tools/x';",
      },
    );
    expect(messages(withProject(trainer))).toEqual([
      'packages/trainer/src/testing/mock.ts:1: library code imports the backend adapter @chatgpt-explained/nn-core/backends/wasm; only apps choose a backend',
      'packages/trainer/src/testing/mock.ts:2: vitest is imported but vitest is not declared in packages/trainer/package.json',
      'packages/trainer/src/model.config.ts:1: relative path "../../../tools/x" leaves packages/trainer',
    ]);
  });

  it('scans every workspace package, bench included', () => {
    expect(scanWorkspace(root).map((p) => p.dir)).toEqual(
      expect.arrayContaining(['packages/nn-core', 'apps/cli', 'apps/web', 'bench']),
    );
  });
});

describe('packageOf', () => {
  it('strips subpaths from scoped and unscoped specifiers', () => {
    expect(packageOf('@chatgpt-explained/nn-core/backends/cpu')).toBe('@chatgpt-explained/nn-core');
    expect(packageOf('@tensorflow/tfjs-backend-wasm/dist/x.wasm?url')).toBe('@tensorflow/tfjs-backend-wasm');
    expect(packageOf('commander')).toBe('commander');
    expect(packageOf('lodash/fp')).toBe('lodash');
  });

  it('reads the real package behind npm: and workspace: aliases', () => {
    expect(realPackage('g', 'workspace:@chatgpt-explained/gpt2@*')).toBe('@chatgpt-explained/gpt2');
    expect(realPackage('wb', 'npm:@tensorflow/tfjs-backend-wasm@4.22.0')).toBe('@tensorflow/tfjs-backend-wasm');
    expect(realPackage('lp', 'npm:left-pad@^1')).toBe('left-pad');
    expect(realPackage('@chatgpt-explained/nn-core', 'workspace:^')).toBe('@chatgpt-explained/nn-core');
  });
});
