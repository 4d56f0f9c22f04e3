import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../harness';
import { type ChildResult, runTsWorker } from '../train/spawn';
import type { Word2VecRunResult, Word2VecSettings } from '../word2vec-types';

/** Whether @chatgpt-explained/embeddings exports a `./node` entry (its worker_threads trainer). */
export function oursParallelAvailable(): boolean {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'packages/embeddings/package.json'), 'utf8')) as {
    exports?: Record<string, unknown>;
  };
  return manifest.exports?.['./node'] !== undefined && existsSync(join(ROOT, 'packages/embeddings/src/node/index.ts'));
}

/** Trains our word2vec in its own process (ours-worker.ts) and writes the vectors to `out` (word2vec binary). */
export function runOurs(
  mode: 'single' | 'parallel',
  settings: Word2VecSettings,
  corpus: string,
  out: string,
  seed: number,
  dir: string,
  echo: boolean,
): Promise<ChildResult<Word2VecRunResult>> {
  const settingsPath = join(dir, 'ours-settings.json');
  writeFileSync(settingsPath, JSON.stringify(settings));
  return runTsWorker<Word2VecRunResult>(
    'bench/src/word2vec/ours-worker.ts',
    [settingsPath, corpus, out, String(seed), mode],
    echo,
  );
}
