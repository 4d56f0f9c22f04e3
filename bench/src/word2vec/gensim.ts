import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../harness';
import { type ChildResult, runJson } from '../train/spawn';
import type { Word2VecRunResult, Word2VecSettings } from '../word2vec-types';

/**
 * Trains gensim's Word2Vec (skip-gram, negative sampling) in its own `python` process with
 * gensim_train.py and writes the vectors to `out` (word2vec binary). A missing interpreter or a
 * Python without gensim gives a result with `unavailable` set.
 */
export async function runGensim(
  python: string,
  settings: Word2VecSettings,
  corpus: string,
  out: string,
  seed: number,
  dir: string,
): Promise<ChildResult<Word2VecRunResult>> {
  const settingsPath = join(dir, 'gensim-settings.json');
  writeFileSync(settingsPath, JSON.stringify(settings));
  const script = join(ROOT, 'bench/src/word2vec/gensim_train.py');
  // gensim's threads are its `workers`; keep BLAS from starting more of its own.
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', PYTHONHASHSEED: '0' };
  const result = await runJson<Word2VecRunResult>(python, [script, settingsPath, corpus, out, String(seed)], { env });
  if (result.ok && result.value.unavailable !== undefined)
    return { ok: true, value: { unavailable: `${python}: ${result.value.unavailable}` } };
  if (result.ok) {
    const v = result.value as Word2VecRunResult & { input?: string };
    return {
      ok: true,
      value: {
        ...v,
        timing: `Word2Vec.train() alone (${v.input ?? '?'} input), after build_vocab (timed apart)`,
      },
    };
  }
  if (result.missing === true) return { ok: true, value: { unavailable: `${python}: not found` } };
  return result;
}
